// 16_org.test.mjs - the organisation module (issue 3): the demo catalogue of positions with
// supervising posts, renaming and moving units (audited with before/after, never below
// itself, never the root, never out of the writer's scope), unique codes (409), closing a unit
// (only when empty, 409 saying how many; a closed unit stays readable, refuses placements,
// changes and new sub-units), the position list with filters and paging, position updates
// (422 naming the field, cycles of supervising posts refused), and scope: admin.dinkes cannot
// reach DISDIK units or positions (404), pegawai cannot write (403). Every refusal writes
// nothing. The units this file changes are its own, made under DINKES, so later files still
// see the demo tree as it was.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

const patch = (p, json, opts = {}) => request('PATCH', p, { ...opts, json });

let units;
let dinkes;
let disdik;
let root;
const tag = Math.random().toString(36).slice(2, 6).toUpperCase(); // codes unique per run

const count = (table, where = '1 = 1') => Number(sqlOk(`SELECT count(*) FROM ${table} WHERE ${where}`));
const auditCount = () => count('audit_log');

// The newest audit row of an entity: {action, before, after}.
function lastAudit(entity, id) {
  const row = sqlOk(`SELECT action FROM audit_log WHERE entity = '${entity}' AND entity_id = '${id}' ORDER BY id DESC LIMIT 1`);
  const before = sqlOk(`SELECT COALESCE(before_json, 'null') FROM audit_log WHERE entity = '${entity}' AND entity_id = '${id}' ORDER BY id DESC LIMIT 1`);
  const after = sqlOk(`SELECT COALESCE(after_json, 'null') FROM audit_log WHERE entity = '${entity}' AND entity_id = '${id}' ORDER BY id DESC LIMIT 1`);
  return { action: row, before: JSON.parse(before), after: JSON.parse(after) };
}

function today() {
  return new Date(serverNow() * 1000).toISOString().slice(0, 10);
}

