// 27_attendance.test.mjs - attendance (issue 5): check-in/out with the browser's location
// against the unit's office fence (inside, outside → kept and flagged, no location → flagged),
// server time in the unit's zone (late minutes checked against an independent computation),
// one record per employee per day (a second check-in is 409 already_checked_in, 20 parallel
// check-ins make one record), my month, the supervisor's flagged list and its scope,
// corrections (the employee asks with a reason, a supervisor in scope decides, the original
// times stay on the correction, nobody decides their own), the device CSV import (dry run and
// rows with errors write nothing; per-row errors name line and column), the month recap as
// JSON and XLSX with its scope, the discipline list, and bad input naming the field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  USERS, advanceClock, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

const A = '/api/v1/attendance';
let units;
let dinkes;
let disdik;

// the demo's month of device records (att_demo_seed) is left out where a test counts its own
const NOT_DEMO = "coalesce(device, '') <> 'DEMO-FP-01'";
const records = (where = '1 = 1') => Number(sqlOk(`SELECT count(*) FROM attendance_records WHERE ${where}`));
const corrections = (where = '1 = 1') => Number(sqlOk(`SELECT count(*) FROM attendance_corrections WHERE ${where}`));
const audits = (action) => Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action = '${action}'`));
const employeeOf = async (session) => session.user.employee_id;

// Local (WIB, +7) date and minute of an epoch second, computed independently of the server.
function local(t, offsetMin = 420) {
  const d = new Date((t + offsetMin * 60) * 1000);
  return { day: d.toISOString().slice(0, 10), minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

// A point `metres` north of (lat, lon) on the 6,371,008.8 m sphere.
const north = (lat, metres) => lat + (metres / 6371008.8) * (180 / Math.PI);

async function today(session) {
  const res = await get(`${A}/today`, { session });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

before(async () => {
  units = await allUnits();
  dinkes = units.get('DINKES');
  disdik = units.get('DISDIK');
  // keep clear of local midnight: the steps of one test must fall on one local day
  const { minute } = local(serverNow());
  if (minute >= 22 * 60) advanceClock((24 * 60 - minute + 60) * 60);
});

test('check-in inside the fence: server time, mode, late minutes; a second one is 409', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const emp = await employeeOf(peg);
  const day = await today(peg);
  assert.equal(day.record, null);
  assert.equal(day.leave, null, 'no approved leave today');
  assert.equal(day.timezone, 'Asia/Jakarta');
  assert.equal(day.utc_offset_min, 420);
  assert.ok(day.geofences.length >= 1, 'the demo gives every OPD an office fence');
  const f = day.geofences[0];
  const before = serverNow();
  const res = await post(`${A}/check-in`, { lat: north(f.lat, f.radius_m - 20), lon: f.lon, accuracy_m: 12 }, { session: peg });
  const after = serverNow();
  assert.equal(res.status, 201, res.text);
  assert.ok(res.json.id > 0);
  assert.equal(res.json.mode, day.mode);
  assert.equal(res.json.inside_geofence, true);
  assert.equal(res.json.flagged, false);
  const t = Date.parse(res.json.time) / 1000;
  assert.ok(t >= before && t <= after, 'the server clock, not the client');
  const { day: d, minute } = local(t);
  assert.equal(res.json.day, d);
  const late = Math.max(0, minute - day.start_to);
  assert.equal(res.json.late_minutes, late);
  assert.equal(res.json.status, !day.working ? 'holiday' : late > 0 ? 'late' : 'present');
  assert.ok(res.json.distance_m < 0, 'negative distance: inside the edge');
  assert.equal(records(`employee_id = ${emp} AND ${NOT_DEMO}`), 1);
  assert.equal(Number(sqlOk(`SELECT in_inside FROM attendance_records WHERE id = ${res.json.id}`)), 1);
  // a second check-in the same day: 409, nothing more written
  const n = audits('attendance.check_in');
  assertError(await post(`${A}/check-in`, { lat: f.lat, lon: f.lon, accuracy_m: 5 }, { session: peg }), 409, 'already_checked_in');
  assert.equal(records(`employee_id = ${emp} AND ${NOT_DEMO}`), 1);
  assert.equal(audits('attendance.check_in'), n);
  // today shows the record
  const again = await today(peg);
  assert.equal(again.record.id, res.json.id);
});

test('check-out: worked minutes from the two server times; a second check-out is 409', async () => {
  advanceClock(120 * 60); // two hours later (sessions idle that long end: log in after)
  const peg = await loginOk(USERS.pegawaiDinkes);
  const day = await today(peg);
  const f = day.geofences[0];
  const res = await post(`${A}/check-out`, { lat: f.lat, lon: f.lon, accuracy_m: 8 }, { session: peg });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.id, day.record.id);
  const tin = Date.parse(res.json.check_in) / 1000;
  const tout = Date.parse(res.json.check_out) / 1000;
  assert.ok(tout - tin >= 7200);
  const brk = Number(sqlOk(`SELECT break_minutes FROM attendance_records WHERE id = ${res.json.id}`));
  const worked = Math.max(0, Math.floor((tout - Date.parse(`${res.json.day}T00:00:00+07:00`) / 1000) / 60)
    - Math.floor((tin - Date.parse(`${res.json.day}T00:00:00+07:00`) / 1000) / 60) - brk);
  assert.equal(res.json.worked_minutes, worked);
  assert.equal(res.json.out_inside_geofence, true);
  if (day.working) assert.ok(['left_early', 'short', 'late'].includes(res.json.status), res.json.status);
  assertError(await post(`${A}/check-out`, { lat: null, lon: null, accuracy_m: null }, { session: peg }), 409, 'already_checked_out');
});

test('outside the fence: kept and flagged; the supervisor in scope sees it, others do not', async () => {
  const peg = await loginOk(USERS.pegawaiDisdik);
  const emp = await employeeOf(peg);
  const day = await today(peg);
  const f = day.geofences[0];
  // 60 m beyond the edge with 10 m accuracy: outside
  const res = await post(`${A}/check-in`, { lat: north(f.lat, f.radius_m + 60), lon: f.lon, accuracy_m: 10 }, { session: peg });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.inside_geofence, false);
  assert.equal(res.json.flagged, true);
  assert.ok(Math.abs(res.json.distance_m - 60) < 1, `distance ${res.json.distance_m}`);
  assert.equal(records(`employee_id = ${emp} AND flagged = 1`), 1);
  const month = res.json.day.slice(0, 7);

  const bk = await loginOk(USERS.bkpsdm);
  const all = await get(`${A}/flagged?month=${month}`, { session: bk });
  assert.equal(all.status, 200, all.text);
  assert.ok(all.json.items.some((r) => r.id === res.json.id && r.employee.id === emp));
  const atasan = await loginOk(USERS.atasanDinkes);
  const theirs = await get(`${A}/flagged?month=${month}`, { session: atasan });
  assert.equal(theirs.status, 200, theirs.text);
  assert.ok(!theirs.json.items.some((r) => r.id === res.json.id), 'DINKES supervisor must not see DISDIK');
  assertError(await get(`${A}/flagged?month=${month}&unit_id=${disdik.id}`, { session: atasan }), 404, 'not_found');
  assertError(await get(`${A}/flagged`, { session: peg }), 403, 'forbidden');
});

test('no location at all: kept and flagged; half a location is 422 naming the missing field', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const emp = await employeeOf(admin);
  const none = { lat: null, lon: null, accuracy_m: null };
  assertError(await post(`${A}/check-in`, { lat: 3.0, lon: 99.8 }, { session: admin }), 422, 'validation_failed', 'accuracy_m');
  assertError(await post(`${A}/check-in`, { lat: 3.0, lon: 99.8, accuracy_m: null }, { session: admin }), 422, 'validation_failed', 'accuracy_m');
  assertError(await post(`${A}/check-in`, {}, { session: admin }), 422, 'validation_failed', 'lat');
  assertError(await post(`${A}/check-in`, { lat: 91, lon: 99.8, accuracy_m: 5 }, { session: admin }), 422, 'validation_failed', 'lat');
  assertError(await post(`${A}/check-in`, { lat: 3, lon: 181, accuracy_m: 5 }, { session: admin }), 422, 'validation_failed', 'lon');
  assertError(await post(`${A}/check-in`, { lat: 3, lon: 99, accuracy_m: 0 }, { session: admin }), 422, 'validation_failed', 'accuracy_m');
  assertError(await post(`${A}/check-in`, { lat: '3', lon: 99, accuracy_m: 5 }, { session: admin }), 422, 'validation_failed', 'lat');
  assertError(await post(`${A}/check-in`, { lat: 3, lon: 99, accuracy_m: 5, x: 1 }, { session: admin }), 422, 'unknown_field', 'x');
  assert.equal(records(`employee_id = ${emp} AND ${NOT_DEMO}`), 0, 'nothing written on bad input');
  const res = await post(`${A}/check-in`, none, { session: admin });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.inside_geofence, false);
  assert.equal(res.json.location, null);
  assert.equal(res.json.flagged, true);
  // an account without an employee record cannot check in
  const su = await loginOk(USERS.superadmin);
  assertError(await post(`${A}/check-in`, none, { session: su }), 404, 'no_employee_record');
});

test('20 parallel check-ins make one record', async () => {
  const s = await loginOk(USERS.pimpinan);
  const emp = await employeeOf(s);
  const results = await Promise.all(Array.from({ length: 20 }, () => post(`${A}/check-in`, { lat: null, lon: null, accuracy_m: null }, { session: s })));
  const codes = results.map((r) => r.status).sort();
  assert.equal(codes.filter((c) => c === 201).length, 1, codes.join(','));
  assert.equal(codes.filter((c) => c === 409).length, 19, codes.join(','));
  assert.equal(records(`employee_id = ${emp} AND ${NOT_DEMO}`), 1);
});

test('corrections: asked with a reason, decided by a supervisor in scope, original kept', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const emp = await employeeOf(peg);
  const now = serverNow();
  const todayDay = local(now).day;
  // find a past working day without a record within the last two weeks
  const mine = await get(`${A}/me?month=${todayDay.slice(0, 7)}`, { session: peg });
  assert.equal(mine.status, 200, mine.text);
  const yesterday = local(now - 86400).day;
  const before = corrections();
  const atasanUser = (await loginOk(USERS.atasanDinkes)).user.id;
  const notes = (user, kind) => Number(sqlOk(`SELECT count(*) FROM notifications WHERE user_id = ${user} AND kind = '${kind}'`));
  const asked = notes(atasanUser, 'attendance.correction');
  const told = notes(peg.user.id, 'attendance.correction_decided');
  // bad input, nothing written
  assertError(await post(`${A}/corrections`, { day: yesterday, kind: 'both', check_in: '07:30', reason: 'Lupa' }, { session: peg }), 422, 'validation_failed', 'check_out');
  assertError(await post(`${A}/corrections`, { day: yesterday, kind: 'lunch', reason: 'x' }, { session: peg }), 422, 'validation_failed', 'kind');
  assertError(await post(`${A}/corrections`, { day: '2026-02-30', kind: 'both', check_in: '07:30', check_out: '16:00', reason: 'x' }, { session: peg }), 422, 'validation_failed', 'day');
  assertError(await post(`${A}/corrections`, { day: local(now + 3 * 86400).day, kind: 'both', check_in: '07:30', check_out: '16:00', reason: 'x' }, { session: peg }), 422, 'validation_failed', 'day');
  assertError(await post(`${A}/corrections`, { day: yesterday, kind: 'both', check_in: '7.30', check_out: '16:00', reason: 'x' }, { session: peg }), 422, 'validation_failed', 'check_in');
  assertError(await post(`${A}/corrections`, { day: yesterday, kind: 'both', check_in: '07:30', check_out: '16:00', reason: '   ' }, { session: peg }), 422, 'validation_failed', 'reason');
  assert.equal(corrections(), before);
  assert.equal(notes(atasanUser, 'attendance.correction'), asked, 'no notification for a refused request');

  const c = await post(`${A}/corrections`, { day: yesterday, kind: 'both', check_in: '07:30', check_out: '16:00', reason: 'Sistem presensi tidak bisa dibuka' }, { session: peg });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.status, 'pending');
  assert.equal(c.json.check_in, new Date(Date.parse(`${yesterday}T07:30:00+07:00`)).toISOString().replace('.000', ''));
  assertError(await post(`${A}/corrections`, { day: yesterday, kind: 'duty', reason: 'dua kali' }, { session: peg }), 409, 'correction_pending', 'day');
  // the direct supervisor is told, in the same transaction, with the day and the reason
  assert.equal(notes(atasanUser, 'attendance.correction'), asked + 1);
  const note = sqlOk(`SELECT title, body, link FROM notifications WHERE user_id = ${atasanUser} AND kind = 'attendance.correction' ORDER BY id DESC LIMIT 1`).split('|');
  assert.ok(note[1].includes(yesterday) && note[1].includes('Sistem presensi tidak bisa dibuka'), note.join('|'));
  assert.equal(note[2], '#/presensi/rekap');
  assert.equal(notes(peg.user.id, 'attendance.correction_decided'), told, 'nothing decided yet');
  // own list; the employee cannot decide
  const list = await get(`${A}/corrections`, { session: peg });
  assert.ok(list.json.items.some((x) => x.id === c.json.id));
  assertError(await post(`${A}/corrections/${c.json.id}/decision`, { decision: 'approve' }, { session: peg }), 403, 'forbidden');
  // a supervisor of another unit: 404; reject without reason: 422
  const disdikPeg = await loginOk(USERS.pegawaiDisdik);
  assert.ok(!(await get(`${A}/corrections`, { session: disdikPeg })).json.items.some((x) => x.id === c.json.id));
  const atasan = await loginOk(USERS.atasanDinkes);
  assertError(await post(`${A}/corrections/${c.json.id}/decision`, { decision: 'reject' }, { session: atasan }), 422, 'validation_failed', 'reason');
  assertError(await post(`${A}/corrections/${c.json.id}/decision`, { decision: 'maybe' }, { session: atasan }), 422, 'validation_failed', 'decision');
  assertError(await post(`${A}/corrections/999999999/decision`, { decision: 'approve' }, { session: atasan }), 404, 'not_found');
  assert.equal(records(`employee_id = ${emp} AND day = '${yesterday}'`), 0);
  const ok = await post(`${A}/corrections/${c.json.id}/decision`, { decision: 'approve' }, { session: atasan });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'approved');
  assert.ok(ok.json.record_id > 0);
  assert.equal(ok.json.original.check_in, null, 'there was no record before');
  const row = sqlOk(`SELECT check_in_at, check_out_at, corrected_by, source FROM attendance_records WHERE id = ${ok.json.record_id}`).split('|');
  assert.equal(Number(row[0]), Date.parse(`${yesterday}T07:30:00+07:00`) / 1000);
  assert.equal(Number(row[1]), Date.parse(`${yesterday}T16:00:00+07:00`) / 1000);
  assert.equal(Number(row[2]), c.json.id);
  assert.equal(row[3], 'correction');
  // the employee is told of the decision
  assert.equal(notes(peg.user.id, 'attendance.correction_decided'), told + 1);
  assert.match(sqlOk(`SELECT title FROM notifications WHERE user_id = ${peg.user.id} AND kind = 'attendance.correction_decided' ORDER BY id DESC LIMIT 1`), new RegExp(`${yesterday} disetujui`));
  assertError(await post(`${A}/corrections/${c.json.id}/decision`, { decision: 'approve' }, { session: atasan }), 409, 'already_decided');
  assert.equal(notes(peg.user.id, 'attendance.correction_decided'), told + 1, 'a refused decision tells nobody');

  // correcting today's record keeps its original check-out on the correction
  const orig = Number(sqlOk(`SELECT check_out_at FROM attendance_records WHERE employee_id = ${emp} AND day = '${todayDay}'`));
  const c2 = await post(`${A}/corrections`, { day: todayDay, kind: 'check_out', check_out: '23:30', reason: 'Rapat malam, lupa presensi ulang' }, { session: peg });
  assert.equal(c2.status, 201, c2.text);
  const ok2 = await post(`${A}/corrections/${c2.json.id}/decision`, { decision: 'approve', reason: 'Benar ada rapat' }, { session: atasan });
  assert.equal(ok2.status, 200, ok2.text);
  assert.equal(Date.parse(ok2.json.original.check_out) / 1000, orig);
  assert.equal(notes(atasanUser, 'attendance.correction'), asked + 2);
  assert.equal(notes(peg.user.id, 'attendance.correction_decided'), told + 2);
  assert.equal(Number(sqlOk(`SELECT check_out_at FROM attendance_records WHERE employee_id = ${emp} AND day = '${todayDay}'`)),
    Date.parse(`${todayDay}T23:30:00+07:00`) / 1000);
  assert.ok(audits('attendance.correction_decide') >= 2);
});

test('device CSV import: dry run and bad rows write nothing; good rows merge', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const pegNip = (await get(`/api/v1/employees/${await employeeOf(peg)}`, { session: admin })).json.nip;
  const bk = await loginOk(USERS.bkpsdm);
  const disdikNip = (await get(`/api/v1/employees/${await employeeOf(await loginOk(USERS.pegawaiDisdik))}`, { session: bk })).json.nip;
  const day = local(serverNow() - 2 * 86400).day;
  const emp = await employeeOf(peg);
  const imp = (body, dry) => request('POST', `${A}/import?dry_run=${dry}`, { session: admin, body, contentType: 'text/csv' });
  const before = records();
  const batches = Number(sqlOk('SELECT count(*) FROM attendance_import_batches'));

  const bad = `nip,timestamp,device\n${pegNip},${day} 07:31,FP-01\n199001012020011999,${day} 07:40,FP-01\n${disdikNip},${day} 07:41,FP-01\n${pegNip},${day} 25:00,FP-01\n${pegNip},${day} 16:05:30,\n`;
  const r1 = await imp(bad, 'false');
  assert.equal(r1.status, 200, r1.text);
  assert.equal(r1.json.imported, 0);
  const lines = r1.json.errors.map((x) => `${x.line}:${x.column}`);
  assert.deepEqual(lines, ['3:nip', '4:nip', '5:timestamp', '6:device'], JSON.stringify(r1.json.errors));
  assert.equal(records(), before, 'nothing written when a row is bad');
  assert.equal(Number(sqlOk('SELECT count(*) FROM attendance_import_batches')), batches);

  const good = `NIP;Waktu;Mesin\n${pegNip};${day} 07:31;FP-01\n${pegNip};${day} 12:00:10;FP-01\n${pegNip};${day} 16:05:30;FP-02\n`;
  const r2 = await imp(good, 'true');
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.json.errors.length, 0);
  assert.equal(r2.json.imported, 0, 'a dry run imports nothing');
  assert.equal(records(), before);
  const r3 = await imp(good, 'false');
  assert.equal(r3.status, 200, r3.text);
  assert.equal(r3.json.imported, 3);
  const row = sqlOk(`SELECT check_in_at, check_out_at, source, device FROM attendance_records WHERE employee_id = ${emp} AND day = '${day}'`).split('|');
  assert.equal(Number(row[0]), Date.parse(`${day}T07:31:00+07:00`) / 1000);
  assert.equal(Number(row[1]), Date.parse(`${day}T16:05:30+07:00`) / 1000);
  assert.equal(row[2], 'device');
  assert.equal(row[3], 'FP-02');
  assert.equal(Number(sqlOk('SELECT count(*) FROM attendance_import_batches')), batches + 1);
  // not CSV, unknown parameter, a pegawai
  assertError(await request('POST', `${A}/import`, { session: admin, body: '{}', contentType: 'application/json' }), 415, 'unsupported_media_type');
  assertError(await request('POST', `${A}/import?dry=1`, { session: admin, body: good, contentType: 'text/csv' }), 422, 'unknown_parameter', 'dry');
  assertError(await request('POST', `${A}/import`, { session: peg, body: good, contentType: 'text/csv' }), 403, 'forbidden');
});

test('device users: the unit admin maps device numbers in scope; the import reads them', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const emp = await employeeOf(peg);
  const disdikEmp = await employeeOf(await loginOk(USERS.pegawaiDisdik));
  const D = `${A}/device-users`;
  const maps = (where = '1 = 1') => Number(sqlOk(`SELECT count(*) FROM attendance_device_users WHERE ${where}`));
  const before = maps();
  // bad input and out of scope: 4xx naming the field, nothing written
  assertError(await post(D, { code: '1001', employee_id: emp }, { session: admin }), 422, 'validation_failed', 'device');
  assertError(await post(D, { device: 'FP-07', code: '10 01', employee_id: emp }, { session: admin }), 422, 'validation_failed', 'code');
  assertError(await post(D, { device: 'FP-07', code: '1001', employee_id: 0 }, { session: admin }), 422, 'validation_failed', 'employee_id');
  assertError(await post(D, { device: 'FP-07', code: '1001', employee_id: 999999999 }, { session: admin }), 422, 'validation_failed', 'employee_id');
  assertError(await post(D, { device: 'FP-07', code: '1001', employee_id: disdikEmp }, { session: admin }), 422, 'validation_failed', 'employee_id');
  assertError(await post(D, { device: 'FP-07', code: '1001', employee_id: emp, unit: 1 }, { session: admin }), 422, 'unknown_field');
  assertError(await post(D, { device: 'FP-07', code: '1001', employee_id: emp }, { session: peg }), 403, 'forbidden');
  assertError(await get(D, { session: peg }), 403, 'forbidden');
  assert.equal(maps(), before);

  const add = await post(D, { device: 'FP-07', code: '1001', employee_id: emp }, { session: admin });
  assert.equal(add.status, 201, add.text);
  assert.equal(add.json.device, 'FP-07');
  assert.equal(add.json.code, '1001');
  assert.equal(add.json.employee_id, emp);
  assert.equal(add.json.unit_id, dinkes.id);
  assert.equal(Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action = 'attendance.device_user_add' AND entity_id = '${add.json.id}'`)), 1);
  assertError(await post(D, { device: 'FP-07', code: '1001', employee_id: emp }, { session: admin }), 409, 'device_user_exists', 'code');
  const other = await post(D, { device: 'FP-07', code: '2002', employee_id: disdikEmp }, { session: bk });
  assert.equal(other.status, 201, other.text);
  assert.equal(maps(), before + 2);
  // the list is scoped: admin.dinkes sees its own mapping, not DISDIK's; bkpsdm both
  const mine = await get(`${D}?device=FP-07`, { session: admin });
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.json.items.map((m) => m.code), ['1001']);
  assert.equal(mine.json.total, 1);
  assert.equal(mine.json.items[0].employee.id, emp);
  const all = await get(`${D}?device=FP-07`, { session: bk });
  assert.deepEqual(all.json.items.map((m) => m.code), ['1001', '2002']);
  assertError(await get(`${D}?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  assertError(await get(`${D}?dev=1`, { session: admin }), 422, 'unknown_parameter', 'dev');
  assertError(await request('DELETE', `${D}/${other.json.id}`, { session: admin }), 404, 'not_found');
  assert.equal(maps(`id = ${other.json.id}`), 1);

  // the import: a mapped number becomes the employee; an unmapped one and one outside the
  // admin's scope are per-row errors, and then nothing is written
  const day = local(serverNow() - 3 * 86400).day;
  const imp = (body) => request('POST', `${A}/import?dry_run=false`, { session: admin, body, contentType: 'text/csv' });
  const recs = records();
  const bad = await imp(`device_user_id,timestamp,device\n1001,${day} 07:10,FP-07\n9999,${day} 07:20,FP-07\n2002,${day} 07:25,FP-07\n1001,${day} 07:30,FP-08\n`);
  assert.equal(bad.status, 200, bad.text);
  assert.deepEqual(bad.json.errors.map((x) => `${x.line}:${x.column}`), ['3:device_user_id', '4:device_user_id', '5:device_user_id']);
  assert.match(bad.json.errors[0].message, /9999.*FP-07.*belum dipetakan/);
  assert.match(bad.json.errors[1].message, /tidak ditemukan/);
  assert.match(bad.json.errors[2].message, /belum dipetakan/, 'the number is per device');
  assert.equal(records(), recs);
  const had = records(`employee_id = ${emp} AND day = '${day}'`);
  const good = await imp(`device_user_id,timestamp,device\n1001,${day} 07:10,FP-07\n1001,${day} 16:40,FP-07\n`);
  assert.equal(good.status, 200, good.text);
  assert.equal(good.json.imported, 2);
  assert.equal(records(`employee_id = ${emp} AND day = '${day}'`), 1);
  if (!had) {
    const row = sqlOk(`SELECT check_in_at, check_out_at, device FROM attendance_records WHERE employee_id = ${emp} AND day = '${day}'`).split('|');
    assert.equal(Number(row[0]), Date.parse(`${day}T07:10:00+07:00`) / 1000);
    assert.equal(Number(row[1]), Date.parse(`${day}T16:40:00+07:00`) / 1000);
    assert.equal(row[2], 'FP-07');
  }

  // deleting the mapping: audited; the number is unmapped again
  const del = await request('DELETE', `${D}/${add.json.id}`, { session: admin });
  assert.equal(del.status, 204, del.text);
  assert.equal(maps(`id = ${add.json.id}`), 0);
  assert.equal(Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action = 'attendance.device_user_delete' AND entity_id = '${add.json.id}'`)), 1);
  assertError(await request('DELETE', `${D}/${add.json.id}`, { session: admin }), 404, 'not_found');
  const again = await imp(`device_user_id,timestamp,device\n1001,${day} 07:10,FP-07\n`);
  assert.deepEqual(again.json.errors.map((x) => `${x.line}:${x.column}`), ['2:device_user_id']);
  assert.equal((await request('DELETE', `${D}/${other.json.id}`, { session: bk })).status, 204);
});

