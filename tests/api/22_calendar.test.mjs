// 22_calendar.test.mjs - the calendar (issue 4): GET /api/v1/calendar/working-days counts a
// unit's working days (5- or 6-day week) less the holidays and cuti bersama, checked against
// an independent day-by-day count over the demo's 2026 holidays; holidays CRUD (admin_bkpsdm
// writes, everyone logged in reads, 409 on a taken date, 422 naming the field, nothing written
// on an error); the CSV import (dry run writes nothing, all rows or none, errors with line
// numbers); a unit's work week (admin_bkpsdm anywhere, admin_unit only inside its scope).
// Test holidays go into 2031 and are removed at the end, so other files see only the demo's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  USERS, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

const WD = '/api/v1/calendar/working-days';
let units;
let dinkes;
let disdik;
let pkm1;
let bkpsdm;
let admin;   // admin.dinkes
let pegawai; // pegawai.dinkes

const holidayRows = (where = '1 = 1') => Number(sqlOk(`SELECT count(*) FROM holidays WHERE ${where}`));
const audits = (action) => Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action = '${action}'`));
const weekOf = (unit) => Number(sqlOk(`SELECT work_days FROM units WHERE id = ${unit.id}`));

// Independent count: walk the days (UTC), skip Sundays, Saturdays of a 5-day week and
// the listed dates.
function reference(from, to, week, off) {
  const set = new Set(off);
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400000) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    if (wd === 0 || (wd === 6 && week === 5)) continue;
    if (!set.has(d.toISOString().slice(0, 10))) n++;
  }
  return n;
}

async function working(session, unit, from, to) {
  const res = await get(`${WD}?unit_id=${unit.id}&from=${from}&to=${to}`, { session });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.unit_id, unit.id);
  return res.json.working_days;
}

const put = (p, json, session) => request('PUT', p, { session, json });
const patch = (p, json, session) => request('PATCH', p, { session, json });
const del = (p, session) => request('DELETE', p, { session });
const importCsv = (session, body, dry, contentType = 'text/csv') =>
  request('POST', `/api/v1/holidays/import?dry_run=${dry}`, { session, body, contentType });

before(async () => {
  units = await allUnits();
  dinkes = units.get('DINKES');
  disdik = units.get('DISDIK');
  pkm1 = units.get('DINKES.PKM1');
  bkpsdm = await loginOk(USERS.bkpsdm);
  admin = await loginOk(USERS.adminDinkes);
  pegawai = await loginOk(USERS.pegawaiDinkes);
});

after(async () => {
  sqlOk("DELETE FROM holidays WHERE date >= '2031-01-01' AND date <= '2031-12-31'");
});

test('demo: the 2026 national holidays and cuti bersama, readable by every logged-in user', async () => {
  const res = await get('/api/v1/holidays?year=2026', { session: pegawai });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.year, 2026);
  assert.equal(res.json.total, 25);
  assert.equal(res.json.collective, 8);
  const byDate = new Map(res.json.items.map((h) => [h.date, h]));
  assert.equal(byDate.get('2026-03-21').name, 'Idulfitri 1447 H');
  assert.equal(byDate.get('2026-03-21').collective, false);
  assert.equal(byDate.get('2026-03-23').collective, true);
  assert.equal(byDate.get('2026-08-17').collective, false);
  assert.equal(byDate.get('2026-12-24').collective, true);
  const dates = res.json.items.map((h) => h.date);
  assert.deepEqual(dates, [...dates].sort(), 'sorted by date');
  // without ?year= the year of the server's clock
  const year = new Date(serverNow() * 1000).getUTCFullYear();
  const now = await get('/api/v1/holidays', { session: pegawai });
  assert.equal(now.status, 200, now.text);
  assert.equal(now.json.year, year);
  const one = await get(`/api/v1/holidays/${byDate.get('2026-01-01').id}`, { session: pegawai });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.name, 'Tahun Baru 2026 Masehi');
  assertError(await get('/api/v1/holidays/999999999', { session: pegawai }), 404, 'not_found');
  assertError(await get('/api/v1/holidays?year=20x6', { session: pegawai }), 422, 'validation_failed', 'year');
  assertError(await get('/api/v1/holidays?year=1800', { session: pegawai }), 422, 'validation_failed', 'year');
  assertError(await get('/api/v1/holidays?tahun=2026', { session: pegawai }), 422, 'unknown_parameter', 'tahun');
});

test('working days: 5- and 6-day weeks, the Lebaran 2026 cluster, year boundaries', async () => {
  const list = (await get('/api/v1/holidays?year=2026', { session: bkpsdm })).json.items.map((h) => h.date);
  assert.equal(weekOf(dinkes), 5);
  assert.equal(weekOf(pkm1), 6, 'the demo puskesmas works six days');
  // Mon 16 .. Fri 27 March: Nyepi, Idulfitri and their cuti bersama take 5 of 10 days
  assert.equal(await working(pegawai, dinkes, '2026-03-16', '2026-03-27'), 5);
  // a 6-day week also loses Saturday 21 March
  assert.equal(await working(pegawai, pkm1, '2026-03-16', '2026-03-28'), 6);
  assert.equal(await working(pegawai, dinkes, '2026-03-18', '2026-03-24'), 0);
  // the whole year against the independent count
  const y5 = await working(pegawai, dinkes, '2026-01-01', '2026-12-31');
  assert.equal(y5, reference('2026-01-01', '2026-12-31', 5, list));
  assert.equal(y5, 261 - 21, '21 holidays and cuti bersama fall on Mon-Fri in 2026');
  assert.equal(await working(pegawai, pkm1, '2026-01-01', '2026-12-31'),
    reference('2026-01-01', '2026-12-31', 6, list));
  // across the year boundary: 1 January 2026 (Thursday) is off
  assert.equal(await working(pegawai, dinkes, '2025-12-29', '2026-01-02'), 4);
  // a leap day, and a one-day range
  assert.equal(await working(pegawai, dinkes, '2028-02-28', '2028-03-01'), 3);
  assert.equal(await working(pegawai, dinkes, '2026-08-17', '2026-08-17'), 0);
  assert.equal(await working(pegawai, dinkes, '2026-08-18', '2026-08-18'), 1);
  // any logged-in user may count for any unit
  assert.equal(await working(pegawai, disdik, '2026-03-16', '2026-03-27'), 5);
  // five years exactly is the longest range
  assert.equal(await working(pegawai, dinkes, '2026-01-01', '2031-01-04'),
    reference('2026-01-01', '2031-01-04', 5, list));
});

test('working days: bad input names the field, a missing unit is 404', async () => {
  const q = (s) => get(`${WD}?${s}`, { session: pegawai });
  assertError(await q(`unit_id=999999999&from=2026-01-01&to=2026-01-31`), 404, 'not_found');
  assertError(await q(`from=2026-01-01&to=2026-01-31`), 422, 'validation_failed', 'unit_id');
  assertError(await q(`unit_id=abc&from=2026-01-01&to=2026-01-31`), 422, 'validation_failed', 'unit_id');
  assertError(await q(`unit_id=0&from=2026-01-01&to=2026-01-31`), 422, 'validation_failed', 'unit_id');
  assertError(await q(`unit_id=${dinkes.id}&to=2026-01-31`), 422, 'validation_failed', 'from');
  assertError(await q(`unit_id=${dinkes.id}&from=2026-02-30&to=2026-03-31`), 422, 'validation_failed', 'from');
  assertError(await q(`unit_id=${dinkes.id}&from=2100-02-29&to=2100-03-31`), 422, 'validation_failed', 'from');
  assertError(await q(`unit_id=${dinkes.id}&from=01-01-2026&to=2026-01-31`), 422, 'validation_failed', 'from');
  assertError(await q(`unit_id=${dinkes.id}&from=2026-01-01`), 422, 'validation_failed', 'to');
  assertError(await q(`unit_id=${dinkes.id}&from=2026-01-01&to=2026-13-01`), 422, 'validation_failed', 'to');
  assertError(await q(`unit_id=${dinkes.id}&from=2026-02-01&to=2026-01-31`), 422, 'validation_failed', 'to');
  assertError(await q(`unit_id=${dinkes.id}&from=2026-01-01&to=2031-01-05`), 422, 'validation_failed', 'to');
  assertError(await q(`unit_id=${dinkes.id}&from=2026-01-01&to=2026-01-31&x=1`), 422, 'unknown_parameter', 'x');
  assertError(await get(`${WD}?unit_id=${dinkes.id}&from=2026-01-01&to=2026-01-31`), 401, 'unauthenticated');
});

test('holidays: admin_bkpsdm adds one and the count drops by one; others may not write', async () => {
  // Mon 3 .. Fri 7 March 2031
  assert.equal(await working(pegawai, dinkes, '2031-03-03', '2031-03-07'), 5);
  const rows = holidayRows();
  const created = audits('holiday.create');
  for (const s of [pegawai, admin]) {
    assertError(await post('/api/v1/holidays', { date: '2031-03-05', name: 'Uji' }, { session: s }), 403, 'forbidden');
  }
  assert.equal(holidayRows(), rows, 'nothing written by a refused role');
  const res = await post('/api/v1/holidays', { date: '2031-03-05', name: 'Hari Libur Uji', collective: true }, { session: bkpsdm });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.date, '2031-03-05');
  assert.equal(res.json.name, 'Hari Libur Uji');
  assert.equal(res.json.collective, true);
  assert.equal(res.json.created_by, bkpsdm.user.id);
  assert.equal(holidayRows(), rows + 1);
  assert.equal(audits('holiday.create'), created + 1);
  assert.equal(await working(pegawai, dinkes, '2031-03-03', '2031-03-07'), 4);
  assert.equal(await working(pegawai, pkm1, '2031-03-03', '2031-03-08'), 5);
  const list = await get('/api/v1/holidays?year=2031', { session: pegawai });
  assert.deepEqual(list.json.items.map((h) => [h.date, h.collective]), [['2031-03-05', true]]);

  // the same date again: 409, nothing written
  assertError(await post('/api/v1/holidays', { date: '2031-03-05', name: 'Lagi' }, { session: bkpsdm }), 409, 'duplicate_date', 'date');
  // bad input names the field
  const bad = [
    [{ date: '2031-02-29', name: 'X' }, 'date'],
    [{ date: '05-03-2031', name: 'X' }, 'date'],
    [{ name: 'X' }, 'date'],
    [{ date: '2031-03-06', name: '   ' }, 'name'],
    [{ date: '2031-03-06' }, 'name'],
    [{ date: '2031-03-06', name: 'X'.repeat(201) }, 'name'],
    [{ date: '2031-03-06', name: 'X', collective: 'ya' }, 'collective'],
    [{ date: '2031-03-06', name: 'X', tanggal: '2031-03-06' }, 'tanggal', 'unknown_field'],
  ];
  for (const [body, field, code = 'validation_failed'] of bad) {
    assertError(await post('/api/v1/holidays', body, { session: bkpsdm }), 422, code, field);
  }
  assert.equal(holidayRows(), rows + 1, 'no refused request wrote anything');
  assert.equal(audits('holiday.create'), created + 1);
});

test('holidays: change and delete, 409 when moved onto a taken date', async () => {
  const second = await post('/api/v1/holidays', { date: '2031-03-06', name: 'Kedua' }, { session: bkpsdm });
  assert.equal(second.status, 201, second.text);
  const id = second.json.id;
  assertError(await patch(`/api/v1/holidays/${id}`, { name: 'X' }, pegawai), 403, 'forbidden');
  assertError(await patch(`/api/v1/holidays/${id}`, { date: '2031-03-05' }, bkpsdm), 409, 'duplicate_date', 'date');
  assertError(await patch(`/api/v1/holidays/${id}`, { date: '2031-03-32' }, bkpsdm), 422, 'validation_failed', 'date');
  assertError(await patch(`/api/v1/holidays/${id}`, {}, bkpsdm), 422, 'validation_failed');
  assertError(await patch('/api/v1/holidays/999999999', { name: 'X' }, bkpsdm), 404, 'not_found');
  assert.equal(sqlOk(`SELECT date || '|' || name || '|' || collective FROM holidays WHERE id = ${id}`), '2031-03-06|Kedua|0');
  const moved = await patch(`/api/v1/holidays/${id}`, { date: '2031-03-07', name: 'Kedua (pindah)', collective: true }, bkpsdm);
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.date, '2031-03-07');
  assert.equal(moved.json.collective, true);
  assert.equal(await working(pegawai, dinkes, '2031-03-03', '2031-03-07'), 3);
  assertError(await del(`/api/v1/holidays/${id}`, admin), 403, 'forbidden');
  const gone = await del(`/api/v1/holidays/${id}`, bkpsdm);
  assert.equal(gone.status, 204, gone.text);
  assert.equal(holidayRows(`id = ${id}`), 0);
  assert.equal(await working(pegawai, dinkes, '2031-03-03', '2031-03-07'), 4);
  assertError(await del(`/api/v1/holidays/${id}`, bkpsdm), 404, 'not_found');
  assert.equal(Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action IN ('holiday.update', 'holiday.delete') AND entity_id = '${id}'`)), 2);
});