async function createUnit(s, parent, code, extra = {}) {
  const res = await post('/api/v1/units', { parent_id: parent.id, code: `T${tag}.${code}`, name: `Unit Uji ${code}`, kind: 'bidang', ...extra }, { session: s });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function createPosition(s, unit, name, kind = 'pelaksana', extra = {}) {
  const res = await post('/api/v1/positions', { unit_id: unit.id, name, kind, kelas_jabatan: 6, needed: 2, ...extra }, { session: s });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

function positionOf(username) {
  return Number(sqlOk(`SELECT e.position_id FROM users u JOIN employees e ON e.id = u.employee_id WHERE u.username = '${username}'`));
}

before(async () => {
  units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  root = [...units.values()].find((u) => u.parent_id === null);
  assert.ok(dinkes && disdik && root, 'demo units');
});

test('demo: each OPD has its head, secretary, sections and staff with supervising posts', async () => {
  const s = await loginOk(USERS.adminDinkes);
  const res = await get(`/api/v1/positions?unit_id=${dinkes.id}&per_page=200`, { session: s });
  assert.equal(res.status, 200, res.text);
  const head = res.json.items.find((p) => p.name === 'Kepala Dinas Kesehatan');
  assert.ok(head, 'head post of DINKES');
  assert.equal(head.kind, 'jpt_pratama');
  assert.equal(head.kelas_jabatan, 14);
  assert.equal(head.needed, 1);
  assert.equal(head.parent_position_id, null);
  const kinds = new Set(res.json.items.map((p) => p.kind));
  for (const k of ['jpt_pratama', 'administrator', 'pengawas', 'pelaksana', 'ahli_pertama']) assert.ok(kinds.has(k), `a ${k} post`);
  const byName = new Map(res.json.items.map((p) => [p.name, p]));
  for (const [name, parent] of [['Sekretaris', 'Kepala Dinas Kesehatan'],
    ['Kepala Subbagian Umum dan Kepegawaian', 'Sekretaris'], ['Kepala Subbagian Keuangan', 'Sekretaris'],
    ['Pengadministrasi Perkantoran', 'Kepala Subbagian Umum dan Kepegawaian'], ['Analis SDM Aparatur Ahli Pertama', 'Sekretaris']]) {
    assert.ok(byName.has(name), `demo post ${name}`);
    assert.equal(byName.get(name).parent_position_name, parent, `${name} is supervised by ${parent}`);
    assert.ok(byName.get(name).needed >= 1);
  }
  // pegawai.dinkes's post is supervised by the post atasan.dinkes holds, a head of section
  const mine = await get(`/api/v1/positions/${positionOf(USERS.pegawaiDinkes)}`, { session: s });
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.kind, 'pelaksana');
  const atasan = positionOf(USERS.atasanDinkes);
  assert.equal(mine.json.parent_position_id, atasan);
  const sup = await get(`/api/v1/positions/${atasan}`, { session: s });
  assert.equal(sup.json.kind, 'pengawas');
  assert.match(sup.json.name, /^Kepala Sub/);
  // pegawai.disdik holds a DISDIK post
  const bk = await loginOk(USERS.bkpsdm);
  const d = await get(`/api/v1/positions/${positionOf(USERS.pegawaiDisdik)}`, { session: bk });
  assert.equal(d.json.unit_id, disdik.id);
});

test('rename and move a unit: audited with before and after', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const a = await createUnit(admin, dinkes, 'A');
  const c = await createUnit(admin, dinkes, 'C');
  const b = await createUnit(admin, a, 'B', { kind: 'seksi' });
  assert.equal(a.closed_on, null);

  const ren = await patch(`/api/v1/units/${a.id}`, { name: 'Bidang Uji Berganti Nama', code: `T${tag}.A2`, siasn_unor_id: 'UNOR-1' }, { session: admin });
  assert.equal(ren.status, 200, ren.text);
  assert.equal(ren.json.name, 'Bidang Uji Berganti Nama');
  assert.equal(ren.json.code, `T${tag}.A2`);
  assert.equal(ren.json.parent_id, dinkes.id);
  assert.equal(ren.json.siasn_unor_id, 'UNOR-1');
  let au = lastAudit('unit', a.id);
  assert.equal(au.action, 'unit.update');
  assert.equal(au.before.name, 'Unit Uji A');
  assert.equal(au.before.code, `T${tag}.A`);
  assert.equal(au.after.name, 'Bidang Uji Berganti Nama');
  assert.equal((await get(`/api/v1/units/${a.id}`, { session: admin })).json.name, 'Bidang Uji Berganti Nama');

  const mv = await patch(`/api/v1/units/${b.id}`, { parent_id: c.id }, { session: admin });
  assert.equal(mv.status, 200, mv.text);
  assert.equal(mv.json.parent_id, c.id);
  au = lastAudit('unit', b.id);
  assert.equal(au.action, 'unit.move');
  assert.equal(au.before.parent_id, a.id);
  assert.equal(au.after.parent_id, c.id);
  // the tree follows
  const tree = await allUnits();
  assert.deepEqual(tree.get(`T${tag}.B`).path, [root.code, 'DINKES', `T${tag}.C`, `T${tag}.B`]);
  assert.equal(tree.get(`T${tag}.B`).parent_id, c.id);

  // nothing changed: 200 without an audit row
  const n0 = auditCount();
  const same = await patch(`/api/v1/units/${c.id}`, { name: 'Unit Uji C' }, { session: admin });
  assert.equal(same.status, 200, same.text);
  assert.equal(auditCount(), n0, 'an unchanged unit was audited');
});

