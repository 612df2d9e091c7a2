// 29_siasn_import.test.mjs - POST /api/v1/imports/siasn and the reconciliation (issue 7): the
// test makes its own "Export Data ASN" files (made-up people born 31 August 1988, never real
// data): a clean file of 300 rows (created, units created unplaced, history rows with their
// TMT, one audit row; a re-import changes nothing), one with every quirk (BOM, CRLF, ';',
// columns in another order, an unknown column, apostrophes, null, 1/2 gender, a quoted value
// with a newline, a PPPK with its NI PPPK), bad rows (bad NIP, NIP against birth date, unknown
// golongan, impossible date, missing required column: line and column, nothing written in a
// dry or a real run), a
// re-import with changed fields (filled, differences never overwritten, prefer=siasn), the
// decisions on the differences, and who may import (admin_bkpsdm and superadmin; 403 else).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { TMPDIR, USERS, abdi, assertError, get, loginOk, post, request, serverNow, sqlOk } from './lib.mjs';

const IMPORT = '/api/v1/imports/siasn';
const DIFFS = '/api/v1/imports/siasn/differences';
let bkpsdm;
let superadmin;
let admin;
let pegawai;

const COLUMNS = ('pns_id nip_baru nip_lama nama gelar_depan gelar_belakang tempat_lahir_id ' +
  'tempat_lahir_nama tanggal_lahir jenis_kelamin agama_id agama_nama jenis_kawin_id ' +
  'jenis_kawin_nama nik nomor_hp email email_gov alamat npwp_nomor bpjs jenis_pegawai_id ' +
  'jenis_pegawai_nama kedudukan_hukum_id kedudukan_hukum_nama status_cpns_pns ' +
  'kartu_asn_virtual nomor_sk_cpns tanggal_sk_cpns tmt_cpns nomor_sk_pns tanggal_sk_pns ' +
  'tmt_pns gol_awal_id gol_awal_nama gol_akhir_id gol_akhir_nama tmt_golongan mk_tahun ' +
  'mk_bulan jenis_jabatan_id jenis_jabatan_nama jabatan_id jabatan_nama tmt_jabatan ' +
  'tingkat_pendidikan_id tingkat_pendidikan_nama pendidikan_id pendidikan_nama tahun_lulus ' +
  'kpkn_id kpkn_nama lokasi_kerja_id lokasi_kerja_nama unor_id unor_nama instansi_induk_id ' +
  'instansi_induk_nama instansi_kerja_id instansi_kerja_nama satuan_kerja_induk_id ' +
  'satuan_kerja_induk_nama satuan_kerja_kerja_id satuan_kerja_kerja_nama is_valid_nik').split(' ');

const p3 = (v) => String(v).padStart(3, '0');
// Person i (1..999): born 31 August 1988, CPNS March 2013; odd i men, even i women.
function person(i, extra = {}) {
  const female = i % 2 === 0;
  return {
    pns_id: `UJI-SIASN-${p3(i)}`,
    nip_baru: `19880831201303${female ? 2 : 1}${p3(i)}`,
    nama: `PESERTA UJI ${i}`,
    tempat_lahir_nama: 'Tanjungbalai',
    tanggal_lahir: '31-08-1988',
    jenis_kelamin: female ? 'F' : 'M',
    nik: nikOf(i),
    jenis_pegawai_nama: 'PNS Daerah',
    kedudukan_hukum_id: '01',
    status_cpns_pns: 'P',
    gol_akhir_id: '31',
    tmt_golongan: '01-04-2017',
    jenis_jabatan_id: '4',
    jabatan_id: 'UJI-JAB-1',
    jabatan_nama: 'Pengelola Data Uji',
    tmt_jabatan: '01-04-2017',
    unor_id: `UJI-UNOR-${i % 3}`,
    unor_nama: `Bidang Uji SIASN ${i % 3}`,
    ...extra,
  };
}
// NIK: 127501, DD (+40 for women) MM YY, then the sequence.
function nikOf(i) {
  return `127501${i % 2 === 0 ? 71 : 31}0888${String(i).padStart(4, '0')}`;
}

