// 14_employees.test.mjs - positions and employee records (issue 3): the NIP tool, creating a
// position and an employee in DINKES as admin.dinkes, reading them back with derived facts,
// each bad field -> 422 naming it and nothing written, duplicate NIP -> 409, scope (DISDIK out
// of reach for DINKES users), the search with filters and paging, and the NIK never shown whole
// in lists nor in the audit log.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { spawn } from 'node:child_process';
import {
  AUDIT_KEY, BIN, DB_URL, UNITS, USERS, allUnits, assertError, freePort, get, loginOk, post,
  serverNow, sqlOk,
} from './lib.mjs';

let units;
let dinkes;
let disdik;
let pkm1;
const pos = {}; // name -> position created in before()
const emp = {}; // name -> employee created by the tests

const NIK_MALE = '1275011503850001'; // born 15-03-85, male
const NIK_FEMALE = '1275015503850002'; // born 15-03-85, female (55 - 40)

// A valid PNS body for DINKES; seq makes the NIP unique (birth 1985-03-15, TMT CPNS 2010-01).
function body(seq, extra = {}) {
  return {
    nip: `198503152010011${String(seq).padStart(3, '0')}`,
    nik: NIK_MALE,
    name: `Pegawai Uji ${seq}`,
    gelar_belakang: 'S.Kom.',
    birth_place: 'Medan',
    birth_date: '1985-03-15',
    gender: 'L',
    status: 'PNS',
    unit_id: dinkes.id,
    golongan: 'III/a',
    tmt_golongan: '2025-01-01',
    position_id: pos.dinkes.id,
    ...extra,
  };
}

function today() {
  return new Date(serverNow() * 1000).toISOString().slice(0, 10);
}

const count = (table) => Number(sqlOk(`SELECT count(*) FROM ${table}`));

async function auditTotal(s) {
  const res = await get('/api/v1/audit?per_page=1', { session: s });
  assert.equal(res.status, 200, res.text);
  return res.json.total;
}

