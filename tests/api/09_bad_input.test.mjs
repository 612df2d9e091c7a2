// Hostile input: JSON, query strings, framing, static paths. ASVS V5, V12-14; plan R8.
// Each case asserts the documented status and error code, then that the server still serves.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  PASSWORD, USERS, assertError, assertHealthy, assertSecurityHeaders, get, httpRequest, loginOk,
  raw, request,
} from './lib.mjs';

afterEach(assertHealthy);

const LOGIN = '/api/v1/auth/login';
const postRaw = (body, contentType = 'application/json') => request('POST', LOGIN, { body, contentType });

// A raw POST with a correct Content-Length.
function rawPost(target, body, extra = []) {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return httpRequest('POST', target, {
    headers: [['Content-Type', 'application/json'], ['Content-Length', String(b.length)], ...extra],
    body: b,
  });
}

test('malformed JSON -> 400 malformed_json', async () => {
  for (const body of ['{"username":', '{username:"a"}', "{'a':1}", '{"a":1,}', '{"a":1} x', 'nul', '{"a":"\\x41"}', '']) {
    const res = await postRaw(body);
    if (body === '') {
      // An empty body is not an object either: 400 or 422, never a login attempt.
      assert.ok(res.status === 400 || res.status === 422, `empty body: ${res.status}`);
      continue;
    }
    assertError(res, 400, 'malformed_json');
    assertSecurityHeaders(res.headers, { what: `400 for ${body}` });
  }
});

test('valid JSON that is not an object -> 422 validation_failed', async () => {
  const wrong = [];
  for (const body of ['[]', '[{"username":"a","password":"b"}]', '"text"', '42', 'null', 'true']) {
    const res = await postRaw(body);
    if (res.status !== 422 || res.json?.error?.code !== 'validation_failed') wrong.push(`${body} -> ${res.status} ${res.json?.error?.code}`);
  }
  assert.deepEqual(wrong, [], 'non-object JSON bodies must be 422 validation_failed');
});

test('unknown field -> 422 unknown_field naming it', async () => {
  const res = await request('POST', LOGIN, { json: { username: USERS.pegawaiDinkes, password: PASSWORD, role: 'superadmin' } });
  assertError(res, 422, 'unknown_field', 'role');
  assert.equal(res.setCookies.length, 0, 'no session for a refused body');
});

test('wrong JSON types -> 422 validation_failed with the field', async () => {
  assertError(await request('POST', LOGIN, { json: { username: USERS.pegawaiDinkes, password: ['x'] } }), 422, 'validation_failed', 'password');
  assertError(await request('POST', LOGIN, { json: { username: { a: 1 }, password: PASSWORD } }), 422, 'validation_failed', 'username');
  assertError(await request('POST', LOGIN, { json: { username: 'x'.repeat(65), password: PASSWORD } }), 422, 'validation_failed', 'username');
});

test('duplicate JSON key -> 400 malformed_json', async () => {
  const body = `{"username":"${USERS.bkpsdm}","username":"${USERS.pegawaiDinkes}","password":"${PASSWORD}"}`;
  const res = await postRaw(body);
  assertError(res, 400, 'malformed_json');
  assert.equal(res.setCookies.length, 0);
  assertError(await postRaw('{"a":{"b":1,"b":2}}'), 400, 'malformed_json');
});

