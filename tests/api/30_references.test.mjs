// 30_references.test.mjs - issue 7, SIASN reference lists and the exports in BKN's shapes.
// Every small list of siasn.md §3 is readable with its codes; a large list is imported from a
// CSV: the dry run writes nothing, bad rows are reported with line and column and the real run
// then writes nothing either, a good file writes every row in one audited write, re-importing
// the same file changes nothing. The three SIASN exports carry SIASN's field names, one row per
// history row with the codes of the lists, stay in the caller's scope (admin.dinkes never
// reaches DISDIK, a pegawai only the own record) and neutralise formulas.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

let units;
let dinkes;
let disdik;
let bkpsdm;
let admin; // admin.dinkes
let emp;   // an employee of DINKES made here
let pos;

const refCount = (list) => Number(sqlOk(`SELECT count(*) FROM ref_codes WHERE list = '${list}'`));
const audits = () => Number(sqlOk("SELECT count(*) FROM audit_log WHERE action = 'reference.import'"));

function importCsv(session, name, body, { dry = false, contentType = 'text/csv' } = {}) {
  return request('POST', `/api/v1/references/${name}/import?dry_run=${dry}`, {
    session, body, contentType,
  });
}

// Parse the exports' CSV (BOM, CRLF, RFC 4180 quotes) into [header, ...rows].
function parseCsv(text) {
  const s = text.replace(/^\ufeff/, '');
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; } else if (c === '\r') { /* CRLF */ } else if (c === '\n') {
      row.push(f); rows.push(row); row = []; f = '';
    } else f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}

function records(text) {
  const [header, ...rows] = parseCsv(text);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

const dmy = (iso) => (iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : '');

before(async () => {
  units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  bkpsdm = await loginOk(USERS.bkpsdm);
  admin = await loginOk(USERS.adminDinkes);
  const p = await post('/api/v1/positions', {
    unit_id: dinkes.id, name: 'Pranata Komputer Ekspor', kind: 'ahli_pertama', kelas_jabatan: 8, needed: 1,
  }, { session: admin });
  assert.equal(p.status, 201, p.text);
  pos = p.json;
  sqlOk(`UPDATE positions SET siasn_jabatan_id = 'JF-PRAKOM-1' WHERE id = ${pos.id}`);
  const res = await post('/api/v1/employees', {
    nip: '198811122014021001', nik: '1275011211880001', name: 'Pegawai Ekspor Uji', birth_place: 'Medan',
    birth_date: '1988-11-12', gender: 'L', status: 'PNS', unit_id: dinkes.id, golongan: 'III/a',
    tmt_golongan: '2014-02-01', position_id: pos.id,
  }, { session: admin });
  assert.equal(res.status, 201, res.text);
  emp = res.json;
  sqlOk(`UPDATE employees SET pns_id = 'A8ACA7D1-PNS-UJI' WHERE id = ${emp.id}`);
});

test('GET /references lists every list with its size; small lists are readable with SIASN codes', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const res = await get('/api/v1/references', { session: s });
  assert.equal(res.status, 200, res.text);
  const byName = new Map(res.json.items.map((x) => [x.name, x]));
  const expected = {
    golongan: ['11', '12', '13', '14', '21', '22', '23', '24', '31', '32', '33', '34', '41', '42', '43', '44', '45'],
    jenis_jabatan: ['1', '2', '3', '4'],
    eselon: ['10', '11', '12', '21', '22', '31', '32', '41', '42', '51', '52', '99'],
    jenis_penugasan: ['D', 'PJ', 'TT', 'PLH', 'PLT'], // by code length, then code
    jenis_mutasi: ['MJ', 'MU'],
    kedudukan_hukum: ['01', '02', '03', '04', '15', '20', '66', '98', '99'],
    tingkat_pendidikan: ['05', '10', '12', '15', '20', '25', '30', '35', '40', '42', '45', '47', '50'],
    kinerja_rating: ['1', '2', '3'],
    kinerja_predikat: ['1', '2', '3', '4', '5'],
    kinerja_periode: ['1', '2'],
    jenis_diklat: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
    agama: ['1', '2', '3', '4', '5', '6', '7'],
    jenis_kawin: ['1', '2', '3', '4'],
    jenis_pegawai: ['1', '2', '3', '4', '5', '6'],
  };
  for (const [name, codes] of Object.entries(expected)) {
    assert.equal(byName.get(name)?.large, false, name);
    assert.equal(byName.get(name).count, codes.length, name);
    const l = await get(`/api/v1/references/${name}`, { session: s });
    assert.equal(l.status, 200, l.text);
    assert.deepEqual(l.json.items.map((x) => x.code), codes, name);
    assert.equal(l.json.total, codes.length);
  }
  for (const name of ['pendidikan', 'jabatan_pelaksana', 'jabatan_fungsional', 'lokasi']) {
    assert.equal(byName.get(name)?.large, true, name);
  }
  const gol = await get('/api/v1/references/golongan?q=iii', { session: s });
  assert.deepEqual(gol.json.items.map((x) => [x.code, x.name]),
    [['31', 'III/a'], ['32', 'III/b'], ['33', 'III/c'], ['34', 'III/d']]);
  assert.equal(gol.json.items[0].pangkat, 'Penata Muda');
  const diklat = await get('/api/v1/references/jenis_diklat?q=bimbingan', { session: s });
  assert.deepEqual(diklat.json.items, [{ code: '8', name: 'Bimbingan Teknis' }]);
  const page = await get('/api/v1/references/eselon?page=2&per_page=5', { session: s });
  assert.deepEqual(page.json.items.map((x) => x.code), ['31', '32', '41', '42', '51']);
  assert.equal(page.json.total, 12);
  const csv = await get('/api/v1/references/kedudukan_hukum?format=csv', { session: s });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.equal(csv.text.replace(/^\ufeff/, '').split('\r\n')[0], 'id,nama');
  assert.match(csv.text, /\r\n98,Mencapai BUP\r\n/);
  assertError(await get('/api/v1/references/tidak_ada', { session: s }), 404, 'not_found');
  assertError(await get('/api/v1/references/agama?x=1', { session: s }), 422, 'unknown_parameter', 'x');
  assertError(await get('/api/v1/references/agama?format=pdf', { session: s }), 422, 'validation_failed', 'format');
  assert.equal((await get('/api/v1/references')).status, 401);
});