test('the work week: admin_bkpsdm anywhere, admin_unit only inside its scope', async () => {
  const path = (u) => `/api/v1/units/${u.id}/work-days`;
  const read = await get(path(pkm1), { session: pegawai });
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json, { unit_id: pkm1.id, work_days: 6 });
  assertError(await get('/api/v1/units/999999999/work-days', { session: pegawai }), 404, 'not_found');

  // admin.dinkes cannot change DISDIK's week (404: outside the scope), pegawai nowhere
  assertError(await put(path(disdik), { work_days: 6 }, admin), 404, 'not_found');
  assertError(await put(path(dinkes), { work_days: 6 }, pegawai), 403, 'forbidden');
  assert.equal(weekOf(disdik), 5);
  assert.equal(weekOf(dinkes), 5);
  assertError(await put(path(dinkes), { work_days: 7 }, admin), 422, 'validation_failed', 'work_days');
  assertError(await put(path(dinkes), { work_days: '6' }, admin), 422, 'validation_failed', 'work_days');
  assertError(await put(path(dinkes), {}, admin), 422, 'validation_failed', 'work_days');
  assertError(await put(path(dinkes), { work_days: 6, hari: 1 }, admin), 422, 'unknown_field', 'hari');
  assert.equal(weekOf(dinkes), 5);

  // Mon 2 .. Sat 7 February 2026: the Saturday counts once the week has six days
  const changes = audits('unit.work_days');
  assert.equal(await working(pegawai, dinkes, '2026-02-02', '2026-02-07'), 5);
  const six = await put(path(dinkes), { work_days: 6 }, admin);
  assert.equal(six.status, 200, six.text);
  assert.equal(six.json.work_days, 6);
  assert.equal(weekOf(dinkes), 6);
  assert.equal(await working(pegawai, dinkes, '2026-02-02', '2026-02-07'), 6);
  assert.equal(audits('unit.work_days'), changes + 1);
  // the same value again changes nothing and writes no audit row
  assert.equal((await put(path(dinkes), { work_days: 6 }, admin)).status, 200);
  assert.equal(audits('unit.work_days'), changes + 1);
  assert.equal((await put(path(dinkes), { work_days: 5 }, admin)).status, 200);
  assert.equal(weekOf(dinkes), 5);
  // a sub-unit of the admin's unit is inside its scope; bkpsdm reaches DISDIK
  assert.equal((await put(path(pkm1), { work_days: 5 }, admin)).status, 200);
  assert.equal(weekOf(pkm1), 5);
  assert.equal((await put(path(pkm1), { work_days: 6 }, admin)).status, 200);
  assert.equal((await put(path(disdik), { work_days: 6 }, bkpsdm)).status, 200);
  assert.equal(weekOf(disdik), 6);
  assert.equal((await put(path(disdik), { work_days: 5 }, bkpsdm)).status, 200);
  assert.equal(weekOf(disdik), 5);
});

