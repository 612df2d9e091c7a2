// 32_kinerja.test.mjs - the yearly appraisal result as an employee history (kind kinerja) and
// the periodic salary step it can postpone (domain.md §2: a predikat below the bar in the year
// before the step is due postpones it by a year; the step after it is counted as if not
// postponed): add, list, correct; the record's next_salary_step_date, salary_step_due_date and
// salary_step_postponed following the rows and the setting employee.kgb_min_predikat; bad
// input (unknown predikat or rating, a year in the future, a second row for a year) -> 4xx
// naming the field with nothing written; scope (admin.dinkes cannot reach DISDIK, pegawai
// reads only the own rows and never writes; only BKPSDM changes the setting).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

let emp; // DINKES, III/a, appointed 1 January of (this year - 9): steps due on 1 January of odd distances
let Y; // the server's year
const count = () => Number(sqlOk('SELECT count(*) FROM employee_kinerja'));
const putSetting = (json, session) => request('PUT', '/api/v1/employee-settings', { json, session });

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
  // lists read no appraisal: the step by service alone, postponement not known
  const list = await get(`/api/v1/employees?q=${emp.nip}`, { session: admin });
  assert.equal(list.json.items[0].next_salary_step_date, `${Y + 1}-01-01`);
  assert.equal(list.json.items[0].salary_step_postponed, null);
  // the bar is a setting: "Butuh Perbaikan" meets a bar of 3
  assert.equal((await putSetting({ 'employee.kgb_min_predikat': 3 }, bk)).status, 200);
  rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.next_salary_step_date, `${Y + 1}-01-01`);
  assert.equal(rec.json.salary_step_postponed, false);
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
