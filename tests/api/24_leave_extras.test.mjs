// 24_leave_extras.test.mjs - the leave gaps of issue 4 closed later (docs/api-leave.md):
// collective-leave days worked through (recorded by an admin, validated against the calendar,
// idempotent, audited; added to that year's balance while the year's setting is on), a PPPK's
// annual leave before 1 year of service (at most 6 days with a reason, deducted from the next
// year's balance), a CLTN's extension (once, at most 1 year) and return (state back to active,
// a late report flagged; an unreported end shows as overdue), and a sick leave with an uploaded
// doctor's letter (PDF magic bytes) against one without.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk, userAdd,
} from './lib.mjs';

const tag = Math.random().toString(36).slice(2, 7);
const count = (where) => Number(sqlOk(`SELECT count(*) FROM ${where}`));
const audits = (action) => count(`audit_log WHERE action = '${action}'`);
const cleanup = { cancel: [], backdate: false };

function day(offsetDays = 0) {
  return new Date((serverNow() + offsetDays * 86400) * 1000).toISOString().slice(0, 10);
}
function addDays(s, n) {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function addYears(s, n) {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}
function monday(n) {
  let s = day(n);
  while (new Date(`${s}T00:00:00Z`).getUTCDay() !== 1) s = addDays(s, 1);
  return s;
}
const body = (extra = {}) => ({
  type: 'tahunan', reason: 'Keperluan keluarga', address: 'Jl. Merdeka 1, Medan', phone: '081234567890', ...extra,
});

let disdik;
const emp = {};

async function balance(s, employeeId, year) {
  const res = await get(`/api/v1/leave-balances/${employeeId}?year=${year}`, { session: s });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

// A new employee of DISDIK on pegawai.disdik's post (no supervisor holder there: BKPSDM decides).
async function newEmployee(bk, status, nipHead, birth, extra = {}) {
  const post0 = Number(sqlOk(`SELECT position_id FROM employees WHERE id = ${emp.disdik}`));
  for (let seq = 1; seq < 999; seq++) {
    const r = await post('/api/v1/employees', {
      nip: `${nipHead}${String(seq).padStart(3, '0')}`,
      nik: `127501${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}${String(seq).padStart(4, '0')}`,
      name: `Pegawai ${status} ${tag}`, birth_place: 'Medan', birth_date: birth, gender: 'L', status,
      unit_id: disdik.id, position_id: post0, ...extra,
    }, { session: bk });
    if (r.status === 409) continue;
    assert.equal(r.status, 201, r.text);
    return r.json;
  }
  throw new Error('no free NIP');
}

// Files a request as bk and lets BKPSDM approve it to the end.
async function approved(bk, b) {
  const res = await post('/api/v1/leave-requests', b, { session: bk });
  assert.equal(res.status, 201, res.text);
  let r = res.json;
  while (r.status !== 'approved') {
    assert.equal(r.approver.kind, 'bkpsdm', JSON.stringify(r.approver));
    const x = await post(`/api/v1/leave-requests/${r.id}/decision`, { decision: 'approve' }, { session: bk });
    assert.equal(x.status, 200, x.text);
    r = x.json;
  }
  return r;
}

before(async () => {
  const units = await allUnits();
  disdik = units.get(UNITS.disdik);
  assert.ok(disdik);
  emp.pegawai = Number(sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.pegawaiDinkes}'`));
  emp.disdik = Number(sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.pegawaiDisdik}'`));
});

after(async () => {
  const bk = await loginOk(USERS.bkpsdm);
  if (cleanup.backdate) {
    const r = await request('PUT', '/api/v1/leave-settings', { json: { 'leave.backdate_days': 0 }, session: bk });
    assert.equal(r.status, 200, r.text);
  }
  for (const id of cleanup.cancel) {
    const r = await post(`/api/v1/leave-requests/${id}/cancel`, { reason: 'Selesai diuji' }, { session: bk });
    assert.equal(r.status, 200, r.text);
  }
});

test('collective leave worked through: recorded, validated, idempotent, audited, added per the year setting', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const year = Number(day(0).slice(0, 4)) + 2;
  // two collective days of that year in the calendar (a Wednesday and a Thursday of March)
  let d1 = `${year}-03-10`;
  while (new Date(`${d1}T00:00:00Z`).getUTCDay() !== 3) d1 = addDays(d1, 1);
  const d2 = addDays(d1, 1);
  for (const [date, name] of [[d1, 'Cuti bersama uji 1'], [d2, 'Cuti bersama uji 2']]) {
    const h = await post('/api/v1/holidays', { date, name, collective: true }, { session: bk });
    assert.equal(h.status, 201, h.text);
  }
  const b0 = await balance(peg, emp.pegawai, year);
  assert.equal(b0.collective_worked, 0);
  const url = '/api/v1/leave-collective-worked';
  const rec = (json, s = admin) => post(url, json, { session: s });
  const n0 = count('leave_collective_worked');
  const a0 = audits('leave.collective_worked');
  // bad input names the field, writes nothing
  assertError(await rec({ employee_id: emp.pegawai, year, dates: [addDays(d1, -1)] }), 422, 'validation_failed', 'dates');
  assertError(await rec({ employee_id: emp.pegawai, year, dates: [`${year + 1}-01-01`] }), 422, 'validation_failed', 'dates');
  assertError(await rec({ employee_id: emp.pegawai, year, dates: [] }), 422, 'validation_failed', 'dates');
  assertError(await rec({ employee_id: emp.pegawai, year: 12, dates: [d1] }), 422, 'validation_failed', 'year');
  assertError(await rec({ employee_id: emp.pegawai, year, dates: [d1], colour: 1 }), 422, 'unknown_field', 'colour');
  // scope and role: another unit's employee is 404 for admin.dinkes; a pegawai is 403
  assertError(await rec({ employee_id: emp.disdik, year, dates: [d1] }), 404, 'not_found');
  assertError(await rec({ employee_id: emp.pegawai, year, dates: [d1] }, peg), 403, 'forbidden');
  assert.equal(count('leave_collective_worked'), n0, 'nothing written');
  assert.equal(audits('leave.collective_worked'), a0);

  const ok = await rec({ employee_id: emp.pegawai, year, dates: [d1, d2] });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.added, 2);
  assert.deepEqual(ok.json.dates, [d1, d2]);
  assert.equal(ok.json.adds_to_annual, true);
  assert.equal(audits('leave.collective_worked'), a0 + 1);
  // again: nothing new, nothing audited
  const again = await rec({ employee_id: emp.pegawai, year, dates: [d2] });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.added, 0);
  assert.equal(again.json.days, 2);
  assert.equal(audits('leave.collective_worked'), a0 + 1);
  assert.equal(count('leave_collective_worked'), n0 + 2);
  const list = await get(`${url}?employee_id=${emp.pegawai}&year=${year}`, { session: admin });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.dates, [d1, d2]);

  // the balance of that year: +2, explained; the days were worked, not taken
  const b1 = await balance(peg, emp.pegawai, year);
  assert.equal(b1.collective_worked, 2);
  assert.equal(b1.available, b0.available + 2);
  assert.equal(b1.collective_taken, Math.max(0, b0.collective_taken - 2));
  assert.ok(b1.explanation.some((x) => x.code === 'collective_worked' && x.days === 2), JSON.stringify(b1.explanation));

  // the per-year setting: BKPSDM turns it off for that year (audited), the days are not added
  const yurl = `/api/v1/leave-collective-years/${year}`;
  assertError(await request('PUT', yurl, { json: { adds_to_annual: false }, session: admin }), 403, 'forbidden');
  assertError(await request('PUT', yurl, { json: { adds_to_annual: 'no' }, session: bk }), 422, 'validation_failed', 'adds_to_annual');
  const y0 = audits('leave.collective_year');
  const off = await request('PUT', yurl, { json: { adds_to_annual: false }, session: bk });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.adds_to_annual, false);
  assert.equal(audits('leave.collective_year'), y0 + 1);
  assert.equal((await get(yurl, { session: admin })).json.adds_to_annual, false);
  const b2 = await balance(peg, emp.pegawai, year);
  assert.equal(b2.collective_worked, 0);
  assert.equal(b2.available, b0.available);
  assert.ok(b2.explanation.some((x) => x.code === 'collective_worked' && x.days === 0));
  const on = await request('PUT', yurl, { json: { adds_to_annual: true }, session: bk });
  assert.equal(on.status, 200, on.text);
  assert.equal((await balance(peg, emp.pegawai, year)).available, b0.available + 2);
  // a day recorded by mistake is removed (audited); again → 404; scope and role as for POST
  const del = (id, date, s = admin) => request('DELETE', `${url}/${id}/${date}`, { session: s });
  assertError(await del(emp.disdik, d2), 404, 'not_found');
  assertError(await del(emp.pegawai, d2, peg), 403, 'forbidden');
  assertError(await del(emp.pegawai, 'besok'), 422, 'validation_failed', 'date');
  const a1 = audits('leave.collective_worked');
  const gone = await del(emp.pegawai, d2);
  assert.equal(gone.status, 200, gone.text);
  assert.deepEqual(gone.json.dates, [d1]);
  assert.equal(audits('leave.collective_worked'), a1 + 1);
  assertError(await del(emp.pegawai, d2), 404, 'not_found');
  assert.equal((await balance(peg, emp.pegawai, year)).available, b0.available + 1);
});