test('moves refused: under itself or a descendant, the root, out of scope (422 parent_id)', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const a = await createUnit(admin, dinkes, 'M1');
  const child = await createUnit(admin, a, 'M2', { kind: 'seksi' });
  const grand = await createUnit(admin, child, 'M3', { kind: 'seksi' });
  const n0 = auditCount();
  for (const target of [a.id, child.id, grand.id]) {
    assertError(await patch(`/api/v1/units/${a.id}`, { parent_id: target }, { session: admin }), 422, 'validation_failed', 'parent_id');
  }
  assertError(await patch(`/api/v1/units/${a.id}`, { parent_id: grand.id }, { session: bk }), 422, 'validation_failed', 'parent_id');
  // the root stays the root
  assertError(await patch(`/api/v1/units/${root.id}`, { parent_id: dinkes.id }, { session: bk }), 422, 'validation_failed', 'parent_id');
  // admin.dinkes cannot move its unit out of its scope, nor move DINKES itself anywhere
  assertError(await patch(`/api/v1/units/${a.id}`, { parent_id: disdik.id }, { session: admin }), 422, 'validation_failed', 'parent_id');
  assertError(await patch(`/api/v1/units/${a.id}`, { parent_id: root.id }, { session: admin }), 422, 'validation_failed', 'parent_id');
  assertError(await patch(`/api/v1/units/${dinkes.id}`, { parent_id: a.id }, { session: admin }), 422, 'validation_failed', 'parent_id');
  assertError(await patch(`/api/v1/units/${a.id}`, { parent_id: null }, { session: admin }), 422, 'validation_failed', 'parent_id');
  assertError(await patch(`/api/v1/units/${a.id}`, { parent_id: 999999999 }, { session: bk }), 422, 'validation_failed', 'parent_id');
  // other bad bodies
  assertError(await patch(`/api/v1/units/${a.id}`, {}, { session: admin }), 422, 'validation_failed');
  assertError(await patch(`/api/v1/units/${a.id}`, { name: '   ' }, { session: admin }), 422, 'validation_failed', 'name');
  assertError(await patch(`/api/v1/units/${a.id}`, { code: 'huruf kecil' }, { session: admin }), 422, 'validation_failed', 'code');
  assertError(await patch(`/api/v1/units/${a.id}`, { kind: 'dinas' }, { session: admin }), 422, 'unknown_field', 'kind');
  assert.equal(auditCount(), n0, 'a refused move was audited');
  assert.equal(Number(sqlOk(`SELECT parent_id FROM units WHERE id = ${a.id}`)), dinkes.id, 'a refused move was written');
  assert.equal(count('units', `id = ${root.id} AND parent_id IS NULL`), 1, 'the root was moved');
  assert.equal(sqlOk(`SELECT name FROM units WHERE id = ${a.id}`), 'Unit Uji M1');
});

test('codes are unique: 409 duplicate_code on create and rename, nothing written', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const u = await createUnit(admin, dinkes, 'D1');
  const units0 = count('units');
  const n0 = auditCount();
  assertError(await post('/api/v1/units', { parent_id: dinkes.id, code: 'DISDIK', name: 'Kembar', kind: 'bidang' }, { session: admin }), 409, 'duplicate_code', 'code');
  assertError(await patch(`/api/v1/units/${u.id}`, { code: 'DINKES.PKM1' }, { session: admin }), 409, 'duplicate_code', 'code');
  assert.equal(count('units'), units0);
  assert.equal(auditCount(), n0);
  assert.equal(sqlOk(`SELECT code FROM units WHERE id = ${u.id}`), `T${tag}.D1`);
});

// A valid PNS record for unit/position (born 1987-06-20, TMT CPNS 2012-03); seq 1..999.
function employee(unit, position, seq) {
  return {
    nip: `198706202012031${String(seq).padStart(3, '0')}`, nik: '1275012006870001', name: `Pegawai Organisasi ${seq}`,
    birth_place: 'Medan', birth_date: '1987-06-20', gender: 'L', status: 'PNS', unit_id: unit.id,
    golongan: 'III/a', tmt_golongan: '2020-01-01', position_id: position.id,
  };
}

