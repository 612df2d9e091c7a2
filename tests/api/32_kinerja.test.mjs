// 32_kinerja.test.mjs - the yearly appraisal result as an employee history (kind kinerja) and
// the periodic salary step it can postpone (domain.md §2: a predikat below the bar in the year
// before the step is due postpones it by a year; the step after it is counted as if not
// postponed): add, list, correct; the record's next_salary_step_date, salary_step_due_date and
// salary_step_postponed following the rows and the setting employee.kgb_min_predikat, the same
// in list rows and the CSV export; one active row per year held by the database (parallel saves
// on both engines; migration 0027 on rows saved before it); bad
// input (unknown predikat or rating, a year in the future, a second row for a year) -> 4xx
// naming the field with nothing written; scope (admin.dinkes cannot reach DISDIK, pegawai
// reads only the own rows and never writes; only BKPSDM changes the setting).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import {
  DB_URL, ENGINE, TMPDIR, UNITS, USERS, abdi, allUnits, assertError, get, loginOk, post, request,
  serverNow, sql, sqlOk,
} from './lib.mjs';

let emp; // DINKES, III/a, appointed 1 January of (this year - 9): steps due on 1 January of odd distances
let Y; // the server's year
const count = () => Number(sqlOk('SELECT count(*) FROM employee_kinerja'));
const putSetting = (json, session) => request('PUT', '/api/v1/employee-settings', { json, session });

// One CSV line into its cells (RFC 4180: quoted cells, "" inside them).
function csvCells(line) {
  const cells = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { cells.push(cur); cur = ''; }
    else cur += ch;
  }
  cells.push(cur);
  return cells;
}

// The list row of emp (GET /employees?q=NIP) and its row of the CSV export show the step as
// the record does: next, due, postponed (true/false; "ya"/"tidak" in the CSV).
async function assertListed(session, next, due, postponed) {
  const list = await get(`/api/v1/employees?q=${emp.nip}`, { session });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.items.length, 1, list.text);
  const row = list.json.items[0];
  assert.equal(row.next_salary_step_date, next, 'list row');
  assert.equal(row.salary_step_due_date, due, 'list row');
  assert.equal(row.salary_step_postponed, postponed, 'list row');
  const csv = await request('GET', `/api/v1/employees?q=${emp.nip}&format=csv`, { session });
  assert.equal(csv.status, 200, csv.text);
  const lines = csv.text.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  assert.equal(lines.length, 2, csv.text);
  const head = csvCells(lines[0]);
  const cells = csvCells(lines[1]);
  const col = (name) => {
    assert.ok(head.includes(name), `CSV column ${name}: ${lines[0]}`);
    return cells[head.indexOf(name)];
  };
  assert.equal(col('NIP'), emp.nip);
  assert.equal(col('KGB berikutnya'), next, 'CSV');
  assert.equal(col('KGB jatuh tempo'), due, 'CSV');
  assert.equal(col('KGB ditunda'), postponed ? 'ya' : 'tidak', 'CSV');
}

