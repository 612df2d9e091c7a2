// 21_current.test.mjs - the record's cached current rank and TMTs (migration 0008): after a
// promotion, a correction of that promotion and a transfer, employees.golongan, rank_sort,
// tmt_golongan and tmt_jabatan equal what the newest history rows no other row corrects give,
// the record and the search show them, and the golongan sort and filter read them.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, get, loginOk, post, serverNow, sqlOk,
} from './lib.mjs';

let dinkes;
let pkm1;
let pos;
let posPkm;
let emp;
const tag = Math.random().toString(36).slice(2, 7);

const today = () => new Date(serverNow() * 1000).toISOString().slice(0, 10);

// What the cache must hold, computed from the histories here (superseded rows ignored).
function expected(id) {
  const rank = sqlOk(`SELECT r.golongan || '|' || r.tmt FROM employee_rank_history r
    WHERE r.employee_id = ${id}
    AND NOT EXISTS (SELECT 1 FROM employee_rank_history n WHERE n.supersedes = r.id)
    ORDER BY r.tmt DESC, r.id DESC LIMIT 1`);
  const jab = sqlOk(`SELECT p.tmt FROM employee_position_history p WHERE p.employee_id = ${id}
    AND NOT EXISTS (SELECT 1 FROM employee_position_history n WHERE n.supersedes = p.id)
    ORDER BY p.tmt DESC, p.id DESC LIMIT 1`);
  return `${rank}|${jab}`;
}
const cached = (id) => sqlOk(`SELECT golongan || '|' || tmt_golongan || '|' || tmt_jabatan
  FROM employees WHERE id = ${id}`);
const rankSort = (id) => Number(sqlOk(`SELECT rank_sort FROM employees WHERE id = ${id}`));

before(async () => {
  const units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  pkm1 = units.get('DINKES.PKM1');
  assert.ok(dinkes && pkm1, 'demo units');
  const bk = await loginOk(USERS.bkpsdm);
  const p = await post('/api/v1/positions', { unit_id: dinkes.id, name: `Analis Cache ${tag}`, kind: 'ahli_pertama', kelas_jabatan: 8, needed: 1 }, { session: bk });
  assert.equal(p.status, 201, p.text);
  pos = p.json;
  const q = await post('/api/v1/positions', { unit_id: pkm1.id, name: `Perawat Cache ${tag}`, kind: 'pelaksana', kelas_jabatan: 6, needed: 1 }, { session: bk });
  assert.equal(q.status, 201, q.text);
  posPkm = q.json;
  const res = await post('/api/v1/employees', {
    nip: '198502142010011001', nik: '1275011402850001', name: `Pegawai Cache ${tag}`, birth_place: 'Medan',
    birth_date: '1985-02-14', gender: 'L', status: 'PNS', unit_id: dinkes.id, golongan: 'III/a',
    tmt_golongan: '2014-04-01', position_id: pos.id, tmt_jabatan: '2015-01-05',
  }, { session: bk });
  assert.equal(res.status, 201, res.text);
  emp = res.json;
});

test('a new record caches its first rank and position TMT', async () => {
  assert.equal(cached(emp.id), 'III/a|2014-04-01|2015-01-05');
  assert.equal(cached(emp.id), expected(emp.id));
  assert.equal(rankSort(emp.id), 100 - 9, 'III/a: PNS rank_order 9');
  assert.equal(emp.golongan, 'III/a');
  assert.equal(emp.pangkat, 'Penata Muda');
});

test('promotion, correction and transfer keep the cache equal to the newest history rows', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const y = today().slice(0, 4);
  const promo = await post(`/api/v1/employees/${emp.id}/ranks`,
    { golongan: 'III/c', tmt: `${y}-01-01`, sk_number: `823/${tag}/1`, sk_date: `${y}-01-01` }, { session: bk });
  assert.equal(promo.status, 201, promo.text);
  assert.equal(cached(emp.id), `III/c|${y}-01-01|2015-01-05`);
  assert.equal(cached(emp.id), expected(emp.id));
  assert.equal(rankSort(emp.id), 100 - 11);

  // the promotion was III/b, not III/c, and dated a year earlier: the correction replaces it
  const fix = await post(`/api/v1/employees/${emp.id}/ranks`,
    { golongan: 'III/b', tmt: `${Number(y) - 1}-01-01`, sk_number: `823/${tag}/2`, sk_date: `${Number(y) - 1}-01-01`, supersedes: promo.json.id }, { session: bk });
  assert.equal(fix.status, 201, fix.text);
  assert.equal(cached(emp.id), `III/b|${Number(y) - 1}-01-01|2015-01-05`,
    'the superseded III/c row no longer counts though its TMT is later');
  assert.equal(cached(emp.id), expected(emp.id));
  assert.equal(rankSort(emp.id), 100 - 10);
  let rec = await get(`/api/v1/employees/${emp.id}`, { session: bk });
  assert.equal(rec.status, 200, rec.text);
  assert.equal(rec.json.golongan, 'III/b');
  assert.equal(rec.json.pangkat, 'Penata Muda Tingkat I');
  assert.equal(rec.json.tmt_golongan, `${Number(y) - 1}-01-01`);

  const move = await post(`/api/v1/employees/${emp.id}/transfers`,
    { kind: 'rotasi', unit_id: pkm1.id, position_id: posPkm.id, tmt: today(), sk_number: `800/${tag}/3`, sk_date: today() }, { session: bk });
  assert.equal(move.status, 201, move.text);
  assert.equal(cached(emp.id), `III/b|${Number(y) - 1}-01-01|${today()}`);
  assert.equal(cached(emp.id), expected(emp.id));
  rec = await get(`/api/v1/employees/${emp.id}`, { session: bk });
  assert.equal(rec.json.tmt_jabatan, today());
  assert.equal(rec.json.unit_id, pkm1.id);

  // the search shows the cached values and filters on them
  const found = await get(`/api/v1/employees?q=${encodeURIComponent(`Cache ${tag}`)}&golongan=III/b`, { session: bk });
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.total, 1);
  assert.equal(found.json.items[0].golongan, 'III/b');
  assert.equal(found.json.items[0].tmt_jabatan, today());
  const none = await get(`/api/v1/employees?q=${encodeURIComponent(`Cache ${tag}`)}&golongan=III/c`, { session: bk });
  assert.equal(none.json.total, 0, 'the corrected golongan is not the current one');
});

test('every record matches its histories; the golongan sort follows rank_sort', async () => {
  const bad = sqlOk(`SELECT count(*) FROM employees e WHERE e.golongan IS DISTINCT FROM (SELECT r.golongan
    FROM employee_rank_history r WHERE r.employee_id = e.id
    AND NOT EXISTS (SELECT 1 FROM employee_rank_history n WHERE n.supersedes = r.id)
    ORDER BY r.tmt DESC, r.id DESC LIMIT 1)`);
  assert.equal(bad, '0');
  const bk = await loginOk(USERS.bkpsdm);
  const res = await get('/api/v1/employees?sort=golongan&per_page=100', { session: bk });
  assert.equal(res.status, 200, res.text);
  const order = (g) => {
    const pppk = /^[IVX]+$/.test(g);
    const codes = pppk ? ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII']
      : ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
    return (pppk ? 1000 : 100) - (codes.indexOf(g) + 1);
  };
  const keys = res.json.items.map((x) => order(x.golongan));
  assert.deepEqual(keys, [...keys].sort((a, b) => a - b), 'PNS highest first, then PPPK');
});