test('PPPK before 1 year of service: at most 6 days with a reason, deducted from the next year', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const start = monday(7);
  const year = Number(start.slice(0, 4));
  // a PPPK appointed in the year of the leave (NI PPPK: birth, appointment year, 2, batch, sex)
  const x = await newEmployee(bk, 'PPPK', `19950510${year}211`, '1995-05-10',
    { golongan: 'IX', tmt_golongan: `${year}-01-01` });
  const early = (s, e, extra = {}) => body({ employee_id: x.id, start_date: s, end_date: e, ...extra });
  const url = '/api/v1/leave-requests';
  // without the reason: not yet entitled
  assertError(await post(url, early(start, addDays(start, 2)), { session: bk }), 422, 'validation_failed', 'type');
  assertError(await post(url, early(start, addDays(start, 2), { early_reason: 'liburan' }), { session: bk }), 422, 'validation_failed', 'early_reason');
  // a PNS may not use it
  assertError(await post(url, body({ employee_id: emp.disdik, start_date: start, end_date: start, early_reason: 'perkawinan_pertama' }), { session: bk }), 422, 'validation_failed', 'early_reason');
  // 7 working days: over the 6
  assertError(await post(url, early(start, addDays(start, 8), { early_reason: 'perkawinan_pertama' }), { session: bk }), 422, 'validation_failed', 'end_date');
  const r1 = await post(url, early(start, addDays(start, 2), { early_reason: 'keluarga_meninggal' }), { session: bk });
  assert.equal(r1.status, 201, r1.text);
  assert.equal(r1.json.early_reason, 'keluarga_meninggal');
  assert.equal(r1.json.charged_days, 3);
  cleanup.cancel.push(r1.json.id);
  // 3 used: another 4 is too many, 3 fit
  const s2 = addDays(start, 7);
  const over = await post(url, early(s2, addDays(s2, 3), { early_reason: 'keluarga_sakit_keras' }), { session: bk });
  assertError(over, 422, 'validation_failed', 'end_date');
  assert.match(over.json.error.message, /paling banyak 6 hari: sudah 3 hari/);
  // the next year's balance shows the deduction; this year's shows nothing taken
  const now = await balance(bk, x.id, year);
  assert.equal(now.entitlement, 0);
  assert.equal(now.taken, 0);
  let next = await balance(bk, x.id, year + 1);
  assert.equal(next.entitlement, 12);
  assert.equal(next.early_deducted, 3);
  assert.equal(next.available, 9);
  assert.ok(next.explanation.some((e) => e.code === 'early' && e.days === -3), JSON.stringify(next.explanation));
  // the official changes it to 2 days: still an early leave under its own limit
  assert.equal(r1.json.approver.kind, 'bkpsdm');
  const ch = await post(`${url}/${r1.json.id}/decision`,
    { decision: 'change', end_date: addDays(start, 1), reason: 'Cukup 2 hari' }, { session: bk });
  assert.equal(ch.status, 200, ch.text);
  assert.equal(ch.json.status, 'approved');
  assert.equal(ch.json.charged_days, 2);
  assert.equal(ch.json.early_reason, 'keluarga_meninggal');
  next = await balance(bk, x.id, year + 1);
  assert.equal(next.early_deducted, 2);
  assert.equal(next.available, 10);
});

