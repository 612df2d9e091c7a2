// 17_histories.test.mjs - employee histories (issue 3): the education level reference, adding
// and listing every kind (education, family, training, awards, discipline, ranks; positions
// read-only), every bad field -> 422 naming it with nothing written, corrections (supersedes),
// the values derived on the record, scope (admin.dinkes cannot reach DISDIK, pegawai reads only
// the own histories and never writes), the audit rows (family NIK masked; sealed at rest), and
// the search filters position_kind, status, state, age_min/age_max, education_level.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, assertError, get, loginOk, post, serverNow, sqlOk,
} from './lib.mjs';

let dinkes;
let pos;
let emp; // the record the tests add rows to (DINKES, male, born 1986-04-20)
const NIK_WIFE = '1275016508870001'; // born 25-08-87, female

const count = (table) => Number(sqlOk(`SELECT count(*) FROM ${table}`));
const today = () => new Date(serverNow() * 1000).toISOString().slice(0, 10);
const year = () => Number(today().slice(0, 4));

async function auditTotal(s) {
  const res = await get('/api/v1/audit?per_page=1', { session: s });
  assert.equal(res.status, 200, res.text);
  return res.json.total;
}

// A valid row of each kind for emp (a man, appointed 2011-01).
function rows() {
  const y = year();
  return {
    education: { level_code: 'S1', institution: 'Universitas Sumatera Utara', major: 'Kesehatan Masyarakat', graduated_on: '2009-08-20', diploma_number: 'USU/2009/0042' },
    family: { relation: 'istri', name: 'Siti Rahmah', birth_date: '1987-08-25', gender: 'P', nik: NIK_WIFE, marriage_date: '2012-06-10', allowance: 1, sk_number: '474.2/123/2012' },
    training: { kind: 'teknis', name: 'Pelatihan Arsip Dinamis', organizer: 'BKPSDM Kota', start_date: `${y}-01-01`, end_date: `${y}-01-01`, hours: 32, certificate_number: 'SERT-1' },
    awards: { name: 'Satyalancana Karya Satya X Tahun', kind: 'Satyalancana', year: 2021, awarded_on: '2021-08-17', giver: 'Presiden Republik Indonesia' },
    discipline: { level: 'ringan', sanction: 'teguran_tertulis', tmt: '2023-03-01', reason: 'Tidak masuk kerja 5 hari tanpa alasan sah', signed_by: 'Kepala Dinas Kesehatan' },
    ranks: { golongan: 'III/b', tmt: `${y}-01-01`, sk_number: '823.3/45/BKPSDM', sk_date: `${y}-01-01` },
  };
}

before(async () => {
  const units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const p = await post('/api/v1/positions', { unit_id: dinkes.id, name: 'Analis Kepegawaian Riwayat', kind: 'ahli_pertama', kelas_jabatan: 8, needed: 1 }, { session: admin });
  assert.equal(p.status, 201, p.text);
  pos = p.json;
  const res = await post('/api/v1/employees', {
    nip: '198604202011011001', nik: '1275012004860001', name: 'Pegawai Riwayat Uji', birth_place: 'Binjai',
    birth_date: '1986-04-20', gender: 'L', status: 'PNS', unit_id: dinkes.id, golongan: 'III/a',
    tmt_golongan: '2015-01-01', position_id: pos.id,
  }, { session: admin });
  assert.equal(res.status, 201, res.text);
  emp = res.json;
});

test('education levels reference: SIASN codes, entry and highest rank per diploma', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const res = await get('/api/v1/references/education-levels', { session: s });
  assert.equal(res.status, 200, res.text);
  const by = new Map(res.json.items.map((l) => [l.code, l]));
  assert.equal(res.json.total, res.json.items.length);
  assert.deepEqual([by.get('S1').siasn_id, by.get('S1').entry_golongan, by.get('S1').max_golongan], ['40', 'III/a', 'III/d']);
  assert.deepEqual([by.get('SD').entry_golongan, by.get('SD').max_golongan], ['I/a', 'II/a']);
  assert.deepEqual([by.get('S3').siasn_id, by.get('S3').entry_golongan, by.get('S3').max_golongan], ['50', 'III/c', 'IV/b']);
  assert.deepEqual([by.get('D3').entry_golongan, by.get('D3').max_golongan], ['II/c', 'III/c']);
  const orders = res.json.items.map((l) => l.rank_order);
  assert.deepEqual(orders, [...orders].sort((a, b) => a - b));
  assertError(await get('/api/v1/references/education-levels?x=1', { session: s }), 422, 'unknown_parameter', 'x');
});

