// 24_leave.test.mjs - leave requests (issue 4): the whole chain with the demo accounts
// (pegawai.dinkes asks, atasan.dinkes recommends, the official decides: BKPSDM while the head
// post of DINKES is vacant, then a Plt appointed through the placement API), the balance and
// its drop, scope (another unit's supervisor gets 404; nobody approves their own request),
// bad input naming the field with nothing written, a dry run, cancellation, shortening after
// return, the chain settings, and concurrency (two requests sent at once that together exceed
// the balance: exactly one succeeds).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  UNITS, USERS, advanceClock, allUnits, assertError, get, loginOk, post, request, serverNow,
  sqlOk, userAdd,
} from './lib.mjs';

const tag = Math.random().toString(36).slice(2, 7);
const count = (where) => Number(sqlOk(`SELECT count(*) FROM ${where}`));
const requests = () => count('leave_requests');
const steps = () => count('leave_steps');
const audits = (action) => count(`audit_log WHERE action = '${action}'`);

function day(offsetDays = 0) {
  return new Date((serverNow() + offsetDays * 86400) * 1000).toISOString().slice(0, 10);
}
function addDays(s, n) {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
// The first Monday at least n days from today.
function monday(n) {
  let s = day(n);
  while (new Date(`${s}T00:00:00Z`).getUTCDay() !== 1) s = addDays(s, 1);
  return s;
}

let dinkes;
let disdik;
const emp = {};
const cleanup = { plt: 0, cancel: [], atasanLeave: 0 };
const body = (extra = {}) => ({
  type: 'tahunan', reason: 'Acara keluarga', address: 'Jl. Merdeka 1, Medan', phone: '081234567890', ...extra,
});

// An account made with the CLI, its first password accepted as is (06_password tests the
// change itself), linked to an employee record when employeeId is given.
function account(username, opts, employeeId) {
  userAdd(username, opts);
  sqlOk(`UPDATE users SET must_change_password = 0${employeeId ? `, employee_id = ${employeeId}` : ''}`
    + ` WHERE username = '${username}'`);
}

async function workingDays(s, unitId, from, to) {
  const res = await get(`/api/v1/calendar/working-days?unit_id=${unitId}&from=${from}&to=${to}`, { session: s });
  assert.equal(res.status, 200, res.text);
  return res.json.working_days;
}

async function balance(s, employeeId, year) {
  const res = await get(`/api/v1/leave-balances/${employeeId}${year ? `?year=${year}` : ''}`, { session: s });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function decide(s, id, decision, extra = {}) {
  return post(`/api/v1/leave-requests/${id}/decision`, { decision, ...extra }, { session: s });
}

// Leave the demo accounts as the next files expect them: no Plt on the DINKES head post,
// atasan.dinkes not away, pegawai.dinkes without pending requests of this file.
after(async () => {
  const bk = await loginOk(USERS.bkpsdm);
  if (cleanup.plt) {
    const r = await post(`/api/v1/assignments/${cleanup.plt}/end`, { ended_on: day(0) }, { session: bk });
    assert.equal(r.status, 200, r.text);
  }
  if (cleanup.atasanLeave) { // started today: no cancel through the API any more
    sqlOk(`UPDATE leave_requests SET status = 'cancelled' WHERE id = ${cleanup.atasanLeave}`);
  }
  const peg = await loginOk(USERS.pegawaiDinkes);
  for (const id of cleanup.cancel) {
    const r = await post(`/api/v1/leave-requests/${id}/cancel`, { reason: 'Selesai diuji' }, { session: peg });
    assert.equal(r.status, 200, r.text);
  }
});

before(async () => {
  const units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  assert.ok(dinkes && disdik, 'demo units');
  emp.pegawai = Number(sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.pegawaiDinkes}'`));
  emp.atasan = Number(sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.atasanDinkes}'`));
  emp.disdik = Number(sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.pegawaiDisdik}'`));
  emp.bkpsdm = Number(sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.bkpsdm}'`));
  // the head post of DINKES (vacant in the demo data)
  emp.headPost = Number(sqlOk('SELECT p.id FROM positions p LEFT JOIN positions pp ON pp.id = p.parent_position_id'
    + ` WHERE p.unit_id = ${dinkes.id} AND (p.parent_position_id IS NULL OR pp.unit_id <> p.unit_id)`
    + ' ORDER BY p.kelas_jabatan DESC, p.id LIMIT 1'));
  assert.ok(emp.pegawai && emp.atasan && emp.disdik && emp.headPost);
});

test('balance: computed with an explanation; scope of who may read it', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const b = await balance(peg, emp.pegawai);
  const year = Number(day(0).slice(0, 4));
  assert.equal(b.year, year);
  assert.equal(b.entitlement, 12);
  assert.equal(b.taken, 0);
  assert.equal(b.pending, 0);
  // appointed years ago and never on leave: two unused years before → 12 carried (24 in all)
  assert.equal(b.carried_over, 12);
  assert.equal(b.available, 24);
  assert.ok(Array.isArray(b.explanation) && b.explanation.length >= 5);
  for (const k of ['entitlement', 'carried_over', 'collective_taken', 'taken', 'pending', 'available']) {
    assert.equal(typeof b[k], 'number', k);
  }
  // the supervisor (a post above) and the unit admin read it; another unit's employee does not
  assert.equal((await balance(await loginOk(USERS.atasanDinkes), emp.pegawai)).available, 24);
  assert.equal((await balance(await loginOk(USERS.adminDinkes), emp.pegawai)).available, 24);
  assertError(await get(`/api/v1/leave-balances/${emp.pegawai}`, { session: await loginOk(USERS.pegawaiDisdik) }), 404, 'not_found');
  assertError(await get(`/api/v1/leave-balances/${emp.disdik}`, { session: await loginOk(USERS.adminDinkes) }), 404, 'not_found');
  assertError(await get(`/api/v1/leave-balances/${emp.pegawai}?year=12`, { session: peg }), 422, 'validation_failed', 'year');
  assertError(await get(`/api/v1/leave-balances/${emp.pegawai}?yr=2026`, { session: peg }), 422, 'unknown_parameter', 'yr');
});

test('bad input names the field and writes nothing; dry run writes nothing', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const start = monday(10);
  const end = addDays(start, 2);
  const n0 = requests();
  const s0 = steps();
  const a0 = audits('leave.request');
  const url = '/api/v1/leave-requests';
  const bad = async (b, field, code = 'validation_failed', status = 422) => {
    assertError(await post(url, b, { session: peg }), status, code, field);
  };
  await bad(body({ start_date: start, end_date: end, type: 'libur' }), 'type');
  await bad(body({ start_date: 'besok', end_date: end }), 'start_date');
  await bad(body({ start_date: start, end_date: addDays(start, -1) }), 'end_date');
  await bad(body({ start_date: start, end_date: end, phone: 'nomor saya' }), 'phone');
  await bad(body({ start_date: start, end_date: end, reason: '   ' }), 'reason');
  await bad(body({ start_date: start, end_date: end, colour: 'red' }), 'colour', 'unknown_field');
  await bad(body({ start_date: day(-3), end_date: day(-1) }), 'start_date'); // in the past
  await bad(body({ start_date: start, end_date: addDays(start, 60) }), 'end_date'); // over the balance
  await bad(body({ type: 'melahirkan', birth_order: 1, start_date: start, end_date: end }), 'type'); // a man
  await bad(body({ type: 'sakit', doctor_kind: 'swasta', start_date: start, end_date: start }), 'document_id');
  await bad(body({ start_date: start, end_date: end, birth_order: 2 }), 'birth_order');
  await bad(body({ start_date: start, end_date: end, travel_days: 3 }), 'travel_days');
  await bad(body({ type: 'ayah', start_date: start, end_date: end }), 'type'); // disabled
  await bad(body({ start_date: start, end_date: end, employee_id: emp.disdik }), undefined, 'not_found', 404);
  // a dry run answers the counted days and the balance, and writes nothing
  const wd = await workingDays(peg, dinkes.id, start, end);
  const dry = await post(`${url}?dry_run=true`, body({ start_date: start, end_date: end }), { session: peg });
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.working_days, wd);
  assert.equal(dry.json.charged_days, wd);
  assert.equal(dry.json.available_before, 24);
  assert.equal(dry.json.available_after, 24 - wd);
  assert.equal(dry.json.approver.employee_id, emp.atasan);
  // the form says "akan diputuskan oleh <name>": the first approver's name is answered
  assert.equal(dry.json.approver.kind, 'employee');
  assert.equal(dry.json.approver.name, sqlOk(`SELECT name FROM employees WHERE id = ${emp.atasan}`));
  assert.equal(dry.json.approver.position_name,
    sqlOk(`SELECT p.name FROM positions p JOIN employees e ON e.position_id = p.id WHERE e.id = ${emp.atasan}`));
  assert.equal(requests(), n0, 'no request written');
  assert.equal(steps(), s0, 'no step written');
  assert.equal(audits('leave.request'), a0, 'nothing audited');
});

