// 20_import.test.mjs - POST /api/v1/employees/import (issue 3, bulk data) and
// `abdi import employees`: a good file in the awkward shape spreadsheets write (BOM, CRLF, ';',
// quoted fields with separators, quotes and a newline) imports every row in one audited write;
// a bad row, a duplicate NIP (in the file or already stored), a missing or unknown column, a
// unit outside the admin's scope are reported with line and column, and nothing is written,
// in a dry run and in a real run alike; content type, role and size are enforced.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import {
  TMPDIR, UNITS, USERS, abdi, allUnits, assertError, get, httpRequest, loginOk, post, raw,
  request, sqlOk,
} from './lib.mjs';

const IMPORT = '/api/v1/employees/import';
let units;
let dinkes;
let disdik;
let pkm1;
let admin;  // admin.dinkes
let bkpsdm;
const pos = {};

const count = () => Number(sqlOk('SELECT count(*) FROM employees'));
const importAudits = () => Number(sqlOk("SELECT count(*) FROM audit_log WHERE action = 'employee.import'"));

// A valid row for a man born 30 June 1990, appointed January 2015; seq makes the NIP unique
// (the demo data never uses a 30th, 14_employees uses 1985-03-15).
function row(seq, extra = {}) {
  return {
    nip: `199006302015011${String(seq).padStart(3, '0')}`,
    nik: `127501300690${String(seq).padStart(4, '0')}`,
    name: `Impor Uji ${seq}`,
    birth_place: 'Medan',
    birth_date: '1990-06-30',
    gender: 'L',
    status: 'PNS',
    unit: UNITS.dinkes,
    golongan: 'III/a',
    tmt_golongan: '2019-01-01',
    position: 'Analis Impor',
    ...extra,
  };
}

// CSV text of rows with the given columns; values with sep, quote or newline are quoted.
function csv(columns, rows, { sep = ';', eol = '\r\n', bom = false } = {}) {
  const q = (v) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[;,"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(sep), ...rows.map((r) => columns.map((c) => q(r[c])).join(sep))];
  return (bom ? '\ufeff' : '') + lines.join(eol) + eol;
}

const COLS = ['nip', 'nik', 'name', 'birth_place', 'birth_date', 'gender', 'status', 'unit',
  'golongan', 'tmt_golongan', 'position'];

function send(session, body, { dry = false, contentType = 'text/csv; charset=utf-8' } = {}) {
  return request('POST', `${IMPORT}?dry_run=${dry}`, { session, body, contentType });
}

// Dry run and real run of a file that must be refused: same report, nothing written.
async function refused(session, body) {
  const before = count();
  const audits = importAudits();
  const dry = await send(session, body, { dry: true });
  assert.equal(dry.status, 200, dry.text);
  const real = await send(session, body);
  assert.equal(real.status, 200, real.text);
  assert.equal(real.json.imported, 0);
  assert.deepEqual(real.json.errors, dry.json.errors, 'the real run reports what the dry run did');
  assert.equal(count(), before, 'nothing written');
  assert.equal(importAudits(), audits, 'no audit row for an import that wrote nothing');
  return real.json;
}

before(async () => {
  units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  pkm1 = units.get('DINKES.PKM1');
  admin = await loginOk(USERS.adminDinkes);
  bkpsdm = await loginOk(USERS.bkpsdm);
  const mk = async (s, unit, name) => {
    const res = await post('/api/v1/positions', { unit_id: unit.id, name, kind: 'pelaksana', kelas_jabatan: 7, needed: 5 }, { session: s });
    assert.equal(res.status, 201, res.text);
    return res.json;
  };
  pos.dinkes = await mk(admin, dinkes, 'Analis Impor');
  pos.pkm1 = await mk(admin, pkm1, 'Analis Impor');
  pos.disdik = await mk(bkpsdm, disdik, 'Analis Impor');
});

test('a good file (BOM, CRLF, ";", quoted separators, quotes and a newline) imports every row', async () => {
  const rows = [
    row(1, { name: 'Siregar; "Ucok", S.Kom.', alamat: 'Jl. Sudirman 1\r\nMedan' }),
    row(2, { name: 'Dewi, Lestari', gender: 'P', nip: '199006302015012002', nik: '1275017006900002' }),
    row(3, { gelar_depan: 'dr.', birth_date: '30-06-1990', unit: 'DINKES.PKM1' }),
  ];
  const body = csv([...COLS, 'gelar_depan', 'alamat'], rows, { bom: true });
  const before = count();
  const audits = importAudits();
  const dry = await send(admin, body, { dry: true });
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json.errors, [], dry.text);
  assert.equal(dry.json.rows, 3);
  assert.equal(dry.json.imported, 0);
  assert.equal(dry.json.dry_run, true);
  assert.deepEqual(dry.json.warnings.map((w) => [w.line, w.column]), [[1, 'alamat']], 'unknown column warned');
  assert.equal(count(), before, 'a dry run writes nothing');
  assert.equal(importAudits(), audits);

  const res = await send(admin, body);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.rows, 3);
  assert.equal(res.json.imported, 3);
  assert.deepEqual(res.json.errors, []);
  assert.equal(count(), before + 3);
  assert.equal(importAudits(), audits + 1, 'one audit row');
  const after = JSON.parse(sqlOk("SELECT after_json FROM audit_log WHERE action = 'employee.import' ORDER BY id DESC LIMIT 1"));
  assert.deepEqual(after, { rows: 3, imported: 3, warnings: 1 }, 'counts, not the rows');

  const found = await get(`/api/v1/employees?q=${encodeURIComponent('Ucok')}`, { session: admin });
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.total, 1);
  const one = await get(`/api/v1/employees/${found.json.items[0].id}`, { session: admin });
  assert.equal(one.json.name, 'Siregar; "Ucok", S.Kom.');
  assert.equal(one.json.nip, '199006302015011001');
  assert.equal(one.json.unit_id, dinkes.id);
  assert.equal(one.json.position_id, pos.dinkes.id);
  assert.equal(one.json.golongan, 'III/a');
  assert.equal(one.json.tmt_golongan, '2019-01-01');
  assert.equal(one.json.tmt_jabatan, '2019-01-01');
  assert.equal(one.json.appointed_on, '2015-01-01');
  const third = await get('/api/v1/employees?q=199006302015011003', { session: admin });
  assert.equal(third.json.items[0].unit_id, pkm1.id, 'unit by code, sub-unit of the admin');
  assert.equal(third.json.items[0].position_id, pos.pkm1.id, 'position by name within that unit');
  assert.equal(third.json.items[0].birth_date, '1990-06-30', 'dd-mm-yyyy accepted');
  assert.equal(third.json.items[0].gelar_depan, 'dr.');
});

