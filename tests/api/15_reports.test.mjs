// 15_reports.test.mjs - reports and exports (issue 3): the DUK order of domain.md §13 on a unit
// made for this file (rank, TMT, position level, service, leadership training, education (the
// highest level, then the earlier graduation; superseded rows ignored), age; CPNS and PPPK not
// listed), the DUK as PDF (page header and "Halaman x dari y" read from the inflated content
// stream) and XLSX, the employee list as CSV (formula cells neutralised, NIK masked, every row
// however per_page is set) and XLSX ("=..." kept a string cell), the vacancy report with its sums,
// the profile sheet PDF, bad input (422 naming the field), and scope: admin.dinkes never reaches
// DISDIK (404) and its DUK holds no DISDIK employee; pegawai and atasan get 403 on reports.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { before, test } from 'node:test';
import {
  BASE, UNITS, USERS, allUnits, assertError, flattenUnits, get, loginOk, post, serverNow, sqlOk,
} from './lib.mjs';

let units;
let dinkes;
let disdik;
let unit; // made by this file under DINKES
const pos = {};
const emp = {};
const EVIL = '=HYPERLINK("http://evil.example","klik")';
const NIK = '1275011503850001';

function today() {
  return new Date(serverNow() * 1000).toISOString().slice(0, 10);
}

// birth YYYYMMDD, TMT CPNS YYYYMM, gender 1, sequence: a valid PNS NIP.
const nip = (birth, tmt, seq) => `${birth}${tmt}1${String(seq).padStart(3, '0')}`;

async function create(s, name, fields) {
  const res = await post('/api/v1/employees', {
    nik: NIK, name, birth_place: 'Medan', gender: 'L', status: 'PNS', unit_id: unit.id, ...fields,
  }, { session: s });
  assert.equal(res.status, 201, `${name}: ${res.text}`);
  emp[name] = res.json;
  return res.json;
}

// The bytes of a response (fetch through lib's request() would decode them as text).
async function bytes(path, session) {
  const res = await fetch(BASE + path, {
    headers: { cookie: `abdi_session=${session.token}` },
  });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

// Every Flate stream of a PDF, inflated and joined (page contents hold the drawn text).
function pdfText(buf) {
  const s = buf.toString('latin1');
  let out = '';
  for (let at = s.indexOf('stream'); at >= 0; at = s.indexOf('stream', at + 6)) {
    if (s.slice(at - 3, at) === 'end') continue;
    let start = at + 6;
    if (s[start] === '\r') start++;
    if (s[start] === '\n') start++;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out += zlib.inflateSync(buf.subarray(start, end)).toString('latin1') + '\n';
    } catch { /* not a Flate stream */ }
    at = end;
  }
  return out;
}

// A member of a zip, found through the central directory and inflated.
function zipMember(buf, name) {
  let eocd = buf.length - 22;
  while (eocd > 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.equal(buf.readUInt32LE(eocd), 0x06054b50, 'end of central directory');
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(at + 10);
    const csize = buf.readUInt32LE(at + 20);
    const nlen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nlen) === name) {
      const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(data, data + csize);
      return (method === 0 ? raw : zlib.inflateRawSync(raw)).toString('utf8');
    }
    at += 46 + nlen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return null;
}