test('import: a dry run writes nothing, then every row is written in one audited step', async () => {
  const body = '\ufeffdate;name;collective\r\n2031-01-01;Tahun Baru 2031;0\r\n'
    + '"2031-01-02";"Cuti bersama; Tahun Baru";ya\r\n05-01-2031;Libur Uji Impor;\r\n';
  const rows = holidayRows();
  const imported = audits('holiday.import');
  const dry = await importCsv(bkpsdm, body, true);
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json.errors, []);
  assert.equal(dry.json.rows, 3);
  assert.equal(dry.json.imported, 0);
  assert.equal(dry.json.dry_run, true);
  assert.equal(holidayRows(), rows, 'a dry run writes nothing');
  assert.equal(audits('holiday.import'), imported);
  const res = await importCsv(bkpsdm, body, false);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.imported, 3);
  assert.equal(holidayRows(), rows + 3);
  assert.equal(audits('holiday.import'), imported + 1);
  const list = await get('/api/v1/holidays?year=2031', { session: pegawai });
  const byDate = new Map(list.json.items.map((h) => [h.date, h]));
  assert.equal(byDate.get('2031-01-02').name, 'Cuti bersama; Tahun Baru');
  assert.equal(byDate.get('2031-01-02').collective, true);
  assert.equal(byDate.get('2031-01-01').collective, false);
  assert.equal(byDate.get('2031-01-05').name, 'Libur Uji Impor', 'dd-mm-yyyy accepted');
  // Wed 1 .. Fri 3 January 2031: two of three days are off now
  assert.equal(await working(pegawai, dinkes, '2031-01-01', '2031-01-03'), 1);
});

