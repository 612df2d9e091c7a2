// 26_flexwork.test.mjs - flexible work (issue 5): a unit's work policy (the demo default of an
// OPD, inheritance by sub-units, every bad field -> 422 naming it and nothing written, scope),
// one-off work requests (bad input naming the field, nothing written, duplicate -> 409, scope),
// the direct supervisor's decision refused with 409 onsite_minimum when the unit's minimum
// on-site staffing would break (saying the day and by how many, nothing written) and accepted
// when it would not, the 2-days-a-week limit of an arrangement, a post not on the allow-list,
// the week plan and an employee's days as attendance reads them.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  USERS, UNITS, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

const put = (p, json, opts = {}) => request('PUT', p, { ...opts, json });
const count = (table, where = '') => Number(sqlOk(`SELECT count(*) FROM ${table} ${where}`));

let dinkes;
let disdik;
let pkm1;
let s; // sessions
let pegawai; // employee record of pegawai.dinkes
let atasanId;
let disdikPost;
const days = []; // working days of DINKES from next week on, 'YYYY-MM-DD'

function dayText(epochDay) {
  return new Date(epochDay * 86400 * 1000).toISOString().slice(0, 10);
}

async function policyBody(extra = {}) {
  return {
    flexible_allowed: true,
    min_onsite_ratio: 0.5,
    min_onsite_count: 0,
    max_remote_days: 2,
    start_window: ['07:00', '09:00'],
    core_hours: ['09:00', '15:00'],
    fixed_start: '07:30',
    remote_radius_m: 150,
    geofences: [{ lat: 2.9667, lon: 99.8, radius_m: 150 }],
    timezone: 'Asia/Jakarta',
    flexible_positions: [pegawai.position_id],
    ...extra,
  };
}

async function setPolicy(extra) {
  const res = await put(`/api/v1/units/${dinkes.id}/work-policy`, await policyBody(extra), { session: s.admin });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

before(async () => {
  const units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  pkm1 = units.get('DINKES.PKM1');
  s = {
    bkpsdm: await loginOk(USERS.bkpsdm),
    admin: await loginOk(USERS.adminDinkes),
    pegawai: await loginOk(USERS.pegawaiDinkes),
    atasan: await loginOk(USERS.atasanDinkes),
    disdik: await loginOk(USERS.pegawaiDisdik),
  };
  const pid = s.pegawai.user.employee_id;
  const res = await get(`/api/v1/employees/${pid}`, { session: s.pegawai });
  assert.equal(res.status, 200, res.text);
  pegawai = res.json;
  // the direct supervisor as the leave chain finds it today: atasan.dinkes on a fresh
  // database, whoever acts above when earlier files sent atasan.dinkes on leave
  const arr = await get(`/api/v1/work-arrangements/${pid}`, { session: s.bkpsdm });
  assert.equal(arr.status, 200, arr.text);
  atasanId = arr.json.supervisor_id;
  assert.ok(atasanId, 'pegawai.dinkes has a direct supervisor');
  const supUser = sqlOk(`SELECT username FROM users WHERE employee_id = ${atasanId} AND active = 1 ORDER BY id LIMIT 1`);
  s.sup = supUser === USERS.atasanDinkes ? s.atasan : await loginOk(supUser);
  const dp = await get(`/api/v1/positions?unit_id=${disdik.id}`, { session: s.bkpsdm });
  assert.equal(dp.status, 200, dp.text);
  disdikPost = dp.json.items[0].id;
  // working days of DINKES from the Monday after next, for requests in the future
  const today = Math.floor(serverNow() / 86400);
  for (let d = today + 8; days.length < 8; d++) {
    const t = dayText(d);
    const w = await get(`/api/v1/calendar/working-days?unit_id=${dinkes.id}&from=${t}&to=${t}`, { session: s.pegawai });
    assert.equal(w.status, 200, w.text);
    if (w.json.working_days === 1) days.push(t);
  }
});

test('the demo policy of an OPD; a sub-unit inherits it; scope of reading', async () => {
  const res = await get(`/api/v1/units/${dinkes.id}/work-policy`, { session: s.pegawai });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.flexible_allowed, true);
  assert.equal(res.json.inherited, false);
  assert.equal(res.json.min_onsite_ratio, 0.5);
  assert.deepEqual(res.json.start_window, ['07:00', '09:00']);
  assert.deepEqual(res.json.core_hours, ['09:00', '15:00']);
  assert.equal(res.json.timezone, 'Asia/Jakarta');
  assert.equal(res.json.geofences.length, 1);
  assert.ok(res.json.flexible_positions.length > 0);
  const sub = await get(`/api/v1/units/${pkm1.id}/work-policy`, { session: s.admin });
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.json.inherited, true);
  assert.equal(sub.json.policy_unit_id, dinkes.id);
  assertError(await get(`/api/v1/units/${disdik.id}/work-policy`, { session: s.pegawai }), 404, 'not_found');
  assertError(await get(`/api/v1/units/999999999/work-policy`, { session: s.bkpsdm }), 404, 'not_found');
});