before(async () => {
  units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  assert.ok(dinkes && disdik, 'demo units');
  const admin = await loginOk(USERS.adminDinkes);
  const code = `DINKES.DUK${Math.floor(Math.random() * 9000 + 1000)}`;
  const u = await post('/api/v1/units', { parent_id: dinkes.id, code, name: 'Bidang Uji DUK', kind: 'bidang' }, { session: admin });
  assert.equal(u.status, 201, u.text);
  unit = u.json;
  const mk = async (name, kind, kelas, needed) => {
    const r = await post('/api/v1/positions', { unit_id: unit.id, name, kind, kelas_jabatan: kelas, needed }, { session: admin });
    assert.equal(r.status, 201, r.text);
    pos[name] = r.json;
  };
  await mk('Pelaksana Uji', 'pelaksana', 7, 3);
  await mk('Kepala Bidang Uji', 'administrator', 11, 2);
  await mk('Kepala Seksi Uji', 'pengawas', 9, 1);
  await mk('Perawat Uji', 'ahli_pertama', 8, 2);
  const p = pos['Pelaksana Uji'].id;
  // Expected DUK: C (IV/a), D (III/b, administrator), F (older than E), E (more service than
  // B), B (earlier TMT than A), A. G (CPNS) and H (PPPK) are not listed.
  await create(admin, 'Duk A', { nip: nip('19850101', '201001', 1), birth_date: '1985-01-01', golongan: 'III/b', tmt_golongan: '2020-04-01', position_id: p, tmt_jabatan: '2019-10-01', birth_place: EVIL });
  await create(admin, 'Duk B', { nip: nip('19850101', '201001', 2), birth_date: '1985-01-01', golongan: 'III/b', tmt_golongan: '2019-10-01', position_id: p, tmt_jabatan: '2019-10-01' });
  await create(admin, 'Duk C', { nip: nip('19900101', '201501', 3), birth_date: '1990-01-01', golongan: 'IV/a', tmt_golongan: '2024-04-01', position_id: pos['Kepala Seksi Uji'].id, tmt_jabatan: '2024-04-01' });
  await create(admin, 'Duk D', { nip: nip('19900101', '201501', 4), birth_date: '1990-01-01', golongan: 'III/b', tmt_golongan: '2019-10-01', position_id: pos['Kepala Bidang Uji'].id, tmt_jabatan: '2022-01-01' });
  await create(admin, 'Duk E', { nip: nip('19850101', '200501', 5), birth_date: '1985-01-01', golongan: 'III/b', tmt_golongan: '2019-10-01', position_id: p, tmt_jabatan: '2019-10-01' });
  await create(admin, 'Duk F', { nip: nip('19800101', '200501', 6), birth_date: '1980-01-01', golongan: 'III/b', tmt_golongan: '2019-10-01', position_id: p, tmt_jabatan: '2019-10-01' });
  await create(admin, 'Duk G', { nip: nip('19950101', '202501', 7), birth_date: '1995-01-01', status: 'CPNS', golongan: 'III/a', tmt_golongan: '2025-01-01', position_id: p });
  await create(admin, 'Duk H', { nip: '200012312024211001', birth_date: '2000-12-31', status: 'PPPK', golongan: 'IX', tmt_golongan: '2024-01-01', position_id: pos['Perawat Uji'].id });
});