test('demo data: a month of device attendance for DINKES, none elsewhere, the last days left free', async () => {
  const now = serverNow();
  const demo = (where) => Number(sqlOk(`SELECT count(*) FROM attendance_records a JOIN employees e ON e.id = a.employee_id WHERE a.device = 'DEMO-FP-01' AND ${where}`));
  const staff = Number(sqlOk(`SELECT count(*) FROM employees WHERE unit_id = ${dinkes.id} AND state = 'active'`));
  assert.ok(staff >= 2);
  // every DINKES employee has records on most of the ~21 working days, nobody else any
  const per = sqlOk(`SELECT a.employee_id, count(*) FROM attendance_records a JOIN employees e ON e.id = a.employee_id WHERE a.device = 'DEMO-FP-01' GROUP BY a.employee_id`)
    .split('\n').filter(Boolean).map((l) => l.split('|').map(Number));
  // other test files add DINKES employees later: the seed saw the demo's own (at least 2)
  assert.ok(per.length >= 2 && per.length <= Math.min(staff, 50), `${per.length} of ${staff}`);
  assert.ok(per.every(([, n]) => n >= 15 && n <= 24), JSON.stringify(per));
  assert.equal(demo(`a.unit_id <> ${dinkes.id}`), 0, sqlOk("SELECT a.employee_id, a.unit_id, e.unit_id FROM attendance_records a JOIN employees e ON e.id = a.employee_id WHERE a.device = 'DEMO-FP-01' AND a.unit_id <> " + dinkes.id));
  assert.equal(demo(`a.day >= '${local(now - 3 * 86400).day}'`), 0, 'the last three days stay free for the tests');
  assert.equal(demo("(a.working = 0 OR a.check_out_at IS NULL OR a.check_out_at <= a.check_in_at)"), 0, 'working days, checked out after the check-in');
  // plausible times: the check-in between 06:30 and 10:00 local, the day's hours worked mostly
  const ins = sqlOk("SELECT check_in_at, worked_minutes, late_minutes FROM attendance_records WHERE device = 'DEMO-FP-01'")
    .split('\n').filter(Boolean).map((l) => l.split('|').map(Number));
  assert.ok(ins.every(([t]) => local(t).minute >= 390 && local(t).minute <= 600));
  assert.ok(ins.filter(([, , late]) => late > 0).length < ins.length / 4, 'most are on time');
  // the recap page of that month shows it
  const month = local(now - 10 * 86400).day.slice(0, 7);
  const bk = await loginOk(USERS.bkpsdm);
  const recap = await get(`${A}/recap?unit_id=${dinkes.id}&month=${month}&per_page=200`, { session: bk });
  assert.equal(recap.status, 200, recap.text);
  assert.ok(recap.json.totals.present_days > 0 && recap.json.totals.worked_minutes > 0, JSON.stringify(recap.json.totals));
});

