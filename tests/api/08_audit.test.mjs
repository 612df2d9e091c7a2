// The audit trail through the API and `abdi audit verify` on the untouched chain. ASVS V7.
// (Tampering is in zz_tamper.test.mjs, last.)
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  PASSWORD, USERS, abdi, assertError, changePassword, get, loginOk, randomPassword, serverNow, userAdd,
} from './lib.mjs';

const ITEM_FIELDS = ['id', 'at', 'actor_id', 'ip', 'action', 'entity', 'entity_id', 'before', 'after', 'hash'];
let subject; // {id, username, newPassword}

before(async () => {
  userAdd('audit.uji', { name: 'Uji Audit' });
  const s = await loginOk('audit.uji');
  const newPassword = randomPassword(18);
  const res = await changePassword(s, PASSWORD, newPassword);
  assert.equal(res.status, 204, res.text);
  subject = { id: s.user.id, username: 'audit.uji', newPassword };
});

test('a password change leaves an audit row (entity user, action *password*), without secrets', async () => {
  const s = await loginOk(USERS.bkpsdm);
  const res = await get('/api/v1/audit?entity=user&per_page=200', { session: s });
  assert.equal(res.status, 200, res.text);
  for (const it of res.json.items) {
    assert.deepEqual(Object.keys(it).sort(), [...ITEM_FIELDS].sort());
    assert.equal(it.entity, 'user', 'the entity filter');
  }
  const rows = res.json.items.filter((it) => String(it.entity_id) === String(subject.id) && /password/.test(it.action));
  assert.equal(rows.length, 1, `password-change rows of user ${subject.id}: ${JSON.stringify(res.json.items.slice(0, 5))}`);
  const row = rows[0];
  assert.match(row.action, /^user\.password/);
  assert.equal(row.actor_id, subject.id);
  assert.equal(row.ip, '127.0.0.1');
  assert.ok(Number.isInteger(row.id));
  assert.equal(typeof row.hash, 'string');
  assert.ok(row.hash.length >= 32);
  const when = typeof row.at === 'number' ? row.at : Date.parse(row.at) / 1000;
  assert.ok(Math.abs(when - serverNow()) < 300, `audit time ${row.at} is the server's (fake) now`);
  const text = JSON.stringify(row);
  assert.ok(!text.includes(subject.newPassword), 'the new password is in the audit row');
  assert.ok(!text.includes(PASSWORD), 'the old password is in the audit row');
  assert.ok(!/\$argon2/.test(text), 'a password hash is in the audit row');
});

test('audit list: newest first, paging, filters', async () => {
  const s = await loginOk(USERS.bkpsdm);
  const all = await get('/api/v1/audit?per_page=50', { session: s });
  assert.equal(all.status, 200, all.text);
  const ids = all.json.items.map((it) => it.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
  assert.equal(all.json.per_page, 50);
  const p1 = await get('/api/v1/audit?per_page=1&page=1', { session: s });
  const p2 = await get('/api/v1/audit?per_page=1&page=2', { session: s });
  assert.equal(p1.json.items.length, 1);
  assert.equal(p2.json.items.length, 1);
  assert.equal(p1.json.total, all.json.total);
  assert.ok(p1.json.items[0].id > p2.json.items[0].id);
  assert.equal(p2.json.page, 2);
  const mine = await get(`/api/v1/audit?actor_id=${subject.id}`, { session: s });
  assert.equal(mine.status, 200);
  assert.ok(mine.json.items.length >= 1);
  assert.ok(mine.json.items.every((it) => it.actor_id === subject.id));
  const today = new Date(serverNow() * 1000).toISOString().slice(0, 10);
  const dated = await get(`/api/v1/audit?entity=user&from=${today}&to=${today}`, { session: s });
  assert.equal(dated.status, 200, dated.text);
  assert.ok(dated.json.items.some((it) => String(it.entity_id) === String(subject.id)));
  const past = await get('/api/v1/audit?entity=user&from=2001-01-01&to=2001-01-31', { session: s });
  assert.equal(past.status, 200);
  assert.equal(past.json.items.length, 0);
  assert.equal(past.json.total, 0);
});

test('audit list: bad parameters -> 4xx naming the parameter', async () => {
  const s = await loginOk(USERS.bkpsdm);
  assertError(await get('/api/v1/audit?per_page=201', { session: s }), 422, 'validation_failed', 'per_page');
  assertError(await get('/api/v1/audit?page=0', { session: s }), 422, 'validation_failed', 'page');
  assertError(await get('/api/v1/audit?from=2026-02-30', { session: s }), 422, 'validation_failed', 'from');
  assertError(await get('/api/v1/audit?actor_id=abc', { session: s }), 422, 'validation_failed', 'actor_id');
  assertError(await get('/api/v1/audit?entity=user&entity=unit', { session: s }), 400, 'duplicate_parameter', 'entity');
});

test('`abdi audit verify` exits 0 on the untouched chain', () => {
  const r = abdi(['audit', 'verify']);
  assert.equal(r.status, 0, `audit verify: exit ${r.status}\n${r.out}`);
});
