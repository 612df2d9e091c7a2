// Wrong credentials, no user enumeration, brute-force throttling. ASVS 2.2.1, [6.3.8].
// Every test here makes logins fail on purpose: see the throttling rules in lib.mjs.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  PASSWORD, USERS, assertError, httpRequest, login, loginOk, median, post, raw, randomPassword,
  forgiveFailures, userAdd,
} from './lib.mjs';

after(() => forgiveFailures());

test('unknown user and wrong password: same 401 invalid_credentials, same body', async () => {
  const unknown = await post('/api/v1/auth/login', { username: 'tidak.ada.orangnya', password: randomPassword() });
  const wrong = await post('/api/v1/auth/login', { username: USERS.pegawaiDinkes, password: randomPassword() });
  assertError(unknown, 401, 'invalid_credentials');
  assertError(wrong, 401, 'invalid_credentials');
  assert.equal(unknown.text, wrong.text, 'bodies differ: user enumeration');
  assert.equal(unknown.setCookies.length, 0);
  assert.equal(wrong.setCookies.length, 0);
  forgiveFailures();
  // The real user is not hurt by two failures.
  await loginOk(USERS.pegawaiDinkes);
});

test('timing: median of unknown-user and wrong-password logins within a factor of 2', async () => {
  userAdd('timing.test', { name: 'Uji Waktu' });
  const tries = 20;
  const tUnknown = [];
  const tWrong = [];
  for (let i = 0; i < tries; i++) {
    // 2 failures per round; forgive every 4 rounds (8 from this address, 4 on timing.test).
    if (i > 0 && i % 4 === 0) forgiveFailures();
    let t0 = process.hrtime.bigint();
    const a = await post('/api/v1/auth/login', { username: `tidak.ada.${i}`, password: randomPassword() });
    tUnknown.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    const b = await post('/api/v1/auth/login', { username: 'timing.test', password: randomPassword() });
    tWrong.push(Number(process.hrtime.bigint() - t0) / 1e6);
    assert.equal(a.status, 401, a.text);
    assert.equal(b.status, 401, b.text);
  }
  forgiveFailures();
  const mu = median(tUnknown);
  const mw = median(tWrong);
  const ratio = mu / mw;
  console.log(`login timing: median unknown-user ${mu.toFixed(1)} ms, wrong-password ${mw.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
  assert.ok(ratio > 0.5 && ratio < 2, `unknown-user/wrong-password timing ratio ${ratio.toFixed(2)}`);
});

test('lockout: 5 failures for one account from one address -> 6th (right password) 429', async () => {
  userAdd('lock.test', { name: 'Uji Kunci' });
  for (let i = 1; i <= 5; i++) {
    assertError(await post('/api/v1/auth/login', { username: 'lock.test', password: `salah-sandi-${i}-xyz` }), 401, 'invalid_credentials');
  }
  const sixth = await login('lock.test', PASSWORD);
  assertError(sixth.res, 429, 'too_many_attempts');
  assert.equal(sixth.res.setCookies.length, 0);
  // Still locked for a wrong one too, and the same status body (checked before the password).
  const seventh = await post('/api/v1/auth/login', { username: 'lock.test', password: 'salah-lagi-xyz-1' });
  assertError(seventh, 429, 'too_many_attempts');
  assert.equal(seventh.text, sixth.res.text);
  // Another account from the same address is not locked by it.
  await loginOk(USERS.pegawaiDinkes);
});

test('lockout is per account and address: the real user from another address logs in', async () => {
  // lock.test is still locked from 127.0.0.1 (previous test); 127.0.0.2 is another address.
  const body = JSON.stringify({ username: 'lock.test', password: PASSWORD });
  const req = httpRequest('POST', '/api/v1/auth/login', {
    headers: [['Content-Type', 'application/json'], ['Content-Length', String(Buffer.byteLength(body))]],
    body,
  });
  const still = await raw(req);
  assert.equal(still.status, 429, `from 127.0.0.1: ${still.statusLine} ${still.text}`);
  // A forged X-Forwarded-For from the locked address does not unlock it.
  const forged = await raw(httpRequest('POST', '/api/v1/auth/login', {
    headers: [['Content-Type', 'application/json'], ['X-Forwarded-For', '10.1.2.3'], ['X-Real-IP', '10.1.2.3'],
      ['Content-Length', String(Buffer.byteLength(body))]],
    body,
  }));
  assert.equal(forged.status, 429, `X-Forwarded-For must not change the address: ${forged.statusLine}`);
  const other = await raw(req, { localAddress: '127.0.0.2' });
  assert.equal(other.status, 200, `from 127.0.0.2: ${other.statusLine} ${other.text}`);
});

test('the lock ends after the window (fake clock)', async () => {
  forgiveFailures();
  await loginOk('lock.test');
});
