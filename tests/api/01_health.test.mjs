// Health endpoint, security headers on every kind of response, no CORS, no Server header.
// ASVS 14.4.x, 14.5.3, 14.3.3; docs/api-foundation.md "Every response carries".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ENGINE, assertError, assertSecurityHeaders, get, httpRequest, loginOk, raw, request,
  SECURITY_HEADERS, USERS,
} from './lib.mjs';

test('GET /api/v1/health answers 200 with status and db engine; the version only to admins', async () => {
  const res = await get('/api/v1/health');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json; ?charset=utf-8$/i);
  assert.equal(res.json.status, 'ok');
  assert.equal(res.json.db, ENGINE);
  assert.equal(res.json.version, undefined, 'anonymous callers get no version (ASVS 14.3.3)');
  assertSecurityHeaders(res.headers, { what: '200 health' });
  const pegawai = await get('/api/v1/health', { session: await loginOk(USERS.pegawaiDinkes) });
  assert.equal(pegawai.json.version, undefined);
  const admin = await get('/api/v1/health', { session: await loginOk(USERS.bkpsdm) });
  assert.equal(admin.status, 200);
  assert.equal(admin.json.db, ENGINE);
  assert.match(admin.json.version, /^\d+\.\d+\.\d+$/);
});

test('security headers on 404 (API and static), 405, 401', async () => {
  const notFound = await get('/api/v1/tidak-ada');
  assertError(notFound, 404, 'not_found');
  assertSecurityHeaders(notFound.headers, { what: '404 api' });

  const staticMissing = await get('/tidak-ada.html');
  assertError(staticMissing, 404, 'not_found');
  assertSecurityHeaders(staticMissing.headers, { api: false, what: '404 static' });

  const wrongMethod = await request('PUT', '/api/v1/health', { json: {} });
  assertError(wrongMethod, 405, 'method_not_allowed');
  assertSecurityHeaders(wrongMethod.headers, { what: '405' });
  assert.match(wrongMethod.headers.get('allow') || '', /\bGET\b/);

  const unauth = await get('/api/v1/auth/me');
  assertError(unauth, 401, 'unauthenticated');
  assertSecurityHeaders(unauth.headers, { what: '401' });
});

test('security headers on 413 (body over 1 MiB, raw socket)', async () => {
  const body = Buffer.alloc(1024 * 1024 + 1, 0x20);
  const res = await raw(httpRequest('POST', '/api/v1/auth/login', {
    headers: [['Content-Type', 'application/json'], ['Content-Length', String(body.length)]],
    body,
  }));
  assert.equal(res.status, 413, `got ${res.statusLine} ${res.text.slice(0, 200)}`);
  assert.equal(res.json?.error?.code, 'payload_too_large');
  assertSecurityHeaders(res.headers, { what: '413' });
});

test('the static UI page / carries the security headers', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /^text\/html; ?charset=utf-8$/i);
  assert.match(res.text, /<html/i);
  assertSecurityHeaders(res.headers, { api: false, what: 'static /' });
});

test('no CORS headers even for a foreign Origin or Origin: null', async () => {
  for (const origin of ['https://evil.example', 'null']) {
    const res = await get('/api/v1/health', { headers: { origin } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
    assert.equal(res.headers.get('access-control-allow-credentials'), null, origin);
    assertSecurityHeaders(res.headers, { what: `Origin ${origin}` });
  }
  // A CORS preflight is just a method the route does not allow.
  const pre = await request('OPTIONS', '/api/v1/auth/login', {
    headers: {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, x-csrf-token',
    },
  });
  assert.equal(pre.headers.get('access-control-allow-origin'), null);
  assert.equal(pre.headers.get('access-control-allow-methods'), null);
  assertError(pre, 405, 'method_not_allowed');
});

test('the header values are exactly the documented ones (no duplicates)', async () => {
  const res = await raw(httpRequest('GET', '/api/v1/health'));
  assert.equal(res.status, 200);
  for (const name of Object.keys(SECURITY_HEADERS)) {
    const n = res.rawHeaders.filter(([h]) => h.toLowerCase() === name).length;
    assert.equal(n, 1, `${name} appears ${n} times`);
  }
  assert.equal(res.rawHeaders.filter(([h]) => h.toLowerCase() === 'server').length, 0);
});