test('PUT work-policy: each bad field is named, nothing is written; scope', async () => {
  const before = sqlOk(`SELECT updated_at, min_onsite_pct FROM work_policies WHERE unit_id = ${dinkes.id}`);
  const fences = count('work_geofences');
  const audit = count('audit_log');
  const cases = [
    [{ min_onsite_ratio: 1.5 }, 'min_onsite_ratio'],
    [{ min_onsite_ratio: 'half' }, 'min_onsite_ratio'],
    [{ flexible_allowed: 'ya' }, 'flexible_allowed'],
    [{ start_window: ['9:00', '10:00'] }, 'start_window'],
    [{ start_window: ['09:00', '08:00'] }, 'start_window'],
    [{ core_hours: ['08:30', '15:00'] }, 'core_hours'],
    [{ fixed_start: '25:00' }, 'fixed_start'],
    [{ max_remote_days: 3 }, 'max_remote_days'],
    [{ timezone: 'Asia/Singapore' }, 'timezone'],
    [{ geofences: [{ lat: 100, lon: 99.8, radius_m: 100 }] }, 'geofences[0].lat'],
    [{ geofences: [{ lat: 2.9, lon: 99.8, radius_m: 100 }, { lat: 2.9, lon: 99.8, radius_m: 1 }] }, 'geofences[1].radius_m'],
    [{ flexible_positions: [disdikPost] }, 'flexible_positions[0]'],
    [{ flexible_positions: [999999999] }, 'flexible_positions[0]'],
  ];
  for (const [extra, field] of cases) {
    const res = await put(`/api/v1/units/${dinkes.id}/work-policy`, await policyBody(extra), { session: s.admin });
    assertError(res, 422, 'validation_failed', field);
  }
  assertError(await put(`/api/v1/units/${dinkes.id}/work-policy`, await policyBody({ extra: 1 }), { session: s.admin }),
    422, 'unknown_field', 'extra');
  const missing = await policyBody();
  delete missing.start_window;
  assertError(await put(`/api/v1/units/${dinkes.id}/work-policy`, missing, { session: s.admin }), 422, 'validation_failed', 'start_window');
  // scope: admin.dinkes cannot write DISDIK's; a pegawai is refused by role
  assertError(await put(`/api/v1/units/${disdik.id}/work-policy`, await policyBody({ flexible_positions: [] }), { session: s.admin }),
    404, 'not_found');
  assertError(await put(`/api/v1/units/${dinkes.id}/work-policy`, await policyBody(), { session: s.pegawai }), 403, 'forbidden');
  assert.equal(sqlOk(`SELECT updated_at, min_onsite_pct FROM work_policies WHERE unit_id = ${dinkes.id}`), before);
  assert.equal(count('work_geofences'), fences);
  assert.equal(count('audit_log'), audit);
  // a good one, audited
  const got = await setPolicy({ min_onsite_ratio: 0.25, geofences: [{ lat: 2.9667, lon: 99.8, radius_m: 150 }, { lat: 2.97, lon: 99.81, radius_m: 200 }] });
  assert.equal(got.min_onsite_ratio, 0.25);
  assert.equal(got.geofences.length, 2);
  assert.equal(count('work_geofences', `WHERE unit_id = ${dinkes.id}`), 2);
  assert.equal(count('audit_log', "WHERE action = 'work_policy.update'"), 1);
});