test('CLTN: extension once by at most 1 year; return sets the state back to active, a late report flagged', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const url = '/api/v1/leave-requests';
  const cltn = (id, s, e) => body({ type: 'cltn', employee_id: id, start_date: s, end_date: e, reason: 'Mengikuti suami tugas belajar' });
  // 1. a CLTN that starts next week: extended once, by at most 1 year
  const a = await newEmployee(bk, 'PNS', '198203152006041', '1982-03-15', { golongan: 'III/b', tmt_golongan: '2014-04-01' });
  const s1 = monday(7);
  const e1 = addDays(addYears(s1, 1), -1);
  const c1 = await approved(bk, cltn(a.id, s1, e1));
  assert.equal(c1.cltn.extended_from, null);
  assert.ok(c1.cltn.report_due > e1 && c1.cltn.report_due <= addDays(e1, 31), c1.cltn.report_due);
  assert.equal(c1.cltn.overdue, false);
  const ext = (id, json, s = bk) => post(`${url}/${id}/extend`, json, { session: s });
  const e2 = addDays(addYears(addDays(e1, 1), 1), -1);
  assertError(await ext(c1.id, { end_date: addDays(e2, 1), reason: 'Masih tugas belajar' }), 422, 'validation_failed', 'end_date');
  assertError(await ext(c1.id, { end_date: e2 }), 422, 'validation_failed', 'reason');
  assertError(await ext(c1.id, { end_date: e2, reason: 'x' }, admin), 403, 'forbidden');
  // the employee has an account: told of the extension in the notifications
  userAdd('cltn.uji', { name: 'Pegawai CLTN' });
  sqlOk(`UPDATE users SET employee_id = ${a.id} WHERE username = 'cltn.uji'`);
  const told = () => count(`notifications WHERE kind = 'leave.status' AND link = '#/cuti/${c1.id}' AND user_id = (SELECT id FROM users WHERE username = 'cltn.uji')`);
  const n0 = told();
  const x0 = audits('leave.cltn_extend');
  const ok = await ext(c1.id, { end_date: e2, reason: 'Masih tugas belajar' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.end_date, e2);
  assert.equal(ok.json.cltn.extended_from, e1);
  assert.equal(ok.json.cltn.extension_reason, 'Masih tugas belajar');
  assert.equal(audits('leave.cltn_extend'), x0 + 1);
  assert.equal(told(), n0 + 1, 'the employee is told of the extension');
  assertError(await ext(c1.id, { end_date: addDays(e2, 10), reason: 'Lagi' }), 409, 'cltn_already_extended');
  assert.equal(told(), n0 + 1, 'a refused extension tells nobody');
  // a request that is not a CLTN
  const other = await post(url, body({ employee_id: emp.disdik, start_date: monday(35), end_date: monday(35) }), { session: bk });
  assert.equal(other.status, 201, other.text);
  cleanup.cancel.push(other.json.id);
  assertError(await ext(other.json.id, { end_date: monday(42), reason: 'x' }), 409, 'leave_not_cltn');

  // 2. CLTNs in the past (BKPSDM allows filing 366 days back for this)
  const setBack = (n) => request('PUT', '/api/v1/leave-settings', { json: { 'leave.backdate_days': n }, session: bk });
  assert.equal((await setBack(366)).status, 200);
  cleanup.backdate = true;
  const b = await newEmployee(bk, 'PNS', '198203152006041', '1982-03-15', { golongan: 'III/b', tmt_golongan: '2014-04-01' });
  const c = await newEmployee(bk, 'PNS', '198203152006041', '1982-03-15', { golongan: 'III/b', tmt_golongan: '2014-04-01' });
  const cb = await approved(bk, cltn(b.id, day(-100), day(-20)));
  const cc = await approved(bk, cltn(c.id, day(-300), day(-60)));
  assert.equal((await setBack(0)).status, 200);
  cleanup.backdate = false;
  assert.equal(sqlOk(`SELECT state FROM employees WHERE id = ${c.id}`), 'cltn');
  // the end passed more than a month ago without a report: the state stays cltn, flagged overdue
  const seen = await get(`${url}/${cc.id}`, { session: bk });
  assert.equal(seen.json.cltn.overdue, true);
  assert.equal(seen.json.cltn.returned_on, null);
  const ret = (id, json, s = bk) => post(`${url}/${id}/return`, json, { session: s });
  assertError(await ret(cb.id, { returned_on: day(1) }), 422, 'validation_failed', 'returned_on');
  assertError(await ret(cb.id, { returned_on: day(-100) }), 422, 'validation_failed', 'returned_on');
  assertError(await ret(cb.id, { returned_on: day(-5) }, admin), 404, 'not_found');
  assertError(await ret(cb.id, { returned_on: day(-5), note: 1 }), 422, 'unknown_field', 'note');
  assertError(await ret(c1.id, { returned_on: day(0) }), 422, 'validation_failed', 'returned_on'); // not started
  // within the month: not late, state active again, audited
  userAdd('cltn.uji2', { name: 'Pegawai CLTN Dua' });
  sqlOk(`UPDATE users SET employee_id = ${b.id} WHERE username = 'cltn.uji2'`);
  const toldB = () => count(`notifications WHERE kind = 'leave.status' AND link = '#/cuti/${cb.id}' AND user_id = (SELECT id FROM users WHERE username = 'cltn.uji2')`);
  const m0 = toldB();
  const r0 = audits('leave.cltn_return');
  const rb = await ret(cb.id, { returned_on: day(-5) });
  assert.equal(rb.status, 200, rb.text);
  assert.equal(rb.json.cltn.returned_on, day(-5));
  assert.equal(rb.json.cltn.return_late, false);
  assert.equal(rb.json.cltn.overdue, false);
  assert.equal(sqlOk(`SELECT state FROM employees WHERE id = ${b.id}`), 'active');
  assert.equal(audits('leave.cltn_return'), r0 + 1);
  assert.equal(toldB(), m0 + 1, 'the employee is told the return was recorded');
  assertError(await ret(cb.id, { returned_on: day(-4) }), 409, 'cltn_already_returned');
  // late: flagged in the answer and in the audit entry
  const rc = await ret(cc.id, { returned_on: day(0) });
  assert.equal(rc.status, 200, rc.text);
  assert.equal(rc.json.cltn.return_late, true);
  assert.equal(sqlOk(`SELECT state FROM employees WHERE id = ${c.id}`), 'active');
  const audit = sqlOk(`SELECT after_json FROM audit_log WHERE action = 'leave.cltn_return' AND entity_id = '${cc.id}'`);
  assert.match(audit, /"return_late":\s*true/);
  // an employee active again may ask for leave
  const s3 = monday(400);
  const again = await post(url, body({ employee_id: c.id, start_date: s3, end_date: s3 }), { session: bk });
  assert.equal(again.status, 201, again.text);
  cleanup.cancel.push(again.json.id);
});

