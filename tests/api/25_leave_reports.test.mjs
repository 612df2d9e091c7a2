// 25_leave_reports.test.mjs - the leave outputs of issue 4 (docs/api-leave-reports.md): the
// leave letter of an approved request (409 before; a real PDF whose inflated page text shows the
// decree number the approval stored, the NIP, the days in words, the N-2/N-1/N balance rows and
// the signer, "Plt." only when the signer acted), readable exactly by the request's readers;
// the unit leave calendar (who is away which day; pending counted apart; from/to/subunits
// validated; an atasan never gets the sub-units); the yearly recap XLSX (one row per employee
// with the year's balance and the days per type). Scope: pegawai 403 on unit reports,
// admin.dinkes and atasan.dinkes 404 on DISDIK, pegawai.disdik 404 on a DINKES letter; unknown
// query parameters 422 unknown_parameter.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { before, test } from 'node:test';
import {
  BASE, UNITS, USERS, allUnits, assertError, get, loginOk, post, serverNow, sqlOk,
} from './lib.mjs';

let dinkes;
let disdik;
let s = {}; // sessions by account
let reqA; // approved: 2 working days
let reqB; // pending: 1 working day, in the same week
let official; // the account that decided reqA's last step
let emp; // pegawai.dinkes's employee id

const iso = (d) => d.toISOString().slice(0, 10);
const body = (start, end) => ({
  type: 'tahunan', start_date: start, end_date: end, reason: 'Urusan keluarga',
  address: 'Jl. Gatot Subroto No. 7, Medan', phone: '081298765432',
});

// A Monday `weeks` weeks after the server's today.
function monday(weeks) {
  const d = new Date(serverNow() * 1000);
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + 7 * weeks);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
const plus = (d, n) => { const x = new Date(d); x.setUTCDate(x.getUTCDate() + n); return iso(x); };

async function bytes(path, session) {
  const res = await fetch(BASE + path, { headers: { cookie: `abdi_session=${session.token}` } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

// The text a reader shows: every "(...) Tj" string of the inflated content streams, escapes
// undone (libharu writes "/" as \057, parentheses as \050 \051), one line each.
function pdfLines(buf) {
  const s1 = buf.toString('latin1');
  let raw = '';
  for (let at = s1.indexOf('stream'); at >= 0; at = s1.indexOf('stream', at + 6)) {
    if (s1.slice(at - 3, at) === 'end') continue;
    let start = at + 6;
    if (s1[start] === '\r') start++;
    if (s1[start] === '\n') start++;
    const end = s1.indexOf('endstream', start);
    if (end < 0) break;
    try { raw += zlib.inflateSync(buf.subarray(start, end)).toString('latin1') + '\n'; } catch { /* not Flate */ }
    at = end;
  }
  const lines = [];
  for (const m of raw.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) {
    lines.push(m[1].replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)))
      .replace(/\\(.)/g, '$1'));
  }
  return lines;
}

function zipMember(buf, name) {
  let eocd = buf.length - 22;
  while (eocd > 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(at + 10);
    const csize = buf.readUInt32LE(at + 20);
    const nlen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nlen) === name) {
      const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(data, data + csize);
      return (method === 0 ? raw : zlib.inflateRawSync(raw)).toString('utf8');
    }
    at += 46 + nlen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return null;
}

before(async () => {
  const units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  for (const [k, u] of Object.entries(USERS)) s[k] = await loginOk(u);
  emp = s.pegawaiDinkes.user.employee_id;
  assert.ok(emp, 'pegawai.dinkes has a record');
  // a free week far enough from what 24_leave filed: 2 days (Mon-Tue) and 1 day (Thu)
  for (let w = 20; w < 40 && !reqA; w++) {
    const m = monday(w);
    const a = await post('/api/v1/leave-requests?dry_run=true', body(iso(m), plus(m, 1)), { session: s.pegawaiDinkes });
    const b = await post('/api/v1/leave-requests?dry_run=true', body(plus(m, 3), plus(m, 3)), { session: s.pegawaiDinkes });
    if (a.status !== 200 || a.json.working_days !== 2 || b.status !== 200 || b.json.working_days !== 1) continue;
    const ra = await post('/api/v1/leave-requests', body(iso(m), plus(m, 1)), { session: s.pegawaiDinkes });
    assert.equal(ra.status, 201, ra.text);
    reqA = ra.json;
    const rb = await post('/api/v1/leave-requests', body(plus(m, 3), plus(m, 3)), { session: s.pegawaiDinkes });
    assert.equal(rb.status, 201, rb.text);
    reqB = rb.json;
  }
  assert.ok(reqA && reqB, 'two requests filed');
});