test('add and list every kind as admin.dinkes; each add is audited; the NIK is masked in the log', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  for (const [kind, row] of Object.entries(rows())) {
    const auditBefore = await auditTotal(bk);
    const res = await post(`/api/v1/employees/${emp.id}/${kind}`, row, { session: admin });
    assert.equal(res.status, 201, `${kind}: ${res.text}`);
    assert.ok(Number.isInteger(res.json.id), kind);
    assert.equal(res.json.employee_id, emp.id);
    assert.equal(res.json.superseded_by, null);
    for (const [k, v] of Object.entries(row)) {
      if (k === 'nik') assert.equal(res.json.nik, '1275********0001', 'NIK masked in the answer');
      else assert.deepEqual(res.json[k], v, `${kind}.${k}`);
    }
    assert.equal(await auditTotal(bk), auditBefore + 1, `${kind}: one audit row`);
    const table = kind === 'ranks' ? 'employee_rank_history' : `employee_${kind}`;
    const audit = await get(`/api/v1/audit?entity=${table}&per_page=5`, { session: bk });
    assert.equal(audit.status, 200, audit.text);
    const a = audit.json.items.find((x) => x.entity_id === String(res.json.id));
    assert.ok(a, `${kind}: audit row`);
    assert.equal(a.action, `employee.${kind}.add`);
    assert.ok(!JSON.stringify(a).includes(NIK_WIFE), 'the full NIK is in the audit log');
    const list = await get(`/api/v1/employees/${emp.id}/${kind}`, { session: admin });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.can_add, true);
    assert.ok(list.json.items.some((x) => x.id === res.json.id), `${kind}: listed`);
    assert.equal(list.json.total, list.json.items.length);
  }
  // the admin in scope sees the family NIK whole in the list; the rank row carries its pangkat
  const fam = await get(`/api/v1/employees/${emp.id}/family`, { session: admin });
  assert.equal(fam.json.items[0].nik, NIK_WIFE);
  // ... while the database holds it sealed (db/field.h), never in clear
  const stored = sqlOk(`SELECT nik FROM employee_family WHERE id = ${fam.json.items[0].id}`);
  assert.ok(stored.startsWith('v1:'), `family NIK stored as ${stored}`);
  assert.ok(!stored.includes(NIK_WIFE));
  assert.equal(Number(sqlOk(`SELECT count(*) FROM employee_family WHERE nik = '${NIK_WIFE}'`)), 0);
  const ranks = await get(`/api/v1/employees/${emp.id}/ranks`, { session: admin });
  assert.deepEqual(ranks.json.items.map((r) => r.golongan), ['III/b', 'III/a']);
  assert.equal(ranks.json.items[0].pangkat, 'Penata Muda Tingkat I');
  const positions = await get(`/api/v1/employees/${emp.id}/positions`, { session: admin });
  assert.equal(positions.status, 200, positions.text);
  assert.equal(positions.json.items.length, 1);
  assert.equal(positions.json.items[0].position_name, 'Analis Kepegawaian Riwayat');
  assert.equal(positions.json.can_add, false, 'positions are read-only here');
  // the record derives its current rank, education, training hours and allowance members
  const rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.golongan, 'III/b');
  assert.equal(rec.json.education_level, 'S1');
  assert.equal(rec.json.training_hours_year, 32);
  assert.equal(rec.json.family_allowance_count, 1);
  // a child, a second training last year (not counted this year) and an S-2
  const y = year();
  let r = await post(`/api/v1/employees/${emp.id}/family`, { relation: 'anak', name: 'Ahmad Fauzi', birth_date: '2014-02-03', gender: 'L', child_kind: 'kandung', allowance: 1 }, { session: admin });
  assert.equal(r.status, 201, r.text);
  r = await post(`/api/v1/employees/${emp.id}/training`, { kind: 'seminar', name: 'Seminar SDM', organizer: 'LAN', start_date: `${y - 1}-05-02`, end_date: `${y - 1}-05-02`, hours: 8 }, { session: admin });
  assert.equal(r.status, 201, r.text);
  r = await post(`/api/v1/employees/${emp.id}/education`, { level_code: 'S2', institution: 'Universitas Gadjah Mada', graduated_on: '2016-09-01' }, { session: admin });
  assert.equal(r.status, 201, r.text);
  const rec2 = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec2.json.education_level, 'S2');
  assert.equal(rec2.json.training_hours_year, 32);
  assert.equal(rec2.json.family_allowance_count, 2);
  assert.equal(sqlOk(`SELECT education_level FROM employees WHERE id = ${emp.id}`), 'S2');
});

