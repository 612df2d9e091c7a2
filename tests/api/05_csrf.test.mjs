// CSRF token on every state change; content type of bodies. ASVS 4.2.2, 13.2.3, 13.1.5.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { PASSWORD, USERS, assertError, loginOk, me, randomPassword, request } from './lib.mjs';

test('logout without X-CSRF-Token -> 403 csrf_failed, session still alive', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  assertError(await request('POST', '/api/v1/auth/logout', { session: s, csrf: null }), 403, 'csrf_failed');
  assert.equal((await me(s)).status, 200);
});

test('logout with a wrong, empty or altered token -> 403', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  for (const bad of [crypto.randomBytes(32).toString('hex'), '', s.csrf.slice(0, 63), s.csrf + '0', s.csrf.toUpperCase(), s.token]) {
    assertError(await request('POST', '/api/v1/auth/logout', { session: s, csrf: bad }), 403, 'csrf_failed');
  }
  assert.equal((await me(s)).status, 200);
});

test('password change without or with a wrong token -> 403, password unchanged', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const json = { old_password: PASSWORD, new_password: randomPassword(16) };
  assertError(await request('POST', '/api/v1/auth/password', { session: s, csrf: null, json }), 403, 'csrf_failed');
  assertError(await request('POST', '/api/v1/auth/password', { session: s, csrf: crypto.randomBytes(32).toString('hex'), json }), 403, 'csrf_failed');
  await loginOk(USERS.pegawaiDinkes, PASSWORD);
});

test('DELETE of a session without the token -> 403, the session lives', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const other = await loginOk(USERS.pegawaiDinkes);
  const list = await request('GET', '/api/v1/auth/sessions', { session: other });
  const otherId = list.json.items.find((it) => it.current).id;
  assertError(await request('DELETE', `/api/v1/auth/sessions/${otherId}`, { session: s, csrf: null }), 403, 'csrf_failed');
  assert.equal((await me(other)).status, 200);
});

test('the token travels only in the header: as a query parameter or body field it does not count', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const q = await request('POST', `/api/v1/auth/logout?csrf_token=${s.csrf}`, { session: s, csrf: null });
  assert.ok(q.status === 403 || q.status === 400, `query token: ${q.status} ${q.text}`);
  assertError(await request('POST', '/api/v1/auth/logout', { session: s, csrf: null, json: { csrf_token: s.csrf } }), 403, 'csrf_failed');
  assert.equal((await me(s)).status, 200);
});

test('a text/plain body (the simple-request CSRF shape) -> 415', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const body = JSON.stringify({ old_password: PASSWORD, new_password: randomPassword(16) });
  assertError(await request('POST', '/api/v1/auth/password', { session: s, body, contentType: 'text/plain' }), 415, 'unsupported_media_type');
  assertError(await request('POST', '/api/v1/auth/logout', { session: s, body: '{}', contentType: 'text/plain;charset=UTF-8' }), 415, 'unsupported_media_type');
  assertError(await request('POST', '/api/v1/auth/logout', { session: s, body: 'a=b', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  const login = await request('POST', '/api/v1/auth/login', {
    body: JSON.stringify({ username: USERS.pegawaiDinkes, password: PASSWORD }),
    contentType: 'text/plain',
  });
  assertError(login, 415, 'unsupported_media_type');
  assert.equal(login.setCookies.length, 0);
  assert.equal((await me(s)).status, 200);
  await loginOk(USERS.pegawaiDinkes, PASSWORD);
});

test('application/json with a charset parameter is accepted', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const res = await request('POST', '/api/v1/auth/logout', { session: s, body: '{}', contentType: 'application/json; charset=utf-8' });
  assert.equal(res.status, 204, res.text);
});