test('close a unit: only when empty; closed units stay readable and refuse placements', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const t = today();
  // DINKES has open sub-units: 409 with how many
  const open = count('units', `parent_id = ${dinkes.id} AND closed_on IS NULL`);
  const sub = await post(`/api/v1/units/${dinkes.id}/close`, { date: t, reason: 'Uji' }, { session: bk });
  assertError(sub, 409, 'unit_has_subunits');
  assert.match(sub.json.error.message, new RegExp(`\\b${open} sub-unit`));

  // a unit with one employee: 409 saying 1 pegawai
  const e = await createUnit(admin, dinkes, 'E');
  const pe = await createPosition(admin, e, 'Pelaksana Uji');
  const seq = 100 + Math.floor(Math.random() * 800);
  const emp = await post('/api/v1/employees', employee(e, pe, seq), { session: admin });
  assert.equal(emp.status, 201, emp.text);
  const full = await post(`/api/v1/units/${e.id}/close`, { date: t, reason: 'Uji' }, { session: admin });
  assertError(full, 409, 'unit_has_employees');
  assert.match(full.json.error.message, /\b1 pegawai/);
  assert.equal(sqlOk(`SELECT COALESCE(closed_on, '-') FROM units WHERE id = ${e.id}`), '-');

  // bad bodies
  const f = await createUnit(admin, dinkes, 'F');
  const pf = await createPosition(admin, f, 'Pelaksana Unit Tutup');
  const n0 = auditCount();
  const future = new Date((serverNow() + 3 * 86400) * 1000).toISOString().slice(0, 10);
  assertError(await post(`/api/v1/units/${f.id}/close`, { date: future, reason: 'Uji' }, { session: admin }), 422, 'validation_failed', 'date');
  assertError(await post(`/api/v1/units/${f.id}/close`, { date: '2025-02-30', reason: 'Uji' }, { session: admin }), 422, 'validation_failed', 'date');
  assertError(await post(`/api/v1/units/${f.id}/close`, { date: t, reason: '  ' }, { session: admin }), 422, 'validation_failed', 'reason');
  assertError(await post(`/api/v1/units/${f.id}/close`, { date: t }, { session: admin }), 422, 'validation_failed', 'reason');
  assert.equal(auditCount(), n0);

  // the close itself
  const ok = await post(`/api/v1/units/${f.id}/close`, { date: t, reason: 'Digabung ke unit lain' }, { session: admin });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.closed_on, t);
  assert.equal(ok.json.closed_reason, 'Digabung ke unit lain');
  const au = lastAudit('unit', f.id);
  assert.equal(au.action, 'unit.close');
  assert.equal(au.before.closed_on, null);
  assert.equal(au.after.closed_on, t);
  assert.equal(au.after.closed_reason, 'Digabung ke unit lain');
  // readable, in the tree, marked
  const one = await get(`/api/v1/units/${f.id}`, { session: admin });
  assert.equal(one.status, 200);
  assert.equal(one.json.closed_on, t);
  assert.equal((await allUnits()).get(`T${tag}.F`).closed_on, t);
  const plist = await get(`/api/v1/positions?unit_id=${f.id}`, { session: admin });
  assert.equal(plist.json.total, 1, 'positions of a closed unit stay readable');

  // refusals after closing, nothing written
  const emps = count('employees');
  const pos0 = count('positions');
  const units0 = count('units');
  const n1 = auditCount();
  assertError(await post(`/api/v1/units/${f.id}/close`, { date: t, reason: 'Lagi' }, { session: admin }), 409, 'unit_closed');
  const placed = await post('/api/v1/employees', employee(f, pf, seq + 1), { session: admin });
  assertError(placed, 422, 'validation_failed', 'unit_id');
  assert.equal(placed.json.error.message, 'Unit sudah ditutup');
  assertError(await post('/api/v1/positions', { unit_id: f.id, name: 'Baru', kind: 'pelaksana', kelas_jabatan: 5 }, { session: admin }), 422, 'validation_failed', 'unit_id');
  assertError(await post('/api/v1/units', { parent_id: f.id, code: `T${tag}.F1`, name: 'Anak', kind: 'seksi' }, { session: admin }), 422, 'validation_failed', 'parent_id');
  assertError(await patch(`/api/v1/units/${f.id}`, { name: 'Hidup Lagi' }, { session: admin }), 409, 'unit_closed');
  assertError(await patch(`/api/v1/positions/${pf.id}`, { needed: 5 }, { session: admin }), 409, 'unit_closed');
  const other = await createUnit(admin, dinkes, 'G');
  assertError(await patch(`/api/v1/units/${other.id}`, { parent_id: f.id }, { session: admin }), 422, 'validation_failed', 'parent_id');
  assert.equal(count('employees'), emps);
  assert.equal(count('positions'), pos0);
  assert.equal(count('units'), units0 + 1);
  assert.equal(auditCount(), n1 + 1, 'only the unit G creation was audited');

  // a unit whose sub-units are all closed may close
  const h = await createUnit(admin, other, 'H', { kind: 'seksi' });
  assert.equal((await post(`/api/v1/units/${h.id}/close`, { date: t, reason: 'Uji' }, { session: admin })).status, 200);
  assert.equal((await post(`/api/v1/units/${other.id}/close`, { date: t, reason: 'Uji' }, { session: admin })).status, 200);
});