function csv(rows, { columns = COLUMNS, sep = ',', eol = '\n', bom = false, empty = '' } = {}) {
  const q = (v) => {
    if (v === undefined || v === null) return empty;
    const s = String(v);
    return /[;,"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(sep), ...rows.map((r) => columns.map((c) => q(r[c])).join(sep))];
  return (bom ? '\ufeff' : '') + lines.join(eol) + eol;
}

const people = (from, to, extra = () => ({})) => {
  const out = [];
  for (let i = from; i <= to; i++) out.push(person(i, extra(i)));
  return out;
};

function send(session, body, query = 'dry_run=false') {
  return request('POST', `${IMPORT}?${query}`, { session, body, contentType: 'text/csv' });
}

const n = (q) => Number(sqlOk(q));
const counts = () => ({
  employees: n('SELECT count(*) FROM employees'),
  units: n('SELECT count(*) FROM units'),
  positions: n('SELECT count(*) FROM positions'),
  ranks: n('SELECT count(*) FROM employee_rank_history'),
  imports: n('SELECT count(*) FROM siasn_imports'),
  diffs: n('SELECT count(*) FROM siasn_differences'),
  audits: n("SELECT count(*) FROM audit_log WHERE action LIKE 'siasn.%'"),
});
const employee = (nip) => sqlOk(`SELECT name || '|' || birth_place || '|' || COALESCE(email, '') || '|' || golongan || '|' || tmt_golongan || '|' || status FROM employees WHERE nip = '${nip}'`);
const NIP = (i) => person(i).nip_baru;

before(async () => {
  bkpsdm = await loginOk(USERS.bkpsdm);
  superadmin = await loginOk(USERS.superadmin);
  admin = await loginOk(USERS.adminDinkes);
  pegawai = await loginOk(USERS.pegawaiDinkes);
});

test('only admin_bkpsdm and superadmin import or reconcile (403 for the others)', async () => {
  const body = csv(people(900, 900));
  const c = counts();
  for (const s of [admin, pegawai]) {
    assertError(await send(s, body), 403, 'forbidden');
    assertError(await send(s, body, 'dry_run=true'), 403, 'forbidden');
    assertError(await get(DIFFS, { session: s }), 403, 'forbidden');
    assertError(await post(`${DIFFS}/decision`, { choice: 'abdi' }, { session: s }), 403, 'forbidden');
  }
  assert.deepEqual(counts(), c, 'nothing written');
  assertError(await request('POST', IMPORT, { session: bkpsdm, json: {} }), 415, 'unsupported_media_type');
  assertError(await send(bkpsdm, body, 'dry_run=maybe'), 422, 'validation_failed', 'dry_run');
  assertError(await send(bkpsdm, body, 'prefer=abdi'), 422, 'validation_failed', 'prefer');
  assertError(await send(bkpsdm, body, 'other=1'), 422, 'unknown_parameter', 'other');
});

test('a clean file of 300 rows: dry run writes nothing, the real run creates all, once', async () => {
  const body = csv(people(1, 300));
  const c = counts();
  const dry = await send(bkpsdm, body, 'dry_run=true');
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json.errors, []);
  assert.equal(dry.json.rows, 300);
  assert.equal(dry.json.created, 300);
  assert.equal(dry.json.updated, 0);
  assert.equal(dry.json.unchanged, 0);
  assert.equal(dry.json.units_created, 3);
  assert.equal(dry.json.dry_run, true);
  assert.deepEqual(counts(), c, 'a dry run writes nothing, not even an audit row');

  const res = await send(bkpsdm, body);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.created, 300);
  assert.equal(res.json.units_created, 3);
  assert.deepEqual(res.json.differences, []);
  const after = counts();
  assert.equal(after.employees, c.employees + 300);
  assert.equal(after.units, c.units + 3);
  assert.equal(after.positions, c.positions + 3, 'one position in each new unit');
  assert.equal(after.ranks, c.ranks + 300, 'a rank history row each');
  assert.equal(after.imports, c.imports + 1);
  assert.equal(after.audits, c.audits + 1, 'one audit row');
  const audit = JSON.parse(sqlOk("SELECT after_json FROM audit_log WHERE action = 'siasn.import' ORDER BY id DESC LIMIT 1"));
  assert.equal(audit.rows, 300);
  assert.equal(audit.created, 300);

  // The units are new, unplaced, under the government's root, with SIASN's unor_id.
  const root = sqlOk('SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  assert.equal(sqlOk("SELECT count(*) FROM units u JOIN siasn_unplaced_units x ON x.unit_id = u.id WHERE u.siasn_unor_id LIKE 'UJI-UNOR-%' AND u.parent_id = " + root), '3');
  const unplaced = await get(`${IMPORT}/unplaced-units`, { session: bkpsdm });
  assert.equal(unplaced.status, 200, unplaced.text);
  const mine = unplaced.json.items.filter((u) => u.siasn_unor_id.startsWith('UJI-UNOR-'));
  assert.deepEqual(mine.map((u) => [u.name, u.employees]).sort(),
    [['Bidang Uji SIASN 0', 100], ['Bidang Uji SIASN 1', 100], ['Bidang Uji SIASN 2', 100]]);
  assert.match(mine[0].code, /^S-[0-9A-F]{12}$/);
  assertError(await get(`${IMPORT}/unplaced-units`, { session: admin }), 403, 'forbidden');
  const one = await get(`/api/v1/employees?q=${NIP(7)}`, { session: bkpsdm });
  assert.equal(one.json.total, 1);
  const rec = (await get(`/api/v1/employees/${one.json.items[0].id}`, { session: bkpsdm })).json;
  assert.equal(rec.name, 'PESERTA UJI 7');
  assert.equal(rec.golongan, 'III/a');
  assert.equal(rec.tmt_golongan, '2017-04-01');
  assert.equal(rec.tmt_jabatan, '2017-04-01');
  assert.equal(rec.birth_date, '1988-08-31');
  assert.equal(rec.gender, 'L');
  assert.equal(rec.appointed_on, '2013-03-01');
  assert.equal(rec.pns_id, 'UJI-SIASN-007');
  assert.equal(rec.unit_name, 'Bidang Uji SIASN 1');
  assert.equal(rec.position_name, 'Pengelola Data Uji');
  assert.equal(sqlOk(`SELECT count(*) FROM employee_position_history WHERE employee_id = ${rec.id} AND tmt = '2017-04-01'`), '1');

  // Re-importing the same file: every row unchanged, nothing new.
  const again = await send(bkpsdm, body);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.created, 0);
  assert.equal(again.json.updated, 0);
  assert.equal(again.json.unchanged, 300);
  assert.equal(again.json.units_created, 0);
  assert.deepEqual(again.json.differences, []);
  const later = counts();
  assert.equal(later.employees, after.employees);
  assert.equal(later.ranks, after.ranks);
  assert.equal(later.units, after.units);
});