test('POST work-requests: bad input named, nothing written; duplicate 409; scope', async () => {
  await setPolicy({ min_onsite_ratio: 0, min_onsite_count: 0 });
  const n = count('work_requests');
  const cases = [
    [{ mode: 'WFH' }, 'date'],
    [{ date: '2026-13-01', mode: 'WFH' }, 'date'],
    [{ date: '2020-01-06', mode: 'WFH' }, 'date'],
    [{ date: days[0], mode: 'XYZ' }, 'mode'],
    [{ date: days[0], mode: 'WFA' }, 'place'],
    [{ date: days[0], mode: 'WFH', lat: 2.9 }, 'lon'],
    [{ date: days[0], mode: 'WFH', lat: 95, lon: 99 }, 'lat'],
    [{ date: days[0], mode: 'WFH', employee_id: 'x' }, 'employee_id'],
  ];
  for (const [body, field] of cases) {
    assertError(await post('/api/v1/work-requests', body, { session: s.pegawai }), 422, 'validation_failed', field);
  }
  assertError(await post('/api/v1/work-requests', { date: days[0], mode: 'WFH', when: 1 }, { session: s.pegawai }), 422, 'unknown_field', 'when');
  // a Sunday is no working day
  const today = Math.floor(serverNow() / 86400);
  let sunday = today + 7;
  while (new Date(sunday * 86400000).getUTCDay() !== 0) sunday++;
  assertError(await post('/api/v1/work-requests', { date: dayText(sunday), mode: 'WFH' }, { session: s.pegawai }), 422, 'validation_failed', 'date');
  // someone outside the unit cannot file for this employee
  assertError(await post('/api/v1/work-requests', { employee_id: pegawai.id, date: days[0], mode: 'WFH' }, { session: s.disdik }), 404, 'not_found');
  assert.equal(count('work_requests'), n);

  const res = await post('/api/v1/work-requests', { date: days[0], mode: 'WFH', lat: 2.95, lon: 99.79, reason: 'Menyusun laporan' }, { session: s.pegawai });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.status, 'pending');
  assert.equal(res.json.mode, 'WFH');
  assert.equal(res.json.employee_id, pegawai.id);
  assert.equal(res.json.approver_employee_id, atasanId);
  assert.equal(count('work_requests'), n + 1);
  assertError(await post('/api/v1/work-requests', { date: days[0], mode: 'WFA', place: 'Perpustakaan' }, { session: s.pegawai }), 409, 'duplicate_request', 'date');
  // reading: the employee and the supervisor yes, DISDIK no
  assert.equal((await get(`/api/v1/work-requests/${res.json.id}`, { session: s.pegawai })).status, 200);
  assert.equal((await get(`/api/v1/work-requests/${res.json.id}`, { session: s.atasan })).status, 200);
  assertError(await get(`/api/v1/work-requests/${res.json.id}`, { session: s.disdik }), 404, 'not_found');
  const inbox = await get('/api/v1/work-requests?inbox=1&status=pending', { session: s.sup });
  assert.equal(inbox.status, 200, inbox.text);
  assert.ok(inbox.json.items.some((r) => r.id === res.json.id));
  const own = await get('/api/v1/work-requests', { session: s.disdik });
  assert.equal(own.status, 200);
  assert.ok(own.json.items.every((r) => r.employee_id !== pegawai.id));
  assertError(await get('/api/v1/work-requests?status=maybe', { session: s.atasan }), 422, 'validation_failed', 'status');
  assertError(await get('/api/v1/work-requests?colour=red', { session: s.atasan }), 422, 'unknown_parameter', 'colour');
});