test('the whole chain: pegawai asks, atasan recommends, BKPSDM decides; letter number; balance drops', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const atasan = await loginOk(USERS.atasanDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const start = monday(14);
  const end = addDays(start, 2);
  const wd = await workingDays(peg, dinkes.id, start, end);
  assert.ok(wd >= 1);
  const before0 = await balance(peg, emp.pegawai, Number(start.slice(0, 4)));

  const res = await post('/api/v1/leave-requests', body({ start_date: start, end_date: end }), { session: peg });
  assert.equal(res.status, 201, res.text);
  const id = res.json.id;
  assert.equal(res.json.status, 'pending_supervisor');
  assert.equal(res.json.working_days, wd);
  assert.equal(res.json.approver.kind, 'employee');
  assert.equal(res.json.approver.employee_id, emp.atasan);
  assert.equal(res.json.can_cancel, true);
  assert.equal(res.json.steps.length, 1);
  assert.equal(res.json.steps[0].event, 'submit');
  assert.equal(count(`audit_log WHERE action = 'leave.request' AND entity_id = '${id}'`), 1);
  const pend = await balance(peg, emp.pegawai, Number(start.slice(0, 4)));
  assert.equal(pend.pending, before0.pending + wd);
  assert.equal(pend.available, before0.available - wd);

  // own request: refused; another's turn: refused; outside scope: 404
  assertError(await decide(peg, id, 'approve'), 403, 'own_request');
  assertError(await decide(admin, id, 'approve'), 403, 'not_your_turn');
  assertError(await decide(bk, id, 'approve'), 403, 'not_your_turn');
  assertError(await get(`/api/v1/leave-requests/${id}`, { session: await loginOk(USERS.pegawaiDisdik) }), 404, 'not_found');
  account(`atasan.disdik.${tag}`, { role: 'atasan', unit: UNITS.disdik });
  const other = await loginOk(`atasan.disdik.${tag}`);
  assertError(await decide(other, id, 'approve'), 404, 'not_found');
  assertError(await decide(atasan, id, 'reject'), 422, 'validation_failed', 'reason');
  assertError(await decide(atasan, id, 'approve', { foo: 1 }), 422, 'unknown_field', 'foo');

  // the supervisor's inbox has it; approving moves it to the official (BKPSDM: head post vacant)
  const inbox = await get('/api/v1/leave-requests?inbox=true', { session: atasan });
  assert.equal(inbox.status, 200, inbox.text);
  assert.ok(inbox.json.items.some((r) => r.id === id && r.can_decide));
  const d1 = await decide(atasan, id, 'approve', { reason: 'Disetujui atasan' });
  assert.equal(d1.status, 200, d1.text);
  assert.equal(d1.json.status, 'pending_official');
  assert.equal(d1.json.approver.kind, 'bkpsdm');
  assertError(await decide(atasan, id, 'approve'), 403, 'not_your_turn');
  const bkInbox = await get('/api/v1/leave-requests?inbox=true', { session: bk });
  assert.ok(bkInbox.json.items.some((r) => r.id === id));

  const d2 = await decide(bk, id, 'approve');
  assert.equal(d2.status, 200, d2.text);
  assert.equal(d2.json.status, 'approved');
  assert.match(d2.json.letter_number, new RegExp(`^800\\.1\\.11\\.4/${id}/BKPSDM/\\d{4}$`));
  assert.equal(d2.json.approved_on, day(0));
  assert.equal(d2.json.letter_url, `/api/v1/leave-requests/${id}/letter.pdf`);
  // the vacant head post is passed over (a forward step) on the way to BKPSDM
  assert.deepEqual(d2.json.steps.map((s) => s.event), ['submit', 'approve', 'forward', 'approve']);
  assert.equal(d2.json.steps[3].final, true);
  assert.equal(d2.json.steps[1].final, false);
  assertError(await decide(bk, id, 'approve'), 409, 'leave_not_pending');
  assert.equal(count(`audit_log WHERE action = 'leave.decide' AND entity_id = '${id}'`), 2);

  // every step told the next person: the atasan and BKPSDM that it waited for them, the
  // employee each decision (in-app notifications, written in the same transaction)
  const notes = async (sess) => (await get('/api/v1/notifications?per_page=200', { session: sess })).json.items
    .filter((n) => n.link === `#/cuti/${id}`).map((n) => n.kind).sort();
  assert.deepEqual(await notes(atasan), ['leave.pending']);
  assert.deepEqual(await notes(bk), ['leave.pending']);
  assert.deepEqual(await notes(peg), ['leave.status', 'leave.status']);
  const after = await balance(peg, emp.pegawai, Number(start.slice(0, 4)));
  assert.equal(after.taken, before0.taken + wd);
  assert.equal(after.pending, before0.pending);
  assert.equal(after.available, before0.available - wd);

  // lists: mine for the employee, the unit's for its admin, nothing of DINKES for DISDIK's
  const mine = await get('/api/v1/leave-requests', { session: peg });
  assert.ok(mine.json.items.some((r) => r.id === id && r.status === 'approved'));
  const unit = await get(`/api/v1/leave-requests?unit_id=${dinkes.id}&status=approved`, { session: admin });
  assert.equal(unit.status, 200, unit.text);
  assert.ok(unit.json.items.some((r) => r.id === id));
  assertError(await get(`/api/v1/leave-requests?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  assertError(await get('/api/v1/leave-requests?sort=name', { session: admin }), 422, 'validation_failed', 'sort');
  const one = await get(`/api/v1/leave-requests/${id}`, { session: atasan });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.steps.length, 4);
});

const notes = (username, kind, id) => count(`notifications WHERE kind = '${kind}' AND link = '#/cuti/${id}'`
  + ` AND user_id = (SELECT id FROM users WHERE username = '${username}')`);
const inboxIds = async (s) => {
  const r = await get('/api/v1/leave-requests?inbox=true&per_page=100', { session: s });
  assert.equal(r.status, 200, r.text);
  return r.json.items.map((x) => x.id);
};

test('cancel notifies the approver it waited on; re-routing at read time when the approver goes on leave', async () => {
  let peg = await loginOk(USERS.pegawaiDinkes);
  let atasan = await loginOk(USERS.atasanDinkes);
  let bk = await loginOk(USERS.bkpsdm);
  // 1. a pending request cancelled: atasan (its approver) gets one in-app notification
  const s0 = monday(56);
  const r0 = await post('/api/v1/leave-requests', body({ start_date: s0, end_date: s0 }), { session: peg });
  assert.equal(r0.status, 201, r0.text);
  assert.equal(r0.json.approver.employee_id, emp.atasan);
  assert.equal(notes(USERS.atasanDinkes, 'leave.cancelled', r0.json.id), 0);
  const c0 = await post(`/api/v1/leave-requests/${r0.json.id}/cancel`, { reason: 'Tidak jadi' }, { session: peg });
  assert.equal(c0.status, 200, c0.text);
  assert.equal(notes(USERS.atasanDinkes, 'leave.cancelled', r0.json.id), 1);
  assert.equal(notes(USERS.pegawaiDinkes, 'leave.cancelled', r0.json.id), 0, 'the employee is not told');
  assertError(await post(`/api/v1/leave-requests/${r0.json.id}/cancel`, {}, { session: peg }), 409, 'leave_not_pending');
  assert.equal(notes(USERS.atasanDinkes, 'leave.cancelled', r0.json.id), 1, 'nothing on a refused cancel');

  // 2. atasan will be away on the next working day D (an approved leave)
  let d = 1;
  while (await workingDays(atasan, dinkes.id, day(d), day(d)) !== 1) d++;
  const D = day(d);
  const away = await post('/api/v1/leave-requests', body({ start_date: D, end_date: D }), { session: atasan });
  assert.equal(away.status, 201, away.text);
  let aw = away.json;
  while (aw.status !== 'approved') { // nobody above atasan holds a post: BKPSDM decides
    assert.equal(aw.approver.kind, 'bkpsdm', JSON.stringify(aw.approver));
    const x = await decide(bk, aw.id, 'approve');
    assert.equal(x.status, 200, x.text);
    aw = x.json;
  }
  // pegawai asks today: atasan (not away yet) is the approver and has it in the inbox
  const s1 = monday(63);
  const r1 = await post('/api/v1/leave-requests', body({ start_date: s1, end_date: s1 }), { session: peg });
  assert.equal(r1.status, 201, r1.text);
  assert.equal(r1.json.approver.employee_id, emp.atasan);
  assert.equal(r1.json.approver_rerouted, false);
  const s2 = monday(70);
  const r2 = await post('/api/v1/leave-requests', body({ start_date: s2, end_date: s2 }), { session: peg });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.json.approver.employee_id, emp.atasan);
  assert.ok((await inboxIds(atasan)).includes(r1.json.id));
  assert.ok(!(await inboxIds(bk)).includes(r1.json.id));

  // 3. the clock reaches D: atasan is on leave today, the request is shown to the next level
  //    up (the posts above are vacant: BKPSDM), at read time, the stored row untouched
  advanceClock(d * 86400);
  assert.equal(day(0), D);
  [peg, atasan, bk] = [await loginOk(USERS.pegawaiDinkes), await loginOk(USERS.atasanDinkes), await loginOk(USERS.bkpsdm)];
  const one = await get(`/api/v1/leave-requests/${r1.json.id}`, { session: peg });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.approver.kind, 'bkpsdm');
  assert.equal(one.json.approver_rerouted, true);
  assert.equal(sqlOk(`SELECT approver_employee_id FROM leave_requests WHERE id = ${r1.json.id}`), String(emp.atasan));
  assert.ok(!(await inboxIds(atasan)).includes(r1.json.id), 'not in the inbox of the approver on leave');
  assert.ok((await inboxIds(bk)).includes(r1.json.id), 'in the inbox of whoever stands in');
  const listed = await get(`/api/v1/leave-requests?employee_id=${emp.pegawai}&status=pending_supervisor`, { session: bk });
  assert.equal(listed.json.items.find((x) => x.id === r1.json.id).approver.kind, 'bkpsdm');
  const st0 = steps();
  assertError(await decide(atasan, r1.json.id, 'approve'), 403, 'not_your_turn');
  assert.equal(steps(), st0, 'nothing written on a refused decision');
  const dec = await decide(bk, r1.json.id, 'approve');
  assert.equal(dec.status, 200, dec.text);
  // BKPSDM stood in for the supervisor and is also the official: its approval is final
  assert.equal(dec.json.status, 'approved');
  assert.match(dec.json.letter_number, new RegExp(`/${r1.json.id}/BKPSDM/`));
  // the history shows the re-routing (by nobody) right before the decision of whoever stood in
  const at = dec.json.steps.findIndex((x) => x.event === 'approve');
  assert.ok(at > 0, JSON.stringify(dec.json.steps));
  assert.equal(dec.json.steps[at - 1].event, 'forward');
  assert.equal(dec.json.steps[at - 1].next_approver.kind, 'bkpsdm');
  assert.equal(dec.json.steps[at - 1].actor_user_id, null);
  assert.equal(dec.json.steps[at].actor_user_id, Number(sqlOk(`SELECT id FROM users WHERE username = '${USERS.bkpsdm}'`)));
  const c1 = await post(`/api/v1/leave-requests/${r1.json.id}/cancel`, {}, { session: peg });
  assert.equal(c1.status, 200, c1.text);
  assert.equal(notes(USERS.bkpsdm, 'leave.cancelled', r1.json.id), 0, 'an approved request waits on nobody');
  // cancelling r2 now tells BKPSDM (who it waits on today), not atasan (away)
  const c2 = await post(`/api/v1/leave-requests/${r2.json.id}/cancel`, {}, { session: peg });
  assert.equal(c2.status, 200, c2.text);
  assert.equal(notes(USERS.bkpsdm, 'leave.cancelled', r2.json.id), 1);
  assert.equal(notes(USERS.atasanDinkes, 'leave.cancelled', r2.json.id), 0);
  // atasan's day away has started (no cancel through the API): leave the next tests a free day
  sqlOk(`UPDATE leave_requests SET status = 'cancelled' WHERE id = ${aw.id}`);
});

test('delegation: the head post gets a Plt through the placement API; the Plt decides as official', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  // an administrator-level post in DINKES and its holder with an account
  const p = await post('/api/v1/positions', {
    unit_id: dinkes.id, name: `Sekretaris Cuti ${tag}`, kind: 'administrator', kelas_jabatan: 12,
    parent_position_id: emp.headPost,
  }, { session: bk });
  assert.equal(p.status, 201, p.text);
  let sekretaris;
  for (let seq = 1; !sekretaris; seq++) {
    const r = await post('/api/v1/employees', {
      nip: `197805102003121${String(seq).padStart(3, '0')}`, nik: `127501100578${String(seq).padStart(4, '0')}`,
      name: `Sekretaris ${tag}`, birth_place: 'Medan', birth_date: '1978-05-10', gender: 'L', status: 'PNS',
      unit_id: dinkes.id, golongan: 'IV/a', tmt_golongan: '2020-04-01', position_id: p.json.id, tmt_jabatan: '2021-01-04',
    }, { session: bk });
    if (r.status === 409) continue;
    assert.equal(r.status, 201, r.text);
    sekretaris = r.json;
  }
  account(`plt.dinkes.${tag}`, { role: 'pegawai', unit: UNITS.dinkes }, sekretaris.id);
  const plt = await post('/api/v1/assignments', {
    employee_id: sekretaris.id, kind: 'plt', position_id: emp.headPost, start_date: day(0), end_date: day(30),
    sk_number: `800/${tag}/PLT/2026`, sk_date: day(0),
  }, { session: bk });
  assert.equal(plt.status, 201, plt.text);
  cleanup.plt = plt.json.id;

  const peg = await loginOk(USERS.pegawaiDinkes);
  const atasan = await loginOk(USERS.atasanDinkes);
  const pltS = await loginOk(`plt.dinkes.${tag}`);
  const start = monday(21);
  const res = await post('/api/v1/leave-requests', body({ start_date: start, end_date: start }), { session: peg });
  assert.equal(res.status, 201, res.text);
  const d1 = await decide(atasan, res.json.id, 'approve');
  assert.equal(d1.status, 200, d1.text);
  assert.equal(d1.json.status, 'pending_official');
  assert.equal(d1.json.approver.employee_id, sekretaris.id);
  assert.equal(d1.json.approver.acting, 'plt');
  assert.equal(d1.json.approver.position_id, emp.headPost);
  // the Plt sees it in the inbox (another person's inbox does not have it) and decides
  const inbox = await get('/api/v1/leave-requests?inbox=true', { session: pltS });
  assert.ok(inbox.json.items.some((r) => r.id === res.json.id));
  assertError(await decide(await loginOk(USERS.bkpsdm), res.json.id, 'approve'), 403, 'not_your_turn');
  const d2 = await decide(pltS, res.json.id, 'approve');
  assert.equal(d2.status, 200, d2.text);
  assert.equal(d2.json.status, 'approved');
  assert.equal(d2.json.signer.employee_id, sekretaris.id);
  assert.equal(d2.json.signer.acting, 'plt');
  assert.match(d2.json.letter_number, new RegExp(`/${res.json.id}/${UNITS.dinkes}/`));

  // atasan.dinkes asks: the post above (the demo Sekretaris) is vacant with no one acting, so
  // the request climbs to the head post's Plt, who is also the official: one approval is final
  const own = await post('/api/v1/leave-requests', body({ start_date: day(0), end_date: day(3) }), { session: atasan });
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json.approver.employee_id, sekretaris.id);
  assert.ok(own.json.steps.some((s) => s.event === 'forward'));
  cleanup.atasanLeave = own.json.id;
  const fin = await decide(pltS, own.json.id, 'approve');
  assert.equal(fin.status, 200, fin.text);
  assert.equal(fin.json.status, 'approved');
  // now the supervisor is away on an approved leave today: pegawai's next request passes over
  // the supervisor (and the vacant Sekretaris) to the Plt
  const s2 = monday(42);
  const next = await post('/api/v1/leave-requests', body({ start_date: s2, end_date: s2 }), { session: peg });
  assert.equal(next.status, 201, next.text);
  cleanup.cancel.push(next.json.id);
  assert.equal(next.json.status, 'pending_supervisor');
  assert.equal(next.json.approver.employee_id, sekretaris.id);
  assert.ok(next.json.steps.some((s) => s.event === 'forward'));
});

test('change, postpone, reject, cancel and shorten', async () => {
  const peg = await loginOk(USERS.pegawaiDisdik);
  const bk = await loginOk(USERS.bkpsdm);
  const start = monday(28);
  // DISDIK has no demo supervisor holder: the request goes straight to the official (BKPSDM)
  const r1 = await post('/api/v1/leave-requests', body({ start_date: start, end_date: addDays(start, 4) }), { session: peg });
  assert.equal(r1.status, 201, r1.text);
  assert.equal(r1.json.status, 'pending_official');
  assert.equal(r1.json.approver.kind, 'bkpsdm');
  assert.ok(r1.json.steps.some((s) => s.event === 'forward'));
  // change to fewer days
  assertError(await decide(bk, r1.json.id, 'change', { end_date: addDays(start, 1) }), 422, 'validation_failed', 'reason');
  assertError(await decide(bk, r1.json.id, 'approve', { end_date: addDays(start, 1) }), 422, 'validation_failed', 'end_date');
  const ch = await decide(bk, r1.json.id, 'change', { end_date: addDays(start, 1), reason: 'Kebutuhan dinas' });
  assert.equal(ch.status, 200, ch.text);
  assert.equal(ch.json.status, 'approved');
  assert.equal(ch.json.end_date, addDays(start, 1));
  assert.equal(ch.json.requested_end_date, addDays(start, 4));
  assert.equal(ch.json.working_days, await workingDays(peg, disdik.id, start, addDays(start, 1)));
  // cancel before it starts
  const c = await post(`/api/v1/leave-requests/${ch.json.id}/cancel`, { reason: 'Batal' }, { session: peg });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.status, 'cancelled');
  assertError(await post(`/api/v1/leave-requests/${ch.json.id}/cancel`, {}, { session: peg }), 409, 'leave_not_pending');
  // postpone (annual) and reject, each with a reason
  const r2 = await post('/api/v1/leave-requests', body({ start_date: start, end_date: start }), { session: peg });
  assert.equal(r2.status, 201, r2.text);
  const pp = await decide(bk, r2.json.id, 'postpone', { reason: 'Kebutuhan dinas mendesak' });
  assert.equal(pp.status, 200, pp.text);
  assert.equal(pp.json.status, 'postponed');
  assert.equal(pp.json.postponed, true);
  const r3 = await post('/api/v1/leave-requests', body({ start_date: start, end_date: start }), { session: peg });
  assert.equal(r3.status, 201, r3.text);
  const rj = await decide(bk, r3.json.id, 'reject', { reason: 'Tidak memenuhi syarat' });
  assert.equal(rj.json.status, 'rejected');
  assert.equal(rj.json.decision_reason, 'Tidak memenuhi syarat');
  // shorten after return: an approved leave that started 6 days ago (BKPSDM allows filing up
  // to 10 days back for this), the employee came back yesterday
  const setBack = (n) => request('PUT', '/api/v1/leave-settings', { json: { 'leave.backdate_days': n }, session: bk });
  assert.equal((await setBack(10)).status, 200);
  const r4 = await post('/api/v1/leave-requests', body({ start_date: day(-6), end_date: day(2) }), { session: peg });
  assert.equal((await setBack(0)).status, 200);
  assert.equal(r4.status, 201, r4.text);
  assert.equal((await decide(bk, r4.json.id, 'approve')).json.status, 'approved');
  assertError(await post(`/api/v1/leave-requests/${r4.json.id}/cancel`, {}, { session: peg }), 409, 'leave_started');
  assertError(await post(`/api/v1/leave-requests/${r4.json.id}/shorten`, { end_date: day(0) }, { session: peg }), 422, 'validation_failed', 'end_date');
  assertError(await post(`/api/v1/leave-requests/${r4.json.id}/shorten`, { end_date: day(-7) }, { session: peg }), 422, 'validation_failed', 'end_date');
  assertError(await post(`/api/v1/leave-requests/${r4.json.id}/shorten`, { end_date: day(-1) }, { session: await loginOk(USERS.adminDinkes) }), 404, 'not_found');
  const sh = await post(`/api/v1/leave-requests/${r4.json.id}/shorten`, { end_date: day(-1), reason: 'Masuk lebih awal' }, { session: peg });
  assert.equal(sh.status, 200, sh.text);
  assert.equal(sh.json.end_date, day(-1));
  assert.equal(sh.json.shortened_from, day(2));
  const wd2 = await workingDays(peg, disdik.id, day(-6), day(-1));
  assert.equal(sh.json.working_days, wd2);
  assert.equal(sh.json.charged_days, wd2);
  assert.equal(sh.json.steps.at(-1).event, 'shorten');
});

test('CLTN: filed by BKPSDM for an employee, approved by BKPSDM: the employment state becomes cltn', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const post0 = Number(sqlOk(`SELECT position_id FROM employees WHERE id = ${emp.disdik}`));
  let x;
  for (let seq = 1; !x; seq++) {
    const r = await post('/api/v1/employees', {
      nip: `198203152006042${String(seq).padStart(3, '0')}`, nik: `127501550382${String(seq).padStart(4, '0')}`,
      name: `Pegawai CLTN ${tag}`, birth_place: 'Medan', birth_date: '1982-03-15', gender: 'P', status: 'PNS',
      unit_id: disdik.id, golongan: 'III/b', tmt_golongan: '2014-04-01', position_id: post0, tmt_jabatan: '2015-01-05',
    }, { session: bk });
    if (r.status === 409) continue;
    assert.equal(r.status, 201, r.text);
    x = r.json;
  }
  const start = monday(7);
  const cltn = body({ type: 'cltn', employee_id: x.id, start_date: start, end_date: addDays(start, 364), reason: 'Mendampingi suami tugas belajar' });
  // admin.dinkes may not file for a DISDIK employee
  assertError(await post('/api/v1/leave-requests', cltn, { session: await loginOk(USERS.adminDinkes) }), 404, 'not_found');
  assertError(await post('/api/v1/leave-requests', { ...cltn, end_date: addDays(start, 365 * 3 + 5) }, { session: bk }), 422, 'validation_failed', 'end_date');
  const res = await post('/api/v1/leave-requests', cltn, { session: bk });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.type, 'cltn');
  assert.equal(res.json.approver.kind, 'bkpsdm'); // no one above in DISDIK, and the chain names BKPSDM
  const d = await decide(bk, res.json.id, 'approve');
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.status, 'approved');
  assert.equal(sqlOk(`SELECT state FROM employees WHERE id = ${x.id}`), 'cltn');
  // no longer active: no further request
  const s2 = monday(400);
  assertError(await post('/api/v1/leave-requests', body({ employee_id: x.id, start_date: s2, end_date: s2 }), { session: bk }), 422, 'validation_failed', 'employee_id');
});

test('chains: read by admins, changed by BKPSDM only, audited', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const res = await get('/api/v1/leave-chains', { session: bk });
  assert.equal(res.status, 200, res.text);
  const byType = Object.fromEntries(res.json.items.map((c) => [c.type, c]));
  assert.equal(byType.tahunan.official, 'unit_head');
  assert.equal(byType.cltn.official, 'bkpsdm');
  assert.equal(byType.ayah.enabled, false);
  assertError(await get('/api/v1/leave-chains', { session: await loginOk(USERS.pegawaiDinkes) }), 403, 'forbidden');
  assertError(await request('PUT', '/api/v1/leave-chains', { json: { type: 'sakit', official: 'bkpsdm' }, session: await loginOk(USERS.adminDinkes) }), 403, 'forbidden');
  assertError(await request('PUT', '/api/v1/leave-chains', { json: { type: 'sakit', official: 'camat' }, session: bk }), 422, 'validation_failed', 'official');
  assertError(await request('PUT', '/api/v1/leave-chains', { json: { type: 'x' }, session: bk }), 422, 'validation_failed', 'type');
  const a0 = audits('leave.chain');
  const put = await request('PUT', '/api/v1/leave-chains', { json: { type: 'alasan_penting', official: 'bkpsdm' }, session: bk });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.official, 'bkpsdm');
  assert.equal(put.json.supervisor, true);
  assert.equal(audits('leave.chain'), a0 + 1);
  const back = await request('PUT', '/api/v1/leave-chains', { json: { type: 'alasan_penting', official: 'unit_head' }, session: bk });
  assert.equal(back.status, 200, back.text);
});

test('settings: BKPSDM changes a rule value within its range; the rules use it', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const put = (json, session = bk) => request('PUT', '/api/v1/leave-settings', { json, session });
  const list = await get('/api/v1/leave-settings', { session: bk });
  assert.equal(list.status, 200, list.text);
  const carry = list.json.items.find((i) => i.key === 'leave.carry_max');
  assert.deepEqual([carry.value, carry.default], [6, 6]);
  assertError(await put({ 'leave.carry_max': 99 }), 422, 'validation_failed', 'leave.carry_max');
  assertError(await put({ 'leave.colour': 1 }), 422, 'unknown_field', 'leave.colour');
  assertError(await put({ 'leave.backdate_days': 3 }, await loginOk(USERS.adminDinkes)), 403, 'forbidden');
  const past = body({ start_date: day(-2), end_date: day(-2) });
  assertError(await post('/api/v1/leave-requests?dry_run=true', past, { session: peg }), 422, 'validation_failed', 'start_date');
  const a0 = audits('leave.settings');
  const ok = await put({ 'leave.backdate_days': 3 });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.items.find((i) => i.key === 'leave.backdate_days').value, 3);
  assert.equal(audits('leave.settings'), a0 + 1);
  const dry = await post('/api/v1/leave-requests?dry_run=true', past, { session: peg });
  assert.ok(dry.status === 200 || (dry.status === 422 && dry.json.error.field === 'end_date'), dry.text); // a weekend has 0 days
  assert.equal((await put({ 'leave.backdate_days': 0 })).status, 200);
});

test('concurrency: two requests at once that together exceed the balance: exactly one succeeds', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const year = Number(day(0).slice(0, 4)) + 1;
  const b = await balance(peg, emp.pegawai, year);
  const k = Math.floor(b.available / 2) + 1;
  assert.ok(k <= b.available && 2 * k > b.available, `balance ${b.available}`);
  // two periods of k working days each, far apart in January-April of next year
  const period = async (from) => {
    let to = from;
    while (await workingDays(peg, dinkes.id, from, to) < k) to = addDays(to, 1);
    return { start_date: from, end_date: to };
  };
  // (May and August: after every other request of this file)
  const p1 = await period(`${year}-05-03`);
  const p2 = await period(`${year}-08-02`);
  const n0 = requests();
  const [x, y] = await Promise.all([
    post('/api/v1/leave-requests', body(p1), { session: peg }),
    post('/api/v1/leave-requests', body(p2), { session: peg }),
  ]);
  const statuses = [x.status, y.status].sort();
  assert.deepEqual(statuses, [201, 422], `${x.text} ${y.text}`);
  cleanup.cancel.push((x.status === 201 ? x : y).json.id);
  const refused = x.status === 422 ? x : y;
  assertError(refused, 422, 'validation_failed', 'end_date');
  assert.equal(requests(), n0 + 1);
  const after = await balance(peg, emp.pegawai, year);
  assert.equal(after.pending, b.pending + k);
  assert.equal(after.available, b.available - k);
});

test('sick leave: the limit is cumulative over the history, with a field error naming it', async () => {
  const peg = await loginOk(USERS.pegawaiDisdik);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(`surat dokter ${tag}`)]);
  const up = await request('POST', `/api/v1/employees/${emp.disdik}/documents?kind=bukti&filename=surat-dokter.pdf`,
    { session: peg, body: pdf, contentType: 'application/pdf' });
  assert.equal(up.status, 201, up.text);
  const sick = (start, end, extra = {}) => body({
    type: 'sakit', doctor_kind: 'pemerintah', document_id: up.json.id, start_date: start, end_date: end, ...extra,
  });
  const url = '/api/v1/leave-requests';
  // a first part of 540 days, then 10 more days right after it: 550 > 1 year 6 months
  const s1 = day(30);
  const e1 = addDays(s1, 539);
  const r1 = await post(url, sick(s1, e1), { session: peg });
  assert.equal(r1.status, 201, r1.text);
  const s2 = addDays(e1, 1);
  const n0 = requests();
  const over = await post(url, sick(s2, addDays(s2, 9)), { session: peg });
  assertError(over, 422, 'validation_failed', 'end_date');
  assert.match(over.json.error.message, /kumulatif cuti sakit 1 tahun 6 bulan/);
  assert.match(over.json.error.message, /terpakai 540 hari/);
  assert.equal(requests(), n0, 'nothing written');
  // alone the same part is fine (dry run), and a work accident does not count
  const ok1 = await post(`${url}?dry_run=true`, sick(s2, addDays(s2, 4)), { session: peg });
  assert.equal(ok1.status, 200, ok1.text);
  const acc = await post(`${url}?dry_run=true`, sick(s2, addDays(s2, 9), { sick_kind: 'kecelakaan_kerja' }), { session: peg });
  assert.equal(acc.status, 200, acc.text);
  // the first part cancelled: the history no longer holds it, the 10 days fit
  const c = await post(`${url}/${r1.json.id}/cancel`, {}, { session: peg });
  assert.equal(c.status, 200, c.text);
  const ok2 = await post(`${url}?dry_run=true`, sick(s2, addDays(s2, 9)), { session: peg });
  assert.equal(ok2.status, 200, ok2.text);
});