async function createPosition(s, unit, name, kind, extra = {}) {
  const res = await post('/api/v1/positions', { unit_id: unit.id, name, kind, kelas_jabatan: 7, needed: 2, ...extra }, { session: s });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

before(async () => {
  units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  pkm1 = units.get('DINKES.PKM1');
  assert.ok(dinkes && disdik && pkm1, 'demo units');
  const admin = await loginOk(USERS.adminDinkes);
  const bkpsdm = await loginOk(USERS.bkpsdm);
  pos.dinkes = await createPosition(admin, dinkes, 'Pengelola Data Kepegawaian', 'pelaksana');
  pos.pkm1 = await createPosition(admin, pkm1, 'Perawat Ahli Pertama', 'ahli_pertama', { kelas_jabatan: 8 });
  pos.disdik = await createPosition(bkpsdm, disdik, 'Kepala Bidang SD', 'administrator', { kelas_jabatan: 11 });
  pos.utama = await createPosition(admin, dinkes, 'Dokter Ahli Utama', 'ahli_utama', { kelas_jabatan: 14 });
});

test('positions: created with the BUP of their kind, listed per unit, checked', async () => {
  assert.equal(pos.dinkes.bup_age, 58);
  assert.equal(pos.utama.bup_age, 65);
  assert.equal(pos.disdik.bup_age, 58);
  assert.equal(pos.dinkes.unit_id, dinkes.id);
  assert.equal(pos.dinkes.siasn_jabatan_id, null);
  const admin = await loginOk(USERS.adminDinkes);
  const list = await get(`/api/v1/positions?unit_id=${dinkes.id}`, { session: admin });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((p) => p.id === pos.dinkes.id));
  assert.ok(list.json.items.every((p) => p.unit_id === dinkes.id), 'only the unit asked for');
  assertError(await get(`/api/v1/positions?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  assertError(await get('/api/v1/positions', { session: admin }), 422, 'validation_failed', 'unit_id');
  const before = count('positions');
  const bad = [
    [{ kind: 'eselon_2' }, 'kind'], [{ kelas_jabatan: 18 }, 'kelas_jabatan'], [{ needed: -1 }, 'needed'],
    [{ name: '  ' }, 'name'], [{ bup_age: 99 }, 'bup_age'], [{ jenis: 'x' }, 'jenis'],
  ];
  for (const [extra, field] of bad) {
    const res = await post('/api/v1/positions', { unit_id: dinkes.id, name: 'X', kind: 'pelaksana', kelas_jabatan: 5, ...extra }, { session: admin });
    assert.equal(res.status, 422, `${JSON.stringify(extra)}: ${res.text}`);
    assert.equal(res.json.error.field, field, JSON.stringify(extra));
  }
  assertError(await post('/api/v1/positions', { unit_id: disdik.id, name: 'X', kind: 'pelaksana', kelas_jabatan: 5 }, { session: admin }), 404, 'not_found');
  const peg = await loginOk(USERS.pegawaiDinkes);
  assertError(await post('/api/v1/positions', { unit_id: dinkes.id, name: 'X', kind: 'pelaksana', kelas_jabatan: 5 }, { session: peg }), 403, 'forbidden');
  const bk = await loginOk(USERS.bkpsdm);
  assertError(await post('/api/v1/positions', { unit_id: 999999999, name: 'X', kind: 'pelaksana', kelas_jabatan: 5 }, { session: bk }), 422, 'validation_failed', 'unit_id');
  assert.equal(count('positions'), before, 'a refused position was written');
});

test('NIP tool: the domain vectors', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const ok = await get('/api/v1/tools/nip/198503152010011003', { session: s });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { valid: true, birth_date: '1985-03-15', tmt_cpns: '2010-01', gender: 'L', sequence: 3 });
  const female = await get('/api/v1/tools/nip/199001012015022001', { session: s });
  assert.equal(female.status, 200, female.text);
  assert.equal(female.json.gender, 'P');
  assert.equal(female.json.tmt_cpns, '2015-02');
  for (const nip of ['198502302010011003', '198503152010131003', '198503152010013003', '19850315201001100',
    '200503152010011003', '19850315201001100A', '198503152010011000', '1985031520100110030']) {
    const res = await get(`/api/v1/tools/nip/${nip}`, { session: s });
    assert.equal(res.status, 422, `${nip}: ${res.text}`);
    assert.equal(res.json.error.field, 'nip', nip);
    assert.match(res.json.error.code, /^nip_/, nip);
  }
  assertError(await get('/api/v1/tools/nip/198503152010011003'), 401, 'unauthenticated');
});

test('create an employee in DINKES as admin.dinkes, read it back with derived facts', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const auditBefore = await auditTotal(bk);
  const res = await post('/api/v1/employees', body(1, { gelar_depan: 'dr.', tmt_jabatan: '2025-02-01' }), { session: admin });
  assert.equal(res.status, 201, res.text);
  const e = res.json;
  emp.one = e;
  assert.ok(Number.isInteger(e.id));
  const want = {
    nip: '198503152010011001', nik: NIK_MALE, name: 'Pegawai Uji 1', gelar_depan: 'dr.', gelar_belakang: 'S.Kom.',
    birth_place: 'Medan', birth_date: '1985-03-15', gender: 'L', status: 'PNS', state: 'active',
    unit_id: dinkes.id, position_id: pos.dinkes.id, position_kind: 'pelaksana', golongan: 'III/a',
    pangkat: 'Penata Muda', tmt_golongan: '2025-01-01', tmt_jabatan: '2025-02-01', tmt_cpns: '2010-01',
    appointed_on: '2010-01-01', pns_id: null, retirement_date: '2043-04-01', next_promotion_date: '2029-01-01',
  };
  for (const [k, v] of Object.entries(want)) assert.deepEqual(e[k], v, `field ${k}`);
  const t = today();
  const year = Number(t.slice(0, 4));
  assert.equal(e.years_of_service, year - 2010);
  assert.equal(e.years_in_rank, year - 2025, 'masa kerja in the golongan since TMT 2025-01-01');
  const kgbYear = year % 2 === 0 && t === `${year}-01-01` ? year : year + (year % 2 === 0 ? 2 : 1);
  assert.equal(e.next_salary_step_date, `${kgbYear}-01-01`);
  assert.equal(count('employee_rank_history WHERE employee_id = ' + e.id), 1);
  assert.equal(count('employee_position_history WHERE employee_id = ' + e.id), 1);
  assert.equal(await auditTotal(bk), auditBefore + 1, 'one audit row');
  const audit = await get(`/api/v1/audit?entity=employee&per_page=5`, { session: bk });
  const row = audit.json.items.find((a) => a.entity_id === String(e.id));
  assert.ok(row, 'audit row of the create');
  assert.equal(row.action, 'employee.create');
  assert.ok(!JSON.stringify(row).includes(NIK_MALE), 'the full NIK is in the audit log');
  assert.equal(JSON.parse(typeof row.after === 'string' ? row.after : JSON.stringify(row.after)).nik, '1275********0001');

  const back = await get(`/api/v1/employees/${e.id}`, { session: admin });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual(back.json, e);
  const asBk = await get(`/api/v1/employees/${e.id}`, { session: bk });
  assert.equal(asBk.json.nik, NIK_MALE);
  const stored = sqlOk(`SELECT nik FROM employees WHERE id = ${e.id}`);
  assert.match(stored, /^v1:[A-Za-z0-9_-]+$/, 'NIK sealed at rest');
  assert.ok(!stored.includes(NIK_MALE));
  for (const u of [USERS.pimpinan, USERS.atasanDinkes]) {
    const r = await get(`/api/v1/employees/${e.id}`, { session: await loginOk(u) });
    assert.equal(r.status, 200, `${u}: ${r.text}`);
    assert.equal(r.json.nik, '1275********0001', `${u} sees the NIK masked`);
  }
  const peg = await get(`/api/v1/employees/${e.id}`, { session: await loginOk(USERS.pegawaiDinkes) });
  assertError(peg, 404, 'not_found'); // a pegawai reads only the own record
});

test('ahli utama retires at 65, PPPK and a female NIP decode by their own rules', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const f = await post('/api/v1/employees', body(2, {
    nip: '198503152010012002', nik: NIK_FEMALE, gender: 'P', position_id: pos.utama.id, golongan: 'IV/e',
  }), { session: admin });
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.retirement_date, '2050-04-01');
  assert.equal(f.json.next_promotion_date, null, 'IV/e is the top rank');
  emp.female = f.json;
  const p = await post('/api/v1/employees', body(3, {
    nip: '198503152012211003', status: 'PPPK', golongan: 'IX', tmt_golongan: '2012-03-01',
  }), { session: admin });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.appointed_on, '2012-01-01');
  assert.equal(p.json.tmt_cpns, null);
  assert.equal(p.json.next_promotion_date, null);
  assert.equal(p.json.next_salary_step_date, null);
  assert.equal(p.json.pangkat, null);
  emp.pppk = p.json;
  const pg = await post('/api/v1/employees', body(4, { status: 'PPPK' }), { session: admin });
  assertError(pg, 422, 'pppk_not_pppk', 'nip');
});

test('duplicate NIP -> 409 duplicate_nip, nothing written', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const before = count('employees');
  const res = await post('/api/v1/employees', body(1, { name: 'Orang Lain' }), { session: admin });
  assertError(res, 409, 'duplicate_nip', 'nip');
  assert.equal(count('employees'), before);
});

test('each bad field -> 422 naming it; nothing written', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const before = [count('employees'), count('employee_rank_history'), count('employee_position_history'), await auditTotal(bk)];
  const cases = [
    [{ nip: '19850315201001100' }, 'nip'],
    [{ nip: '198503152099011010' }, 'nip'],
    [{ nip: '198503152010013010' }, 'nip'],
    [{ birth_date: '1985-03-16' }, 'nip'],
    [{ gender: 'P' }, 'nip'],
    [{ gender: 'X' }, 'gender'],
    [{ nik: '12345' }, 'nik'],
    [{ nik: '1275011503850000' }, 'nik'],
    [{ name: '   ' }, 'name'],
    [{ birth_place: ' ' }, 'birth_place'],
    [{ birth_date: '2099-01-01' }, 'birth_date'],
    [{ birth_date: '1985-02-30' }, 'birth_date'],
    [{ birth_date: '15-03-1985' }, 'birth_date'],
    [{ status: 'HONORER' }, 'status'],
    [{ golongan: 'III/z' }, 'golongan'],
    [{ golongan: 'IX' }, 'golongan'],
    [{ tmt_golongan: '2009-12-31' }, 'tmt_golongan'],
    [{ tmt_golongan: '2099-01-01' }, 'tmt_golongan'],
    [{ tmt_golongan: '2020-13-01' }, 'tmt_golongan'],
    [{ position_id: 999999999 }, 'position_id'],
    [{ position_id: null }, 'position_id'],
    [{ tmt_jabatan: '2099-01-01' }, 'tmt_jabatan'],
    [{ unit_id: 'DINKES' }, 'unit_id'],
    [{ agama: 'Islam' }, 'agama'],
  ];
  const wrong = [];
  for (const [extra, field] of cases) {
    const res = await post('/api/v1/employees', body(10, extra), { session: admin });
    if (res.status !== 422 || res.json?.error?.field !== field) wrong.push(`${JSON.stringify(extra)} -> ${res.status} ${res.text}`);
  }
  const posDisdik = await post('/api/v1/employees', body(10, { position_id: pos.disdik.id }), { session: admin });
  if (posDisdik.status !== 422 || posDisdik.json.error.field !== 'position_id') wrong.push(`DISDIK position -> ${posDisdik.text}`);
  const noUnit = await post('/api/v1/employees', body(10, { unit_id: 999999999 }), { session: bk });
  if (noUnit.status !== 422 || noUnit.json.error.field !== 'unit_id') wrong.push(`unknown unit -> ${noUnit.text}`);
  assert.deepEqual(wrong, []);
  const after = [count('employees'), count('employee_rank_history'), count('employee_position_history'), await auditTotal(bk)];
  assert.deepEqual(after, before, 'a refused request wrote something');
});

test('scope: DINKES users cannot create in or read DISDIK; pegawai cannot create', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const d = await post('/api/v1/employees', body(20, {
    nip: '199001012015022020', nik: '1275014101900020', birth_date: '1990-01-01', gender: 'P',
    unit_id: disdik.id, position_id: pos.disdik.id, tmt_golongan: '2019-04-01',
  }), { session: bk });
  assert.equal(d.status, 201, d.text);
  emp.disdik = d.json;
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const before = count('employees');
  assertError(await get(`/api/v1/employees/${d.json.id}`, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/employees/${d.json.id}`, { session: peg }), 404, 'not_found');
  assertError(await get('/api/v1/employees/999999999', { session: admin }), 404, 'not_found');
  assertError(await post('/api/v1/employees', body(21, { unit_id: disdik.id, position_id: pos.disdik.id }), { session: admin }), 404, 'not_found');
  assertError(await post('/api/v1/employees', body(22), { session: peg }), 403, 'forbidden');
  assert.equal(count('employees'), before);
  const pegDisdik = await loginOk(USERS.pegawaiDisdik);
  assertError(await get(`/api/v1/employees/${emp.one.id}`, { session: pegDisdik }), 404, 'not_found');
  // a pegawai reads the own record whole (NIK included) and no other, even in the own unit
  assertError(await get(`/api/v1/employees/${d.json.id}`, { session: pegDisdik }), 404, 'not_found');
  assert.ok(pegDisdik.user.employee_id > 0, 'the demo account is linked to its record');
  const own = await get(`/api/v1/employees/${pegDisdik.user.employee_id}`, { session: pegDisdik });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.unit_id, disdik.id);
  assert.match(own.json.nik, /^\d{16}$/, 'own NIK shown whole');
  const ownBk = await get(`/api/v1/employees/${pegDisdik.user.employee_id}`, { session: bk });
  assert.equal(ownBk.json.nik, own.json.nik);
});