test('unit_id and position_id columns, "," and LF, no BOM (bkpsdm into DISDIK)', async () => {
  const body = csv(['unit_id', 'position_id', ...COLS.filter((c) => c !== 'unit' && c !== 'position')],
    [row(10, { unit_id: disdik.id, position_id: pos.disdik.id })], { sep: ',', eol: '\n' });
  const before = count();
  const res = await send(bkpsdm, body);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.imported, 1);
  assert.equal(count(), before + 1);
  assert.equal(sqlOk("SELECT unit_id FROM employees WHERE nip = '199006302015011010'"), String(disdik.id));
});

test('one bad row (invalid NIP): its line and column, nothing written (dry and real run)', async () => {
  // line 2-3: a row with a newline inside quotes; line 4: the bad NIP; line 5: good
  const rows = [
    row(20, { name: 'Baris\nDua' }),
    row(21, { nip: '19900630201501102' }), // 17 digits
    row(22),
  ];
  const rep = await refused(admin, csv(COLS, rows));
  assert.equal(rep.rows, 3);
  assert.equal(rep.errors.length, 1, JSON.stringify(rep.errors));
  assert.equal(rep.errors[0].line, 4);
  assert.equal(rep.errors[0].column, 'nip');
  assert.match(rep.errors[0].message, /NIP/);
  assert.equal(rep.errors_total, 1);
});

test('every bad row is reported, each with its own column', async () => {
  const rows = [
    row(30, { gender: 'X' }),
    row(31, { golongan: 'IX/z' }),
    row(32, { tmt_golongan: '2014-01-01' }), // before the appointment
    row(33, { unit: 'TIDAK.ADA' }),
    row(34, { position: 'Jabatan Lain' }),
    row(35, { name: '' }),
    row(36),
  ];
  const rep = await refused(admin, csv(COLS, rows));
  assert.deepEqual(rep.errors.map((e) => [e.line, e.column]), [
    [2, 'gender'], [3, 'golongan'], [4, 'tmt_golongan'], [5, 'unit'], [6, 'position'], [7, 'name'],
  ]);
  for (const e of rep.errors) assert.ok(e.message.length > 3, JSON.stringify(e));
  assert.equal(rep.errors[3].message, 'Unit tidak ditemukan');
});

test('duplicate NIPs: within the file and against the database', async () => {
  const inFile = await refused(admin, csv(COLS, [row(40), row(41), row(40, { name: 'Kembar' })]));
  assert.deepEqual(inFile.errors.map((e) => [e.line, e.column]), [[4, 'nip']]);
  assert.match(inFile.errors[0].message, /baris 2/);
  const stored = await refused(admin, csv(COLS, [row(42), row(1)])); // row(1) imported above
  assert.deepEqual(stored.errors.map((e) => [e.line, e.column]), [[3, 'nip']]);
  assert.equal(stored.errors[0].message, 'NIP sudah terdaftar');
});