test('letter.pdf: 409 leave_not_approved until the last approval, for every reader', async () => {
  const res = await get(`/api/v1/leave-requests/${reqA.id}/letter.pdf`, { session: s.pegawaiDinkes });
  assertError(res, 409, 'leave_not_approved', null);
  // the supervisor approves; still not final
  const d1 = await post(`/api/v1/leave-requests/${reqA.id}/decision`, { decision: 'approve' }, { session: s.atasanDinkes });
  assert.equal(d1.status, 200, d1.text);
  assert.equal(d1.json.status, 'pending_official');
  assertError(await get(`/api/v1/leave-requests/${reqA.id}/letter.pdf`, { session: s.atasanDinkes }), 409, 'leave_not_approved', null);
  for (const k of ['pimpinan', 'bkpsdm', 'adminDinkes', 'atasanDinkes']) {
    const inbox = await get('/api/v1/leave-requests?inbox=true&per_page=200', { session: s[k] });
    if (inbox.status === 200 && inbox.json.items.some((r) => r.id === reqA.id)) { official = k; break; }
  }
  assert.ok(official, `someone must decide next: ${JSON.stringify(d1.json.approver)}`);
  const d2 = await post(`/api/v1/leave-requests/${reqA.id}/decision`, { decision: 'approve' }, { session: s[official] });
  assert.equal(d2.status, 200, d2.text);
  assert.equal(d2.json.status, 'approved');
  assert.ok(d2.json.letter_number, 'the approval stores a number');
  reqA = d2.json;
});

test('letter.pdf: a real A4 letter with the number, NIP, days, balance rows and signer', async () => {
  const res = await bytes(`/api/v1/leave-requests/${reqA.id}/letter.pdf`, s.pegawaiDinkes);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'),
    new RegExp(`^attachment; filename="surat-izin-cuti-${reqA.employee_nip}-${reqA.id}\\.pdf"$`));
  assert.equal(res.buf.subarray(0, 5).toString(), '%PDF-');
  assert.match(res.buf.subarray(-8).toString('latin1'), /%%EOF/);
  assert.match(res.buf.toString('latin1'), /\/MediaBox \[ 0 0 595(\.\d+)? 841(\.\d+)? \]/, 'A4 portrait');
  const lines = pdfLines(res.buf);
  const text = lines.join(' ');
  assert.ok(lines.includes('SURAT IZIN CUTI TAHUNAN'), lines.join('\n'));
  assert.ok(lines.includes(`Nomor: ${reqA.letter_number}`), lines.join('\n'));
  assert.ok(lines.includes(reqA.employee_nip));
  const rec = (await get(`/api/v1/employees/${emp}`, { session: s.bkpsdm })).json;
  const full = `${rec.gelar_depan ? rec.gelar_depan + ' ' : ''}${rec.name}${rec.gelar_belakang ? ', ' + rec.gelar_belakang : ''}`;
  assert.ok(lines.includes(full), `the name with degrees: ${full}`);
  assert.ok(lines.includes('DINAS KESEHATAN'), 'the OPD in the header');
  assert.match(text, /selama 2 \(dua\) hari kerja, terhitung mulai tanggal \d{1,2} \w+ \d{4} sampai dengan tanggal/);
  assert.match(text, /Alamat selama menjalankan cuti: Jl\. Gatot Subroto No\. 7, Medan, telepon 081298765432\./);
  // balance rows N-2, N-1, N with N's "available" after this leave
  const year = Number(reqA.start_date.slice(0, 4));
  const bal = await get(`/api/v1/leave-balances/${emp}?year=${year}`, { session: s.pegawaiDinkes });
  assert.equal(bal.status, 200, bal.text);
  const at = lines.indexOf('Keterangan');
  assert.ok(at > 0, 'the balance table');
  assert.deepEqual(lines.slice(at + 1, at + 10).filter((_, i) => i % 3 === 0), [String(year - 2), String(year - 1), String(year)]);
  assert.equal(lines[at + 8], String(bal.json.available));
  assert.match(lines[at + 9], new RegExp(`^N: hak ${bal.json.entitlement} \\+ sisa ${bal.json.carried_over}, diambil ${bal.json.taken}`));
  // the signer: the decider of the last step, no acting prefix
  assert.ok(!text.includes('Plt.') && !text.includes('Plh.'), 'no acting prefix');
  const signer = sqlOk(`SELECT signer_employee_id FROM leave_requests WHERE id = ${reqA.id}`);
  if (String(signer).trim() !== '') {
    const who = await get(`/api/v1/employees/${String(signer).trim()}`, { session: s.bkpsdm });
    assert.equal(who.status, 200, who.text);
    assert.ok(lines.includes(`NIP ${who.json.nip}`), 'the signer\'s NIP');
  }
});