test('import: bad rows are reported by line, and nothing is written even by a real run', async () => {
  const body = [
    'date,name,collective',
    '2031-06-01,Baik,0',          // 2 good
    '2031-02-30,Tanggal salah,0', // 3 bad date
    '2031-06-02,,1',              // 4 no name
    '2031-06-03,Bendera,mungkin', // 5 bad collective
    '2031-06-01,Kembar,0',        // 6 repeats line 2
    '2031-01-01,Sudah ada,0',     // 7 already stored
    '',
  ].join('\n');
  const rows = holidayRows();
  const imported = audits('holiday.import');
  for (const dry of [true, false]) {
    const res = await importCsv(bkpsdm, body, dry);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.imported, 0);
    assert.deepEqual(res.json.errors.map((x) => [x.line, x.column]),
      [[3, 'date'], [4, 'name'], [5, 'collective'], [6, 'date'], [7, 'date']], res.text);
    assert.match(res.json.errors[3].message, /baris 2/);
  }
  assert.equal(holidayRows(), rows, 'all or none');
  assert.equal(audits('holiday.import'), imported);
  // a missing column stops the file
  const noName = await importCsv(bkpsdm, 'date\n2031-07-01\n', false);
  assert.equal(noName.status, 200, noName.text);
  assert.equal(noName.json.errors[0].line, 1);
  assert.equal(holidayRows(), rows);
  // role, content type and query
  assertError(await importCsv(pegawai, 'date,name\n2031-07-01,X\n', false), 403, 'forbidden');
  assertError(await importCsv(admin, 'date,name\n2031-07-01,X\n', false), 403, 'forbidden');
  assertError(await importCsv(bkpsdm, 'date,name\n2031-07-01,X\n', false, 'application/json'), 415, 'unsupported_media_type');
  assertError(await importCsv(bkpsdm, 'date,name\n2031-07-01,X\n', 'maybe'), 422, 'validation_failed', 'dry_run');
  assert.equal(holidayRows(), rows);
});