const JF = 'id,nama,bup\r\nJF001,Dokter Ahli Pertama,60\r\n\'JF002,"Analis Kebijakan, Ahli Muda",58\r\nJF003,Guru Ahli Madya,60\r\n';

test('large list import: dry run writes nothing, bad rows give line and column, then all or nothing', async () => {
  const before = refCount('jabatan_fungsional');
  const a0 = audits();
  let r = await importCsv(bkpsdm, 'jabatan_fungsional', JF, { dry: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.dry_run, true);
  assert.equal(r.json.rows, 3);
  assert.equal(r.json.created, 3);
  assert.equal(r.json.imported, 0);
  assert.deepEqual(r.json.errors, []);
  assert.equal(refCount('jabatan_fungsional'), before);

  const bad = 'id;nama;bup\nJF010;Perawat Terampil;58\nJF011;;58\nJF012;Bidan Ahli;80\nJF010;Perawat Lagi;58\n;Tanpa Kode;60\nJF013;Apoteker;\n';
  for (const dry of [true, false]) {
    r = await importCsv(bkpsdm, 'jabatan_fungsional', bad, { dry });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.imported, 0);
    const errs = r.json.errors.map((x) => [x.line, x.column]).sort((a, b) => a[0] - b[0]);
    assert.deepEqual(errs, [[3, 'nama'], [4, 'bup'], [5, 'id'], [6, 'id'], [7, 'bup']]);
    assert.ok(r.json.errors.every((x) => typeof x.message === 'string' && x.message.length > 0));
    assert.equal(refCount('jabatan_fungsional'), before, `dry=${dry} wrote rows`);
  }
  r = await importCsv(bkpsdm, 'jabatan_fungsional', 'id,nama\nX,Y\n');
  assert.equal(r.json.errors[0].column, 'bup');
  assert.equal(refCount('jabatan_fungsional'), before);
  assert.equal(audits(), a0);

  r = await importCsv(bkpsdm, 'jabatan_fungsional', JF);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.created, r.json.updated, r.json.unchanged, r.json.imported], [3, 0, 0, 3]);
  assert.equal(refCount('jabatan_fungsional'), before + 3);
  assert.equal(audits(), a0 + 1);
  const l = await get('/api/v1/references/jabatan_fungsional?q=analis', { session: admin });
  assert.deepEqual(l.json.items, [{ code: 'JF002', name: 'Analis Kebijakan, Ahli Muda', bup: '58' }]);

  // the same file again: nothing changes, nothing is audited
  r = await importCsv(bkpsdm, 'jabatan_fungsional', JF);
  assert.deepEqual([r.json.created, r.json.updated, r.json.unchanged, r.json.imported], [0, 0, 3, 0]);
  assert.equal(refCount('jabatan_fungsional'), before + 3);
  assert.equal(audits(), a0 + 1);
  // a changed retirement age is an update
  r = await importCsv(bkpsdm, 'jabatan_fungsional', JF.replace('Guru Ahli Madya,60', 'Guru Ahli Madya,65'));
  assert.deepEqual([r.json.created, r.json.updated, r.json.unchanged], [0, 1, 2]);
  assert.equal(sqlOk("SELECT attr FROM ref_codes WHERE list = 'jabatan_fungsional' AND code = 'JF003'"), '65');
  assert.equal(audits(), a0 + 2);

  // the exported CSV reads back as the same list
  const csv = await get('/api/v1/references/jabatan_fungsional?format=csv', { session: bkpsdm });
  assert.equal(csv.text.replace(/^\ufeff/, '').split('\r\n')[0], 'id,nama,bup');
  r = await importCsv(bkpsdm, 'jabatan_fungsional', csv.text, { dry: true });
  assert.deepEqual([r.json.created, r.json.updated, r.json.unchanged], [0, 0, 3]);

  // lokasi with SIASN's quirks (null, apostrophes, ';')
  r = await importCsv(bkpsdm, 'lokasi', "\ufeffkode;nama\r\n'5271;Kota Medan\r\n'5275;Kota Tanjungbalai\r\n");
  assert.equal(r.json.created, 2, r.text);
  assert.equal(sqlOk("SELECT name FROM ref_codes WHERE list = 'lokasi' AND code = '5271'"), 'Kota Medan');
});