test('letter.pdf: "Plt." before the post when an acting official signed', async () => {
  const pos = sqlOk(`SELECT id FROM positions WHERE unit_id = ${dinkes.id} ORDER BY id LIMIT 1`);
  sqlOk(`UPDATE leave_requests SET signer_acting = 'plt', signer_position_id = ${String(pos).trim()} WHERE id = ${reqA.id}`);
  try {
    const res = await bytes(`/api/v1/leave-requests/${reqA.id}/letter.pdf`, s.pegawaiDinkes);
    assert.equal(res.status, 200);
    const name = String(sqlOk(`SELECT name FROM positions WHERE id = ${String(pos).trim()}`)).trim();
    assert.ok(pdfLines(res.buf).some((l) => l.startsWith(`Plt. ${name}`.slice(0, 40))), 'Plt. prefix');
  } finally {
    sqlOk(`UPDATE leave_requests SET signer_acting = NULL, signer_position_id = (SELECT position_id FROM employees WHERE id = signer_employee_id) WHERE id = ${reqA.id}`);
  }
});

test('letter.pdf: the request\'s readers only; others 404', async () => {
  for (const k of ['pegawaiDinkes', 'atasanDinkes', 'adminDinkes', 'bkpsdm']) {
    const r = await bytes(`/api/v1/leave-requests/${reqA.id}/letter.pdf`, s[k]);
    assert.equal(r.status, 200, `${k} reads the letter`);
  }
  assertError(await get(`/api/v1/leave-requests/${reqA.id}/letter.pdf`, { session: s.pegawaiDisdik }), 404, 'not_found');
  assertError(await get('/api/v1/leave-requests/999999999/letter.pdf', { session: s.bkpsdm }), 404, 'not_found');
  const anon = await get(`/api/v1/leave-requests/${reqA.id}/letter.pdf`);
  assert.equal(anon.status, 401);
});

test('leave-calendar: who is away each day, pending apart, in the unit', async () => {
  const from = reqA.start_date;
  const to = plus(new Date(from + 'T00:00:00Z'), 6);
  const res = await get(`/api/v1/units/${dinkes.id}/leave-calendar?from=${from}&to=${to}`, { session: s.atasanDinkes });
  assert.equal(res.status, 200, res.text);
  const c = res.json;
  assert.equal(c.unit_id, dinkes.id);
  assert.equal(c.unit_name, dinkes.name);
  assert.equal(c.subunits, false);
  assert.equal(c.from, from);
  assert.equal(c.to, to);
  assert.equal(c.days.length, 7);
  const a = c.items.find((x) => x.request_id === reqA.id);
  const b = c.items.find((x) => x.request_id === reqB.id);
  assert.deepEqual(a && { s: a.status, d: a.working_days, e: a.employee_id, n: a.employee_nip },
    { s: 'approved', d: 2, e: emp, n: reqA.employee_nip });
  assert.equal(b && b.status, 'pending_supervisor');
  const day = (d) => c.days.find((x) => x.date === d);
  const mine = (d, st) => c.items.filter((x) => x.start_date <= d && x.end_date >= d && (st(x.status))).length;
  for (const d of c.days) { // the counts are those of the items
    assert.equal(d.away, mine(d.date, (x) => x === 'approved'), d.date);
    assert.equal(d.pending, mine(d.date, (x) => x !== 'approved'), d.date);
  }
  assert.ok(day(reqA.start_date).away >= 1);
  assert.ok(day(reqB.start_date).pending >= 1);
  assert.ok(c.items.every((x) => x.unit_id === dinkes.id), 'only the unit itself');
  // admin.dinkes with sub-units; an atasan's subunits=true stays the unit alone
  const sub = await get(`/api/v1/units/${dinkes.id}/leave-calendar?from=${from}&to=${to}&subunits=true`, { session: s.adminDinkes });
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.json.subunits, true);
  const own = await get(`/api/v1/units/${dinkes.id}/leave-calendar?from=${from}&to=${to}&subunits=true`, { session: s.atasanDinkes });
  assert.equal(own.json.subunits, false);
  // default: the current month of the server clock
  const def = await get(`/api/v1/units/${dinkes.id}/leave-calendar`, { session: s.atasanDinkes });
  assert.equal(def.status, 200, def.text);
  assert.equal(def.json.from, iso(new Date(serverNow() * 1000)).slice(0, 8) + '01');
  assert.equal(def.json.days.length, Number(def.json.to.slice(8)));
});

