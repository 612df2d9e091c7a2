// Login, me, logout, session listing and revocation. ASVS V3 3.2.1, 3.3.1, 3.3.4, 3.4.x.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import {
  HEX64, PASSWORD, USERS, assertError, assertSecurityHeaders, get, login, loginOk, logout, me, post,
  request, sessionCookie,
} from './lib.mjs';

const USER_FIELDS = ['id', 'username', 'name', 'roles', 'unit_id', 'unit_name', 'employee_id', 'must_change_password', 'totp_enabled'];

function assertUser(u, username) {
  assert.deepEqual(Object.keys(u).sort(), [...USER_FIELDS].sort(), 'USER fields');
  assert.ok(Number.isInteger(u.id) && u.id > 0);
  assert.equal(u.username, username);
  assert.equal(typeof u.name, 'string');
  assert.ok(u.name.length > 0);
  assert.ok(Array.isArray(u.roles) && u.roles.length > 0);
  for (const r of u.roles) assert.ok(['pegawai', 'atasan', 'pimpinan', 'admin_unit', 'admin_bkpsdm', 'superadmin'].includes(r), r);
  assert.ok(u.unit_id === null || Number.isInteger(u.unit_id));
  assert.ok(u.unit_name === null || typeof u.unit_name === 'string');
  assert.equal(typeof u.must_change_password, 'boolean');
  assert.equal(typeof u.totp_enabled, 'boolean');
  assert.ok(!('password_hash' in u) && !('totp_secret' in u));
}

test('good login: 200, USER object, 64-hex CSRF token, HttpOnly SameSite=Strict cookie', async () => {
  const { res, session } = await login(USERS.pegawaiDinkes);
  assert.equal(res.status, 200, res.text);
  assertSecurityHeaders(res.headers, { what: 'login 200' });
  assert.deepEqual(Object.keys(res.json).sort(), ['csrf_token', 'user']);
  assertUser(res.json.user, USERS.pegawaiDinkes);
  assert.deepEqual(res.json.user.roles, ['pegawai']);
  assert.ok(Number.isInteger(res.json.user.unit_id), 'pegawai has a home unit');
  assert.match(res.json.csrf_token, HEX64);
  const c = sessionCookie(res);
  assert.ok(c, `no abdi_session cookie in ${JSON.stringify(res.setCookies)}`);
  assert.match(c.value, HEX64);
  const attrs = c.header.split(';').map((s) => s.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), c.header);
  assert.ok(attrs.includes('samesite=strict'), c.header);
  assert.ok(attrs.includes('path=/'), c.header);
  assert.notEqual(c.value, res.json.csrf_token, 'CSRF token must differ from the session token');
  assert.ok(!res.text.includes(c.value), 'the session token must not be in the body');
  assert.ok(session.token);
});

test('me with the cookie: 200 with the same user and CSRF token; without: 401', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const res = await me(s);
  assert.equal(res.status, 200, res.text);
  assertUser(res.json.user, USERS.pegawaiDinkes);
  assert.equal(res.json.user.id, s.user.id);
  assert.equal(res.json.csrf_token, s.csrf);
  assertError(await get('/api/v1/auth/me'), 401, 'unauthenticated');
  assertError(await get('/api/v1/auth/me', { cookie: `abdi_session=${crypto.randomBytes(32).toString('hex')}` }), 401, 'unauthenticated');
  assertError(await get('/api/v1/auth/me', { cookie: 'abdi_session=' }), 401, 'unauthenticated');
  assertError(await get('/api/v1/auth/me', { cookie: `abdi_session=${s.token}x` }), 401, 'unauthenticated');
  assertError(await get('/api/v1/auth/me', { cookie: `abdi_session=${s.token.toUpperCase()}` }), 401, 'unauthenticated');
});

test('logout: 204, cookie cleared, Clear-Site-Data; the old cookie replayed -> 401', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const res = await logout(s);
  assert.equal(res.status, 204, res.text);
  assert.equal(res.text, '');
  assertSecurityHeaders(res.headers, { what: 'logout 204' });
  assert.equal(res.headers.get('clear-site-data'), '"cookies", "storage"');
  const c = sessionCookie(res);
  assert.ok(c, 'logout must send a Set-Cookie clearing abdi_session');
  assert.equal(c.value, '');
  assert.match(c.header, /max-age=0|expires=thu, 01 jan 1970/i);
  assertError(await me(s), 401, 'unauthenticated');
  // Logging out twice with the dead cookie is not a success either.
  assertError(await logout(s), 401, 'unauthenticated');
});