test('scope: admin.dinkes cannot touch DISDIK (404), pegawai cannot write (403)', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const peg = await loginOk(USERS.pegawaiDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const disdikPos = (await get(`/api/v1/positions?unit_id=${disdik.id}`, { session: bk })).json.items[0];
  const dinkesPos = (await get(`/api/v1/positions?unit_id=${dinkes.id}`, { session: admin })).json.items[0];
  assert.ok(disdikPos && dinkesPos);
  const n0 = auditCount();
  const t = today();
  assertError(await patch(`/api/v1/units/${disdik.id}`, { name: 'Diambil Alih' }, { session: admin }), 404, 'not_found');
  assertError(await post(`/api/v1/units/${disdik.id}/close`, { date: t, reason: 'x' }, { session: admin }), 404, 'not_found');
  assertError(await patch(`/api/v1/positions/${disdikPos.id}`, { needed: 9 }, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/positions/${disdikPos.id}`, { session: admin }), 404, 'not_found');
  assertError(await get(`/api/v1/positions?unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  // a DISDIK post as supervisor reads the same as a missing one
  const viaDisdik = await patch(`/api/v1/positions/${dinkesPos.id}`, { parent_position_id: disdikPos.id }, { session: admin });
  const viaMissing = await patch(`/api/v1/positions/${dinkesPos.id}`, { parent_position_id: 999999999 }, { session: admin });
  assertError(viaDisdik, 422, 'validation_failed', 'parent_position_id');
  assertError(viaMissing, 422, 'validation_failed', 'parent_position_id');
  assert.equal(viaDisdik.json.error.message, viaMissing.json.error.message);
  for (const [method, p, body] of [
    ['PATCH', `/api/v1/units/${dinkes.id}`, { name: 'X' }],
    ['POST', `/api/v1/units/${dinkes.id}/close`, { date: t, reason: 'x' }],
    ['PATCH', `/api/v1/positions/${dinkesPos.id}`, { needed: 9 }],
    ['POST', '/api/v1/units', { parent_id: dinkes.id, code: `T${tag}.P`, name: 'X', kind: 'bidang' }],
  ]) {
    assertError(await request(method, p, { session: peg, json: body }), 403, 'forbidden');
  }
  // pegawai reads positions of the home unit only, even when asking for sub-units
  const own = await get(`/api/v1/positions?unit_id=${dinkes.id}&subunits=true&per_page=200`, { session: peg });
  assert.equal(own.status, 200, own.text);
  assert.ok(own.json.items.length > 0);
  assert.ok(own.json.items.every((p) => p.unit_id === dinkes.id));
  assert.equal(auditCount(), n0, 'a refused write was audited');
  assert.equal(sqlOk(`SELECT name FROM units WHERE id = ${disdik.id}`), disdik.name);
});

test('positions: list with sub-units, kind and paging', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const sub = Number(sqlOk(`WITH RECURSIVE s(id) AS (SELECT id FROM units WHERE id = ${dinkes.id} UNION ALL SELECT u.id FROM units u JOIN s ON u.parent_id = s.id) SELECT count(*) FROM positions WHERE kind = 'pengawas' AND unit_id IN (SELECT id FROM s)`));
  const res = await get(`/api/v1/positions?unit_id=${dinkes.id}&subunits=true&kind=pengawas&per_page=200`, { session: admin });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.total, sub);
  assert.equal(res.json.items.length, sub);
  assert.ok(res.json.items.every((p) => p.kind === 'pengawas'));
  assert.ok(new Set(res.json.items.map((p) => p.unit_id)).size > 1, 'posts of several units');
  assert.ok(res.json.items.every((p) => typeof p.unit_name === 'string'));
  const only = await get(`/api/v1/positions?unit_id=${dinkes.id}&kind=pengawas`, { session: admin });
  assert.ok(only.json.items.every((p) => p.unit_id === dinkes.id));
  assert.ok(only.json.total < sub);
  const p1 = await get(`/api/v1/positions?unit_id=${dinkes.id}&subunits=true&kind=pengawas&per_page=2&page=2`, { session: admin });
  assert.equal(p1.json.page, 2);
  assert.equal(p1.json.per_page, 2);
  assert.equal(p1.json.total, sub);
  assert.deepEqual(p1.json.items.map((p) => p.id), res.json.items.slice(2, 4).map((p) => p.id));
  assertError(await get(`/api/v1/positions?unit_id=${dinkes.id}&subunits=ya`, { session: admin }), 422, 'validation_failed', 'subunits');
  assertError(await get(`/api/v1/positions?unit_id=${dinkes.id}&kind=eselon`, { session: admin }), 422, 'validation_failed', 'kind');
  assertError(await get(`/api/v1/positions?unit_id=${dinkes.id}&per_page=201`, { session: admin }), 422, 'validation_failed', 'per_page');
  assertError(await get(`/api/v1/positions?unit_id=${dinkes.id}&urut=nama`, { session: admin }), 422, 'unknown_parameter', 'urut');
});