test('the decision: refused when the minimum on-site staffing would break, accepted when not', async () => {
  const date = days[1];
  const res = await post('/api/v1/work-requests', { date, mode: 'WFH', reason: 'Analisis data' }, { session: s.pegawai });
  assert.equal(res.status, 201, res.text);
  const id = res.json.id;
  const plan = await get(`/api/v1/units/${dinkes.id}/week-plan?from=${date}`, { session: s.admin });
  assert.equal(plan.status, 200, plan.text);
  const day = plan.json.days[0];
  assert.equal(day.date, date);
  assert.ok(day.onsite >= 2, `DINKES needs staff on site: ${JSON.stringify(day)}`);
  // exactly the people on site now are required: one more at home breaks it by 1
  await setPolicy({ min_onsite_ratio: 0, min_onsite_count: day.onsite });
  // who may not decide: the employee, someone outside, a bad body
  assertError(await post(`/api/v1/work-requests/${id}/decision`, { decision: 'approve' }, { session: s.pegawai }), 404, 'not_found');
  assertError(await post(`/api/v1/work-requests/${id}/decision`, { decision: 'approve' }, { session: s.disdik }), 404, 'not_found');
  // the unit's admin does not step in while the employee has a direct supervisor
  assertError(await post(`/api/v1/work-requests/${id}/decision`, { decision: 'approve' }, { session: s.admin }), 404, 'not_found');
  assertError(await post(`/api/v1/work-requests/${id}/decision`, { decision: 'reject' }, { session: s.sup }), 422, 'validation_failed', 'reason');
  assertError(await post(`/api/v1/work-requests/${id}/decision`, { decision: 'maybe' }, { session: s.sup }), 422, 'validation_failed', 'decision');
  const audit = count('audit_log');
  const refused = await post(`/api/v1/work-requests/${id}/decision`, { decision: 'approve' }, { session: s.sup });
  assertError(refused, 409, 'onsite_minimum', 'date');
  assert.match(refused.json.error.message, new RegExp(date));
  assert.match(refused.json.error.message, /kurang 1 orang/);
  assert.equal(sqlOk(`SELECT status FROM work_requests WHERE id = ${id}`), 'pending');
  assert.equal(count('audit_log'), audit);
  // one fewer required: accepted
  await setPolicy({ min_onsite_ratio: 0, min_onsite_count: day.onsite - 1 });
  const ok = await post(`/api/v1/work-requests/${id}/decision`, { decision: 'approve', reason: 'Silakan' }, { session: s.sup });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'approved');
  assert.equal(ok.json.decision_reason, 'Silakan');
  assert.equal(sqlOk(`SELECT status FROM work_requests WHERE id = ${id}`), 'approved');
  assert.equal(count('audit_log', "WHERE action = 'work_request.approve'"), 1);
  assertError(await post(`/api/v1/work-requests/${id}/decision`, { decision: 'approve' }, { session: s.sup }), 409, 'already_decided');
  const after = await get(`/api/v1/units/${dinkes.id}/week-plan?from=${date}`, { session: s.admin });
  assert.equal(after.json.days[0].onsite, day.onsite - 1);
  assert.equal(after.json.days[0].short, 0);
  const me1 = after.json.people.find((p) => p.employee_id === pegawai.id);
  assert.equal(me1.days[0].mode, 'WFH');
  // the day as attendance reads it
  const d = await get(`/api/v1/work-arrangements/${pegawai.id}/days?from=${date}&days=1`, { session: s.pegawai });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.items[0].mode, 'WFH');
  assert.equal(d.json.items[0].working, true);
  assert.equal(d.json.items[0].required_minutes, 450);
  assert.equal(d.json.items[0].utc_offset_min, 420);
  // a rejection keeps its reason
  const r2 = await post('/api/v1/work-requests', { date: days[2], mode: 'WFH' }, { session: s.pegawai });
  assert.equal(r2.status, 201, r2.text);
  const rej = await post(`/api/v1/work-requests/${r2.json.id}/decision`, { decision: 'reject', reason: 'Ada rapat' }, { session: s.sup });
  assert.equal(rej.status, 200, rej.text);
  assert.equal(rej.json.status, 'rejected');
});