test('search: scope, q, unit with sub-units, golongan, paging, sort, masked NIK', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const p = await post('/api/v1/employees', body(30, { name: 'Siti Puskesmas', unit_id: pkm1.id, position_id: pos.pkm1.id, golongan: 'III/b' }), { session: admin });
  assert.equal(p.status, 201, p.text);
  emp.pkm = p.json;
  const list = async (s, qs) => {
    const r = await get(`/api/v1/employees${qs}`, { session: s });
    assert.equal(r.status, 200, `${qs}: ${r.text}`);
    return r.json;
  };
  const all = await list(admin, '?per_page=200');
  assert.deepEqual(Object.keys(all).sort(), ['items', 'page', 'per_page', 'total']);
  const ids = all.items.map((x) => x.id);
  for (const x of [emp.one, emp.female, emp.pppk, emp.pkm]) assert.ok(ids.includes(x.id), `admin.dinkes lists ${x.name}`);
  assert.ok(!ids.includes(emp.disdik.id), 'a DISDIK employee in the DINKES list');
  assert.equal(all.total, all.items.length);
  assert.ok(all.items.every((x) => /^\d{4}\*{8}\d{4}$/.test(x.nik)), 'NIK masked in the list');
  const bk = await loginOk(USERS.bkpsdm);
  const bkAll = await list(bk, '?per_page=200');
  assert.ok(bkAll.items.some((x) => x.id === emp.disdik.id));
  assert.ok(bkAll.items.every((x) => x.nik.includes('********')), 'masked for bkpsdm too');
  assert.ok(!JSON.stringify(bkAll).includes(NIK_MALE));

  assert.deepEqual((await list(admin, '?q=puskes')).items.map((x) => x.id), [emp.pkm.id]);
  assert.deepEqual((await list(admin, '?q=PUSKESMAS')).items.map((x) => x.id), [emp.pkm.id]);
  assert.deepEqual((await list(admin, '?q=2010011030')).items.map((x) => x.id), [emp.pkm.id]);
  assert.equal((await list(admin, '?q=%25')).total, 0, 'a LIKE wildcard is taken literally');
  assert.deepEqual((await list(admin, `?unit_id=${pkm1.id}`)).items.map((x) => x.id), [emp.pkm.id]);
  const withSub = await list(admin, `?unit_id=${dinkes.id}&per_page=200`);
  assert.ok(withSub.items.some((x) => x.id === emp.pkm.id), 'unit_id includes sub-units');
  assert.deepEqual((await list(admin, '?golongan=III/b')).items.map((x) => x.id), [emp.pkm.id]);
  assert.equal((await list(admin, '?golongan=IV/d')).total, 0);

  const p1 = await list(admin, '?per_page=1&page=1&sort=nip');
  const p2 = await list(admin, '?per_page=1&page=2&sort=nip');
  assert.equal(p1.items.length, 1);
  assert.equal(p2.items.length, 1);
  assert.equal(p2.page, 2);
  assert.equal(p2.per_page, 1);
  assert.equal(p1.total, all.total);
  assert.ok(p1.items[0].nip < p2.items[0].nip, 'sorted by NIP');
  const byName = (await list(admin, '?per_page=200&sort=name')).items.map((x) => x.name);
  assert.deepEqual(byName, [...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const byRank = (await list(admin, '?per_page=200&sort=golongan')).items;
  assert.equal(byRank[0].golongan, 'IV/e', 'golongan sorts the highest first');
  assert.equal((await list(admin, '?per_page=200&sort=birth_date')).total, all.total);

  assertError(await get('/api/v1/employees?sort=nik', { session: admin }), 422, 'validation_failed', 'sort');
  assertError(await get('/api/v1/employees?golongan=V/a', { session: admin }), 422, 'validation_failed', 'golongan');
  assertError(await get('/api/v1/employees?unit_id=abc', { session: admin }), 422, 'validation_failed', 'unit_id');
  assertError(await get('/api/v1/employees?per_page=201', { session: admin }), 422, 'validation_failed', 'per_page');
  assertError(await get('/api/v1/employees?nik=1', { session: admin }), 422, 'unknown_parameter', 'nik');
  assertError(await get(`/api/v1/employees?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');

  const peg = await loginOk(USERS.pegawaiDinkes);
  const mine = await list(peg, '?per_page=200');
  assert.deepEqual(mine.items.map((x) => x.id), [peg.user.employee_id], 'pegawai: the own record only');
  assert.equal(mine.total, 1);
  assertError(await get(`/api/v1/employees?unit_id=${pkm1.id}`, { session: peg }), 404, 'not_found');
  assertError(await get(`/api/v1/employees/${emp.one.id}`, { session: peg }), 404, 'not_found');
  const atasan = await loginOk(USERS.atasanDinkes);
  assert.ok((await list(atasan, '?per_page=200')).items.some((x) => x.id === emp.one.id), 'atasan: the unit');
  const pegDisdik = await loginOk(USERS.pegawaiDisdik);
  assert.deepEqual((await list(pegDisdik, '?per_page=200')).items.map((x) => x.id), [pegDisdik.user.employee_id]);
});

test('the decree (SK) of the first rank and position rows: kept, and checked', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const before = count('employees');
  assertError(await post('/api/v1/employees', body(41, { sk_date: '2010-01-05' }), { session: admin }), 422, 'validation_failed', 'sk_number');
  assertError(await post('/api/v1/employees', body(42, { sk_number: '  ' }), { session: admin }), 422, 'validation_failed', 'sk_number');
  assertError(await post('/api/v1/employees', body(43, { sk_number: '813/1/BKPSDM/2010', sk_date: '2999-01-01' }), { session: admin }), 422, 'validation_failed', 'sk_date');
  assertError(await post('/api/v1/employees', body(44, { sk_number: '813/1/BKPSDM/2010', sk_date: '2010-02-30' }), { session: admin }), 422, 'validation_failed', 'sk_date');
  assert.equal(count('employees'), before, 'nothing written');
  const res = await post('/api/v1/employees', body(45, { sk_number: '813/45/BKPSDM/2010', sk_date: '2010-01-05' }), { session: admin });
  assert.equal(res.status, 201, res.text);
  for (const kind of ['ranks', 'positions']) {
    const h = await get(`/api/v1/employees/${res.json.id}/${kind}`, { session: admin });
    assert.equal(h.status, 200, h.text);
    assert.equal(h.json.items.length, 1);
    assert.equal(h.json.items[0].sk_number, '813/45/BKPSDM/2010', `${kind}: decree number`);
    assert.equal(h.json.items[0].sk_date, '2010-01-05', `${kind}: decree date`);
  }
});

test('search by a whole NIK: found through its blind index, in scope only, audited without the value', async () => {
  const NIK = '1275014101900020'; // emp.disdik (scope test above)
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const stored = sqlOk(`SELECT nik_bidx FROM employees WHERE id = ${emp.disdik.id}`);
  assert.match(stored, /^[0-9a-f]{64}$/, 'the blind index is stored');
  assert.ok(!stored.includes(NIK));
  const before = Number(sqlOk("SELECT count(*) FROM audit_log WHERE action = 'employee.nik_search'"));
  const found = await get(`/api/v1/employees?q=${NIK}`, { session: bk });
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.items.map((x) => x.id), [emp.disdik.id]);
  assert.ok(!found.text.includes(NIK), 'the NIK stays masked in the answer');
  const outside = await get(`/api/v1/employees?q=${NIK}`, { session: admin });
  assert.equal(outside.status, 200, outside.text);
  assert.equal(outside.json.total, 0, 'a DISDIK NIK is not found from DINKES');
  const near = await get(`/api/v1/employees?q=${NIK.slice(0, 15)}`, { session: bk });
  assert.ok(!near.json.items.some((x) => x.id === emp.disdik.id), 'not a fragment search on the NIK');
  const audits = Number(sqlOk("SELECT count(*) FROM audit_log WHERE action = 'employee.nik_search'"));
  assert.equal(audits, before + 2, 'each whole-NIK search audited, the 15-digit one not');
  assert.equal(Number(sqlOk(`SELECT count(*) FROM audit_log WHERE after_json LIKE '%${NIK}%' OR before_json LIKE '%${NIK}%'`)), 0);

  // rows from before the index get it when the server starts
  sqlOk(`UPDATE employees SET nik_bidx = NULL WHERE id = ${emp.disdik.id}`);
  const port = await freePort();
  const p = spawn(BIN, ['--db', DB_URL, '--audit-key', AUDIT_KEY, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  try {
    const t0 = Date.now();
    while (sqlOk(`SELECT count(*) FROM employees WHERE id = ${emp.disdik.id} AND nik_bidx IS NOT NULL`) !== '1') {
      assert.ok(Date.now() - t0 < 15000, 'the index was not filled at start');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    p.kill('SIGTERM');
    await new Promise((r) => p.on('exit', r));
  }
  assert.equal(sqlOk(`SELECT nik_bidx FROM employees WHERE id = ${emp.disdik.id}`), stored);
});