test('a correction supersedes a row once; derived values follow it', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const list = await get(`/api/v1/employees/${emp.id}/education`, { session: admin });
  const s2 = list.json.items.find((x) => x.level_code === 'S2');
  assert.ok(s2);
  const fix = await post(`/api/v1/employees/${emp.id}/education`, { level_code: 'D4', institution: 'Politeknik Kesehatan Medan', graduated_on: '2016-09-01', supersedes: s2.id }, { session: admin });
  assert.equal(fix.status, 201, fix.text);
  assert.equal(fix.json.supersedes, s2.id);
  const after = await get(`/api/v1/employees/${emp.id}/education`, { session: admin });
  assert.equal(after.json.items.find((x) => x.id === s2.id).superseded_by, fix.json.id);
  const rec = await get(`/api/v1/employees/${emp.id}`, { session: admin });
  assert.equal(rec.json.education_level, 'S1', 'S1 ranks above D4; the S2 row is corrected away');
  const rows0 = count('employee_education');
  const again = await post(`/api/v1/employees/${emp.id}/education`, { level_code: 'S2', institution: 'UGM', graduated_on: '2016-09-01', supersedes: s2.id }, { session: admin });
  assertError(again, 409, 'already_superseded', 'supersedes');
  assert.equal(count('employee_education'), rows0);
});

test('each bad field -> 422 naming it; nothing written, no audit row', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const y = year();
  const future = `${y + 1}-01-01`;
  const other = await get(`/api/v1/employees/${(await loginOk(USERS.pegawaiDinkes)).user.employee_id}/education`, { session: bk });
  const otherRow = other.json.items[0];
  assert.ok(otherRow, 'the demo gives pegawai.dinkes an education row');
  const v = rows();
  const cases = [
    ['education', { ...v.education, level_code: 'S9' }, 'level_code'],
    ['education', { ...v.education, institution: undefined }, 'institution'],
    ['education', { ...v.education, institution: '   ' }, 'institution'],
    ['education', { ...v.education, graduated_on: '1980-01-01' }, 'graduated_on'],
    ['education', { ...v.education, graduated_on: future }, 'graduated_on'],
    ['education', { ...v.education, graduated_on: '2009-02-30' }, 'graduated_on'],
    ['education', { ...v.education, major: 'x'.repeat(201) }, 'major'],
    ['education', { ...v.education, sk_date: future }, 'sk_date'],
    ['education', { ...v.education, document_id: 999999 }, 'document_id'],
    ['education', { ...v.education, supersedes: otherRow.id }, 'supersedes'],
    ['education', { ...v.education, colour: 'red' }, 'colour'],
    ['family', { ...v.family, relation: 'suami', gender: 'L' }, 'relation'],
    ['family', { ...v.family, gender: 'L' }, 'gender'],
    ['family', { ...v.family, relation: 'ipar' }, 'relation'],
    ['family', { ...v.family, nik: '12750165088700' }, 'nik'],
    ['family', { ...v.family, allowance: 3 }, 'allowance'],
    ['family', { ...v.family, birth_date: future }, 'birth_date'],
    ['family', { ...v.family, marriage_date: '1987-01-01' }, 'marriage_date'],
    ['family', { ...v.family, child_kind: 'kandung' }, 'child_kind'],
    ['family', { relation: 'anak', name: 'A', birth_date: '2015-01-01', gender: 'P' }, 'child_kind'],
    ['family', { relation: 'anak', name: 'A', birth_date: '1985-01-01', gender: 'P', child_kind: 'kandung' }, 'birth_date'],
    ['family', { relation: 'anak', name: 'A', birth_date: '2015-01-01', gender: 'P', child_kind: 'kandung', life_state: 'cerai' }, 'life_state'],
    ['training', { ...v.training, hours: 0 }, 'hours'],
    ['training', { ...v.training, hours: '32' }, 'hours'],
    ['training', { ...v.training, kind: 'liburan' }, 'kind'],
    ['training', { ...v.training, start_date: '2024-05-10', end_date: '2024-05-09' }, 'end_date'],
    ['training', { ...v.training, organizer: undefined }, 'organizer'],
    ['awards', { ...v.awards, year: y + 1, awarded_on: undefined }, 'year'],
    ['awards', { ...v.awards, awarded_on: '2020-08-17' }, 'awarded_on'],
    ['awards', { ...v.awards, giver: '' }, 'giver'],
    ['discipline', { ...v.discipline, sanction: 'pemberhentian_tidak_aps' }, 'sanction'],
    ['discipline', { ...v.discipline, level: 'fatal' }, 'level'],
    ['discipline', { ...v.discipline, end_date: '2023-02-01' }, 'end_date'],
    ['discipline', { ...v.discipline, reason: undefined }, 'reason'],
    ['ranks', { ...v.ranks, golongan: 'IX' }, 'golongan'],
    ['ranks', { ...v.ranks, golongan: 'III/z' }, 'golongan'],
    ['ranks', { ...v.ranks, tmt: '2014-01-01' }, 'tmt'],
    ['ranks', { ...v.ranks, tmt: '2010-01-01' }, 'tmt'],
    ['ranks', { ...v.ranks, tmt: future }, 'tmt'],
    ['ranks', { ...v.ranks, pangkat: 'Penata' }, 'pangkat'],
  ];
  const tables = ['employee_education', 'employee_family', 'employee_training', 'employee_awards', 'employee_discipline', 'employee_rank_history'];
  const snapshot = async () => [...tables.map(count), await auditTotal(bk)];
  const before = await snapshot();
  for (const [kind, body, field] of cases) {
    const res = await post(`/api/v1/employees/${emp.id}/${kind}`, body, { session: admin });
    assert.equal(res.status, 422, `${kind} ${field}: ${res.text}`);
    assert.equal(res.json.error.field, field, `${kind} ${field}: ${res.text}`);
    assert.ok(res.json.error.message.length > 0);
  }
  assertError(await post(`/api/v1/employees/${emp.id}/positions`, {}, { session: admin }), 405, 'method_not_allowed');
  assert.deepEqual(await snapshot(), before, 'nothing written');
});