test('DUK JSON: the order of §13 on this unit, CPNS and PPPK left out, numbers 1..n', async () => {
  const s = await loginOk(USERS.adminDinkes);
  const res = await get(`/api/v1/reports/duk?unit_id=${unit.id}`, { session: s });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((x) => x.name), ['Duk C', 'Duk D', 'Duk F', 'Duk E', 'Duk B', 'Duk A']);
  assert.equal(res.json.total, 6);
  assert.deepEqual(res.json.items.map((x) => x.no), [1, 2, 3, 4, 5, 6]);
  const c = res.json.items[0];
  assert.equal(c.nip, emp['Duk C'].nip);
  assert.equal(c.golongan, 'IV/a');
  assert.equal(c.tmt_golongan, '2024-04-01');
  assert.equal(c.position_name, 'Kepala Seksi Uji');
  assert.equal(c.tmt_jabatan, '2024-04-01');
  assert.equal(c.years_of_service, emp['Duk C'].years_of_service);
  assert.equal(c.unit_id, unit.id);
  // whole scope of admin.dinkes: these six in it, nobody from DISDIK
  const all = await get('/api/v1/reports/duk', { session: s });
  assert.equal(all.status, 200, all.text);
  const disdikUnits = new Set(flattenUnits([disdik]).map((u) => u.id));
  const dinkesUnits = new Set(flattenUnits([(await allUnits()).get(UNITS.dinkes)]).map((u) => u.id));
  assert.ok(dinkesUnits.has(unit.id));
  assert.ok(all.json.items.length >= 6);
  assert.ok(all.json.items.every((x) => dinkesUnits.has(x.unit_id) && !disdikUnits.has(x.unit_id)), 'only DINKES');
  const ours = all.json.items.filter((x) => x.unit_id === unit.id).map((x) => x.name);
  assert.deepEqual(ours, ['Duk C', 'Duk D', 'Duk F', 'Duk E', 'Duk B', 'Duk A']);
  assert.deepEqual(all.json.items.map((x) => x.no), all.json.items.map((_, i) => i + 1));
  // bkpsdm sees the whole government, DISDIK included
  const bk = await loginOk(USERS.bkpsdm);
  const gov = await get('/api/v1/reports/duk', { session: bk });
  assert.equal(gov.status, 200, gov.text);
  assert.ok(gov.json.total > all.json.total);
  assert.ok(gov.json.items.some((x) => disdikUnits.has(x.unit_id)));
  const pim = await loginOk(USERS.pimpinan);
  assert.equal((await get(`/api/v1/reports/duk?unit_id=${unit.id}`, { session: pim })).json.total, 6);
});