test('leave-calendar: bad input 422 naming the field; scope and roles', async () => {
  const u = `/api/v1/units/${dinkes.id}/leave-calendar`;
  const a = { session: s.atasanDinkes };
  assertError(await get(`${u}?from=2026-02-30`, a), 422, 'validation_failed', 'from');
  assertError(await get(`${u}?from=2026-03-01&to=x`, a), 422, 'validation_failed', 'to');
  assertError(await get(`${u}?from=2026-03-10&to=2026-03-01`, a), 422, 'validation_failed', 'to');
  assertError(await get(`${u}?from=2026-01-01&to=2027-01-02`, a), 422, 'validation_failed', 'to');
  assertError(await get(`${u}?subunits=ya`, a), 422, 'validation_failed', 'subunits');
  assertError(await get(`${u}?bulan=3`, a), 422, 'unknown_parameter', 'bulan');
  assert.equal((await get(`${u}?from=2026-01-01&to=2026-12-31`, a)).status, 200, '366 days are fine');
  assert.equal((await get(u, { session: s.pegawaiDinkes })).status, 403);
  assertError(await get(`/api/v1/units/${disdik.id}/leave-calendar`, a), 404, 'not_found');
  assertError(await get(`/api/v1/units/${disdik.id}/leave-calendar`, { session: s.adminDinkes }), 404, 'not_found');
  assertError(await get('/api/v1/units/999999999/leave-calendar', { session: s.bkpsdm }), 404, 'not_found');
});

test('leave-recap.xlsx: one row per employee with the balance and days per type', async () => {
  const year = Number(reqA.start_date.slice(0, 4));
  const res = await bytes(`/api/v1/units/${dinkes.id}/leave-recap.xlsx?year=${year}`, s.atasanDinkes);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition'), new RegExp(`filename="rekap-cuti-DINKES-${year}\\.xlsx"`));
  assert.equal(res.buf.subarray(0, 2).toString(), 'PK');
  const sheet = zipMember(res.buf, 'xl/worksheets/sheet1.xml');
  assert.ok(sheet, 'a worksheet');
  const shared = zipMember(res.buf, 'xl/sharedStrings.xml');
  const strings = shared ? [...shared.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((m) => m[1]) : [];
  // every row's cells: inline strings, shared strings (t="s") or numbers
  const all = [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((m) =>
    [...m[1].matchAll(/<c [^>]*?(t="(\w+)")?[^>]*>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/gs)]
      .map((c) => (c[3] !== undefined ? c[3] : c[2] === 's' ? strings[Number(c[4])] : Number(c[4]))));
  const header = all.find((r) => r[0] === 'NIP');
  assert.deepEqual(header, ['NIP', 'Nama', 'Unit kerja', 'Hak cuti tahunan', 'Sisa tahun lalu', 'Cuti tahunan',
    'Cuti besar', 'Cuti sakit', 'Cuti melahirkan', 'Cuti alasan penting', 'Cuti bersama', 'CLTN',
    'Menunggu persetujuan', 'Sisa cuti tahunan']);
  const row = all.find((r) => r[0] === reqA.employee_nip);
  assert.ok(row, 'the employee\'s row');
  const bal = (await get(`/api/v1/leave-balances/${emp}?year=${year}`, { session: s.bkpsdm })).json;
  assert.deepEqual(row.slice(3), [bal.entitlement, bal.carried_over, bal.taken, 0, 0, 0, 0, 0, 0, bal.pending, bal.available]);
  assert.ok(bal.taken >= 2 && bal.pending >= 1, JSON.stringify(bal));
  // only DINKES itself; nobody from DISDIK
  const units = new Set(all.filter((r) => /^\d{18}$/.test(String(r[0]))).map((r) => r[2]));
  assert.deepEqual([...units], [dinkes.name]);
});

test('leave-recap.xlsx: bad year 422; scope and roles', async () => {
  const u = `/api/v1/units/${dinkes.id}/leave-recap.xlsx`;
  assertError(await get(`${u}?year=abc`, { session: s.adminDinkes }), 422, 'validation_failed', 'year');
  assertError(await get(`${u}?year=1800`, { session: s.adminDinkes }), 422, 'validation_failed', 'year');
  assertError(await get(`${u}?tahun=2026`, { session: s.adminDinkes }), 422, 'unknown_parameter', 'tahun');
  assert.equal((await get(u, { session: s.pegawaiDinkes })).status, 403);
  assertError(await get(`/api/v1/units/${disdik.id}/leave-recap.xlsx`, { session: s.adminDinkes }), 404, 'not_found');
  assertError(await get(`/api/v1/units/${disdik.id}/leave-recap.xlsx`, { session: s.atasanDinkes }), 404, 'not_found');
  const sub = await bytes(`${u}?subunits=true`, s.bkpsdm);
  assert.equal(sub.status, 200);
});
