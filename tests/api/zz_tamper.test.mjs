// Audit-chain tamper detection (plan R11), last in the suite.
// SQLite: on a consistent copy made by `abdi backup`, verified with a copy of the key and its
// checkpoint. PostgreSQL: on the live database (CREATE DATABASE ... TEMPLATE needs it idle),
// restoring every change afterwards so the chain verifies again.
// Each case: the append-only trigger is bypassed by hand (as an attacker with DB access would),
// the row is changed, `abdi audit verify` must exit non-zero and name the row, then it is undone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  AUDIT_KEY, DB_URL, ENGINE, PASSWORD, TMPDIR, abdi, changePassword, loginOk, randomPassword, sql, sqlOk,
  userAdd,
} from './lib.mjs';

const COLS = 'id, at, actor_id, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash';
let target; // {dbUrl, auditKey}

function verify() {
  return abdi(['audit', 'verify'], target);
}

function assertVerifies(what) {
  const r = verify();
  assert.equal(r.status, 0, `${what}: audit verify exit ${r.status}\n${r.out}`);
}

// verify fails; when ids is given, its output names one of them.
function assertDetected(what, ids) {
  const r = verify();
  assert.notEqual(r.status, 0, `${what}: audit verify passed a tampered chain\n${r.out}`);
  assert.ok(r.status !== null, `${what}: audit verify crashed (${r.out})`);
  if (ids) {
    const named = ids.some((id) => new RegExp(`(^|[^0-9])${id}([^0-9]|$)`).test(r.out.replace(/\d{4}-\d\d-\d\dT[\d:]+Z?/g, '')));
    assert.ok(named, `${what}: output does not name row ${ids.join(' or ')}:\n${r.out}`);
  }
  return r;
}

const q = (s) => sqlOk(s, target.dbUrl);
const minId = () => Number(q('SELECT MIN(id) FROM audit_log'));
const maxId = () => Number(q('SELECT MAX(id) FROM audit_log'));

before(async () => {
  // Make sure there are enough rows: a password change is an audited write.
  userAdd('tamper.uji', { name: 'Uji Tamper' });
  const s = await loginOk('tamper.uji');
  assert.equal((await changePassword(s, PASSWORD, randomPassword(16))).status, 204);
  if (ENGINE === 'sqlite') {
    const dir = path.join(TMPDIR, 'tamper');
    fs.mkdirSync(dir, { recursive: true });
    const copy = path.join(dir, 'copy.db');
    const b = abdi(['backup', copy]);
    assert.equal(b.status, 0, `abdi backup: ${b.out}`);
    const key = path.join(dir, 'audit.key');
    fs.copyFileSync(AUDIT_KEY, key);
    if (fs.existsSync(`${AUDIT_KEY}.ckpt`)) fs.copyFileSync(`${AUDIT_KEY}.ckpt`, `${key}.ckpt`);
    target = { dbUrl: `sqlite:${copy}`, auditKey: key };
  } else {
    target = { dbUrl: DB_URL, auditKey: AUDIT_KEY };
  }
});

after(() => {
  if (ENGINE === 'postgresql' && target) {
    sql('DROP TABLE IF EXISTS tamper_save', target.dbUrl);
    sql('ALTER TABLE audit_log ENABLE TRIGGER USER', target.dbUrl);
  }
});

test('the untouched chain verifies and has rows to tamper with', () => {
  assertVerifies('clean');
  assert.ok(maxId() - minId() >= 3, 'at least 4 audit rows');
});

test('the database refuses UPDATE and DELETE on audit_log', () => {
  const id = minId() + 1;
  const before = q(`SELECT after_json FROM audit_log WHERE id = ${id}`);
  const up = sql(`UPDATE audit_log SET after_json = '{"x":1}' WHERE id = ${id}`, target.dbUrl);
  assert.notEqual(up.status, 0, 'UPDATE on audit_log was allowed');
  assert.match(up.stderr, /append-only/);
  const del = sql(`DELETE FROM audit_log WHERE id = ${id}`, target.dbUrl);
  assert.notEqual(del.status, 0, 'DELETE on audit_log was allowed');
  assert.equal(q(`SELECT after_json FROM audit_log WHERE id = ${id}`), before);
  assertVerifies('after refused writes');
  // Now play the attacker with DB access: remove the protection.
  if (ENGINE === 'sqlite') q('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  else q('ALTER TABLE audit_log DISABLE TRIGGER USER');
});

test('(a) an edited middle row is detected and named', () => {
  const id = minId() + 1;
  q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id = ${id}`);
  q(`UPDATE audit_log SET after_json = '{"x":1}' WHERE id = ${id}`);
  assertDetected('edited row', [id]);
  q(`UPDATE audit_log SET after_json = (SELECT after_json FROM tamper_save) WHERE id = ${id}`);
  q('DROP TABLE tamper_save');
  assertVerifies('edit undone');
});

test('(a2) an edited actor, time or action is detected too', () => {
  const id = minId() + 2;
  for (const [col, value] of [['actor_id', '424242'], ['at', '1'], ['action', "'user.login'"], ['ip', "'10.6.6.6'"]]) {
    q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id = ${id}`);
    q(`UPDATE audit_log SET ${col} = ${value} WHERE id = ${id}`);
    assertDetected(`edited ${col}`, [id]);
    q(`UPDATE audit_log SET ${col} = (SELECT ${col} FROM tamper_save) WHERE id = ${id}`);
    q('DROP TABLE tamper_save');
  }
  assertVerifies('edits undone');
});