test('positions: update with checks, audited; supervising posts without cycles', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const u = await createUnit(admin, dinkes, 'P');
  const head = await createPosition(admin, u, 'Kepala Bidang Uji', 'administrator', { kelas_jabatan: 11, needed: 1 });
  const sec = await createPosition(admin, u, 'Kepala Seksi Uji', 'pengawas', { kelas_jabatan: 9, needed: 1, parent_position_id: head.id });
  assert.equal(sec.parent_position_id, head.id);
  assert.equal(sec.parent_position_name, 'Kepala Bidang Uji');
  const staff = await createPosition(admin, u, 'Pelaksana Uji', 'pelaksana', { parent_position_id: sec.id });
  const child = await createUnit(admin, u, 'P1', { kind: 'seksi' });
  const below = await createPosition(admin, child, 'Pelaksana Sub-unit', 'pelaksana', { parent_position_id: sec.id });
  assert.equal(below.parent_position_id, sec.id, 'a supervisor in the parent unit');

  const n0 = auditCount();
  const before = sqlOk(`SELECT name || '|' || kind || '|' || kelas_jabatan || '|' || needed || '|' || bup_age || '|' || COALESCE(parent_position_id, 0) FROM positions WHERE id = ${staff.id}`);
  const bad = [
    [{ kelas_jabatan: 0 }, 'kelas_jabatan'], [{ kelas_jabatan: 18 }, 'kelas_jabatan'], [{ needed: -1 }, 'needed'],
    [{ kind: 'eselon_4' }, 'kind'], [{ name: ' ' }, 'name'], [{ bup_age: 39 }, 'bup_age'], [{ bup_age: 71 }, 'bup_age'],
    [{ unit_id: dinkes.id }, 'unit_id'], [{ parent_position_id: staff.id }, 'parent_position_id'],
    [{ parent_position_id: below.id }, 'parent_position_id'], [{ parent_position_id: 0 }, 'parent_position_id'],
    [{ kelas_jabatan: '7' }, 'kelas_jabatan'],
  ];
  for (const [body, field] of bad) {
    const res = await patch(`/api/v1/positions/${staff.id}`, body, { session: admin });
    assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
    assert.equal(res.json.error.field, field, JSON.stringify(body));
  }
  // cycles: the head under its own staff, directly or not
  assertError(await patch(`/api/v1/positions/${head.id}`, { parent_position_id: staff.id }, { session: admin }), 422, 'validation_failed', 'parent_position_id');
  assertError(await patch(`/api/v1/positions/${sec.id}`, { parent_position_id: staff.id }, { session: admin }), 422, 'validation_failed', 'parent_position_id');
  // a supervisor in a sub-unit is not allowed (only the same unit or an ancestor)
  assertError(await patch(`/api/v1/positions/${head.id}`, { parent_position_id: below.id }, { session: admin }), 422, 'validation_failed', 'parent_position_id');
  assertError(await patch(`/api/v1/positions/${staff.id}`, {}, { session: admin }), 422, 'validation_failed');
  assert.equal(auditCount(), n0, 'a refused update was audited');
  assert.equal(sqlOk(`SELECT name || '|' || kind || '|' || kelas_jabatan || '|' || needed || '|' || bup_age || '|' || COALESCE(parent_position_id, 0) FROM positions WHERE id = ${staff.id}`), before);

  // a good update; the kind's retirement age follows the kind
  const ok = await patch(`/api/v1/positions/${staff.id}`, { name: 'Analis Uji', kind: 'ahli_madya', kelas_jabatan: 11, needed: 4, siasn_jabatan_id: 'JAB-9' }, { session: admin });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.name, 'Analis Uji');
  assert.equal(ok.json.kind, 'ahli_madya');
  assert.equal(ok.json.kelas_jabatan, 11);
  assert.equal(ok.json.needed, 4);
  assert.equal(ok.json.bup_age, 60);
  assert.equal(ok.json.siasn_jabatan_id, 'JAB-9');
  assert.equal(ok.json.parent_position_id, sec.id, 'the supervisor is kept');
  const au = lastAudit('position', staff.id);
  assert.equal(au.action, 'position.update');
  assert.equal(au.before.name, 'Pelaksana Uji');
  assert.equal(au.before.bup_age, 58);
  assert.equal(au.after.name, 'Analis Uji');
  assert.equal(au.after.needed, 4);
  // an override of the retirement age, then a supervisor higher up, then none
  const bup = await patch(`/api/v1/positions/${staff.id}`, { bup_age: 62 }, { session: admin });
  assert.equal(bup.json.bup_age, 62);
  const kind = await patch(`/api/v1/positions/${staff.id}`, { kind: 'ahli_muda' }, { session: admin });
  assert.equal(kind.json.bup_age, 62, 'an override stays when the kind changes');
  const dinkesHead = (await get(`/api/v1/positions?unit_id=${dinkes.id}&kind=jpt_pratama`, { session: admin })).json.items[0];
  const up = await patch(`/api/v1/positions/${head.id}`, { parent_position_id: dinkesHead.id }, { session: admin });
  assert.equal(up.status, 200, up.text);
  assert.equal(up.json.parent_position_name, 'Kepala Dinas Kesehatan');
  const none = await patch(`/api/v1/positions/${sec.id}`, { parent_position_id: null }, { session: admin });
  assert.equal(none.status, 200, none.text);
  assert.equal(none.json.parent_position_id, null);
  assert.equal(lastAudit('position', sec.id).before.parent_position_id, head.id);
});