test('a post not on the allow-list may not ask for a day at home', async () => {
  await setPolicy({ flexible_positions: [] });
  const n = count('work_requests');
  assertError(await post('/api/v1/work-requests', { date: days[3], mode: 'WFH' }, { session: s.pegawai }), 409, 'position_not_flexible', 'mode');
  assert.equal(count('work_requests'), n);
  // back at the office is always possible
  const res = await post('/api/v1/work-requests', { date: days[3], mode: 'WFO' }, { session: s.pegawai });
  assert.equal(res.status, 201, res.text);
});

test('arrangements: at most 2 remote days a week; the employee proposes, the supervisor decides', async () => {
  await setPolicy({ min_onsite_ratio: 0, min_onsite_count: 0 });
  const n = count('work_arrangements');
  const body = (modes) => ({
    valid_from: days[4],
    days: modes.map((m, i) => ({ weekday: i + 1, mode: m, flexible: true, ...(m === 'WFA' ? { place: 'Kantor cabang' } : {}) })),
  });
  assertError(await put(`/api/v1/work-arrangements/${pegawai.id}`, body(['WFH', 'WFO', 'WFH', 'WFO', 'WFH']), { session: s.pegawai }),
    422, 'validation_failed', 'days');
  assertError(await put(`/api/v1/work-arrangements/${pegawai.id}`, body(['WFA', 'WFO', 'WFO', 'WFO', 'XX']), { session: s.pegawai }),
    422, 'validation_failed', 'days[4].mode');
  assertError(await put(`/api/v1/work-arrangements/${pegawai.id}`, { ...body(['WFH']), valid_from: '2026-02-30' }, { session: s.pegawai }),
    422, 'validation_failed', 'valid_from');
  assertError(await put(`/api/v1/work-arrangements/${pegawai.id}`, body(['WFH']), { session: s.disdik }), 404, 'not_found');
  assert.equal(count('work_arrangements'), n);
  const prop = await put(`/api/v1/work-arrangements/${pegawai.id}`, body(['WFH', 'WFO', 'WFO', 'WFO', 'WFA']), { session: s.pegawai });
  assert.equal(prop.status, 202, prop.text);
  assert.equal(prop.json.status, 'proposed');
  const g = await get(`/api/v1/work-arrangements/${pegawai.id}`, { session: s.sup });
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.proposed.id, prop.json.id);
  assert.equal(g.json.may_decide, true);
  assert.equal(g.json.supervisor_id, atasanId);
  const inbox = await get('/api/v1/work-arrangements?inbox=1', { session: s.sup });
  assert.equal(inbox.status, 200, inbox.text);
  assert.deepEqual(inbox.json.items.map((x) => x.id), [prop.json.id]);
  assert.equal(inbox.json.items[0].employee_name, pegawai.name);
  assert.equal((await get('/api/v1/work-arrangements?inbox=1', { session: s.disdik })).json.total, 0);
  assertError(await get('/api/v1/work-arrangements', { session: s.sup }), 422, 'validation_failed', 'inbox');
  assertError(await post(`/api/v1/work-arrangements/${pegawai.id}/decision`, { decision: 'approve' }, { session: s.pegawai }), 404, 'not_found');
  const ok = await post(`/api/v1/work-arrangements/${pegawai.id}/decision`, { decision: 'approve' }, { session: s.sup });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'approved');
  assertError(await get(`/api/v1/work-arrangements/${pegawai.id}`, { session: s.disdik }), 404, 'not_found');
});

test('week plan: scope and bad input', async () => {
  assertError(await get(`/api/v1/units/${disdik.id}/week-plan`, { session: s.atasan }), 404, 'not_found');
  assertError(await get(`/api/v1/units/${dinkes.id}/week-plan?week=2026-48`, { session: s.atasan }), 422, 'validation_failed', 'week');
  assertError(await get(`/api/v1/units/${dinkes.id}/week-plan?from=x`, { session: s.atasan }), 422, 'validation_failed', 'from');
  const res = await get(`/api/v1/units/${dinkes.id}/week-plan?week=2026-W48`, { session: s.admin });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.from, '2026-11-23');
  assert.equal(res.json.to, '2026-11-29');
  assert.equal(res.json.days.length, 7);
  assert.equal(res.json.days[6].working, false);
});