test('Ramadan period: admin_bkpsdm sets it per year, checked and audited; the day\'s required hours follow', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const empId = peg.user.employee_id;
  const required = async () => {
    const r = await get(`/api/v1/work-arrangements/${empId}/days?from=2027-02-15&days=1`, { session: peg });
    assert.equal(r.status, 200, r.text);
    return r.json.items[0].required_minutes;
  };
  const none = await get('/api/v1/ramadan?year=2027', { session: peg });
  assert.equal(none.status, 200, none.text);
  assert.deepEqual(none.json, { year: 2027, start_date: null, end_date: null });
  assert.equal(await required(), 450, '37.5 h over 5 days outside Ramadan');

  const rows = () => Number(sqlOk("SELECT count(*) FROM work_ramadan WHERE start_date LIKE '2027-%'"));
  const audits = () => Number(sqlOk("SELECT count(*) FROM audit_log WHERE action LIKE 'ramadan.%'"));
  const [rows0, audits0] = [rows(), audits()];
  const put = (s, year, json) => request('PUT', `/api/v1/ramadan/${year}`, { session: s, json });
  for (const [json, field] of [
    [{ start_date: '2027-02-30', end_date: '2027-03-09' }, 'start_date'],
    [{ start_date: '2026-02-08', end_date: '2026-03-09' }, 'start_date'],
    [{ start_date: '2027-02-08', end_date: '2027-02-01' }, 'end_date'],
    [{ start_date: '2027-02-08', end_date: '2027-03-20' }, 'end_date'],
    [{ start_date: '2027-02-08' }, 'end_date'],
  ]) assertError(await put(bk, 2027, json), 422, 'validation_failed', field);
  assertError(await put(bk, 1800, { start_date: '1800-02-08', end_date: '1800-03-09' }), 422, 'validation_failed', 'year');
  assertError(await put(admin, 2027, { start_date: '2027-02-08', end_date: '2027-03-09' }), 403, 'forbidden');
  assert.deepEqual([rows(), audits()], [rows0, audits0], 'a refused request wrote something');

  const set = await put(bk, 2027, { start_date: '2027-02-08', end_date: '2027-03-09' });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.json, { year: 2027, start_date: '2027-02-08', end_date: '2027-03-09' });
  assert.equal(await required(), 390, '32.5 h over 5 days in Ramadan');
  const moved = await put(bk, 2027, { start_date: '2027-02-16', end_date: '2027-03-17' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(rows(), rows0 + 1, 'one period per year');
  assert.equal(await required(), 450, 'the 15th is before the moved period');
  const del = await request('DELETE', '/api/v1/ramadan/2027', { session: bk });
  assert.equal(del.status, 200, del.text);
  assertError(await request('DELETE', '/api/v1/ramadan/2027', { session: bk }), 404, 'not_found');
  assert.equal(rows(), rows0);
  assert.equal(audits(), audits0 + 3, 'set, moved, deleted');
  const last = sqlOk("SELECT before_json FROM audit_log WHERE action = 'ramadan.delete' ORDER BY id DESC LIMIT 1");
  assert.match(last, /2027-02-16/);
});