test('scope: DISDIK out of reach for admin.dinkes; pegawai reads only the own histories, never writes', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const pegDisdik = await loginOk(USERS.pegawaiDisdik);
  const disdikEmp = pegDisdik.user.employee_id;
  const n0 = count('employee_family');
  const res = await post(`/api/v1/employees/${disdikEmp}/family`, { relation: 'anak', name: 'X', birth_date: '2015-01-01', gender: 'L', child_kind: 'kandung' }, { session: admin });
  assertError(res, 404, 'not_found');
  assertError(await get(`/api/v1/employees/${disdikEmp}/family`, { session: admin }), 404, 'not_found');
  assertError(await post('/api/v1/employees/999999999/family', {}, { session: admin }), 404, 'not_found');
  assert.equal(count('employee_family'), n0, 'nothing written');
  // pegawai.dinkes: own histories yes (demo rows, own NIK whole), another's no, writes 403
  const own = await get(`/api/v1/employees/${peg.user.employee_id}/family`, { session: peg });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.can_add, false);
  assert.ok(own.json.items.length >= 1, 'the demo gives a spouse');
  for (const kind of ['education', 'training', 'ranks', 'positions', 'awards', 'discipline']) {
    assert.equal((await get(`/api/v1/employees/${peg.user.employee_id}/${kind}`, { session: peg })).status, 200, kind);
    assertError(await get(`/api/v1/employees/${emp.id}/${kind}`, { session: peg }), 404, 'not_found');
  }
  const denied = await post(`/api/v1/employees/${peg.user.employee_id}/family`, { relation: 'anak', name: 'X', birth_date: '2015-01-01', gender: 'L', child_kind: 'kandung' }, { session: peg });
  assert.equal(denied.status, 403, denied.text);
  assert.equal(count('employee_family'), n0, 'nothing written');
  // pegawai.disdik reads the own; the atasan of DINKES reads DINKES records but cannot write
  assert.equal((await get(`/api/v1/employees/${disdikEmp}/training`, { session: pegDisdik })).status, 200);
  const atasan = await loginOk(USERS.atasanDinkes);
  const viaAtasan = await get(`/api/v1/employees/${emp.id}/family`, { session: atasan });
  assert.equal(viaAtasan.status, 200, viaAtasan.text);
  assert.equal(viaAtasan.json.can_add, false);
  assert.equal(viaAtasan.json.items.find((x) => x.relation === 'istri').nik, '1275********0001', 'masked for readers');
});