test('my month and the recap: figures, scope, XLSX', async () => {
  const peg = await loginOk(USERS.pegawaiDinkes);
  const emp = await employeeOf(peg);
  const month = local(serverNow()).day.slice(0, 7);
  const me = await get(`${A}/me?month=${month}`, { session: peg });
  assert.equal(me.status, 200, me.text);
  const present = me.json.days.filter((d) => d.check_in && d.kind !== 'duty' && d.status !== 'holiday').length;
  assert.equal(me.json.summary.present_days, present);
  assert.equal(me.json.summary.worked_minutes, me.json.days.filter((d) => d.check_in && d.status !== 'holiday').reduce((s, d) => s + d.worked_minutes, 0));
  assertError(await get(`${A}/me?month=2026-13`, { session: peg }), 422, 'validation_failed', 'month');
  assertError(await get(`${A}/me?bulan=2026-01`, { session: peg }), 422, 'unknown_parameter', 'bulan');

  const bk = await loginOk(USERS.bkpsdm);
  const recap = await get(`${A}/recap?unit_id=${dinkes.id}&month=${month}&per_page=200`, { session: bk });
  assert.equal(recap.status, 200, recap.text);
  const row = recap.json.items.find((r) => r.employee_id === emp);
  assert.ok(row, 'pegawai.dinkes in the DINKES recap');
  for (const k of ['working_days', 'present_days', 'late_minutes', 'early_minutes', 'worked_minutes', 'absent_days', 'leave_days', 'duty_days'])
    assert.equal(row[k], me.json.summary[k], k);
  assert.ok(recap.json.items.every((r) => r.unit_name), 'unit names');
  assert.ok(!recap.json.items.some((r) => r.unit_id === disdik.id));
  assert.equal(recap.json.totals.present_days, recap.json.items.reduce((s, r) => s + r.present_days, 0));
  // the pegawai sees only the own row; another unit is 404 for an admin_unit
  const own = await get(`${A}/recap?month=${month}`, { session: peg });
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.json.items.map((r) => r.employee_id), [emp]);
  assertError(await get(`${A}/recap?month=${month}&unit_id=${dinkes.id}`, { session: peg }), 404, 'not_found');
  const admin = await loginOk(USERS.adminDinkes);
  assertError(await get(`${A}/recap?month=${month}&unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  assertError(await get(`${A}/recap?month=${month}&format=pdf`, { session: admin }), 422, 'validation_failed', 'format');
  const x = await fetch(`${process.env.ABDI_URL}${A}/recap?unit_id=${dinkes.id}&month=${month}&format=xlsx`, { headers: { cookie: `abdi_session=${bk.token}` } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const buf = Buffer.from(await x.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
});

test('discipline: absent working days since the start date against domain.md §11', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const peg = await loginOk(USERS.pegawaiDisdik);
  const emp = await employeeOf(peg);
  const now = serverNow();
  const { day } = local(now);
  // attendance "started" 40 days ago: every past working day without a record is absent
  const start = local(now - 40 * 86400).day;
  sqlOk(`INSERT INTO settings (key, value) VALUES ('attendance.start_date', '${start.replaceAll('-', '')}')`);
  try {
    const year = Number(day.slice(0, 4));
    const hol = new Set((await get(`/api/v1/holidays?year=${year}`, { session: bk })).json.items.map((h) => h.date));
    // break the absence into runs: a check-in on the 8th and a duty day on the 11th working
    // day from the start, a record without check-in on the 9th (still absent), one on a Sunday
    const wdays = [];
    for (let t = Date.parse(`${start}T00:00:00Z`); t < Date.parse(`${day}T00:00:00Z`); t += 86400000) {
      const d = new Date(t);
      if (d.getUTCDay() % 6 !== 0 && !hol.has(d.toISOString().slice(0, 10))) wdays.push(d.toISOString().slice(0, 10));
    }
    const sunday = (() => { let t = Date.parse(`${start}T00:00:00Z`); while (new Date(t).getUTCDay() !== 0) t += 86400000; return new Date(t).toISOString().slice(0, 10); })();
    const put = (d, kind, checkIn) => sqlOk(`INSERT INTO attendance_records (employee_id, unit_id, day, kind, mode, check_in_at, working,
      start_from, start_to, required_minutes, break_minutes, utc_offset_min, source, created_at, updated_at)
      SELECT ${emp}, ${disdik.id}, '${d}', '${kind}', 'WFO', ${checkIn ? Date.parse(`${d}T07:30:00+07:00`) / 1000 : 'NULL'}, 1, 450, 450, 450, 60, 420, 'correction', 0, 0
      WHERE NOT EXISTS (SELECT 1 FROM attendance_records WHERE employee_id = ${emp} AND day = '${d}')`);
    put(wdays[7], 'work', true);
    put(wdays[8], 'work', false);
    put(wdays[10], 'duty', false);
    put(sunday, 'work', true);
    const res = await get(`${A}/discipline?year=${year}&unit_id=${disdik.id}`, { session: bk });
    assert.equal(res.status, 200, res.text);
    const row = res.json.items.find((r) => r.employee_id === emp);
    // reference: count Mon-Fri days in [max(start, Jan 1), yesterday] minus holidays minus records
    const have = new Set(sqlOk(`SELECT day FROM attendance_records WHERE employee_id = ${emp} AND (check_in_at IS NOT NULL OR kind = 'duty')`).split('\n').filter(Boolean));
    // approved leave (other test files may have granted some) is not absence
    const leave = sqlOk(`SELECT start_date, end_date FROM leave_requests WHERE employee_id = ${emp} AND status = 'approved'`)
      .split('\n').filter(Boolean).map((l) => l.split('|'));
    const onLeave = (iso) => leave.some(([a, b]) => iso >= a && iso <= b);
    const from = start > `${year}-01-01` ? start : `${year}-01-01`;
    let absent = 0;
    let run = 0;
    let best = 0;
    for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${day}T00:00:00Z`); t += 86400000) {
      const d = new Date(t);
      const iso = d.toISOString().slice(0, 10);
      const wd = d.getUTCDay();
      if (wd === 0 || wd === 6 || hol.has(iso)) continue;
      if (have.has(iso) || onLeave(iso)) { run = 0; continue; }
      absent++;
      run++;
      best = Math.max(best, run);
    }
    assert.ok(absent >= 10, `absent ${absent}`);
    assert.ok(best >= 7 && best < absent, `runs: longest ${best} of ${absent}`);
    assert.ok(row, 'DISDIK employee listed');
    assert.equal(row.absent_days, absent);
    assert.equal(row.max_consecutive, best);
    // domain.md §11, independently: the threshold table, and 10 in a row → discharge
    const steps = [[28, 'discharge'], [25, 'pelaksana_12'], [21, 'demotion_12'], [17, 'tpp_cut_12'],
      [14, 'tpp_cut_9'], [11, 'tpp_cut_6'], [7, 'written_dissatisfaction'], [4, 'written_warning'], [3, 'verbal_warning']];
    const level = best >= 10 ? 'discharge' : steps.find(([n]) => absent >= n)[1];
    assert.equal(row.level, level);
    assert.equal(row.salary_stop, best >= 10);
    const admin = await loginOk(USERS.adminDinkes);
    const theirs = await get(`${A}/discipline?year=${year}`, { session: admin });
    assert.equal(theirs.status, 200, theirs.text);
    assert.ok(!theirs.json.items.some((r) => r.employee_id === emp), 'admin.dinkes does not see DISDIK');
    assertError(await get(`${A}/discipline`, { session: peg }), 403, 'forbidden');
    assertError(await get(`${A}/discipline?year=19`, { session: bk }), 422, 'validation_failed', 'year');
  } finally {
    sqlOk(`DELETE FROM attendance_records WHERE employee_id = ${emp} AND source = 'correction' AND created_at = 0`);
    sqlOk("DELETE FROM settings WHERE key = 'attendance.start_date'");
  }
});

after(() => {});