test('sick leave with an uploaded doctor\'s letter (PDF); without it 422 document_id', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const url = '/api/v1/leave-requests';
  const start = monday(91);
  const sick = (extra = {}) => body({ type: 'sakit', doctor_kind: 'swasta', start_date: start, end_date: addDays(start, 1), reason: 'Demam berdarah', ...extra });
  const n0 = count('leave_requests');
  assertError(await post(url, sick(), { session: peg }), 422, 'validation_failed', 'document_id');
  // a document of someone else is not a letter for this employee
  const otherDoc = Number(sqlOk(`SELECT COALESCE(max(id), 0) FROM documents WHERE employee_id <> ${emp.pegawai}`));
  if (otherDoc) {
    assertError(await post(url, sick({ document_id: otherDoc }), { session: peg }), 422, 'validation_failed', 'document_id');
  }
  assert.equal(count('leave_requests'), n0, 'nothing written');
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`Surat keterangan dokter ${tag}\n%%EOF\n`)]);
  const up = await request('POST', `/api/v1/employees/${emp.pegawai}/documents?kind=bukti&filename=surat-dokter.pdf`,
    { session: peg, body: pdf, contentType: 'application/pdf' });
  assert.equal(up.status, 201, up.text);
  // not a PDF though declared one: refused by the upload, so it can never be attached
  const fake = await request('POST', `/api/v1/employees/${emp.pegawai}/documents?kind=bukti&filename=surat.pdf`,
    { session: peg, body: Buffer.from('<html>surat</html>'), contentType: 'application/pdf' });
  assertError(fake, 415, 'content_mismatch', 'content_type');
  const res = await post(url, sick({ document_id: up.json.id }), { session: peg });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.type, 'sakit');
  assert.equal(res.json.document_id, up.json.id);
  assert.equal(res.json.charged_days, 0);
  cleanup.cancel.push(res.json.id);
});