test('week plan: staff assigned INTO the unit count on the days assigned, those assigned OUT do not', async () => {
  // a quiet week eight weeks ahead
  const today = Math.floor(serverNow() / 86400);
  const monday = today - ((new Date(today * 86400000).getUTCDay() + 6) % 7) + 56;
  const D = (i) => dayText(monday + i);
  const inEmp = s.disdik.user.employee_id; // DISDIK, on a task force in DINKES Tue-Thu
  const outEmp = Number(sqlOk(`SELECT id FROM employees WHERE unit_id = ${dinkes.id} AND state = 'active' AND id <> ${pegawai.id} ORDER BY id LIMIT 1`));
  assert.ok(outEmp > 0 && inEmp > 0);
  const plan = async (unit) => {
    const res = await get(`/api/v1/units/${unit}/week-plan?from=${D(0)}`, { session: s.bkpsdm });
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  const before = await plan(dinkes.id);
  assert.ok(!before.people.some((p) => p.employee_id === inEmp));
  const outBefore = before.people.find((p) => p.employee_id === outEmp);
  assert.ok(outBefore, 'the DINKES employee is in the plan before the assignment');
  const ins = (emp, unit, home, from, to, early) => sqlOk(`INSERT INTO assignments (employee_id, kind, task_force, unit_id, start_date, end_date,
    sk_number, sk_date, home_unit_id, ended_early_on, created_at) VALUES (${emp}, 'satgas', 'Satgas Uji Presensi', ${unit}, '${from}', '${to}',
    'SK/UJI/26', '${D(-7)}', ${home}, ${early ? `'${early}'` : 'NULL'}, 0)`);
  ins(inEmp, dinkes.id, disdik.id, D(1), D(3), null);
  ins(outEmp, disdik.id, dinkes.id, D(0), D(6), D(2)); // ended early: back in DINKES from Wednesday
  try {
    const after = await plan(dinkes.id);
    const inP = after.people.find((p) => p.employee_id === inEmp);
    const outP = after.people.find((p) => p.employee_id === outEmp);
    assert.ok(inP, `the employee assigned in is in the unit's plan: ${after.people.map((p) => p.employee_id)}`);
    assert.equal(inP.assignment, 'satgas');
    assert.deepEqual(inP.days.map((d) => d.in_unit), [false, true, true, true, false, false, false]);
    assert.deepEqual(inP.days.map((d) => d.mode), [null, 'WFO', 'WFO', 'WFO', null, null, null]);
    assert.equal(outP.assignment, null);
    assert.deepEqual(outP.days.map((d) => d.in_unit), [false, false, true, true, true, true, true]);
    assert.equal(outP.days[0].mode, null);
    assert.equal(outP.days[2].mode, outBefore.days[2].mode);
    for (let i = 0; i < 7; i++) {
      const inside = i >= 1 && i <= 3 ? 1 : 0;
      const away = i <= 1 ? 1 : 0;
      const b = before.days[i];
      const a = after.days[i];
      assert.equal(a.staff, b.staff + inside - away, `staff of ${D(i)}`);
      if (!a.working) continue;
      assert.equal(a.onsite, b.onsite + inside - (away && outBefore.days[i].mode === 'WFO' ? 1 : 0), `on site ${D(i)}`);
    }
    // the other side: DISDIK has the DINKES employee Mon-Tue, and not its own one Tue-Thu
    const dd = await plan(disdik.id);
    assert.deepEqual(dd.people.find((p) => p.employee_id === outEmp).days.map((d) => d.in_unit), [true, true, false, false, false, false, false]);
    assert.deepEqual(dd.people.find((p) => p.employee_id === inEmp).days.map((d) => d.in_unit), [true, false, false, false, true, true, true]);
  } finally {
    sqlOk("DELETE FROM assignments WHERE task_force = 'Satgas Uji Presensi'");
  }
});