test('logout with an empty JSON object body is accepted too', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  const res = await request('POST', '/api/v1/auth/logout', { session: s, json: {} });
  assert.equal(res.status, 204, res.text);
  assertError(await me(s), 401, 'unauthenticated');
});

test('every login gives a new token; an earlier cookie stays its own session', async () => {
  const a = await loginOk(USERS.pegawaiDinkes);
  const b = await loginOk(USERS.pegawaiDinkes);
  assert.notEqual(a.token, b.token);
  assert.notEqual(a.csrf, b.csrf);
  const ma = await me(a);
  const mb = await me(b);
  assert.equal(ma.status, 200);
  assert.equal(mb.status, 200);
  assert.equal(ma.json.csrf_token, a.csrf);
  assert.equal(mb.json.csrf_token, b.csrf);
  // Ending one does not end the other.
  assert.equal((await logout(a)).status, 204);
  assertError(await me(a), 401, 'unauthenticated');
  assert.equal((await me(b)).status, 200);
  // A CSRF token belongs to its session: a's token on b's cookie is refused.
  assertError(await request('POST', '/api/v1/auth/logout', { session: b, csrf: a.csrf }), 403, 'csrf_failed');
});

test('session fixation: a cookie chosen before login is not accepted and not adopted', async () => {
  const planted = crypto.randomBytes(32).toString('hex');
  const res = await post('/api/v1/auth/login', { username: USERS.pegawaiDinkes, password: PASSWORD }, {
    cookie: `abdi_session=${planted}`,
  });
  assert.equal(res.status, 200, res.text);
  const c = sessionCookie(res);
  assert.notEqual(c.value, planted);
  assertError(await get('/api/v1/auth/me', { cookie: `abdi_session=${planted}` }), 401, 'unauthenticated');
});

test('missing or empty username/password -> 422 validation_failed with the field', async () => {
  assertError(await post('/api/v1/auth/login', { password: 'x'.repeat(12) }), 422, 'validation_failed', 'username');
  assertError(await post('/api/v1/auth/login', { username: '', password: 'x'.repeat(12) }), 422, 'validation_failed', 'username');
  assertError(await post('/api/v1/auth/login', { username: USERS.pegawaiDinkes }), 422, 'validation_failed', 'password');
  assertError(await post('/api/v1/auth/login', { username: USERS.pegawaiDinkes, password: '' }), 422, 'validation_failed', 'password');
  assertError(await post('/api/v1/auth/login', { username: 12, password: 'x'.repeat(12) }), 422, 'validation_failed', 'username');
});

test('own sessions: listed with one current; revoking one ends only that one', async () => {
  const a = await loginOk(USERS.adminDinkes);
  const b = await loginOk(USERS.adminDinkes);
  const list = await get('/api/v1/auth/sessions', { session: a });
  assert.equal(list.status, 200, list.text);
  assert.ok(Array.isArray(list.json.items));
  for (const it of list.json.items) {
    assert.ok(Number.isInteger(it.id));
    assert.equal(typeof it.current, 'boolean');
    for (const k of ['created_at', 'last_seen_at', 'ip']) assert.ok(k in it, k);
    assert.ok(!JSON.stringify(it).includes(a.token) && !JSON.stringify(it).includes(b.token), 'tokens listed');
  }
  const current = list.json.items.filter((it) => it.current);
  assert.equal(current.length, 1, 'exactly one current session');
  assert.ok(list.json.items.length >= 2);
  // Find b: the current session of b's own listing.
  const listB = await get('/api/v1/auth/sessions', { session: b });
  const bId = listB.json.items.find((it) => it.current).id;
  assert.notEqual(bId, current[0].id);
  assert.ok(list.json.items.some((it) => it.id === bId), "a's listing shows b's session");
  const del = await request('DELETE', `/api/v1/auth/sessions/${bId}`, { session: a });
  assert.equal(del.status, 204, del.text);
  assertError(await me(b), 401, 'unauthenticated');
  assert.equal((await me(a)).status, 200);
});

test("another user's session cannot be revoked (404) and stays alive", async () => {
  const victim = await loginOk(USERS.pegawaiDinkes);
  const attacker = await loginOk(USERS.adminDinkes);
  const vid = (await get('/api/v1/auth/sessions', { session: victim })).json.items.find((it) => it.current).id;
  const res = await request('DELETE', `/api/v1/auth/sessions/${vid}`, { session: attacker });
  assertError(res, 404, 'not_found');
  assert.equal((await me(victim)).status, 200);
});