test('every quirk of an export: BOM, CRLF, ";", any column order, apostrophes, null, 1/2, newline in a value', async () => {
  const cols = [...COLUMNS].reverse();
  cols.push('kolom_baru');
  const rows = people(301, 304, (i) => ({
    nip_baru: `'${person(i).nip_baru}`,
    nik: `'${nikOf(i)}`,
    jenis_kelamin: i % 2 === 0 ? '2' : '1',
    alamat: i === 302 ? 'Jl. Uji; No. "7"\r\nTanjungbalai' : undefined,
    kolom_baru: 'SMA Uji',
  }));
  // a PPPK: an NI PPPK (born 31-08-1988, appointed 2019, marker 2, batch 1, a man), golongan IX
  rows.push(person(311, { nip_baru: "'198808312019211311", jenis_pegawai_nama: 'PPPK', gol_akhir_id: 'IX',
    tmt_golongan: '01-03-2019', tmt_jabatan: '01-03-2019', status_cpns_pns: null }));
  const body = csv(rows, { columns: cols, sep: ';', eol: '\r\n', bom: true, empty: 'null' });
  const res = await send(bkpsdm, body);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.created, 5);
  assert.equal(sqlOk("SELECT status || '|' || golongan || '|' || appointed_on FROM employees WHERE nip = '198808312019211311'"), 'PPPK|IX|2019-01-01');
  assert.deepEqual(res.json.warnings.map((w) => [w.line, w.column]), [[1, 'kolom_baru']]);
  assert.equal(sqlOk(`SELECT gender || '|' || address FROM employees WHERE nip = '${NIP(302)}'`), 'P|Jl. Uji; No. "7"\nTanjungbalai');
  assert.equal(sqlOk(`SELECT gender || '|' || COALESCE(address, '-') || '|' || COALESCE(gelar_depan, '-') FROM employees WHERE nip = '${NIP(303)}'`), 'L|-|-', 'null is empty');
});

test('bad rows: line, column and message; nothing written by a dry or a real run', async () => {
  const rows = [
    ...people(401, 402),
    person(403, { nik: nikOf(403), nip_baru: '19880831201303140' }),   // 17 digits
    person(404, { nik: nikOf(404), tanggal_lahir: '30-08-1988' }),     // NIP says the 31st
    person(405, { nik: nikOf(405), gol_akhir_id: '99' }),              // unknown golongan
    person(406, { nik: nikOf(406), tmt_golongan: '31-02-2017' }),      // impossible date
    person(407, { nik: nikOf(407), jenis_kelamin: 'F' }),              // NIP says a man
  ];
  const body = csv(rows);
  const c = counts();
  const dry = await send(bkpsdm, body, 'dry_run=true');
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json.errors.map((x) => [x.line, x.column]), [
    [4, 'nip_baru'], [5, 'nip_baru'], [6, 'gol_akhir_id'], [7, 'tmt_golongan'], [8, 'nip_baru'],
  ]);
  for (const x of dry.json.errors) assert.match(x.message, /[a-z]/);
  assert.match(dry.json.errors[2].message, /golongan/i);
  assert.match(dry.json.errors[3].message, /Tanggal tidak valid/);
  assert.equal(dry.json.created, 0);
  const real = await send(bkpsdm, body);
  assert.equal(real.status, 200, real.text);
  assert.deepEqual(real.json.errors, dry.json.errors, 'the real run reports what the dry run did');
  assert.equal(real.json.created, 0);
  assert.equal(real.json.import_id, null);
  assert.deepEqual(counts(), c, 'all or nothing: the good rows were not written either');

  // A missing required column: one error naming it, on the header line.
  const miss = await send(bkpsdm, csv(people(401, 402), { columns: COLUMNS.filter((x) => x !== 'gol_akhir_id') }));
  assert.equal(miss.status, 200, miss.text);
  assert.deepEqual(miss.json.errors.map((x) => [x.line, x.column]), [[1, 'gol_akhir_id']]);
  assert.deepEqual(counts(), c);
});