test('a missing required column is one error; an unknown column is a warning', async () => {
  const rep = await refused(admin, csv(COLS.filter((c) => c !== 'nik'), [row(50), row(51), row(52)]));
  assert.equal(rep.errors.length, 1, JSON.stringify(rep.errors));
  assert.equal(rep.errors[0].line, 1);
  assert.equal(rep.errors[0].column, 'nik');
  const noUnit = await refused(admin, csv(COLS.filter((c) => c !== 'unit'), [row(53)]));
  assert.equal(noUnit.errors.length, 1);
  assert.equal(noUnit.errors[0].column, 'unit');
  const short = await refused(admin, `${COLS.join(';')}\r\n1;2;3\r\n`);
  assert.deepEqual(short.errors.map((e) => [e.line, e.column]), [[2, null]]);
  const empty = await refused(admin, '');
  assert.equal(empty.errors.length, 1);
  const bad = await refused(admin, Buffer.concat([Buffer.from(`${COLS.join(';')}\n`), Buffer.from([0x41, 0xff, 0x0a])]));
  assert.match(bad.errors[0].message, /UTF-8/);
  assert.equal(bad.errors[0].line, 2);
});

test('admin.dinkes cannot import into DISDIK: a row error, nothing written', async () => {
  const rep = await refused(admin, csv(COLS, [row(60), row(61, { unit: UNITS.disdik })]));
  assert.deepEqual(rep.errors.map((e) => [e.line, e.column, e.message]), [[3, 'unit', 'Unit tidak ditemukan']]);
  const byId = await refused(admin, csv(['unit_id', 'position_id', ...COLS.filter((c) => c !== 'unit' && c !== 'position')],
    [row(62, { unit_id: disdik.id, position_id: pos.disdik.id })]));
  assert.deepEqual(byId.errors.map((e) => [e.line, e.column, e.message]), [[2, 'unit_id', 'Unit tidak ditemukan']]);
});

test('content type, query, roles and size', async () => {
  const body = csv(COLS, [row(70)]);
  const before = count();
  assertError(await send(admin, body, { contentType: 'application/json' }), 415, 'unsupported_media_type');
  assertError(await send(admin, body, { contentType: 'text/plain' }), 415, 'unsupported_media_type');
  assertError(await request('POST', IMPORT, { session: admin, json: {} }), 415, 'unsupported_media_type');
  assertError(await request('POST', `${IMPORT}?dry_run=ya`, { session: admin, body, contentType: 'text/csv' }), 422, 'validation_failed', 'dry_run');
  assertError(await request('POST', `${IMPORT}?x=1`, { session: admin, body, contentType: 'text/csv' }), 422, 'unknown_parameter', 'x');
  for (const u of [USERS.pegawaiDinkes, USERS.atasanDinkes, USERS.pimpinan]) {
    const s = await loginOk(u);
    assertError(await send(s, body), 403, 'forbidden');
  }
  assertError(await request('POST', IMPORT, { body, contentType: 'text/csv' }), 401, 'unauthenticated');
  const big = await raw(httpRequest('POST', `${IMPORT}?dry_run=true`, {
    headers: [['Content-Type', 'text/csv'], ['Cookie', `abdi_session=${admin.token}`],
      ['X-CSRF-Token', admin.csrf], ['Content-Length', String(64 * 1024 * 1024 + 1)]],
    body: `${COLS.join(';')}\r\n`,
  }), { timeout: 5000 });
  assert.equal(big.status, 413, `${big.statusLine} ${big.text.slice(0, 200)}`);
  // a body over the JSON limit is fine for an import
  const many = [];
  for (let i = 100; i < 999; i++) many.push(row(i, { catatan: 'x'.repeat(1200) }));
  const large = csv([...COLS, 'catatan'], many);
  assert.ok(large.length > 1024 * 1024, 'over the 1 MiB of a JSON body');
  const res = await send(admin, large, { dry: true });
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.rows, many.length);
  assert.equal(count(), before);
});

test('abdi import employees: dry run, bad rows (exit 1), real run, usage (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(TMPDIR, 'import-'));
  const good = path.join(dir, 'good.csv');
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(good, csv(COLS, [row(80), row(81, { unit: UNITS.disdik })]));
  fs.writeFileSync(bad, csv(COLS, [row(82), row(83, { nik: '123' })]));
  const before = count();
  let r = abdi(['import', 'employees', good, '--dry-run']);
  assert.equal(r.status, 0, r.out);
  assert.equal(count(), before);
  r = abdi(['import', 'employees', bad]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.stderr, /baris 3, kolom nik/);
  assert.equal(count(), before);
  const audits = importAudits();
  r = abdi(['import', 'employees', good]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.stdout, /2 pegawai/);
  assert.equal(count(), before + 2, 'the CLI has the whole government in scope');
  assert.equal(importAudits(), audits + 1);
  assert.equal(abdi(['import', 'employees']).status, 2);
  assert.equal(abdi(['import', 'units', good]).status, 2);
  assert.equal(abdi(['import', 'employees', good, '--force']).status, 2);
  assert.equal(abdi(['import', 'employees', path.join(dir, 'missing.csv')]).status, 1);
});