before(async () => {
  Y = new Date(serverNow() * 1000).getUTCFullYear();
  const units = await allUnits();
  const dinkes = units.get(UNITS.dinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const p = await post('/api/v1/positions', { unit_id: dinkes.id, name: 'Analis Kinerja Uji', kind: 'ahli_pertama', kelas_jabatan: 8, needed: 1 }, { session: admin });
  assert.equal(p.status, 201, p.text);
  const appointed = Y - 9;
  const res = await post('/api/v1/employees', {
    nip: `19800510${appointed}011001`, nik: '1275011005800001', name: 'Pegawai Kinerja Uji', birth_place: 'Medan',
    birth_date: '1980-05-10', gender: 'L', status: 'PNS', unit_id: dinkes.id, golongan: 'III/a',
    tmt_golongan: `${appointed}-01-01`, position_id: p.json.id,
  }, { session: admin });
  assert.equal(res.status, 201, res.text);
  emp = res.json;
  // III: every 2 years from the appointment; the next is 1 January of Y + 1 (10 years)
  assert.equal(emp.next_salary_step_date, `${Y + 1}-01-01`);
  assert.equal(emp.salary_step_due_date, `${Y + 1}-01-01`);
  assert.equal(emp.salary_step_postponed, false);
});

test('a predikat below the bar in the year before the step postpones it a year; a correction to Baik undoes it', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const n0 = count();
  const bad = await post(`/api/v1/employees/${emp.id}/kinerja`, {
    year: Y, predikat: '3', hasil_kerja_rating: '3', perilaku_rating: '2', sk_number: 'SKP/2025/001', siasn_id: 'abc-1',
  }, { session: admin });
  assert.equal(bad.status, 201, bad.text);
  assert.equal(bad.json.predikat, '3');
  assert.equal(bad.json.predikat_name, 'Butuh Perbaikan');
  assert.equal(bad.json.employee_id, emp.id);
  assert.equal(count(), n0 + 1);
  let rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.status, 200, rec.text);
  assert.equal(rec.json.next_salary_step_date, `${Y + 2}-01-01`, 'postponed by one year');
  assert.equal(rec.json.salary_step_due_date, `${Y + 1}-01-01`);
  assert.equal(rec.json.salary_step_postponed, true);
  // the list row and the export show the same step as the record
  await assertListed(admin, `${Y + 2}-01-01`, `${Y + 1}-01-01`, true);
  // the bar is a setting: "Butuh Perbaikan" meets a bar of 3
  assert.equal((await putSetting({ 'employee.kgb_min_predikat': 3 }, bk)).status, 200);
  rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.next_salary_step_date, `${Y + 1}-01-01`);
  assert.equal(rec.json.salary_step_postponed, false);
  await assertListed(admin, `${Y + 1}-01-01`, `${Y + 1}-01-01`, false);
  const back = await putSetting({ 'employee.kgb_min_predikat': 2 }, bk);
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.items.find((i) => i.key === 'employee.kgb_min_predikat').value, 2);
  rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.salary_step_postponed, true);
  // a correction to Baik: a new row, the old one kept and marked
  const fix = await post(`/api/v1/employees/${emp.id}/kinerja`, { year: Y, predikat: '2', supersedes: bad.json.id }, { session: admin });
  assert.equal(fix.status, 201, fix.text);
  const rows = await get(`/api/v1/employees/${emp.id}/kinerja`, { session: admin });
  assert.equal(rows.status, 200, rows.text);
  assert.equal(rows.json.total, 2);
  assert.equal(rows.json.can_add, true);
  assert.equal(rows.json.items.find((x) => x.id === bad.json.id).superseded_by, fix.json.id);
  rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.next_salary_step_date, `${Y + 1}-01-01`);
  assert.equal(rec.json.salary_step_due_date, `${Y + 1}-01-01`);
  assert.equal(rec.json.salary_step_postponed, false);
  await assertListed(admin, `${Y + 1}-01-01`, `${Y + 1}-01-01`, false);
  // an older year's result does not touch this step; it is audited
  const old = await post(`/api/v1/employees/${emp.id}/kinerja`, { year: Y - 2, predikat: '5' }, { session: admin });
  assert.equal(old.status, 201, old.text);
  rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.next_salary_step_date, `${Y + 1}-01-01`);
  const audit = await get(`/api/v1/audit?entity=employee_kinerja&per_page=5`, { session: bk });
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.items.some((a) => String(a.entity_id) === String(old.json.id) && a.action === 'employee.kinerja.add'), audit.text);
});