test('DUK PDF and XLSX: files with their type, name, header and page numbers', async () => {
  const s = await loginOk(USERS.adminDinkes);
  const pdf = await bytes(`/api/v1/reports/duk?unit_id=${unit.id}&format=pdf`, s);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="DUK-${unit.code}-${today()}.pdf"`);
  assert.equal(pdf.buf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf.buf);
  assert.match(text, /\(Halaman 1 dari 1\) Tj/);
  assert.match(text, /\(Daftar Urut Kepangkatan/);
  assert.match(text, /\(Pemerintah Kota/, 'the government (root unit) heads the page');
  assert.ok(text.indexOf('(Duk C)') > 0 && text.indexOf('(Duk C)') < text.indexOf('(Duk A)'), 'rows in DUK order');
  assert.ok(!text.includes('(Duk G)') && !text.includes('(Duk H)'), 'CPNS and PPPK left out');
  // the whole government: several pages, each numbered and headed
  const bk = await loginOk(USERS.bkpsdm);
  const big = await bytes('/api/v1/reports/duk?format=pdf', bk);
  const total = (await get('/api/v1/reports/duk', { session: bk })).json.total;
  const pages = Number(/\/Count (\d+)/.exec(big.buf.toString('latin1'))[1]);
  assert.equal(pages, Math.max(1, Math.ceil(total / 34)), '34 rows a page');
  const bigText = pdfText(big.buf);
  assert.equal((bigText.match(/\(Halaman \d+ dari \d+\) Tj/g) || []).length, pages);
  assert.match(bigText, new RegExp(`\\(Halaman ${pages} dari ${pages}\\)`));
  assert.equal((bigText.match(/\(NIP\) Tj/g) || []).length, pages, 'table header on every page');
  const xlsx = await bytes(`/api/v1/reports/duk?unit_id=${unit.id}&format=xlsx`, s);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(xlsx.headers.get('content-disposition'), `attachment; filename="DUK-${unit.code}-${today()}.xlsx"`);
  assert.equal(xlsx.buf.subarray(0, 2).toString(), 'PK');
  const sheet = zipMember(xlsx.buf, 'xl/worksheets/sheet1.xml');
  assert.ok(sheet, 'sheet1.xml in the zip');
  assert.ok(sheet.indexOf('Duk C') < sheet.indexOf('Duk A'));
  assert.match(sheet, /<pane ySplit="1"/, 'frozen header');
});

test('employee export CSV: every matching row, formulas neutralised, NIK masked', async () => {
  const s = await loginOk(USERS.adminDinkes);
  const res = await bytes(`/api/v1/employees?unit_id=${unit.id}&format=csv&per_page=1&page=1`, s);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="pegawai-\d{4}-\d{2}-\d{2}\.csv"$/);
  assert.deepEqual([...res.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const csv = res.buf.toString('utf8').slice(1);
  const lines = csv.split('\r\n').filter(Boolean);
  assert.equal(lines.length, 1 + 8, 'header + all 8 employees of the unit, per_page ignored');
  assert.ok(lines[0].startsWith('NIP,NIK,Nama,'));
  const a = lines.find((l) => l.includes('Duk A'));
  assert.ok(a.includes('"\'=HYPERLINK(""http://evil.example"",""klik"")"'), a);
  assert.ok(!/(^|,)=/.test(a), 'no cell starts with =');
  assert.ok(a.includes('1275********0001'));
  assert.ok(!csv.includes(NIK), 'no whole NIK');
  assert.ok(!/(^|[^0-9])\d{16}([^0-9]|$)/.test(csv), 'no 16-digit number at all');
  // same filters as the JSON list
  const q = await bytes(`/api/v1/employees?unit_id=${unit.id}&q=duk%20b&format=csv`, s);
  assert.equal(q.buf.toString('utf8').split('\r\n').filter(Boolean).length, 2);
  const gol = await bytes(`/api/v1/employees?unit_id=${unit.id}&golongan=III/b&format=csv`, s);
  assert.equal(gol.buf.toString('utf8').split('\r\n').filter(Boolean).length, 1 + 5);
  const json = await get(`/api/v1/employees?unit_id=${unit.id}&format=json`, { session: s });
  assert.equal(json.status, 200, json.text);
  assert.equal(json.json.total, 8);
});

test('employee export XLSX: a zip whose sheet keeps "=HYPERLINK" a string', async () => {
  const s = await loginOk(USERS.adminDinkes);
  const res = await bytes(`/api/v1/employees?unit_id=${unit.id}&format=xlsx`, s);
  assert.equal(res.status, 200);
  assert.equal(res.buf.subarray(0, 2).toString(), 'PK');
  const sheet = zipMember(res.buf, 'xl/worksheets/sheet1.xml');
  assert.ok(sheet.includes('<t>=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)</t>') ||
            sheet.includes('<t>=HYPERLINK("http://evil.example","klik")</t>'), 'inline string cell');
  assert.ok(!sheet.includes('<f>'), 'no formula cell');
  assert.ok(sheet.includes('1275********0001') && !sheet.includes(NIK));
});

test('vacancies: per position, per unit and in total', async () => {
  const s = await loginOk(USERS.adminDinkes);
  const res = await get(`/api/v1/reports/vacancies?unit_id=${unit.id}`, { session: s });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.units.length, 1);
  const u = res.json.units[0];
  assert.equal(u.unit_id, unit.id);
  const by = Object.fromEntries(u.positions.map((p) => [p.name, p]));
  assert.deepEqual([by['Pelaksana Uji'].needed, by['Pelaksana Uji'].filled, by['Pelaksana Uji'].vacant, by['Pelaksana Uji'].over], [3, 5, 0, 2]);
  assert.deepEqual([by['Kepala Bidang Uji'].filled, by['Kepala Bidang Uji'].vacant, by['Kepala Bidang Uji'].over], [1, 1, 0]);
  assert.deepEqual([by['Kepala Seksi Uji'].filled, by['Kepala Seksi Uji'].vacant], [1, 0]);
  assert.deepEqual([by['Perawat Uji'].filled, by['Perawat Uji'].vacant], [1, 1]);
  const sum = { needed: 8, filled: 8, vacant: 2, over: 2 }; // a surplus never fills another post
  for (const k of Object.keys(sum)) {
    assert.equal(u[k], sum[k], `unit ${k}`);
    assert.equal(res.json.total[k], sum[k], `total ${k}`);
  }
  const x = await bytes(`/api/v1/reports/vacancies?unit_id=${unit.id}&format=xlsx`, s);
  assert.equal(x.status, 200);
  assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
  assert.match(x.headers.get('content-disposition'), /filename="bezetting\.xlsx"/);
  assert.ok(zipMember(x.buf, 'xl/worksheets/sheet1.xml').includes('Jumlah seluruhnya'));
  const all = await get('/api/v1/reports/vacancies', { session: s });
  const disdikUnits = new Set(flattenUnits([disdik]).map((v) => v.id));
  assert.ok(all.json.units.some((v) => v.unit_id === unit.id));
  assert.ok(all.json.units.every((v) => !disdikUnits.has(v.unit_id)), 'no DISDIK unit');
});

test('profile sheet PDF: scope as the record, NIK masked', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const res = await bytes(`/api/v1/employees/${emp['Duk A'].id}/profile.pdf`, admin);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.equal(res.buf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(res.buf);
  assert.match(text, /\(Riwayat pangkat\)/);
  assert.match(text, /\(Riwayat jabatan\)/);
  assert.match(text, new RegExp(`\\(${emp['Duk A'].nip}\\)`));
  assert.match(text, /\(1275\*\*\*\*\*\*\*\*0001\)/);
  assert.ok(!text.includes(NIK));
  // out of scope: a DISDIK record for admin.dinkes, another record for a pegawai
  const bk = await loginOk(USERS.bkpsdm);
  const list = await get(`/api/v1/employees?unit_id=${disdik.id}&per_page=1`, { session: bk });
  const other = list.json.items[0];
  assertError(await get(`/api/v1/employees/${other.id}/profile.pdf`, { session: admin }), 404, 'not_found');
  const peg = await loginOk(USERS.pegawaiDinkes);
  assertError(await get(`/api/v1/employees/${emp['Duk A'].id}/profile.pdf`, { session: peg }), 404, 'not_found');
  const own = await bytes(`/api/v1/employees/${peg.user.employee_id}/profile.pdf`, peg);
  assert.equal(own.status, 200);
  assertError(await get('/api/v1/employees/999999999/profile.pdf', { session: bk }), 404, 'not_found');
});

test('reports: scope, roles and bad input', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  assertError(await get(`/api/v1/reports/duk?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/reports/duk?unit_id=${disdik.id}&format=pdf`, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/reports/vacancies?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/employees?unit_id=${disdik.id}&format=csv`, { session: admin }), 404, 'not_found');
  for (const u of [USERS.pegawaiDinkes, USERS.atasanDinkes]) {
    const s = await loginOk(u);
    assertError(await get('/api/v1/reports/duk', { session: s }), 403, 'forbidden');
    assertError(await get('/api/v1/reports/duk?format=pdf', { session: s }), 403, 'forbidden');
    assertError(await get('/api/v1/reports/vacancies', { session: s }), 403, 'forbidden');
  }
  assertError(await get('/api/v1/reports/duk?format=csv', { session: admin }), 422, 'validation_failed', 'format');
  assertError(await get('/api/v1/reports/duk?format=', { session: admin }), 422, 'validation_failed', 'format');
  assertError(await get('/api/v1/reports/duk?unit_id=abc', { session: admin }), 422, 'validation_failed', 'unit_id');
  assertError(await get('/api/v1/reports/duk?unit=1', { session: admin }), 422, 'unknown_parameter', 'unit');
  assertError(await get('/api/v1/reports/vacancies?format=pdf', { session: admin }), 422, 'validation_failed', 'format');
  assertError(await get('/api/v1/employees?format=pdf', { session: admin }), 422, 'validation_failed', 'format');
  const bk = await loginOk(USERS.bkpsdm);
  assertError(await get('/api/v1/reports/duk?unit_id=999999999', { session: bk }), 404, 'not_found');
  assertError(await get('/api/v1/reports/duk'), 401, 'unauthenticated');
  // a self-service account exports only its own record
  const peg = await loginOk(USERS.pegawaiDinkes);
  const own = await bytes('/api/v1/employees?format=csv', peg);
  assert.equal(own.status, 200);
  assert.equal(own.buf.toString('utf8').split('\r\n').filter(Boolean).length, 2);
  assert.equal(Number(sqlOk(`SELECT count(*) FROM employees WHERE unit_id = ${unit.id}`)), 8, 'reports wrote nothing');
});