test('search filters: position_kind, status, state, age band, education level (each positive and negative)', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const find = async (qs) => {
    const res = await get(`/api/v1/employees?q=${emp.nip}&${qs}`, { session: admin });
    assert.equal(res.status, 200, `${qs}: ${res.text}`);
    return res.json.items.map((x) => x.id);
  };
  const t = today();
  const age = Number(t.slice(0, 4)) - 1986 - (t.slice(5) < '04-20' ? 1 : 0);
  const cases = [
    ['position_kind=ahli_pertama', true], ['position_kind=pelaksana', false],
    ['status=PNS', true], ['status=PPPK', false],
    ['state=active', true], ['state=retired', false],
    [`age_min=${age}`, true], [`age_min=${age + 1}`, false],
    [`age_max=${age}`, true], [`age_max=${age - 1}`, false],
    [`age_min=${age}&age_max=${age}`, true], [`age_min=${age - 5}&age_max=${age - 1}`, false],
    ['education_level=S1', true], ['education_level=S2', false],
    ['status=PNS&education_level=S1&position_kind=ahli_pertama&state=active', true],
  ];
  for (const [qs, hit] of cases) assert.equal((await find(qs)).includes(emp.id), hit, qs);
  // the filters work on the whole list too (without q): totals agree with the database
  const bk = await loginOk(USERS.bkpsdm);
  const s1 = await get('/api/v1/employees?education_level=S1&per_page=1', { session: bk });
  assert.equal(s1.json.total, count("employees WHERE education_level = 'S1'"));
  const bad = [
    ['position_kind=kepala', 'position_kind'], ['status=honorer', 'status'], ['state=cuti', 'state'],
    ['age_min=-1', 'age_min'], ['age_min=abc', 'age_min'], ['age_max=151', 'age_max'],
    ['age_min=50&age_max=40', 'age_max'], ['education_level=S9', 'education_level'],
  ];
  for (const [qs, field] of bad) {
    assertError(await get(`/api/v1/employees?${qs}`, { session: admin }), 422, 'validation_failed', field);
  }
});

test('education caps the next regular promotion: S1 at III/d has none, S2 opens IV/a (domain.md §2)', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const res = await post('/api/v1/employees', {
    nip: '198707152012011001', nik: '1275011507870001', name: 'Pegawai Batas Ijazah', birth_place: 'Medan',
    birth_date: '1987-07-15', gender: 'L', status: 'PNS', unit_id: dinkes.id, golongan: 'III/d',
    tmt_golongan: '2016-04-01', position_id: pos.id,
  }, { session: admin });
  assert.equal(res.status, 201, res.text);
  const id = res.json.id;
  assert.ok(res.json.next_promotion_date, 'no diploma known: no cap applied');
  assert.equal(res.json.promotion_cap_golongan, null);
  let r = await post(`/api/v1/employees/${id}/education`, { level_code: 'S1', institution: 'Universitas Negeri Medan', graduated_on: '2010-08-01' }, { session: admin });
  assert.equal(r.status, 201, r.text);
  let e = (await get(`/api/v1/employees/${id}`, { session: admin })).json;
  assert.equal(e.education_level, 'S1');
  assert.equal(e.promotion_cap_golongan, 'III/d');
  assert.equal(e.next_promotion_date, null, 'S1 at III/d: no further regular promotion');
  const listed = (await get(`/api/v1/employees?q=batas%20ijazah`, { session: admin })).json.items;
  assert.equal(listed.length, 1);
  assert.equal(listed[0].next_promotion_date, null, 'the list applies the same cap');
  r = await post(`/api/v1/employees/${id}/education`, { level_code: 'S2', institution: 'Universitas Sumatera Utara', graduated_on: '2020-09-01' }, { session: admin });
  assert.equal(r.status, 201, r.text);
  e = (await get(`/api/v1/employees/${id}`, { session: admin })).json;
  assert.equal(e.promotion_cap_golongan, 'IV/a');
  assert.match(e.next_promotion_date, /^\d{4}-\d{2}-01$/, 'S2 at III/d: IV/a allowed');
});