test('bad input -> 4xx naming the field; nothing written', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const n0 = count();
  const cases = [
    [{ year: Y - 1, predikat: '9' }, 422, 'validation_failed', 'predikat'],
    [{ year: Y - 1, predikat: 2 }, 422, 'validation_failed', 'predikat'],
    [{ year: Y - 1 }, 422, 'validation_failed', 'predikat'],
    [{ predikat: '2' }, 422, 'validation_failed', 'year'],
    [{ year: Y + 1, predikat: '2' }, 422, 'validation_failed', 'year'],
    [{ year: 1990, predikat: '2' }, 422, 'validation_failed', 'year'],
    [{ year: `${Y - 1}`, predikat: '2' }, 422, 'validation_failed', 'year'],
    [{ year: Y - 1, predikat: '2', hasil_kerja_rating: '4' }, 422, 'validation_failed', 'hasil_kerja_rating'],
    [{ year: Y - 1, predikat: '2', perilaku_rating: 'baik' }, 422, 'validation_failed', 'perilaku_rating'],
    [{ year: Y - 1, predikat: '2', predikat_name: 'Baik' }, 422, 'unknown_field', 'predikat_name'],
    [{ year: Y - 1, predikat: '2', supersedes: 999999999 }, 422, 'validation_failed', 'supersedes'],
    [{ year: Y, predikat: '1' }, 409, 'duplicate_year', 'year'],
  ];
  for (const [body, status, code, field] of cases) {
    assertError(await post(`/api/v1/employees/${emp.id}/kinerja`, body, { session: admin }), status, code, field);
  }
  // the corrected row of year Y cannot be corrected twice
  const rows = (await get(`/api/v1/employees/${emp.id}/kinerja`, { session: admin })).json.items;
  const corrected = rows.find((x) => x.year === Y && x.superseded_by !== null);
  assertError(await post(`/api/v1/employees/${emp.id}/kinerja`, { year: Y, predikat: '1', supersedes: corrected.id }, { session: admin }), 409, 'already_superseded', 'supersedes');
  // a correction may move a row to a year that has none, not onto a year that has one
  const current = rows.find((x) => x.year === Y && x.superseded_by === null);
  assertError(await post(`/api/v1/employees/${emp.id}/kinerja`, { year: Y - 2, predikat: '1', supersedes: current.id }, { session: admin }), 409, 'duplicate_year', 'year');
  assert.equal(count(), n0, 'nothing written');
});