test('a re-import with changed fields: filled, listed as differences, never overwritten', async () => {
  const changed = people(1, 12, (i) => ({
    ...(i === 1 ? { nama: 'PESERTA UJI SATU' } : {}),
    ...(i === 2 ? { tempat_lahir_nama: 'Medan' } : {}),
    ...(i === 3 ? { gol_akhir_id: '32', tmt_golongan: '01-04-2021' } : {}),
    ...(i === 4 ? { tmt_golongan: '01-10-2017' } : {}),
    ...(i === 5 ? { email: 'peserta5@contoh.go.id' } : {}),
  }));
  const body = csv(changed);
  const before4 = employee(NIP(4));
  const dry = await send(bkpsdm, body, 'dry_run=true');
  assert.equal(dry.status, 200, dry.text);
  const c = counts();
  const res = await send(bkpsdm, body);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  for (const k of ['created', 'updated', 'unchanged', 'differing']) assert.equal(res.json[k], dry.json[k], k);
  assert.equal(res.json.created, 0);
  assert.equal(res.json.updated, 2, 'a new golongan (3) and an e-mail filled (5)');
  assert.equal(res.json.differing, 3, 'name (1), birth place (2), TMT of the same golongan (4)');
  assert.equal(res.json.unchanged, 7);
  const diffs = res.json.differences.map((d) => [d.nip, d.field, d.abdi, d.siasn]).sort();
  assert.deepEqual(diffs, [
    [NIP(1), 'nama', 'PESERTA UJI 1', 'PESERTA UJI SATU'],
    [NIP(2), 'tempat_lahir_nama', 'Tanjungbalai', 'Medan'],
    [NIP(4), 'tmt_golongan', '2017-04-01', '2017-10-01'],
  ].sort());
  assert.equal(employee(NIP(1)).split('|')[0], 'PESERTA UJI 1', 'a difference is not written');
  assert.equal(employee(NIP(4)), before4);
  assert.equal(employee(NIP(3)).split('|').slice(3, 5).join('|'), 'III/b|2021-04-01', 'the new golongan is a history row, now current');
  assert.equal(sqlOk(`SELECT count(*) FROM employee_rank_history r JOIN employees e ON e.id = r.employee_id WHERE e.nip = '${NIP(3)}'`), '2');
  assert.equal(employee(NIP(5)).split('|')[2], 'peserta5@contoh.go.id', 'an empty field is filled');
  assert.equal(counts().diffs, c.diffs + 3);

  // Listed for reconciliation, filtered by NIP, and not repeated by a second import.
  const again = await send(bkpsdm, body);
  assert.equal(again.json.differing, 3);
  assert.equal(again.json.updated, 0);
  assert.equal(counts().diffs, c.diffs + 3, 'a re-import refreshes an open difference');
  const list = await get(`${DIFFS}?nip=${NIP(1)}`, { session: bkpsdm });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.total, 1);
  assert.equal(list.json.items[0].field, 'nama');
  assert.equal(list.json.items[0].siasn, 'PESERTA UJI SATU');
  assert.equal(list.json.items[0].choice, null);
  const page = await get(`${DIFFS}?per_page=2&page=1`, { session: superadmin });
  assert.equal(page.status, 200, page.text);
  assert.equal(page.json.items.length, 2);
  assert.ok(page.json.total >= 3);
  assertError(await get(`${DIFFS}?status=x`, { session: bkpsdm }), 422, 'validation_failed', 'status');
  assertError(await get(`${DIFFS}?zzz=1`, { session: bkpsdm }), 422, 'unknown_parameter', 'zzz');
});

test('religion and marital status: SIASN codes or names to Abdi\'s values; filled, then a difference', async () => {
  const rel = (n) => sqlOk(`SELECT COALESCE(religion, '-') || '|' || COALESCE(marital_status, '-') FROM employees WHERE nip = '${NIP(n)}'`);
  assert.equal(rel(20), '-|-');
  const first = await send(bkpsdm, csv([
    person(20, { agama_id: '3', agama_nama: 'Katholik', jenis_kawin_id: '2', jenis_kawin_nama: 'Menikah' }),
    person(21, { agama_nama: 'Budha', jenis_kawin_nama: 'Belum Kawin' }),
    person(950, { agama_id: '1', jenis_kawin_nama: 'Menikah' }),
  ]));
  assert.equal(first.status, 200, first.text);
  assert.deepEqual([first.json.created, first.json.updated], [1, 2]);
  assert.equal(rel(20), 'Katolik|kawin', 'by code');
  assert.equal(rel(21), 'Buddha|belum_kawin', 'by name');
  assert.equal(rel(950), 'Islam|kawin', 'a new employee gets them too');
  const second = await send(bkpsdm, csv([person(20, { agama_id: '1', jenis_kawin_id: '2' })]));
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(second.json.differences.map((d) => [d.field, d.abdi, d.siasn]), [['agama_id', 'Katolik', 'Islam']]);
  assert.equal(rel(20), 'Katolik|kawin', 'a differing religion is not overwritten');
});