// issue 3: a post's supervising post must stay in its unit or an ancestor unit; a move that
// would strand one is refused with the list, or clears those links when asked to.
test('moves and supervising posts: 409 with the posts, detach_supervisors clears them', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const x = await createUnit(admin, dinkes, 'SX');
  const y = await createUnit(admin, dinkes, 'SY');
  const x2 = await createUnit(admin, x, 'SX2', { kind: 'seksi' });
  const s = await createUnit(admin, x, 'SS', { kind: 'seksi' });
  const dinkesHead = (await get(`/api/v1/positions?unit_id=${dinkes.id}&kind=jpt_pratama`, { session: admin })).json.items[0];
  assert.ok(dinkesHead, 'head of DINKES');
  const headX = await createPosition(admin, x, 'Kepala Bidang SX', 'administrator', { kelas_jabatan: 11, needed: 1 });
  const staff = await createPosition(admin, s, 'Pelaksana SS', 'pelaksana', { parent_position_id: headX.id });
  const high = await createPosition(admin, s, 'Analis SS', 'ahli_pertama', { parent_position_id: dinkesHead.id });
  const inner = await createPosition(admin, s, 'Pembantu SS', 'pelaksana', { parent_position_id: staff.id });
  const sup = (id) => Number(sqlOk(`SELECT COALESCE(parent_position_id, 0) FROM positions WHERE id = ${id}`));
  const parentOf = (id) => Number(sqlOk(`SELECT parent_id FROM units WHERE id = ${id}`));

  // S under Y: the head of SX is no longer above → 409 naming the post, nothing written
  const n0 = auditCount();
  const refused = await patch(`/api/v1/units/${s.id}`, { parent_id: y.id }, { session: admin });
  assertError(refused, 409, 'supervisor_links_broken', 'parent_id');
  assert.match(refused.json.error.message, /\b1 jabatan akan kehilangan atasan/);
  assert.equal(refused.json.error.positions_total, 1);
  assert.deepEqual(refused.json.error.positions, [{
    position_id: staff.id, position_name: 'Pelaksana SS', unit_id: s.id, unit_name: 'Unit Uji SS',
    parent_position_id: headX.id, parent_position_name: 'Kepala Bidang SX', parent_unit_id: x.id,
    parent_unit_name: 'Unit Uji SX',
  }]);
  const refusedToo = await patch(`/api/v1/units/${s.id}`, { parent_id: y.id, name: 'Nama Baru', detach_supervisors: false }, { session: admin });
  assertError(refusedToo, 409, 'supervisor_links_broken', 'parent_id');
  assertError(await patch(`/api/v1/units/${s.id}`, { parent_id: y.id, detach_supervisors: 'ya' }, { session: admin }), 422, 'validation_failed', 'detach_supervisors');
  assert.equal(auditCount(), n0, 'a refused move was audited');
  assert.equal(parentOf(s.id), x.id, 'a refused move was written');
  assert.equal(sqlOk(`SELECT name FROM units WHERE id = ${s.id}`), 'Unit Uji SS');
  assert.deepEqual([sup(staff.id), sup(high.id), sup(inner.id)], [headX.id, dinkesHead.id, staff.id]);

  // a move that breaks nothing (still below SX and DINKES) → 200, links kept
  const ok = await patch(`/api/v1/units/${s.id}`, { parent_id: x2.id }, { session: admin });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.parent_id, x2.id);
  assert.equal(ok.json.detached_positions, undefined);
  assert.equal(lastAudit('unit', s.id).after.detached_positions, undefined);
  assert.deepEqual([sup(staff.id), sup(high.id), sup(inner.id)], [headX.id, dinkesHead.id, staff.id]);

  // with detach_supervisors: the move and the cleared link in one write, audited
  const n1 = auditCount();
  const det = await patch(`/api/v1/units/${s.id}`, { parent_id: y.id, detach_supervisors: true }, { session: admin });
  assert.equal(det.status, 200, det.text);
  assert.equal(det.json.parent_id, y.id);
  assert.equal(det.json.detached_total, 1);
  assert.deepEqual(det.json.detached_positions.map((p) => [p.position_id, p.parent_position_id]), [[staff.id, headX.id]]);
  assert.equal(parentOf(s.id), y.id);
  assert.deepEqual([sup(staff.id), sup(high.id), sup(inner.id)], [0, dinkesHead.id, staff.id],
    'only the stranded link is cleared; links to DINKES and inside the moved unit stay');
  assert.equal(auditCount(), n1 + 1, 'one audit row for the move and its detached links');
  const au = lastAudit('unit', s.id);
  assert.equal(au.action, 'unit.move');
  assert.equal(au.before.parent_id, x2.id);
  assert.equal(au.after.parent_id, y.id);
  assert.deepEqual(au.after.detached_positions.map((p) => [p.position_id, p.parent_position_id]), [[staff.id, headX.id]]);
  const pos = await get(`/api/v1/positions/${staff.id}`, { session: admin });
  assert.equal(pos.json.parent_position_id, null);

  // detach asked for but nothing to detach: an ordinary move, an empty list
  const back = await patch(`/api/v1/units/${s.id}`, { parent_id: x.id, detach_supervisors: true }, { session: admin });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual(back.json.detached_positions, []);
  assert.equal(back.json.detached_total, 0);
  assert.equal(lastAudit('unit', s.id).after.detached_positions, undefined);
});