test('(b) a deleted middle row is detected and named', () => {
  const id = minId() + 1;
  q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id = ${id}`);
  q(`DELETE FROM audit_log WHERE id = ${id}`);
  assertDetected('deleted middle row', [id, id + 1]);
  q(`INSERT INTO audit_log (${COLS}) SELECT ${COLS} FROM tamper_save`);
  q('DROP TABLE tamper_save');
  assertVerifies('deletion undone');
});

test('(c) a deleted LAST row is detected (the checkpoint outside the database)', () => {
  const id = maxId();
  q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id = ${id}`);
  q(`DELETE FROM audit_log WHERE id = ${id}`);
  assertDetected('truncated chain');
  q(`INSERT INTO audit_log (${COLS}) SELECT ${COLS} FROM tamper_save`);
  q('DROP TABLE tamper_save');
  assertVerifies('truncation undone');
});

test('(c2) the last three rows deleted is detected', () => {
  const from = maxId() - 2;
  q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id >= ${from}`);
  q(`DELETE FROM audit_log WHERE id >= ${from}`);
  assertDetected('truncated by three');
  q(`INSERT INTO audit_log (${COLS}) SELECT ${COLS} FROM tamper_save`);
  q('DROP TABLE tamper_save');
  assertVerifies('truncation undone');
});

test('(e) a middle row moved to the end (re-inserted under a new id) is detected', () => {
  const id = minId() + 1;
  const end = maxId() + 1;
  q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id = ${id}`);
  q(`DELETE FROM audit_log WHERE id = ${id}`);
  q(`INSERT INTO audit_log (${COLS}) SELECT ${end}, at, actor_id, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM tamper_save`);
  assertDetected('reordered row', [id, id + 1, end]);
  q(`DELETE FROM audit_log WHERE id = ${end}`);
  q(`INSERT INTO audit_log (${COLS}) SELECT ${COLS} FROM tamper_save`);
  q('DROP TABLE tamper_save');
  assertVerifies('reorder undone');
});

test('(e2) two rows with their contents swapped are detected', () => {
  const a = minId() + 1;
  const b = minId() + 2;
  q(`CREATE TABLE tamper_save AS SELECT ${COLS} FROM audit_log WHERE id IN (${a}, ${b})`);
  for (const [x, y] of [[a, b], [b, a]]) {
    q(`UPDATE audit_log SET after_json = (SELECT after_json FROM tamper_save WHERE id = ${y}), before_json = (SELECT before_json FROM tamper_save WHERE id = ${y}), action = (SELECT action FROM tamper_save WHERE id = ${y}) WHERE id = ${x}`);
  }
  assertDetected('swapped rows', [a, b]);
  for (const x of [a, b]) {
    q(`UPDATE audit_log SET after_json = (SELECT after_json FROM tamper_save WHERE id = ${x}), before_json = (SELECT before_json FROM tamper_save WHERE id = ${x}), action = (SELECT action FROM tamper_save WHERE id = ${x}) WHERE id = ${x}`);
  }
  q('DROP TABLE tamper_save');
  assertVerifies('swap undone');
});

test('(f) an older backup checked against the newer checkpoint is detected (SQLite)', { skip: ENGINE !== 'sqlite' && 'SQLite only' }, async () => {
  // The copy was made in before(); this audited write moves the live checkpoint past it.
  const u = 'tamper.uji2';
  userAdd(u, { name: 'Uji Tamper 2' });
  const s = await loginOk(u);
  assert.equal((await changePassword(s, PASSWORD, randomPassword(16))).status, 204);
  const r = abdi(['audit', 'verify'], { dbUrl: target.dbUrl, auditKey: AUDIT_KEY });
  assert.notEqual(r.status, 0, `an old backup verified against the live checkpoint:\n${r.out}`);
  const live = abdi(['audit', 'verify']);
  assert.equal(live.status, 0, `the live chain: ${live.out}`);
});
