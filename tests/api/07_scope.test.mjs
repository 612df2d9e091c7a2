// Unit scope and function-level access. ASVS V4 4.1.x, 4.2.1: out of scope -> 404 with the same
// body as a missing id (no existence oracle); functions a role may not use -> 403.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, allUnits, assertError, flattenUnits, get, loginOk, me, request, sqlOk,
} from './lib.mjs';

let units; // Map code -> unit, as bkpsdm sees them
let dinkes;
let disdik;

// ids of u and all units below it
function subtreeIds(u) {
  return new Set(flattenUnits([u]).map((x) => x.id));
}

before(async () => {
  units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  assert.ok(dinkes, `unit ${UNITS.dinkes} not in the demo data: ${[...units.keys()].join(',')}`);
  assert.ok(disdik, `unit ${UNITS.disdik} not in the demo data`);
});

test('unit objects have the documented fields', async () => {
  for (const u of units.values()) {
    for (const k of ['id', 'parent_id', 'code', 'name', 'kind', 'children']) assert.ok(k in u, `${u.code}: ${k}`);
    assert.ok(Number.isInteger(u.id));
    assert.ok(u.parent_id === null || Number.isInteger(u.parent_id));
    assert.ok(Array.isArray(u.children));
  }
  const s = await loginOk(USERS.bkpsdm);
  const one = await get(`/api/v1/units/${dinkes.id}`, { session: s });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.id, dinkes.id);
  assert.equal(one.json.code, UNITS.dinkes);
  assert.equal(one.json.name, dinkes.name);
  assert.equal(one.json.parent_id, dinkes.parent_id);
  assert.ok(!('children' in one.json), 'GET /units/{id} is without children');
});

test('bkpsdm sees every unit, in both DINKES and DISDIK', async () => {
  const s = await loginOk(USERS.bkpsdm);
  for (const u of [dinkes, disdik]) {
    const res = await get(`/api/v1/units/${u.id}`, { session: s });
    assert.equal(res.status, 200, res.text);
  }
  const roots = (await get('/api/v1/units', { session: s })).json.items;
  assert.ok(roots.every((r) => r.parent_id === null), 'the forest of bkpsdm starts at the roots');
});

test('pegawai: only the home unit; other units and missing ids -> identical 404', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const home = s.user.unit_id;
  assert.ok(subtreeIds(dinkes).has(home), 'pegawai.dinkes works in Dinas Kesehatan');
  const list = await get('/api/v1/units', { session: s });
  assert.equal(list.status, 200, list.text);
  const seen = flattenUnits(list.json.items);
  assert.deepEqual(seen.map((u) => u.id), [home], `pegawai sees ${seen.map((u) => u.code)}`);
  assert.equal((await get(`/api/v1/units/${home}`, { session: s })).status, 200);
  const out = await get(`/api/v1/units/${disdik.id}`, { session: s });
  assertError(out, 404, 'not_found');
  const missing = await get('/api/v1/units/987654321', { session: s });
  assertError(missing, 404, 'not_found');
  assert.equal(out.text, missing.text, 'out-of-scope and missing answer differently: existence oracle');
  // A sibling or parent of the home unit is out of scope too.
  for (const u of units.values()) {
    if (u.id === home) continue;
    const res = await get(`/api/v1/units/${u.id}`, { session: s });
    assert.equal(res.status, 404, `pegawai reads unit ${u.code}: ${res.status}`);
  }
});

test('admin_unit: its unit and every sub-unit, nothing else', async () => {
  const s = await loginOk(USERS.adminDinkes);
  assert.ok(s.user.roles.includes('admin_unit'));
  const home = [...units.values()].find((u) => u.id === s.user.unit_id);
  assert.ok(home, 'admin.dinkes has a home unit');
  const allowed = subtreeIds(home);
  assert.ok(allowed.has(dinkes.id), 'admin.dinkes covers DINKES');
  const list = await get('/api/v1/units', { session: s });
  assert.equal(list.status, 200, list.text);
  const seen = flattenUnits(list.json.items).map((u) => u.id).sort((a, b) => a - b);
  assert.deepEqual(seen, [...allowed].sort((a, b) => a - b));
  assert.equal(list.json.items.length, 1);
  assert.equal(list.json.items[0].id, home.id);
  for (const u of units.values()) {
    const res = await get(`/api/v1/units/${u.id}`, { session: s });
    assert.equal(res.status, allowed.has(u.id) ? 200 : 404, `admin.dinkes reads ${u.code}: ${res.status}`);
  }
  assertError(await get(`/api/v1/units/${disdik.id}`, { session: s }), 404, 'not_found');
});

