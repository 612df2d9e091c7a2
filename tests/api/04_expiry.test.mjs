// Session expiry with the fake clock: 30 min idle, 12 h absolute. ASVS 3.3.2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USERS, advanceClock, assertError, loginOk, me } from './lib.mjs';

test('idle: 29 min of silence is fine, then 31 min more -> 401', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  advanceClock(29 * 60);
  assert.equal((await me(s)).status, 200, 'a session idle 29 min must still live');
  advanceClock(31 * 60);
  assertError(await me(s), 401, 'unauthenticated');
  // It stays dead: activity after expiry does not revive it.
  assertError(await me(s), 401, 'unauthenticated');
});

test('absolute: active every 20 min, alive at 11 h 59 min, dead at 12 h 1 min', async () => {
  const s = await loginOk(USERS.pegawaiDinkes);
  let minutes = 0;
  while (minutes + 20 <= 11 * 60 + 40) {
    advanceClock(20 * 60);
    minutes += 20;
    const res = await me(s);
    assert.equal(res.status, 200, `active session died at ${minutes} min: ${res.text}`);
  }
  assert.equal(minutes, 11 * 60 + 40);
  advanceClock(19 * 60);
  assert.equal((await me(s)).status, 200, 'alive at 11 h 59 min');
  advanceClock(2 * 60);
  assertError(await me(s), 401, 'unauthenticated');
});

test('a new login after expiry works and gets a new token', async () => {
  const a = await loginOk(USERS.pegawaiDinkes);
  advanceClock(31 * 60);
  assertError(await me(a), 401, 'unauthenticated');
  const b = await loginOk(USERS.pegawaiDinkes);
  assert.notEqual(a.token, b.token);
  assert.equal((await me(b)).status, 200);
});