test('decisions: take SIASN or keep Abdi, one by one or all, each audited', async () => {
  const open = async (nip) => (await get(`${DIFFS}?nip=${nip}`, { session: bkpsdm })).json.items;
  const audits = () => n("SELECT count(*) FROM audit_log WHERE action LIKE 'siasn.difference.%'");
  const a0 = audits();
  const [name] = await open(NIP(1));
  assertError(await post(`${DIFFS}/${name.id}/decision`, { choice: 'maybe' }, { session: bkpsdm }), 422, 'validation_failed', 'choice');
  assertError(await post(`${DIFFS}/${name.id}/decision`, {}, { session: bkpsdm }), 422, 'validation_failed', 'choice');
  assertError(await post(`${DIFFS}/999999999/decision`, { choice: 'siasn' }, { session: bkpsdm }), 404, 'not_found');
  const took = await post(`${DIFFS}/${name.id}/decision`, { choice: 'siasn' }, { session: bkpsdm });
  assert.equal(took.status, 200, took.text);
  assert.equal(employee(NIP(1)).split('|')[0], 'PESERTA UJI SATU');
  assert.equal(audits(), a0 + 1);
  assertError(await post(`${DIFFS}/${name.id}/decision`, { choice: 'abdi' }, { session: bkpsdm }), 404, 'not_found');
  const all = await get(`${DIFFS}?nip=${NIP(1)}&status=all`, { session: bkpsdm });
  assert.equal(all.json.items[0].choice, 'siasn');

  const [tmt] = await open(NIP(4));
  assert.equal(tmt.field, 'tmt_golongan');
  const r = await post(`${DIFFS}/${tmt.id}/decision`, { choice: 'siasn' }, { session: bkpsdm });
  assert.equal(r.status, 200, r.text);
  assert.equal(employee(NIP(4)).split('|')[4], '2017-10-01', 'a correcting rank row');
  assert.equal(sqlOk(`SELECT count(*) FROM employee_rank_history r JOIN employees e ON e.id = r.employee_id WHERE e.nip = '${NIP(4)}' AND r.supersedes IS NOT NULL`), '1');

  const keep = await post(`${DIFFS}/decision`, { choice: 'abdi', nip: NIP(2) }, { session: bkpsdm });
  assert.equal(keep.status, 200, keep.text);
  assert.equal(keep.json.decided, 1);
  assert.equal(employee(NIP(2)).split('|')[1], 'Tanjungbalai', 'Abdi kept');
  assert.equal(audits(), a0 + 3);
  const none = await post(`${DIFFS}/decision`, { choice: 'abdi', nip: NIP(2) }, { session: bkpsdm });
  assert.equal(none.json.decided, 0);
  assert.equal(audits(), a0 + 3, 'nothing decided, nothing audited');
});

test('prefer=siasn takes SIASN for the whole import and leaves nothing open', async () => {
  const body = csv(people(20, 22, (i) => (i === 21 ? { nama: 'PESERTA DUA SATU', tempat_lahir_nama: 'Binjai' } : {})));
  const c = counts();
  const res = await send(bkpsdm, body, 'dry_run=false&prefer=siasn');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.updated, 1);
  assert.equal(res.json.unchanged, 2);
  assert.equal(res.json.differences.length, 2, 'still reported');
  assert.equal(employee(NIP(21)).split('|').slice(0, 2).join('|'), 'PESERTA DUA SATU|Binjai');
  assert.equal(counts().diffs, c.diffs, 'no open difference');
  assert.equal(counts().imports, c.imports + 1);
  const imports = await get(IMPORT, { session: bkpsdm });
  assert.equal(imports.status, 200, imports.text);
  assert.equal(imports.json.items[0].prefer_siasn, true);
  assert.equal(imports.json.items[0].updated, 1);
});

test('abdi import siasn: dry run, bad rows (exit 1), real run with --prefer-siasn, usage (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(TMPDIR, 'siasn-'));
  const good = path.join(dir, 'good.csv');
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(good, csv([...people(500, 502), person(30, { nama: 'PESERTA TIGA PULUH' })]));
  fs.writeFileSync(bad, csv([...people(503, 504), person(505, { gol_akhir_id: '77' })]));
  const c = counts();
  let r = abdi(['import', 'siasn', good, '--dry-run']);
  assert.equal(r.status, 0, r.out);
  assert.match(r.stdout, /4 baris data; 3 baru, 0 diperbarui, 0 tetap, 1 berbeda/);
  assert.match(r.stderr, new RegExp(`beda: NIP ${NIP(30)}, nama: Abdi "PESERTA UJI 30", SIASN "PESERTA TIGA PULUH"`));
  assert.deepEqual(counts(), c, 'a dry run writes nothing');
  r = abdi(['import', 'siasn', bad]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.stderr, /baris 4, kolom gol_akhir_id/);
  assert.deepEqual(counts(), c, 'one bad row: nothing written');
  r = abdi(['import', 'siasn', good]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.stdout, /3 baru, 0 diperbarui, 0 tetap, 1 berbeda/);
  const after = counts();
  assert.equal(after.employees, c.employees + 3);
  assert.equal(after.audits, c.audits + 1);
  assert.equal(after.diffs, c.diffs + 1, 'the name waits for a decision');
  assert.equal(employee(NIP(30)).split('|')[0], 'PESERTA UJI 30');
  r = abdi(['import', 'siasn', good, '--prefer-siasn']);
  assert.equal(r.status, 0, r.out);
  assert.match(r.stdout, /0 baru, 1 diperbarui, 3 tetap/);
  assert.equal(employee(NIP(30)).split('|')[0], 'PESERTA TIGA PULUH');
  assert.equal(abdi(['import', 'siasn']).status, 2);
  assert.equal(abdi(['import', 'siasn', good, '--force']).status, 2);
  assert.equal(abdi(['import', 'employees', good, '--prefer-siasn']).status, 2);
  assert.equal(abdi(['import', 'siasn', path.join(dir, 'missing.csv')]).status, 1);
});

