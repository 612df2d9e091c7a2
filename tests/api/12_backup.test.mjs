// 12_backup.test.mjs - security-tests.md R10 on SQLite: `abdi backup` while writes go on.
// The copy is mode 0600, passes PRAGMA integrity_check, verifies against its own signed
// checkpoint (FILE.ckpt), and holds every write acknowledged before the backup started.
// PostgreSQL backups are pg_dump's job (the CLI says so; checked here too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { post, loginOk, USERS, BIN, DB_URL, AUDIT_KEY, ENGINE, TMPDIR, abdi, sql } from './lib.mjs';

function run(args) {
  return new Promise((resolve) => {
    const p = spawn(BIN, ['--db', DB_URL, '--audit-key', AUDIT_KEY, ...args]);
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('close', (status) => resolve({ status, out }));
  });
}

test('backup under write load: consistent, verifiable, nothing acknowledged before it missing',
  { skip: ENGINE !== 'sqlite' && 'SQLite only (PostgreSQL: pg_dump)' }, async () => {
    const s = await loginOk(USERS.bkpsdm);
    const root = (await (await fetch(`${process.env.ABDI_URL}/api/v1/units`, {
      headers: { cookie: `abdi_session=${s.token}` },
    })).json()).items[0].id;
    const copy = path.join(TMPDIR, 'backup-under-load.db');
    const before = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const code = `BKP-${process.pid}-${n++}`;
        const res = await post('/api/v1/units', { parent_id: root, code, name: `Unit ${code}`, kind: 'bidang' }, { session: s });
        assert.equal(res.status, 201, res.text);
        if (!started) before.push(code);
      }
    };
    let started = false;
    const writers = [writer(), writer(), writer(), writer()];
    await new Promise((r) => setTimeout(r, 300));
    started = true;
    const acked = before.length;
    const backup = await run(['backup', copy]);
    await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await Promise.all(writers);
    assert.equal(backup.status, 0, backup.out);
    assert.ok(acked > 0, 'no write was acknowledged before the backup started');
    assert.equal(fs.statSync(copy).mode & 0o777, 0o600, 'backup file mode');
    assert.equal(sql('PRAGMA integrity_check', `sqlite:${copy}`).stdout, 'ok');
    const verify = abdi(['audit', 'verify', '--checkpoint', `${copy}.ckpt`], { dbUrl: `sqlite:${copy}` });
    assert.equal(verify.status, 0, verify.out);
    const present = new Set(sql('SELECT code FROM units', `sqlite:${copy}`).stdout.split('\n'));
    const missing = before.slice(0, acked).filter((c) => !present.has(c));
    console.log(`backup-drill acked_before=${acked} total_writes=${n} missing=${missing.length}`);
    assert.deepEqual(missing, []);
    // the live database moved on: the copy fails against the live checkpoint, as it should
    const stale = abdi(['audit', 'verify'], { dbUrl: `sqlite:${copy}` });
    assert.notEqual(stale.status, 0, 'an older copy must not verify against the newer checkpoint');
  });

test('backup of a PostgreSQL database is refused with a clear message',
  { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, async () => {
    const r = abdi(['backup', path.join(TMPDIR, 'x.db')]);
    assert.equal(r.status, 1);
    assert.match(r.out, /pg_dump/);
  });