test('DUK: equal rank, position and service -> training, then education (higher, earlier graduation)', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const code = `DINKES.DUKE${Math.floor(Math.random() * 9000 + 1000)}`;
  const u = await post('/api/v1/units', { parent_id: dinkes.id, code, name: 'Bidang Uji DUK Pendidikan', kind: 'bidang' }, { session: admin });
  assert.equal(u.status, 201, u.text);
  const p = await post('/api/v1/positions', { unit_id: u.json.id, name: 'Pelaksana Uji Pendidikan', kind: 'pelaksana', kelas_jabatan: 7, needed: 6 }, { session: admin });
  assert.equal(p.status, 201, p.text);
  const ids = {};
  for (const [i, name] of ['Edu I', 'Edu J', 'Edu K', 'Edu L', 'Edu M', 'Edu N'].entries()) {
    const res = await post('/api/v1/employees', {
      nik: NIK, name, birth_place: 'Medan', gender: 'L', status: 'PNS', unit_id: u.json.id,
      nip: nip('19850101', '201001', 40 + i), birth_date: '1985-01-01', golongan: 'III/b',
      tmt_golongan: '2020-04-01', position_id: p.json.id, tmt_jabatan: '2019-10-01',
    }, { session: admin });
    assert.equal(res.status, 201, `${name}: ${res.text}`);
    ids[name] = res.json.id;
  }
  const add = async (name, kind, row) => {
    const res = await post(`/api/v1/employees/${ids[name]}/${kind}`, row, { session: admin });
    assert.equal(res.status, 201, `${name} ${kind}: ${res.text}`);
    return res.json;
  };
  const edu = (level, on) => ({ level_code: level, institution: 'Universitas Sumatera Utara', graduated_on: on });
  await add('Edu I', 'education', edu('S1', '2008-06-01'));
  await add('Edu J', 'education', edu('S1', '2006-06-01'));
  await add('Edu J', 'education', edu('S2', '2012-06-01'));
  await add('Edu K', 'education', edu('S1', '2007-06-01'));
  // L's S3 was a mistake, corrected to S1 2009: the superseded row counts for nothing
  const wrong = await add('Edu L', 'education', edu('S3', '2010-06-01'));
  await add('Edu L', 'education', { ...edu('S1', '2009-06-01'), supersedes: wrong.id });
  // M passed the leadership training (Diklatpim IV, PKP today): before every untrained one
  await add('Edu M', 'education', edu('SLTA', '2003-06-01'));
  await add('Edu M', 'training', { kind: 'struktural', name: 'Diklatpim Tingkat IV', organizer: 'BPSDM Provinsi', start_date: '2018-03-01', end_date: '2018-06-01', hours: 280 });
  // N: a technical training is not the required position training; no education known
  await add('Edu N', 'training', { kind: 'teknis', name: 'Pelatihan Arsip Dinamis', organizer: 'BKPSDM Kota', start_date: '2018-03-01', end_date: '2018-03-05', hours: 32 });
  const res = await get(`/api/v1/reports/duk?unit_id=${u.json.id}`, { session: admin });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((x) => x.name), ['Edu M', 'Edu J', 'Edu K', 'Edu I', 'Edu L', 'Edu N']);
});
