// TOTP second factor: setup needs the password, enable needs a valid code, login then needs the
// code, and a code is accepted once. ASVS 2.8.1, 2.8.4. Codes are computed for the server's
// fake clock (lib.mjs totp()).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  PASSWORD, advanceClock, assertError, forgiveFailures, login, loginOk, me, post, recordSecret, request, totp, userAdd,
} from './lib.mjs';

after(() => forgiveFailures());

test('TOTP setup, enable, login with code, single use', async () => {
  userAdd('totp.uji', { name: 'Uji TOTP' });
  const s = await loginOk('totp.uji');
  assert.equal(s.user.totp_enabled, false);

  const refused = await request('POST', '/api/v1/auth/totp/setup', { session: s, json: { password: `${PASSWORD}x` } });
  assert.ok([401, 403, 422].includes(refused.status), `setup with a wrong password: ${refused.status} ${refused.text}`);
  assert.ok(!refused.text.includes('otpauth'), 'a secret was handed out for a wrong password');
  const setup = await request('POST', '/api/v1/auth/totp/setup', { session: s, json: { password: PASSWORD } });
  assert.equal(setup.status, 200, setup.text);
  assert.match(setup.json.secret, /^[A-Z2-7]{16,}=*$/);
  assert.match(setup.json.otpauth_uri, /^otpauth:\/\/totp\//);
  assert.ok(setup.json.otpauth_uri.includes(`secret=${setup.json.secret}`));
  const secret = setup.json.secret;
  recordSecret(secret);

  const wrongCode = String((Number(totp(secret)) + 1) % 1000000).padStart(6, '0');
  const notEnabled = await request('POST', '/api/v1/auth/totp/enable', { session: s, json: { code: wrongCode } });
  assert.ok(notEnabled.status >= 400 && notEnabled.status < 500, `enable with a wrong code: ${notEnabled.status}`);
  assert.equal((await me(s)).json.user.totp_enabled, false);
  const en = await request('POST', '/api/v1/auth/totp/enable', { session: s, json: { code: totp(secret) } });
  assert.equal(en.status, 204, en.text);
  assert.equal((await me(s)).json.user.totp_enabled, true);

  const noCode = await login('totp.uji', PASSWORD);
  assertError(noCode.res, 401, 'totp_required');
  assert.equal(noCode.res.setCookies.length, 0);
  const bad = await login('totp.uji', PASSWORD, { totp: wrongCode });
  assertError(bad.res, 401, 'invalid_totp');
  assert.equal(bad.res.setCookies.length, 0);
  // The enable code was used; the next step's code is fresh.
  advanceClock(31);
  const code = totp(secret);
  const good = await login('totp.uji', PASSWORD, { totp: code });
  assert.equal(good.res.status, 200, good.res.text);
  assert.equal(good.session.user.totp_enabled, true);
  const replay = await login('totp.uji', PASSWORD, { totp: code });
  assertError(replay.res, 401, 'invalid_totp');
  // A wrong password with a right code is still plain invalid_credentials (no oracle on the code).
  const wrongPw = await post('/api/v1/auth/login', { username: 'totp.uji', password: `${PASSWORD}-x`, totp: totp(secret) });
  assertError(wrongPw, 401, 'invalid_credentials');
});