const education = (nip) => sqlOk(`SELECT ed.level_code || '|' || ed.graduated_on || '|' || COALESCE(ed.pendidikan_id, '-') || '|' || COALESCE(ed.major, '-') || '|' || ed.institution || '|' || COALESCE(CAST(ed.supersedes AS TEXT), '-') FROM employee_education ed JOIN employees e ON e.id = ed.employee_id WHERE e.nip = '${nip}' ORDER BY ed.id`).split('\n').filter((x) => x);
const level = (nip) => sqlOk(`SELECT COALESCE(education_level, '-') FROM employees WHERE nip = '${nip}'`);
const WITH_SCHOOL = [...COLUMNS, 'nama_sekolah'];
const S1 = { tingkat_pendidikan_id: '40', tingkat_pendidikan_nama: 'S-1/Sarjana', pendidikan_id: 'PD-UJI-1', pendidikan_nama: 'S-1 KESEHATAN MASYARAKAT', tahun_lulus: '2010' };

test('education: a history row with SIASN\'s codes, unchanged when equal, filled, a difference, prefer=siasn', async () => {
  const c = counts();
  const eds = () => n('SELECT count(*) FROM employee_education');
  const e0 = eds();
  const body = csv([person(600, S1), person(601, { ...S1, nama_sekolah: 'Universitas Uji' }), person(602)], { columns: WITH_SCHOOL });
  const dry = await send(bkpsdm, body, 'dry_run=true');
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.created, 3);
  assert.equal(eds(), e0, 'a dry run writes no education');
  const res = await send(bkpsdm, body);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.created, 3);
  assert.equal(counts().employees, c.employees + 3);
  assert.deepEqual(education(NIP(600)), ['S1|2010-01-01|PD-UJI-1|S-1 KESEHATAN MASYARAKAT|Tidak tercantum di SIASN|-']);
  assert.deepEqual(education(NIP(601)), ['S1|2010-01-01|PD-UJI-1|S-1 KESEHATAN MASYARAKAT|Universitas Uji|-']);
  assert.deepEqual(education(NIP(602)), [], 'no education in the row, none stored');
  assert.equal(level(NIP(600)), 'S1', 'the record\'s cached level follows');
  const id600 = sqlOk(`SELECT id FROM employees WHERE nip = '${NIP(600)}'`);
  const hist = await get(`/api/v1/employees/${id600}/education`, { session: bkpsdm });
  assert.equal(hist.status, 200, hist.text);
  assert.equal(hist.json.items[0].pendidikan_id, 'PD-UJI-1');

  // the same again: unchanged; an employee Abdi has without education: filled
  const again = await send(bkpsdm, csv([person(600, S1), person(601, { ...S1, nama_sekolah: 'Universitas Uji' }), person(602, S1)], { columns: WITH_SCHOOL }));
  assert.equal(again.status, 200, again.text);
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged, again.json.differing], [0, 1, 2, 0]);
  assert.deepEqual(again.json.differences, []);
  assert.equal(education(NIP(602)).length, 1);
  assert.equal(eds(), e0 + 3);

  // a higher degree in SIASN: a difference, never written; taking it adds the row
  const S2 = { tingkat_pendidikan_id: '45', pendidikan_id: 'PD-UJI-2', pendidikan_nama: 'S-2 KESEHATAN MASYARAKAT', tahun_lulus: '2016' };
  const diff = await send(bkpsdm, csv([person(600, S2)]));
  assert.equal(diff.status, 200, diff.text);
  assert.equal(diff.json.differing, 1);
  assert.deepEqual(diff.json.differences.map((d) => [d.field, d.abdi, d.siasn]),
    [['pendidikan', 'S1 2010 (S-1 KESEHATAN MASYARAKAT)', 'S2 2016 (S-2 KESEHATAN MASYARAKAT)']]);
  assert.equal(education(NIP(600)).length, 1, 'a difference is not written');
  assert.equal(level(NIP(600)), 'S1');
  const [open] = (await get(`${DIFFS}?nip=${NIP(600)}`, { session: bkpsdm })).json.items;
  assert.equal(open.field, 'pendidikan');
  const took = await post(`${DIFFS}/${open.id}/decision`, { choice: 'siasn' }, { session: bkpsdm });
  assert.equal(took.status, 200, took.text);
  assert.deepEqual(education(NIP(600)).slice(1), ['S2|2016-01-01|PD-UJI-2|S-2 KESEHATAN MASYARAKAT|Tidak tercantum di SIASN|-']);
  assert.equal(level(NIP(600)), 'S2');
  const after = await send(bkpsdm, csv([person(600, S2)]));
  assert.equal(after.json.unchanged, 1, 'equal to a row Abdi now has');

  // another year of the same level with prefer=siasn: a correcting row, nothing left open
  const d0 = counts().diffs;
  const pref = await send(bkpsdm, csv([person(601, { ...S1, tahun_lulus: '2011', nama_sekolah: 'Universitas Uji' })], { columns: WITH_SCHOOL }), 'dry_run=false&prefer=siasn');
  assert.equal(pref.status, 200, pref.text);
  assert.equal(pref.json.updated, 1);
  assert.deepEqual(pref.json.differences.map((d) => [d.field, d.abdi, d.siasn]),
    [['pendidikan', 'S1 2010 (S-1 KESEHATAN MASYARAKAT)', 'S1 2011 (S-1 KESEHATAN MASYARAKAT)']]);
  const rows601 = education(NIP(601));
  assert.equal(rows601.length, 2);
  assert.match(rows601[1], /^S1\|2011-01-01\|PD-UJI-1\|.*\|Universitas Uji\|\d+$/, 'supersedes the 2010 row');
  assert.equal(counts().diffs, d0);
});

