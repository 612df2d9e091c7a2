// Password policy and change. ASVS 2.1.1-2.1.9, 3.3.3. Uses its own accounts (abdi user add).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  PASSWORD, assertError, changePassword, forgiveFailures, login, loginOk, me, randomPassword, request,
  userAdd,
} from './lib.mjs';

const WEAK = ['weak_password', 'validation_failed'];

function assertRefused(res, field = 'new_password', codes = WEAK) {
  assert.equal(res.status, 422, `${res.status} ${res.text}`);
  assert.ok(codes.includes(res.json?.error?.code), `error.code ${res.json?.error?.code}`);
  assert.equal(res.json.error.field, field);
}

// A fresh account per test keeps the tests independent of each other's password changes.
let n = 0;
function account() {
  n += 1;
  const username = `sandi.uji${n}`;
  userAdd(username, { name: `Uji Sandi ${n}` });
  return username;
}

before(() => forgiveFailures());
after(() => forgiveFailures());

test('11 characters refused (422, new_password); a random 12 accepted and usable', async () => {
  const u = account();
  const s = await loginOk(u);
  assertRefused(await changePassword(s, PASSWORD, randomPassword(11)));
  const twelve = randomPassword(12);
  const res = await changePassword(s, PASSWORD, twelve);
  assert.equal(res.status, 204, res.text);
  assert.equal((await me(s)).status, 200, 'the session that changed the password stays');
  await loginOk(u, twelve);
  const old = await login(u, PASSWORD);
  assertError(old.res, 401, 'invalid_credentials');
});

test('an all-lowercase 12-letter password not on the list is accepted (no composition rules)', async () => {
  const u = account();
  const s = await loginOk(u);
  const pw = 'kopitubrukgayo';
  assert.equal((await changePassword(s, PASSWORD, pw)).status, 204);
  await loginOk(u, pw);
});

test('common passwords refused, case-insensitively', async () => {
  const u = account();
  const s = await loginOk(u);
  for (const pw of ['password1234', 'qwertyuiop123', 'PassWord1234', 'QWERTYUIOP123']) {
    const res = await changePassword(s, PASSWORD, pw);
    assertRefused(res);
    assert.equal(res.json.error.code, 'weak_password', pw);
  }
  await loginOk(u, PASSWORD);
});

test('context words refused: the username, abdi, bkpsdm, pemkot (any case)', async () => {
  const u = account();
  const s = await loginOk(u);
  for (const pw of [`xq7-${u}-zz9`, `${u.toUpperCase()}!k8v2m`, 'Zebra-abdi-9173', 'kantor-BKPSDM-9173', 'pemkot-Medan-9173x']) {
    const res = await changePassword(s, PASSWORD, pw);
    assertRefused(res);
    assert.equal(res.json.error.code, 'weak_password', pw);
  }
  await loginOk(u, PASSWORD);
});

test('wrong or missing old password -> 422 on old_password, password unchanged', async () => {
  const u = account();
  const s = await loginOk(u);
  const res = await changePassword(s, `${PASSWORD}-salah`, randomPassword(16));
  assertError(res, 422, 'wrong_password', 'old_password');
  const missing = await request('POST', '/api/v1/auth/password', { session: s, json: { new_password: randomPassword(16) } });
  assertError(missing, 422, 'validation_failed', 'old_password');
  const noNew = await request('POST', '/api/v1/auth/password', { session: s, json: { old_password: PASSWORD } });
  assertError(noNew, 422, 'validation_failed', 'new_password');
  const extra = await request('POST', '/api/v1/auth/password', {
    session: s, json: { old_password: PASSWORD, new_password: randomPassword(16), username: 'bkpsdm' },
  });
  assertError(extra, 422, 'unknown_field', 'username');
  await loginOk(u, PASSWORD);
});

test('128 characters work and are never truncated; 129 refused', async () => {
  const u = account();
  const s = await loginOk(u);
  const long = randomPassword(127) + 'Q';
  assert.equal(long.length, 128);
  assert.equal((await changePassword(s, PASSWORD, long)).status, 204);
  await loginOk(u, long);
  const lastChanged = long.slice(0, 127) + 'R';
  assertError((await login(u, lastChanged)).res, 401, 'invalid_credentials');
  const s2 = await loginOk(u, long);
  assertRefused(await changePassword(s2, long, randomPassword(129)));
  await loginOk(u, long);
});

test('length counts Unicode code points: 128 multi-byte characters accepted, 129 refused', async () => {
  const u = account();
  const s = await loginOk(u);
  // 127 ASCII + one emoji: 128 code points, 129 UTF-16 units, 131 bytes.
  const emojiEnd = randomPassword(127) + '🌋';
  assert.equal([...emojiEnd].length, 128);
  assert.equal((await changePassword(s, PASSWORD, emojiEnd)).status, 204);
  await loginOk(u, emojiEnd);
  // 128 Javanese-script letters: 384 bytes; the last letter differs -> login fails.
  const jv = 'ꦲꦤꦕꦫꦏꦢꦠꦱꦮꦭꦥꦝꦗꦪꦚꦩꦒꦧꦛꦔ';
  let javanese = '';
  for (let i = 0; i < 128; i++) javanese += jv[(i * 7 + 3) % jv.length];
  assert.equal([...javanese].length, 128);
  const s2 = await loginOk(u, emojiEnd);
  assert.equal((await changePassword(s2, emojiEnd, javanese)).status, 204);
  await loginOk(u, javanese);
  const tail = jv[(jv.indexOf(javanese.at(-1)) + 1) % jv.length];
  assertError((await login(u, javanese.slice(0, -1) + tail)).res, 401, 'invalid_credentials');
  const s3 = await loginOk(u, javanese);
  assertRefused(await changePassword(s3, javanese, javanese + 'ꦲ'));
});

test('emoji and Javanese script round-trip', async () => {
  const u = account();
  const s = await loginOk(u);
  const pw = 'ꦱꦸꦫꦏꦂꦠ🌋🌺🦜ꦗꦺꦴꦒꦗ 🐉 ñ';
  assert.equal((await changePassword(s, PASSWORD, pw)).status, 204);
  await loginOk(u, pw);
});

test('a password change ends the other sessions of the user, not the current one', async () => {
  const u = account();
  const a = await loginOk(u);
  const b = await loginOk(u);
  const c = await loginOk(u);
  const res = await changePassword(a, PASSWORD, randomPassword(20));
  assert.equal(res.status, 204, res.text);
  assertError(await me(b), 401, 'unauthenticated');
  assertError(await me(c), 401, 'unauthenticated');
  assert.equal((await me(a)).status, 200);
});

test('must_change_password: a password set by `abdi user add` must be changed, and the flag clears', async () => {
  const u = account();
  const s = await loginOk(u);
  assert.equal(s.user.must_change_password, true, 'user add sets must_change_password');
  assert.equal((await changePassword(s, PASSWORD, randomPassword(16))).status, 204);
  const m = await me(s);
  assert.equal(m.status, 200);
  assert.equal(m.json.user.must_change_password, false);
});