test('invalid UTF-8 in the body -> 400 invalid_utf8', async () => {
  const bodies = [
    Buffer.concat([Buffer.from('{"username":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"abcdefghijkl"}')]),
    Buffer.concat([Buffer.from('{"username":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('","password":"abcdefghijkl"}')]), // overlong '/'
    Buffer.concat([Buffer.from('{"username":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","password":"abcdefghijkl"}')]), // surrogate
    Buffer.concat([Buffer.from('{"username":"a'), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]), // truncated sequence
  ];
  for (const body of bodies) assertError(await postRaw(body), 400, 'invalid_utf8');
});

test('NUL inside a JSON string -> 400', async () => {
  const res = await postRaw(`{"username":"pegawai\\u0000.dinkes","password":"${PASSWORD}"}`);
  assert.equal(res.status, 400, res.text);
  assert.equal(res.setCookies.length, 0);
  const rawNul = await postRaw(Buffer.from(`{"username":"a\u0000b","password":"abcdefghijkl"}`));
  assert.equal(rawNul.status, 400, rawNul.text);
});

test('body over 1 MiB -> 413 payload_too_large; exactly 1 MiB is not', async () => {
  const big = await raw(rawPost(LOGIN, Buffer.alloc(1024 * 1024 + 1, 0x20)));
  assert.equal(big.status, 413, `${big.statusLine} ${big.text.slice(0, 200)}`);
  assert.equal(big.json?.error?.code, 'payload_too_large');
  // A declared length over the limit is refused without waiting for the bytes.
  const declared = await raw(httpRequest('POST', LOGIN, {
    headers: [['Content-Type', 'application/json'], ['Content-Length', String(50 * 1024 * 1024)]],
    body: '{"username":',
  }), { timeout: 5000 });
  assert.equal(declared.status, 413, `declared 50 MiB: ${declared.statusLine}`);
  const pad = 1024 * 1024 - Buffer.byteLength('{"username":"","password":"abcdefghijkl"}');
  const exact = Buffer.from(`{"username":"${'a'.repeat(pad)}","password":"abcdefghijkl"}`);
  assert.equal(exact.length, 1024 * 1024);
  const res = await raw(rawPost(LOGIN, exact));
  assert.ok(res.status >= 400 && res.status < 500 && res.status !== 413, `exactly 1 MiB: ${res.statusLine}`);
});

test('wrong or missing content type with a body -> 415', async () => {
  const body = JSON.stringify({ username: USERS.pegawaiDinkes, password: PASSWORD });
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json']) {
    const res = await postRaw(body, ct);
    assertError(res, 415, 'unsupported_media_type');
    assert.equal(res.setCookies.length, 0);
  }
  const none = await raw(httpRequest('POST', LOGIN, { headers: [['Content-Length', String(body.length)]], body }));
  assert.equal(none.status, 415, `no Content-Type: ${none.statusLine} ${none.text}`);
});

test('duplicate query parameter -> 400 duplicate_parameter naming it', async () => {
  assertError(await get('/api/v1/health?a=1&a=2'), 400, 'duplicate_parameter', 'a');
  assertError(await get('/api/v1/health?page=1&page=1'), 400, 'duplicate_parameter', 'page');
  const s = await loginOk(USERS.bkpsdm);
  assertError(await get('/api/v1/units?x=1&x=2', { session: s }), 400, 'duplicate_parameter', 'x');
});

test('unknown route -> 404 not_found JSON', async () => {
  for (const p of ['/api/v1/tidak-ada', '/api/v2/health', '/api/v1/health/extra', '/api/v1/auth/login/x', '/api/v1', '/api/v1/']) {
    assertError(await get(p), 404, 'not_found');
  }
});

test('wrong method on a known route -> 405 with Allow', async () => {
  const put = await request('PUT', '/api/v1/health', { json: {} });
  assertError(put, 405, 'method_not_allowed');
  assert.match(put.headers.get('allow') || '', /\bGET\b/);
  assert.doesNotMatch(put.headers.get('allow') || '', /\bPUT\b/);
  const del = await request('DELETE', '/api/v1/health');
  assertError(del, 405, 'method_not_allowed');
  const getLogin = await get(LOGIN);
  assertError(getLogin, 405, 'method_not_allowed');
  assert.match(getLogin.headers.get('allow') || '', /\bPOST\b/);
});

test('TRACE and unknown methods -> 405 (raw socket)', async () => {
  for (const [m, t] of [['TRACE', '/'], ['TRACE', '/api/v1/health'], ['TRACK', '/'], ['FOO', '/api/v1/health']]) {
    const res = await raw(httpRequest(m, t, { headers: [['X-Secret', 'echo-me']] }));
    assert.ok(res.status === 405 || (m === 'FOO' && res.status === 501), `${m} ${t}: ${res.statusLine}`);
    assert.ok(!res.text.includes('echo-me'), `${m} echoed the request`);
  }
});

test('static path traversal -> 400/404, never a file from outside web/', async () => {
  const targets = [
    '/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/%252e%252e/etc/passwd',
    '/.git/HEAD', '/.git/config', '/abdi.db', '/web/index.html', '/index.html%00.js', '//etc/passwd',
    '/..\\..\\etc/passwd', '/%5c..%5c..%5cetc/passwd', '/./../../etc/passwd', '/src/core/log.c',
    '/docs/api-foundation.md', '/index.html.bak', '/..', '/%2e%2e', '/.%2e/.%2e/etc/passwd',
    '/static/../../../../etc/passwd', '/etc/passwd', '/proc/self/environ', '/build/abdi',
  ];
  for (const t of targets) {
    const res = await raw(httpRequest('GET', t));
    assert.ok(res.status === 400 || res.status === 404, `${t}: ${res.statusLine}`);
    assert.ok(!/root:.*:0:0:/.test(res.text), `${t} served /etc/passwd`);
    assert.ok(!/^ref: /m.test(res.text) && !/\[core\]/.test(res.text), `${t} served .git`);
    assert.ok(!res.text.includes('SQLite format'), `${t} served the database`);
    assert.ok(!res.text.includes('ABDI_') && !res.text.includes('#include'), `${t} served a source file or environ`);
  }
});

test('a 64 KiB header -> 431 (or 400) and the server keeps serving', async () => {
  const res = await raw(httpRequest('GET', '/api/v1/health', { headers: [['X-Big', 'a'.repeat(64 * 1024)]] }));
  assert.ok(res.status === 431 || res.status === 400, `64 KiB header: ${res.statusLine}`);
  const many = [];
  for (let i = 0; i < 2000; i++) many.push([`X-H${i}`, 'v'.repeat(30)]);
  const res2 = await raw(httpRequest('GET', '/api/v1/health', { headers: many }));
  assert.ok(res2.status === 431 || res2.status === 400, `2000 headers: ${res2.statusLine}`);
});

test('URLs over the 4 KiB limit (src/core/limits.h) -> 414', async () => {
  const res = await raw(httpRequest('GET', `/api/v1/health?q=${'a'.repeat(40 * 1024)}`));
  assert.equal(res.status, 414, `40 KiB URL: ${res.statusLine}`);
  const mid = await raw(httpRequest('GET', `/api/v1/health?q=${'a'.repeat(8 * 1024)}`));
  assert.equal(mid.status, 414, `8 KiB URL: ${mid.statusLine} ${mid.text}`);
  const ok = await raw(httpRequest('GET', `/api/v1/health?q=${'a'.repeat(3 * 1024)}`));
  assert.equal(ok.status, 200, `3 KiB URL: ${ok.statusLine}`);
});

test('10,000 nested [ -> 400 malformed_json, no stack overflow', async () => {
  assertError(await postRaw('['.repeat(10000)), 400, 'malformed_json');
  assertError(await postRaw('{"a":'.repeat(10000) + '1' + '}'.repeat(10000)), 400, 'malformed_json');
  // Depth 33 is over the limit of 32, depth 32 is not a syntax problem.
  assertError(await postRaw('['.repeat(33) + ']'.repeat(33)), 400, 'malformed_json');
  assertError(await postRaw('['.repeat(32) + ']'.repeat(32)), 422, 'validation_failed');
});

test('request smuggling shapes -> 400 (raw socket)', async () => {
  const body = '{}';
  const conflicting = await raw(httpRequest('POST', LOGIN, {
    headers: [['Content-Type', 'application/json'], ['Content-Length', '2'], ['Content-Length', '40']],
    body,
  }));
  assert.equal(conflicting.status, 400, `conflicting Content-Length: ${conflicting.statusLine}`);
  const teCl = await raw(httpRequest('POST', LOGIN, {
    headers: [['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked'], ['Content-Length', '7']],
    body: '2\r\n{}\r\n0\r\n\r\n',
  }));
  assert.equal(teCl.status, 400, `Transfer-Encoding + Content-Length: ${teCl.statusLine}`);
  const clTe = await raw(httpRequest('POST', LOGIN, {
    headers: [['Content-Type', 'application/json'], ['Content-Length', '7'], ['Transfer-Encoding', 'chunked']],
    body: '2\r\n{}\r\n0\r\n\r\n',
  }));
  assert.equal(clTe.status, 400, `Content-Length + Transfer-Encoding: ${clTe.statusLine}`);
});

test('HTTP/1.1 without Host -> 400 (raw socket)', async () => {
  const res = await raw(httpRequest('GET', '/api/v1/health', { noHost: true }));
  assert.equal(res.status, 400, `no Host: ${res.statusLine}`);
});

test('garbage on the socket -> 400 or a closed connection, no crash', async () => {
  for (const junk of ['\x00\x01\x02\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', '\r\n\r\n\r\n']) {
    const res = await raw(Buffer.from(junk, 'latin1'), { timeout: 3000 });
    assert.ok(res.status === 0 || (res.status >= 400 && res.status < 506), `${JSON.stringify(junk)}: ${res.statusLine}`);
  }
});