test('education: an unknown tingkat pendidikan or a bad tahun_lulus is a row error; nothing written', async () => {
  const rows = [
    person(610, S1),
    person(611, { ...S1, tingkat_pendidikan_id: '41' }),  // no such level
    person(612, { ...S1, tahun_lulus: '2099' }),          // the future
    person(613, { ...S1, tahun_lulus: '1990' }),          // born 1988: before 1993
    person(614, { ...S1, tahun_lulus: '10' }),            // not 4 digits
    person(615, { ...S1, tahun_lulus: null }),            // a warning: education not stored
  ];
  const c = counts();
  const e0 = n('SELECT count(*) FROM employee_education');
  for (const q of ['dry_run=true', 'dry_run=false']) {
    const res = await send(bkpsdm, csv(rows), q);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.errors.map((x) => [x.line, x.column]),
      [[3, 'tingkat_pendidikan_id'], [4, 'tahun_lulus'], [5, 'tahun_lulus'], [6, 'tahun_lulus']], q);
    assert.match(res.json.errors[0].message, /tingkat pendidikan tidak dikenal/i);
    assert.match(res.json.errors[1].message, /masa depan/);
    assert.match(res.json.errors[2].message, /5 tahun/);
    assert.deepEqual(res.json.warnings.map((x) => [x.line, x.column]), [[7, 'tahun_lulus']]);
  }
  assert.deepEqual(counts(), c, 'all or nothing');
  assert.equal(n('SELECT count(*) FROM employee_education'), e0);
});

// siasn.md §3 gives SLTA the codes 15, 17 and 18 and spesialis 47 and 49; education_levels
// holds one code per level, the others are in education_level_siasn_codes (migration 0024).
test('education: tingkat pendidikan 17 and 18 are SLTA, 49 is spesialis like 47', async () => {
  const slta = (code) => ({ tingkat_pendidikan_id: code, pendidikan_id: `PD-UJI-SLTA-${code}`, pendidikan_nama: 'SMA IPA', tahun_lulus: '2006' });
  const sp = (code) => ({ tingkat_pendidikan_id: code, pendidikan_id: `PD-UJI-SP-${code}`, pendidikan_nama: 'SPESIALIS PENYAKIT DALAM', tahun_lulus: '2018' });
  const rows = [person(640, slta('17')), person(641, slta('18')), person(642, sp('49')), person(643, sp('47'))];
  const dry = await send(bkpsdm, csv(rows), 'dry_run=true');
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json.errors, []);
  const res = await send(bkpsdm, csv(rows));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.created, 4);
  assert.deepEqual(education(NIP(640)), ['SLTA|2006-01-01|PD-UJI-SLTA-17|SMA IPA|Tidak tercantum di SIASN|-']);
  assert.deepEqual(education(NIP(641)), ['SLTA|2006-01-01|PD-UJI-SLTA-18|SMA IPA|Tidak tercantum di SIASN|-']);
  assert.deepEqual(education(NIP(642)), ['SPESIALIS|2018-01-01|PD-UJI-SP-49|SPESIALIS PENYAKIT DALAM|Tidak tercantum di SIASN|-']);
  assert.deepEqual([level(NIP(640)), level(NIP(641)), level(NIP(642)), level(NIP(643))], ['SLTA', 'SLTA', 'SPESIALIS', 'SPESIALIS']);
  // the same level under its other code is the education Abdi has: unchanged
  const again = await send(bkpsdm, csv([person(640, { ...slta('15'), pendidikan_id: 'PD-UJI-SLTA-17' }), person(643, { ...sp('49'), pendidikan_id: 'PD-UJI-SP-47' })]));
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json.errors, []);
  assert.deepEqual(again.json.differences, []);
  assert.equal(again.json.unchanged, 2);
});