test('import refuses small lists, unknown lists, other roles and other content types', async () => {
  const n = Number(sqlOk('SELECT count(*) FROM ref_codes'));
  assertError(await importCsv(bkpsdm, 'agama', 'id,nama\n9,Baru\n'), 422, 'validation_failed', 'name');
  assertError(await importCsv(bkpsdm, 'tidak_ada', 'id,nama\n9,Baru\n'), 404, 'not_found');
  assert.equal((await importCsv(admin, 'lokasi', 'id,nama\n9,Baru\n')).status, 403);
  assert.equal((await importCsv(await loginOk(USERS.pegawaiDinkes), 'lokasi', 'id,nama\n9,Baru\n')).status, 403);
  assert.equal((await importCsv(bkpsdm, 'lokasi', '{}', { contentType: 'application/json' })).status, 415);
  assertError(await request('POST', '/api/v1/references/lokasi/import?dry_run=maybe',
    { session: bkpsdm, body: 'id,nama\n', contentType: 'text/csv' }), 422, 'validation_failed', 'dry_run');
  const sa = await loginOk(USERS.superadmin);
  const r = await importCsv(sa, 'jabatan_pelaksana', 'id,nama\nJP1,Pengadministrasi Perkantoran\n', { dry: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(Number(sqlOk('SELECT count(*) FROM ref_codes')), n);
});

test('SIASN exports: field names, one row per history row, codes through the lists', async () => {
  const y = 2024;
  let r = await post(`/api/v1/employees/${emp.id}/training`, {
    kind: 'bimtek', name: '=HYPERLINK("http://x.invalid","klik")', organizer: '@BKPSDM', start_date: `${y}-03-04`,
    end_date: `${y}-03-06`, hours: 24, certificate_number: '+62-SERT', siasn_id: 'DK-1',
  }, { session: admin });
  assert.equal(r.status, 201, r.text);
  r = await post(`/api/v1/employees/${emp.id}/training`, {
    kind: 'manajerial', name: 'Pelatihan Kepemimpinan Pengawas', organizer: 'BPSDM Provinsi',
    start_date: '2023-05-01', end_date: '2023-06-30', hours: 120,
  }, { session: admin });
  assert.equal(r.status, 201, r.text);
  r = await post(`/api/v1/employees/${emp.id}/ranks`, { golongan: 'III/b', tmt: '2018-04-01', sk_number: '823/7/2018', sk_date: '2018-03-01' }, { session: admin });
  assert.equal(r.status, 201, r.text);

  const base = '/api/v1/exports/siasn';
  r = await get(`${base}/training-history?employee_id=${emp.id}`, { session: admin });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  let t = records(r.text);
  assert.deepEqual(t.header, ['id', 'pns_id', 'nip_baru', 'nama', 'jenis_diklat_id', 'jenis_diklat_nama',
    'nama_diklat', 'tanggal_mulai', 'tanggal_selesai', 'tahun', 'institusi_penyelenggara', 'jumlah_jam',
    'nomor_sertifikat', 'abdi_id']);
  assert.equal(t.rows.length, 2);
  const [mgr, bim] = t.rows; // ordered by start date
  assert.deepEqual([mgr.jenis_diklat_id, mgr.jenis_diklat_nama, mgr.jumlah_jam, mgr.tanggal_mulai, mgr.tahun],
    ['5', 'Diklat Manajerial', '120', '01-05-2023', '2023']);
  assert.deepEqual([bim.id, bim.pns_id, bim.nip_baru, bim.nama, bim.jenis_diklat_id, bim.jumlah_jam],
    ['DK-1', 'A8ACA7D1-PNS-UJI', '198811122014021001', 'Pegawai Ekspor Uji', '8', '24']);
  // formula injection: the cells start with an apostrophe, never with = + - @
  assert.equal(bim.nama_diklat, '\'=HYPERLINK("http://x.invalid","klik")');
  assert.equal(bim.institusi_penyelenggara, '\'@BKPSDM');
  assert.equal(bim.nomor_sertifikat, '\'+62-SERT');

  r = await get(`${base}/rank-history?employee_id=${emp.id}`, { session: admin });
  assert.equal(r.status, 200, r.text);
  t = records(r.text);
  assert.deepEqual(t.header, ['id', 'pns_id', 'nip_baru', 'nama', 'golongan_id', 'golongan_nama',
    'pangkat_nama', 'tmt_golongan', 'sk_nomor', 'sk_tanggal', 'abdi_id']);
  assert.deepEqual(t.rows.map((x) => [x.golongan_id, x.golongan_nama, x.tmt_golongan]),
    [['31', 'III/a', '01-02-2014'], ['32', 'III/b', '01-04-2018']]);
  assert.equal(t.rows[1].pangkat_nama, 'Penata Muda Tingkat I');
  assert.equal(t.rows[1].sk_tanggal, '01-03-2018');

  r = await get(`${base}/position-history?employee_id=${emp.id}`, { session: admin });
  assert.equal(r.status, 200, r.text);
  t = records(r.text);
  assert.deepEqual(t.header, ['id', 'pns_id', 'nip_baru', 'nama', 'jenis_jabatan_id', 'jenis_jabatan_nama',
    'jabatan_id', 'tmt_jabatan', 'jabatan_nama', 'eselon_id', 'unor_id', 'unor_nama', 'jenis_penugasan_id',
    'jenis_mutasi_id', 'nomor_sk', 'tanggal_sk', 'abdi_id', 'abdi_sumber']);
  assert.equal(t.rows.length, 1);
  assert.equal(t.rows[0].abdi_sumber, 'riwayat_jabatan');
  assert.deepEqual([t.rows[0].jenis_jabatan_id, t.rows[0].jabatan_id, t.rows[0].jabatan_nama, t.rows[0].eselon_id,
    t.rows[0].unor_nama, t.rows[0].jenis_penugasan_id, t.rows[0].jenis_mutasi_id],
  ['2', 'JF-PRAKOM-1', 'Pranata Komputer Ekspor', '99', dinkes.name, 'D', '']);
  assert.equal(t.rows[0].tmt_jabatan, dmy(sqlOk(`SELECT tmt FROM employee_position_history WHERE employee_id = ${emp.id}`)));
});

test('SIASN position-history export: a Plt assignment is a row with jenis_penugasan PLT', async () => {
  const p = await post('/api/v1/positions', {
    unit_id: dinkes.id, name: 'Pranata Komputer Ekspor Kosong', kind: 'ahli_pertama', kelas_jabatan: 8, needed: 1,
  }, { session: admin });
  assert.equal(p.status, 201, p.text);
  sqlOk(`UPDATE positions SET siasn_jabatan_id = 'JF-PRAKOM-2' WHERE id = ${p.json.id}`);
  const start = new Date(serverNow() * 1000).toISOString().slice(0, 10);
  const a = await post('/api/v1/assignments', {
    employee_id: emp.id, kind: 'plt', position_id: p.json.id, start_date: start, end_date: start,
    sk_number: '800/PLT/EKSPOR', sk_date: start,
  }, { session: admin });
  assert.equal(a.status, 201, a.text);
  const r = await get(`/api/v1/exports/siasn/position-history?employee_id=${emp.id}`, { session: admin });
  assert.equal(r.status, 200, r.text);
  const t = records(r.text);
  assert.deepEqual(t.rows.map((x) => [x.abdi_sumber, x.jenis_penugasan_id]).sort(),
    [['penugasan', 'PLT'], ['riwayat_jabatan', 'D']]);
  const plt = t.rows.find((x) => x.abdi_sumber === 'penugasan');
  assert.deepEqual([plt.id, plt.nip_baru, plt.jabatan_id, plt.jabatan_nama, plt.jenis_jabatan_id, plt.eselon_id,
    plt.unor_nama, plt.tmt_jabatan, plt.jenis_mutasi_id, plt.nomor_sk, plt.tanggal_sk, plt.abdi_id],
  ['', '198811122014021001', 'JF-PRAKOM-2', 'Pranata Komputer Ekspor Kosong', '2', '99', dinkes.name, dmy(start), '',
    '800/PLT/EKSPOR', dmy(start), String(a.json.id)]);
});

// The rows of a unit subtree, counted in SQL as the export should have them.
// The Plt/Plh assignments of the employees of those units (satgas is no position).
function acting(unitIds) {
  return Number(sqlOk(`SELECT count(*) FROM assignments a JOIN employees e ON e.id = a.employee_id
    WHERE e.unit_id IN (${unitIds.join(',')}) AND a.kind IN ('plt', 'plh')`));
}
function expectedRows(table, unitIds) {
  return Number(sqlOk(`SELECT count(*) FROM ${table} h JOIN employees e ON e.id = h.employee_id
    WHERE e.unit_id IN (${unitIds.join(',')}) AND NOT EXISTS (SELECT 1 FROM ${table} c WHERE c.supersedes = h.id)`));
}

test('SIASN exports per unit, with and without sub-units, map every row to the lists', async () => {
  const sub = [...units.values()].filter((u) => u.path.includes(UNITS.dinkes)).map((u) => u.id);
  assert.ok(sub.length > 1, 'DINKES has sub-units in the demo data');
  const base = '/api/v1/exports/siasn';
  for (const [kind, table] of [['rank-history', 'employee_rank_history'], ['position-history', 'employee_position_history'],
    ['training-history', 'employee_training']]) {
    const all = await get(`${base}/${kind}?unit_id=${dinkes.id}&sub=true`, { session: admin });
    assert.equal(all.status, 200, all.text);
    const t = records(all.text);
    assert.equal(t.rows.length, expectedRows(table, sub) + (kind === 'position-history' ? acting(sub) : 0), kind);
    assert.ok(t.rows.length > 0, kind);
    const own = await get(`${base}/${kind}?unit_id=${dinkes.id}`, { session: admin });
    assert.equal(records(own.text).rows.length,
      expectedRows(table, [dinkes.id]) + (kind === 'position-history' ? acting([dinkes.id]) : 0), kind);
    if (kind === 'training-history') {
      // every training kind maps to a jenis diklat code, hours are whole numbers
      const codes = new Map(Object.entries({ struktural: '1', fungsional: '2', teknis: '3', workshop: '4', manajerial: '5',
        sosial_kultural: '6', sosialisasi: '7', bimtek: '8', seminar: '9', magang: '10', kursus: '11', penataran: '12' }));
      const kinds = new Map(sqlOk(`SELECT id, kind FROM employee_training`).split('\n').map((l) => l.split('|')));
      for (const row of t.rows) {
        assert.equal(row.jenis_diklat_id, codes.get(kinds.get(row.abdi_id)), `training ${row.abdi_id}`);
        assert.match(row.jumlah_jam, /^[1-9][0-9]*$/);
      }
    }
    if (kind === 'rank-history') {
      const gol = new Map(sqlOk('SELECT h.id, g.siasn_id FROM employee_rank_history h JOIN golongan g ON g.code = h.golongan')
        .split('\n').map((l) => l.split('|')));
      for (const row of t.rows) assert.equal(row.golongan_id, gol.get(row.abdi_id));
    }
    if (kind === 'position-history') {
      const jj = { jpt_utama: '1', jpt_madya: '1', jpt_pratama: '1', administrator: '1', pengawas: '1', pelaksana: '4' };
      const pk = new Map(sqlOk('SELECT h.id, p.kind FROM employee_position_history h JOIN positions p ON p.id = h.position_id')
        .split('\n').map((l) => l.split('|')));
      const mv = new Map(sqlOk("SELECT id, COALESCE(move_kind, '-') FROM employee_position_history")
        .split('\n').map((l) => l.split('|')));
      const ak = new Map(sqlOk("SELECT a.id, a.kind || '|' || p.kind FROM assignments a JOIN positions p ON p.id = a.position_id")
        .split('\n').filter((l) => l).map((l) => [l.split('|')[0], l.split('|').slice(1)]));
      assert.ok(t.rows.some((row) => row.abdi_sumber === 'penugasan'), 'the Plt made above');
      for (const row of t.rows) {
        if (row.abdi_sumber === 'penugasan') { // Plt/Plh assignments: their own code, no mutasi
          const [akind, pkind] = ak.get(row.abdi_id);
          assert.equal(row.jenis_penugasan_id, akind.toUpperCase());
          assert.equal(row.jenis_jabatan_id, jj[pkind] || '2');
          assert.equal(row.jenis_mutasi_id, '');
          continue;
        }
        assert.equal(row.abdi_sumber, 'riwayat_jabatan');
        const k = pk.get(row.abdi_id);
        assert.equal(row.jenis_jabatan_id, k ? (jj[k] || '2') : '', `position ${row.abdi_id}`);
        assert.equal(row.jenis_mutasi_id, { mutasi: 'MU', rotasi: 'MJ' }[mv.get(row.abdi_id)] || '');
        assert.equal(row.jenis_penugasan_id, 'D');
      }
    }
  }
});

test('SIASN exports stay in scope: admin.dinkes never reaches DISDIK, a pegawai only the own record', async () => {
  const base = '/api/v1/exports/siasn';
  const disdikEmp = sqlOk(`SELECT id FROM employees WHERE unit_id = ${disdik.id} ORDER BY id LIMIT 1`);
  assert.ok(disdikEmp);
  for (const kind of ['rank-history', 'position-history', 'training-history']) {
    assertError(await get(`${base}/${kind}?unit_id=${disdik.id}&sub=true`, { session: admin }), 404, 'not_found');
    assertError(await get(`${base}/${kind}?employee_id=${disdikEmp}`, { session: admin }), 404, 'not_found');
    assertError(await get(`${base}/${kind}?employee_id=999999999`, { session: admin }), 404, 'not_found');
  }
  const peg = await loginOk(USERS.pegawaiDinkes);
  const self = sqlOk(`SELECT employee_id FROM users WHERE username = '${USERS.pegawaiDinkes}'`);
  let r = await get(`${base}/training-history?employee_id=${self}`, { session: peg });
  assert.equal(r.status, 200, r.text);
  const mine = records(r.text).rows;
  assert.equal(mine.length, expectedRows('employee_training', [0]) + Number(sqlOk(
    `SELECT count(*) FROM employee_training h WHERE employee_id = ${self} AND NOT EXISTS (SELECT 1 FROM employee_training c WHERE c.supersedes = h.id)`)));
  assert.ok(mine.every((x) => x.nip_baru === mine[0].nip_baru));
  assertError(await get(`${base}/training-history?employee_id=${emp.id}`, { session: peg }), 404, 'not_found');
  assertError(await get(`${base}/rank-history?unit_id=${dinkes.id}`, { session: peg }), 404, 'not_found');
  // bkpsdm reaches DISDIK
  r = await get(`${base}/rank-history?unit_id=${disdik.id}&sub=true`, { session: bkpsdm });
  assert.equal(r.status, 200);
  // input checks
  assertError(await get(`${base}/rank-history`, { session: admin }), 422, 'validation_failed', 'unit_id');
  assertError(await get(`${base}/rank-history?unit_id=${dinkes.id}&employee_id=${emp.id}`, { session: admin }), 422, 'validation_failed', 'unit_id');
  assertError(await get(`${base}/rank-history?unit_id=${dinkes.id}&sub=ya`, { session: admin }), 422, 'validation_failed', 'sub');
  assertError(await get(`${base}/rank-history?employee_id=abc`, { session: admin }), 422, 'validation_failed', 'employee_id');
  assertError(await get(`${base}/rank-history?unit_id=${dinkes.id}&x=1`, { session: admin }), 422, 'unknown_parameter', 'x');
});
