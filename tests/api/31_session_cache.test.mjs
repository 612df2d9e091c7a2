// 31_session_cache.test.mjs - a server thread answers a signed-in GET from the session it
// resolved last while nothing was committed since (src/http/session.c). Every commit, by the
// server or by another process, must end that: a rename seen at once, a logout and a revoked
// session refused at once, on every thread (many requests at a time reach several threads).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, loginOk, logout, me, request, sqlOk, userAdd, USERS, advanceClock } from './lib.mjs';

const ROUNDS = 24; // parallel requests: spread over the server's threads and connections

async function meAll(session) {
  return Promise.all(Array.from({ length: ROUNDS }, () => me(session)));
}

test('a change committed by another process is seen by the next request on every thread', async () => {
  userAdd('cache.uji', { name: 'Nama Lama' });
  const s = await loginOk('cache.uji');
  for (const r of await meAll(s)) { // warm every thread's cache
    assert.equal(r.status, 200);
    assert.equal(r.json.user.name, 'Nama Lama');
  }
  sqlOk("UPDATE users SET name = 'Nama Baru' WHERE username = 'cache.uji'"); // sqlite3 / psql
  for (const r of await meAll(s)) {
    assert.equal(r.status, 200);
    assert.equal(r.json.user.name, 'Nama Baru');
  }
  sqlOk("UPDATE sessions SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE username = 'cache.uji')");
  for (const r of await meAll(s)) assert.equal(r.status, 401);
});

test('a logout and a revoke by the server end the session at once on every thread', async () => {
  const a = await loginOk(USERS.pegawaiDinkes);
  const b = await loginOk(USERS.pegawaiDinkes);
  for (const r of [...await meAll(a), ...await meAll(b)]) assert.equal(r.status, 200);
  assert.equal((await logout(a)).status, 204);
  for (const r of await meAll(a)) assert.equal(r.status, 401);
  for (const r of await meAll(b)) assert.equal(r.status, 200); // the other session lives on
  // the once-a-minute last-seen write goes through the full path and the session stays valid
  advanceClock(61);
  for (const r of await meAll(b)) assert.equal(r.status, 200);
  const su = await loginOk(USERS.superadmin);
  const users = await get('/api/v1/users?per_page=100', { session: su });
  const uid = users.json.items.find((u) => u.username === USERS.pegawaiDinkes).id;
  const rv = await request('POST', `/api/v1/users/${uid}/sessions/revoke`, { session: su, json: {} });
  assert.ok(rv.status === 200 || rv.status === 204, `revoke -> ${rv.status} ${rv.text}`);
  for (const r of await meAll(b)) assert.equal(r.status, 401);
});

test('a role taken away is refused at once on every thread', async () => {
  userAdd('cache.atasan', { name: 'Atasan Cache', role: 'atasan' });
  const s = await loginOk('cache.atasan');
  for (const r of await meAll(s)) assert.deepEqual(r.json.user.roles, ['atasan']);
  sqlOk("DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE username = 'cache.atasan') AND role = 'atasan'");
  for (const r of await meAll(s)) assert.equal(r.status, 403); // no role left: nothing to reach
});