test('a closed unit with the row\'s unor_id takes no one: a row error; an open unit of it is used', async () => {
  const root = sqlOk('SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  const unit = (code) => post('/api/v1/units', { parent_id: Number(root), code, name: `Unit Tutup ${code}`, kind: 'bidang', siasn_unor_id: 'UJI-UNOR-TUTUP' }, { session: bkpsdm });
  const closed = await unit('UJI-TUTUP-1');
  assert.equal(closed.status, 201, closed.text);
  const today = new Date(serverNow() * 1000).toISOString().slice(0, 10);
  const shut = await post(`/api/v1/units/${closed.json.id}/close`, { date: today, reason: 'Uji penutupan' }, { session: bkpsdm });
  assert.equal(shut.status, 200, shut.text);
  const rows = [person(620), person(621, { unor_id: 'UJI-UNOR-TUTUP', unor_nama: 'Unit Lama' })];
  const c = counts();
  for (const q of ['dry_run=true', 'dry_run=false']) {
    const res = await send(bkpsdm, csv(rows), q);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.errors.map((x) => [x.line, x.column]), [[3, 'unor_id']], q);
    assert.match(res.json.errors[0].message, /Unit Tutup UJI-TUTUP-1.*sudah ditutup/);
  }
  assert.deepEqual(counts(), c, 'nothing written, no unit created for it either');

  const open = await unit('UJI-TUTUP-2');
  assert.equal(open.status, 201, open.text);
  const res = await send(bkpsdm, csv(rows));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.errors, []);
  assert.equal(res.json.units_created, 0);
  assert.equal(sqlOk(`SELECT unit_id FROM employees WHERE nip = '${NIP(621)}'`), String(open.json.id), 'the open unit of the unor_id');
});

test('the kind of a position the import creates: eselon, jenis jabatan and the level in the name', async () => {
  const rows = [
    person(630, { jenis_jabatan_id: '1', eselon_id: '21', jabatan_id: 'UJI-JAB-K1', jabatan_nama: 'Kepala Dinas Uji', unor_id: 'UJI-UNOR-KIND' , unor_nama: 'Dinas Uji Jenis' }),
    person(631, { jenis_jabatan_id: '2', jabatan_id: 'UJI-JAB-K2', jabatan_nama: 'Analis Kebijakan Ahli Madya', unor_id: 'UJI-UNOR-KIND', unor_nama: 'Dinas Uji Jenis' }),
    person(632, { jenis_jabatan_id: '2', jabatan_id: 'UJI-JAB-K3', jabatan_nama: 'Pranata Komputer Terampil', unor_id: 'UJI-UNOR-KIND', unor_nama: 'Dinas Uji Jenis' }),
    person(633, { jenis_jabatan_id: '1', eselon_id: '10', jabatan_id: 'UJI-JAB-K4', jabatan_nama: 'Kepala Badan Uji', unor_id: 'UJI-UNOR-KIND', unor_nama: 'Dinas Uji Jenis' }),
  ];
  const res = await send(bkpsdm, csv(rows, { columns: [...COLUMNS, 'eselon_id'] }));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.warnings, [], 'eselon_id is a known column');
  assert.equal(res.json.positions_created, 4);
  assert.deepEqual(sqlOk("SELECT siasn_jabatan_id, kind, bup_age FROM positions WHERE siasn_jabatan_id LIKE 'UJI-JAB-K%' ORDER BY siasn_jabatan_id").split('\n'),
    ['UJI-JAB-K1|jpt_pratama|60', 'UJI-JAB-K2|ahli_madya|60', 'UJI-JAB-K3|terampil|58', 'UJI-JAB-K4|jpt_utama|60']);
  // the position-history export gives SIASN its eselon back
  for (const [i, eselon] of [[630, '21'], [633, '10'], [631, '99']]) {
    const id = sqlOk(`SELECT id FROM employees WHERE nip = '${NIP(i)}'`);
    const r = await get(`/api/v1/exports/siasn/position-history?employee_id=${id}`, { session: bkpsdm });
    assert.equal(r.status, 200, r.text);
    const [header, row] = r.text.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    assert.equal(row[header.indexOf('eselon_id')], eselon, `person ${i}`);
  }
});

test('progress: the server\'s phase and count of a running web import, for its own user only', async () => {
  const PROGRESS = `${IMPORT}/progress`;
  const idle = await get(PROGRESS, { session: bkpsdm });
  assert.equal(idle.status, 200, idle.text);
  assert.deepEqual(idle.json, { active: false });
  assertError(await get(PROGRESS, { session: pegawai }), 403, 'forbidden');
  assertError(await get(`${PROGRESS}?x=1`, { session: bkpsdm }), 422, 'unknown_parameter', 'x');
  // 999 rows (people 1..999; person i's NIP holds i in three digits), checked again and again
  // while the page asks how far the server is
  // (a dry run of 999 rows takes milliseconds: on a busy machine it can end before the first
  // question, so it runs again, up to 8 times, until one was seen running)
  const body = csv(people(1, 999));
  const seen = [];
  for (let attempt = 0; attempt < 8 && seen.length === 0; attempt++) {
    let done = false;
    const post = send(bkpsdm, body, 'dry_run=true').then((r) => { done = true; return r; });
    while (!done) {
      const p = await get(PROGRESS, { session: bkpsdm });
      assert.equal(p.status, 200, p.text);
      if (p.json.active) seen.push(p.json);
      const other = await get(PROGRESS, { session: superadmin });
      assert.equal(other.json.active, false, 'another user does not see it');
    }
    const res = await post;
    assert.equal(res.status, 200, res.text);
  }
  assert.ok(seen.length > 0, 'the running import was never seen in 8 runs');
  for (const p of seen) {
    assert.ok(['memeriksa', 'menyimpan'].includes(p.phase), p.phase);
    assert.ok(p.total > 0 && p.done >= 0 && p.done <= p.total, JSON.stringify(p));
  }
  assert.deepEqual((await get(PROGRESS, { session: bkpsdm })).json, { active: false }, 'over when answered');
});
