// 13_cli.test.mjs - the command line: --help/--version, bad arguments (one line on stderr,
// exit 2), a fresh `migrate` has no users (ASVS 2.5.4), `demo` refuses a non-empty database
// and creates extra employee accounts, `user add` needs a first-login password change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, TMPDIR, PASSWORD, abdi, login, sql } from './lib.mjs';

function cli(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || '' };
}

test('--help and --version', () => {
  const h = cli(['--help']);
  assert.equal(h.status, 0);
  for (const word of ['serve', 'migrate', 'demo', 'user add', 'backup', 'audit verify', '--db']) {
    assert.ok(h.stdout.includes(word), `--help lacks ${word}`);
  }
  const v = cli(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^abdi \d+\.\d+\.\d+\n$/);
});

test('bad arguments: exit 2 with one line on stderr', () => {
  const key = path.join(TMPDIR, 'cli.key');
  const cases = [
    [],
    ['frobnicate'],
    ['--db'],
    ['--nope', 'serve'],
    ['--audit-key', key, 'serve', '--listen', 'localhost'],
    ['--audit-key', key, 'serve', '--listen', '127.0.0.1:99999'],
    ['--audit-key', key, 'serve', '--threads', '0'],
    ['--audit-key', key, 'demo', '--employees', 'banyak'],
    ['--audit-key', key, 'user', 'add', 'x.y'],
    ['--audit-key', key, 'user', 'add', 'x.y', '--name', 'X', '--role', 'raja', '--unit', 'DINKES'],
    ['--audit-key', key, 'user', 'remove', 'x'],
    ['--audit-key', key, 'audit', 'check'],
    ['--audit-key', key, 'backup'],
    ['--audit-key', key, 'migrate', 'now'],
  ];
  for (const args of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')} -> ${r.status}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^abdi: /);
  }
});

test('an unreachable or unknown database is a clear error, exit 1', () => {
  const key = path.join(TMPDIR, 'cli.key');
  const r = cli(['--db', 'mysql://localhost/x', '--audit-key', key, 'migrate']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /sqlite:PATH atau postgresql/);
});

test('a migrated database has no users; demo fills it once, with employee records', () => {
  const db = `sqlite:${path.join(TMPDIR, 'cli-fresh.db')}`;
  const key = path.join(TMPDIR, 'cli-fresh.key');
  assert.equal(cli(['--db', db, '--audit-key', key, 'migrate']).status, 0);
  assert.equal(sql('SELECT count(*) FROM users', db).stdout, '0');
  const demo = cli(['--db', db, '--audit-key', key, 'demo', '--employees', '25']);
  assert.equal(demo.status, 0, demo.stderr);
  assert.match(demo.stdout, /Akun \(kata sandi semua: [a-z2-9#-]{23}\)/, 'a generated password is printed');
  assert.equal(sql('SELECT count(*) FROM users', db).stdout, String(7 + 25));
  // 25 numbered records and one for each named demo account that is an employee (6 of 7)
  assert.equal(sql('SELECT count(DISTINCT nip) FROM employees', db).stdout, '31');
  assert.equal(sql('SELECT count(*) FROM employee_rank_history', db).stdout, '31');
  assert.equal(sql('SELECT count(*) FROM users WHERE employee_id IS NOT NULL', db).stdout, '31');
  // NIK encrypted at rest (security-tests 6.1.1): no demo NIK (region 127501) in the file
  assert.equal(sql("SELECT count(*) FROM employees WHERE nik NOT LIKE 'v1:%'", db).stdout, '0');
  const dbFile = db.slice('sqlite:'.length);
  for (const f of [dbFile, `${dbFile}-wal`].filter((x) => fs.existsSync(x))) {
    assert.ok(!/127501\d{10}/.test(fs.readFileSync(f).toString('latin1')), `a NIK in clear in ${f}`);
  }
  assert.ok(Number(sql('SELECT count(*) FROM units', db).stdout) >= 30);
  const again = cli(['--db', db, '--audit-key', key, 'demo']);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /kosong/);
  assert.equal(cli(['--db', db, '--audit-key', key, 'audit', 'verify']).status, 0);
});

test('user add: the initial password must be changed before anything else', async () => {
  const r = abdi(['user', 'add', 'cli.baru', '--name', 'Pengguna Baru', '--role', 'pegawai',
    '--unit', 'DISDIK', '--password', PASSWORD]);
  assert.equal(r.status, 0, r.out);
  const { res, session } = await login('cli.baru');
  assert.equal(res.status, 200);
  assert.equal(res.json.user.must_change_password, true);
  const units = await fetch(`${process.env.ABDI_URL}/api/v1/units`, {
    headers: { cookie: `abdi_session=${session.token}` },
  });
  assert.equal(units.status, 403);
  assert.equal((await units.json()).error.code, 'password_change_required');
  const dup = abdi(['user', 'add', 'cli.baru', '--name', 'Lagi', '--role', 'pegawai', '--unit', 'DISDIK']);
  assert.equal(dup.status, 1);
  assert.match(dup.out, /sudah dipakai/);
});