test('scope: admin.dinkes cannot reach DISDIK; pegawai reads the own rows only and never writes; the setting is BKPSDM\'s', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const pegDisdik = await loginOk(USERS.pegawaiDisdik);
  const bk = await loginOk(USERS.bkpsdm);
  const n0 = count();
  const disdik = pegDisdik.user.employee_id;
  assertError(await post(`/api/v1/employees/${disdik}/kinerja`, { year: Y - 1, predikat: '4' }, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/employees/${disdik}/kinerja`, { session: admin }), 404, 'not_found');
  const own = await get(`/api/v1/employees/${peg.user.employee_id}/kinerja`, { session: peg });
  assert.equal(own.status, 200, own.text);
  // the self-service list (the own record only) shows the step as the record does
  const mine = await get('/api/v1/employees', { session: peg });
  const record = await get(`/api/v1/employees/${peg.user.employee_id}`, { session: peg });
  assert.equal(mine.json.items.length, 1, mine.text);
  for (const f of ['next_salary_step_date', 'salary_step_due_date', 'salary_step_postponed']) {
    assert.equal(mine.json.items[0][f], record.json[f], f);
  }
  assert.equal(typeof mine.json.items[0].salary_step_postponed, 'boolean', mine.text);
  assert.equal(own.json.can_add, false);
  assertError(await get(`/api/v1/employees/${emp.id}/kinerja`, { session: peg }), 404, 'not_found');
  const denied = await post(`/api/v1/employees/${peg.user.employee_id}/kinerja`, { year: Y - 1, predikat: '1' }, { session: peg });
  assert.equal(denied.status, 403, denied.text);
  assert.equal(count(), n0, 'nothing written');
  // the bar: admins read it, only BKPSDM changes it, each value in 1..5
  const s = await get('/api/v1/employee-settings', { session: admin });
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.json.items.find((i) => i.key === 'employee.kgb_min_predikat'),
    { key: 'employee.kgb_min_predikat', value: 2, default: 2, min: 1, max: 5 });
  assert.equal((await get('/api/v1/employee-settings', { session: peg })).status, 403);
  assert.equal((await putSetting({ 'employee.kgb_min_predikat': 3 }, admin)).status, 403);
  assertError(await putSetting({ 'employee.kgb_min_predikat': 6 }, bk), 422, 'validation_failed', 'employee.kgb_min_predikat');
  assertError(await putSetting({ 'employee.kgb_min_predikat': '3' }, bk), 422, 'validation_failed', 'employee.kgb_min_predikat');
  assertError(await putSetting({ 'employee.other': 3 }, bk), 422, 'unknown_field', 'employee.other');
  assert.equal((await get('/api/v1/employee-settings', { session: bk })).json.items[0].value, 2, 'nothing changed');
});

test('one active row per year is held by the database: parallel saves of one year -> one 201, the rest 409, one row', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  // a session each (the requests of one session queue behind each other on its row), and the
  // server's threads and their database connections warmed: the saves then really overlap
  // (PostgreSQL, without the index: two to five rows of a year out of ten saves)
  const N = 10;
  const sessions = [admin];
  while (sessions.length < N) sessions.push(await loginOk(USERS.adminDinkes));
  for (let i = 0; i < 2; i++) await Promise.all(sessions.map((session) => get(`/api/v1/employees/${emp.id}/kinerja`, { session })));
  const rowsOf = (year, where = '') => Number(sqlOk(`SELECT count(*) FROM employee_kinerja WHERE employee_id = ${emp.id} AND year = ${year}${where}`));
  let created;
  for (const year of [Y - 1, Y - 3, Y - 4]) { // years with no row yet (the other tests use Y and Y - 2)
    assert.equal(rowsOf(year), 0);
    const made = await Promise.all(sessions.map((session, i) =>
      post(`/api/v1/employees/${emp.id}/kinerja`, { year, predikat: String(1 + (i % 2)), sk_number: `SKP/PAR/${i}` }, { session })));
    const ok = made.filter((r) => r.status === 201);
    assert.equal(ok.length, 1, `${year}: ${made.map((r) => `${r.status} ${r.text}`).join('\n')}`);
    for (const r of made.filter((x) => x.status !== 201)) assertError(r, 409, 'duplicate_year', 'year');
    assert.equal(rowsOf(year), 1, `${year}: one row`);
    assert.equal(rowsOf(year, ' AND superseded = 0'), 1, `${year}: active`);
    created = ok[0];
  }
  const year = Y - 4;
  // parallel corrections of that row: one replaces it, the others find it replaced
  const fixes = await Promise.all(sessions.map((session, i) =>
    post(`/api/v1/employees/${emp.id}/kinerja`, { year, predikat: '3', supersedes: created.json.id, sk_number: `SKP/FIX/${i}` }, { session })));
  const fixed = fixes.filter((r) => r.status === 201);
  assert.equal(fixed.length, 1, fixes.map((r) => `${r.status} ${r.text}`).join('\n'));
  for (const r of fixes.filter((x) => x.status !== 201)) assertError(r, 409, 'already_superseded', 'supersedes');
  assert.equal(rowsOf(year), 2, 'the row and its one correction');
  assert.equal(rowsOf(year, ' AND superseded = 0'), 1, 'one active');
  assert.equal(Number(sqlOk(`SELECT superseded FROM employee_kinerja WHERE id = ${created.json.id}`)), 1);
  // the record's cache (employees.kinerja_years, which lists and exports read) holds the active rows
  const active = sqlOk(`SELECT CAST(year AS TEXT) || predikat FROM employee_kinerja WHERE employee_id = ${emp.id} AND superseded = 0 ORDER BY year`).split('\n');
  assert.deepEqual(sqlOk(`SELECT kinerja_years FROM employees WHERE id = ${emp.id}`).split(',').sort(), active.sort());
  assert.ok(active.includes(`${year}3`), active.join());
  const rows = await get(`/api/v1/employees/${emp.id}/kinerja`, { session: admin });
  assert.equal(rows.json.items.find((x) => x.id === created.json.id).superseded_by, fixed[0].json.id);
  // the database itself refuses a second active row, whatever a writer checked before
  const dup = sql(`INSERT INTO employee_kinerja (employee_id, year, predikat, created_at) VALUES (${emp.id}, ${year}, '2', 0)`);
  assert.notEqual(dup.status, 0, 'a second active row is refused by the index');
  assert.equal(rowsOf(year), 2);
});

test('migration 0027 on rows saved before it: corrected rows and older duplicates of a year become inactive, nothing is deleted; the record caches the active rows', () => {
  // a database of its own, migrated, then taken back to 0026 (no flag, no index) with rows 0026 could hold
  let url;
  const pgName = 'abdi_k27_migration';
  if (ENGINE === 'sqlite') {
    const file = path.join(TMPDIR, 'k27-migration.db');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    url = `sqlite:${file}`;
  } else {
    sqlOk(`DROP DATABASE IF EXISTS ${pgName}`);
    sqlOk(`CREATE DATABASE ${pgName}`);
    url = DB_URL.replace(/\/[^/]*$/, `/${pgName}`);
  }
  const key = { dbUrl: url, auditKey: path.join(TMPDIR, 'k27-migration.key') };
  let r = abdi(['migrate'], key);
  assert.equal(r.status, 0, r.out);
  sqlOk('DROP INDEX employee_kinerja_year', url);
  sqlOk('ALTER TABLE employee_kinerja DROP COLUMN superseded', url);
  sqlOk('ALTER TABLE employees DROP COLUMN kinerja_years', url);
  sqlOk('DELETE FROM schema_migrations WHERE version = 27', url);
  sqlOk("INSERT INTO units (code, name, kind, created_at) VALUES ('K27', 'Unit K27', 'dinas', 0)", url);
  sqlOk("INSERT INTO employees (nip, nik, name, birth_place, birth_date, gender, status, appointed_on, unit_id, created_at, updated_at)"
    + " SELECT '198001012005011001', 'x', 'Pegawai K27', 'Medan', '1980-01-01', 'L', 'PNS', '2005-01-01', id, 0, 0 FROM units WHERE code = 'K27'", url);
  const empId = sqlOk("SELECT id FROM employees WHERE nip = '198001012005011001'", url);
  const add = (year, predikat, supersedes = 'NULL') => sqlOk(
    `INSERT INTO employee_kinerja (employee_id, year, predikat, supersedes, created_at) VALUES (${empId}, ${year}, '${predikat}', ${supersedes}, 0)`, url);
  add(2020, 3); // 2020: two rows no row corrects (a race 0026 did not stop): the newer one stays
  add(2020, 2);
  add(2021, 3); // 2021: a row and its correction
  const corrected = sqlOk(`SELECT max(id) FROM employee_kinerja WHERE year = 2021`, url);
  add(2021, 2, corrected);
  add(2022, 1); // 2022: one row
  r = abdi(['migrate'], key);
  assert.equal(r.status, 0, r.out);
  assert.equal(sqlOk('SELECT count(*) FROM schema_migrations WHERE version = 27', url), '1');
  assert.equal(sqlOk(`SELECT year || ':' || predikat || ':' || superseded FROM employee_kinerja WHERE employee_id = ${empId} ORDER BY id`, url),
    ['2020:3:1', '2020:2:0', '2021:3:1', '2021:2:0', '2022:1:0'].join('\n'));
  // the record's cache of its active rows, which lists and exports read
  assert.deepEqual(sqlOk(`SELECT kinerja_years FROM employees WHERE id = ${empId}`, url).split(',').sort(), ['20202', '20212', '20221']);
  const dup = sql(`INSERT INTO employee_kinerja (employee_id, year, predikat, created_at) VALUES (${empId}, 2022, '2', 0)`, url);
  assert.notEqual(dup.status, 0, 'the index holds after the migration');
  if (ENGINE === 'postgresql') sqlOk(`DROP DATABASE ${pgName}`);
});