test('malformed unit ids are not found, not errors', async () => {
  const s = await loginOk(USERS.bkpsdm);
  for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999999', '1%20OR%201=1']) {
    const res = await get(`/api/v1/units/${id}`, { session: s });
    assert.ok(res.status === 404 || res.status === 400, `/units/${id}: ${res.status}`);
    assert.ok(res.json?.error?.code, `/units/${id}: JSON error body`);
  }
});

test('audit log: pegawai and admin_unit 403, bkpsdm 200 with items', async () => {
  for (const u of [USERS.pegawaiDinkes, USERS.adminDinkes]) {
    const s = await loginOk(u);
    assertError(await get('/api/v1/audit', { session: s }), 403, 'forbidden');
    assertError(await get('/api/v1/audit?entity=user', { session: s }), 403, 'forbidden');
  }
  assertError(await get('/api/v1/audit'), 401, 'unauthenticated');
  const s = await loginOk(USERS.bkpsdm);
  const res = await get('/api/v1/audit', { session: s });
  assert.equal(res.status, 200, res.text);
  assert.ok(Array.isArray(res.json.items));
  assert.ok(res.json.items.length > 0, 'demo data and logins leave audit rows');
  assert.ok(Number.isInteger(res.json.total) && res.json.total >= res.json.items.length);
  assert.equal(res.json.page, 1);
  assert.ok(Number.isInteger(res.json.per_page) && res.json.per_page <= 200);
});

test('superadmin-only functions are 403 for the other roles', async () => {
  for (const u of [USERS.pegawaiDinkes, USERS.adminDinkes, USERS.bkpsdm]) {
    const s = await loginOk(u);
    assertError(await get('/api/v1/users', { session: s }), 403, 'forbidden');
    assertError(await get(`/api/v1/users/${s.user.id}/sessions/revoke`, { session: s }), 405, 'method_not_allowed');
    assertError(await request('POST', `/api/v1/users/${s.user.id}/sessions/revoke`, { session: s }), 403, 'forbidden');
    assert.equal((await get('/api/v1/auth/me', { session: s })).status, 200, 'own revoke must have been refused');
  }
});

test('superadmin lists users and ends all sessions of a user', async () => {
  const admin = await loginOk('superadmin');
  const list = await get('/api/v1/users?q=pegawai', { session: admin });
  assert.equal(list.status, 200, list.text);
  assert.ok(Array.isArray(list.json.items));
  const victim = list.json.items.find((u) => u.username === USERS.pegawaiDinkes);
  assert.ok(victim, `pegawai.dinkes not found by q=pegawai: ${list.text.slice(0, 300)}`);
  assert.ok(!JSON.stringify(list.json).includes('argon2'), 'password hashes listed');
  const a = await loginOk(USERS.pegawaiDinkes);
  const b = await loginOk(USERS.pegawaiDinkes);
  const res = await request('POST', `/api/v1/users/${victim.id}/sessions/revoke`, { session: admin });
  assert.equal(res.status, 204, res.text);
  assertError(await me(a), 401, 'unauthenticated');
  assertError(await me(b), 401, 'unauthenticated');
  assert.equal((await me(admin)).status, 200);
  assertError(await request('POST', '/api/v1/users/987654321/sessions/revoke', { session: admin }), 404, 'not_found');
});

test('with the (default-on) admin TOTP setting, admin roles without TOTP get 403 totp_required', async () => {
  const key = 'auth.totp_required_for_admins';
  assert.equal(sqlOk(`SELECT value FROM settings WHERE key = '${key}'`), '0', 'the demo relaxes the setting');
  sqlOk(`UPDATE settings SET value = '1' WHERE key = '${key}'`);
  try {
    const s = await loginOk(USERS.bkpsdm);
    assertError(await get('/api/v1/audit', { session: s }), 403, 'totp_required');
    assertError(await get('/api/v1/units', { session: s }), 403, 'totp_required');
    assert.equal((await me(s)).status, 200, 'account routes stay open to set TOTP up');
    const sa = await loginOk('superadmin');
    assertError(await get('/api/v1/users', { session: sa }), 403, 'totp_required');
    const p = await loginOk(USERS.pegawaiDinkes);
    assert.equal((await get('/api/v1/units', { session: p })).status, 200, 'non-admin roles are not affected');
  } finally {
    sqlOk(`UPDATE settings SET value = '0' WHERE key = '${key}'`);
  }
  const s = await loginOk(USERS.bkpsdm);
  assert.equal((await get('/api/v1/units', { session: s })).status, 200, 'setting restored');
});
