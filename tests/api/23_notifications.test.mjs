// 23_notifications.test.mjs - the notify module (issue 4 "every step notifies the next person";
// docs/api-notifications.md): a user's own list with the unread count and paging, marking one
// or all read (audited; another user's id is 404 and changes nothing), and e-mail: with SMTP
// not configured (the suite's server) no mail is queued; a second server on the same database
// with --smtp sends the outbox to a tiny SMTP sink on loopback (To, Subject as an encoded-word,
// body with a dot-stuffed line arrive; one recipient); an address with CR/LF is never sent.
// Notifications are made through the superadmin's test route (POST /notifications/test).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import {
  freePort,
  get, post, request, loginOk, assertError, sql, sqlOk, USERS, BIN, DB_URL, AUDIT_KEY,
  CLOCK_FILE, ENGINE,
} from './lib.mjs';

function userRow(username) {
  const [id, emp] = sqlOk(`SELECT id, employee_id FROM users WHERE username = '${username}'`).split('|');
  return { id: Number(id), employeeId: Number(emp) };
}

const count = (q) => Number(sqlOk(q));
const auditCount = (action) => count(`SELECT count(*) FROM audit_log WHERE action = '${action}'`);

// to: a user id, or {employee_id} (the route then calls notify_employee)
async function sendTest(admin, to, opts = {}) {
  const body = typeof to === 'number' ? { user_id: to } : to;
  const res = await post('/api/v1/notifications/test', body, { session: admin, ...opts });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('own list: newest first, unread count, ?unread=true, paging; refused parameters', async () => {
  const admin = await loginOk(USERS.superadmin);
  const peg = userRow(USERS.pegawaiDinkes);
  const s = await loginOk(USERS.pegawaiDinkes);
  const before = (await get('/api/v1/notifications', { session: s })).json;
  assert.equal(typeof before.unread, 'number');
  const a = await sendTest(admin, peg.id);
  const b = await sendTest(admin, { employee_id: peg.employeeId }); // through notify_employee
  assert.ok(b.id > a.id);
  assert.equal(b.title, a.title);
  assert.equal(a.kind, 'test');
  assert.equal(a.title, 'Notifikasi uji Abdi');
  assert.equal(a.link, '#/notifikasi');
  assert.equal(a.read_at, null);
  assert.match(a.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  const all = await get('/api/v1/notifications', { session: s });
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.unread, before.unread + 2);
  assert.equal(all.json.total, before.total + 2);
  assert.deepEqual(all.json.items.slice(0, 2).map((n) => n.id), [b.id, a.id]);
  assert.equal(all.json.items[0].body.length > 0, true);

  const page2 = await get('/api/v1/notifications?per_page=1&page=2', { session: s });
  assert.equal(page2.status, 200);
  assert.equal(page2.json.items.length, 1);
  assert.equal(page2.json.items[0].id, a.id);
  assert.equal(page2.json.per_page, 1);

  // nobody else sees them
  const other = await loginOk(USERS.adminDinkes);
  const theirs = await get('/api/v1/notifications?per_page=100', { session: other });
  assert.equal(theirs.status, 200);
  assert.ok(!theirs.json.items.some((n) => n.id === a.id || n.id === b.id));

  assertError(await get('/api/v1/notifications?unread=ya', { session: s }), 422, 'validation_failed', 'unread');
  assertError(await get('/api/v1/notifications?user_id=1', { session: s }), 422, 'unknown_parameter', 'user_id');
  assertError(await get('/api/v1/notifications'), 401, 'unauthenticated');

  // no SMTP on the suite's server: nothing queued
  assert.equal(count('SELECT count(*) FROM mail_outbox'), 0);
});

test('mark one read: own only (another user\'s id 404, unchanged), audited once', async () => {
  const admin = await loginOk(USERS.superadmin);
  const peg = userRow(USERS.pegawaiDinkes);
  const n = await sendTest(admin, peg.id);
  const s = await loginOk(USERS.pegawaiDinkes);
  const other = await loginOk(USERS.adminDinkes);
  const audits = auditCount('notification.read');

  assertError(await post(`/api/v1/notifications/${n.id}/read`, {}, { session: other }), 404, 'not_found');
  assert.equal(sqlOk(`SELECT count(*) FROM notifications WHERE id = ${n.id} AND read_at IS NULL`), '1');
  assertError(await post('/api/v1/notifications/999999999/read', {}, { session: s }), 404, 'not_found');
  assertError(await post(`/api/v1/notifications/${n.id}/read`, { x: 1 }, { session: s }), 422, 'unknown_field', 'x');
  assert.equal(auditCount('notification.read'), audits);

  const unread = (await get('/api/v1/notifications?unread=true', { session: s })).json;
  assert.ok(unread.items.some((x) => x.id === n.id));
  const res = await post(`/api/v1/notifications/${n.id}/read`, {}, { session: s });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.id, n.id);
  assert.match(res.json.read_at, /Z$/);
  assert.equal(res.json.unread, unread.unread - 1);
  assert.equal(auditCount('notification.read'), audits + 1);
  const row = sqlOk(`SELECT entity, entity_id, actor_id FROM audit_log WHERE action = 'notification.read' ORDER BY id DESC LIMIT 1`);
  assert.equal(row, `notification|${n.id}|${peg.id}`);

  const after = (await get('/api/v1/notifications?unread=true', { session: s })).json;
  assert.ok(!after.items.some((x) => x.id === n.id));
  assert.equal(after.unread, unread.unread - 1);
  assert.equal(after.total, after.unread);

  // again: nothing changes, no second audit row
  const again = await post(`/api/v1/notifications/${n.id}/read`, {}, { session: s });
  assert.equal(again.status, 200);
  assert.equal(again.json.read_at, res.json.read_at);
  assert.equal(auditCount('notification.read'), audits + 1);

  // CSRF like every write
  assertError(await request('POST', `/api/v1/notifications/${n.id}/read`, { session: s, csrf: null, json: {} }), 403, 'csrf_failed');
});

test('read-all marks only what was seen (id <= up_to_id), audited; {} refused', async () => {
  const admin = await loginOk(USERS.superadmin);
  const peg = userRow(USERS.pegawaiDinkes);
  const s = await loginOk(USERS.pegawaiDinkes);
  const seen = await sendTest(admin, peg.id);
  const list = (await get('/api/v1/notifications?unread=true&per_page=100', { session: s })).json;
  const late = await sendTest(admin, peg.id); // arrives after the list was shown
  const audits = auditCount('notification.read_all');

  assertError(await post('/api/v1/notifications/read-all', {}, { session: s }), 422, 'validation_failed', 'up_to_id');
  assertError(await post('/api/v1/notifications/read-all', { up_to_id: 0 }, { session: s }), 422, 'validation_failed', 'up_to_id');
  assert.equal(auditCount('notification.read_all'), audits);

  const res = await post('/api/v1/notifications/read-all', { up_to_id: list.items[0].id }, { session: s });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.marked, list.unread);
  assert.equal(res.json.unread, 1);
  assert.equal(sqlOk(`SELECT count(*) FROM notifications WHERE id = ${seen.id} AND read_at IS NOT NULL`), '1');
  assert.equal(sqlOk(`SELECT count(*) FROM notifications WHERE id = ${late.id} AND read_at IS NULL`), '1');
  assert.equal(auditCount('notification.read_all'), audits + 1);

  // another user's read-all never touches pegawai's notifications
  const other = await loginOk(USERS.adminDinkes);
  const r2 = await post('/api/v1/notifications/read-all', { up_to_id: late.id }, { session: other });
  assert.equal(r2.status, 200);
  assert.equal(sqlOk(`SELECT count(*) FROM notifications WHERE id = ${late.id} AND read_at IS NULL`), '1');

  const r3 = await post('/api/v1/notifications/read-all', { up_to_id: late.id }, { session: s });
  assert.equal(r3.json.marked, 1);
  assert.equal(r3.json.unread, 0);
  // nothing left: no audit row for an empty mark
  const n = auditCount('notification.read_all');
  const r4 = await post('/api/v1/notifications/read-all', { up_to_id: late.id }, { session: s });
  assert.equal(r4.json.marked, 0);
  assert.equal(auditCount('notification.read_all'), n);
});

test('test route: superadmin only, exactly one of user_id / employee_id, which must exist', async () => {
  const s = await loginOk(USERS.bkpsdm);
  const peg = userRow(USERS.pegawaiDinkes);
  assertError(await post('/api/v1/notifications/test', { user_id: peg.id }, { session: s }), 403, 'forbidden');
  const admin = await loginOk(USERS.superadmin);
  const before = count('SELECT count(*) FROM notifications');
  assertError(await post('/api/v1/notifications/test', {}, { session: admin }), 422, 'validation_failed', 'user_id');
  assertError(await post('/api/v1/notifications/test', { user_id: 999999999 }, { session: admin }), 422, 'validation_failed', 'user_id');
  assertError(await post('/api/v1/notifications/test', { user_id: peg.id, employee_id: peg.employeeId }, { session: admin }), 422, 'validation_failed', 'user_id');
  assertError(await post('/api/v1/notifications/test', { employee_id: 999999999 }, { session: admin }), 422, 'validation_failed', 'employee_id');
  // an employee record without an account: notify_employee would be a no-op, the route says so
  const lone = sqlOk('SELECT e.id FROM employees e WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.employee_id = e.id) ORDER BY e.id LIMIT 1');
  assertError(await post('/api/v1/notifications/test', { employee_id: Number(lone) }, { session: admin }), 422, 'validation_failed', 'employee_id');
  assert.equal(count('SELECT count(*) FROM notifications'), before);
});

// ---------------------------------------------------------------- e-mail through SMTP

// A minimal SMTP server on loopback that records every message (dot-unstuffed).
function smtpSink() {
  const messages = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let cur = { from: null, rcpt: [], data: null };
    let inData = false;
    sock.write('220 sink ESMTP\r\n');
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          cur.data = buf.slice(0, end + 2).split('\r\n').map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n');
          buf = buf.slice(end + 5);
          inData = false;
          messages.push(cur);
          cur = { from: null, rcpt: [], data: null };
          sock.write('250 OK queued\r\n');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250-sink\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') { cur.from = line; sock.write('250 OK\r\n'); }
        else if (cmd === 'RCPT') { cur.rcpt.push(line); sock.write('250 OK\r\n'); }
        else if (cmd === 'DATA') { inData = true; sock.write('354 go\r\n'); }
        else if (cmd === 'QUIT') { sock.end('221 bye\r\n'); return; }
        else sock.write('250 OK\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, messages, port: server.address().port })));
}


async function waitFor(what, fn, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let mailServer;
after(async () => {
  if (mailServer && mailServer.exitCode === null) mailServer.kill('SIGKILL');
});

test('with --smtp: the outbox is sent to the SMTP server (To, Subject, body, one recipient); CR/LF addresses never', async () => {
  const sink = await smtpSink();
  const port = await freePort();
  const files = process.env.ABDI_FILES_DIR ? ['--files', process.env.ABDI_FILES_DIR] : [];
  mailServer = spawn(BIN, ['--db', DB_URL, '--audit-key', AUDIT_KEY, 'serve', '--listen', `127.0.0.1:${port}`,
    '--smtp', `smtp://127.0.0.1:${sink.port}`, '--smtp-from', 'abdi@medan.go.id', ...files],
  { env: { ...process.env, ABDI_TEST_CLOCK_FILE: CLOCK_FILE }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  mailServer.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the mail server', async () => {
    try { return (await fetch(`${base}/api/v1/health`)).status === 200; } catch { return false; }
  });
  try {
    const peg = userRow(USERS.pegawaiDinkes);
    const oldEmail = sqlOk(`SELECT coalesce(email, '') FROM employees WHERE id = ${peg.employeeId}`);
    sqlOk(`UPDATE employees SET email = 'budi.pegawai@dinkes.medan.go.id' WHERE id = ${peg.employeeId}`);
    const admin = await loginOk(USERS.superadmin);
    // through the server with SMTP: notification + outbox row, sent by its mail thread
    const res = await fetch(`${base}/api/v1/notifications/test`, {
      method: 'POST',
      headers: { cookie: `abdi_session=${admin.token}`, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ employee_id: peg.employeeId }), // notify_employee's mail path
    });
    assert.equal(res.status, 201, await res.text());
    const m = await waitFor('the test mail', () => sink.messages.find((x) => /Notifikasi uji Abdi/.test(x.data)));
    assert.equal(m.from, 'MAIL FROM:<abdi@medan.go.id>');
    assert.deepEqual(m.rcpt, ['RCPT TO:<budi.pegawai@dinkes.medan.go.id>']);
    assert.match(m.data, /^To: <budi\.pegawai@dinkes\.medan\.go\.id>\r$/m);
    assert.match(m.data, /^Subject: Notifikasi uji Abdi\r$/m);
    assert.match(m.data, /^From: <abdi@medan\.go\.id>\r$/m);
    assert.match(m.data, /\r\n\r\nIni notifikasi uji dari Abdi\./);
    await waitFor('sent_at', () => count(`SELECT count(*) FROM mail_outbox WHERE to_addr = 'budi.pegawai@dinkes.medan.go.id' AND sent_at IS NOT NULL`) === 1);

    // notify_user's mail path too (a user id)
    const r2 = await fetch(`${base}/api/v1/notifications/test`, {
      method: 'POST',
      headers: { cookie: `abdi_session=${admin.token}`, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: peg.id }),
    });
    assert.equal(r2.status, 201);
    await waitFor('the second test mail', () => sink.messages.filter((x) => /Notifikasi uji Abdi/.test(x.data)).length === 2);
    // an account whose record has no e-mail gets the notification but no mail
    const other = userRow(USERS.pegawaiDisdik);
    sqlOk(`UPDATE employees SET email = NULL WHERE id = ${other.employeeId}`);
    const outbox = count('SELECT count(*) FROM mail_outbox');
    const r3 = await fetch(`${base}/api/v1/notifications/test`, {
      method: 'POST',
      headers: { cookie: `abdi_session=${admin.token}`, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: other.id }),
    });
    assert.equal(r3.status, 201);
    assert.equal(count('SELECT count(*) FROM mail_outbox'), outbox);

    // an outbox row written by any module: non-ASCII subject, a line starting with a dot
    const now = Number(sqlOk('SELECT max(created_at) FROM notifications'));
    sqlOk(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, next_at) VALUES ('siti@disdik.medan.go.id', 'Cuti disetujui — Siti', 'Baris satu\n.titik di awal\nBaris tiga', ${now}, ${now})`);
    const m2 = await waitFor('the second mail', () => sink.messages.find((x) => x.rcpt[0] === 'RCPT TO:<siti@disdik.medan.go.id>'));
    assert.match(m2.data, /^Subject: =\?UTF-8\?B\?Q3V0aSBkaXNldHVqdWkg4oCUIFNpdGk=\?=\r$/m);
    assert.match(m2.data, /\r\n\r\nBaris satu\r\n\.titik di awal\r\nBaris tiga\r\n$/);

    // header injection: an address with CR/LF is given up, never sent
    const sent = sink.messages.length;
    sqlOk(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, next_at) VALUES ('x@y.id' || char(13) || char(10) || 'Bcc: evil@z.id', 'S', 'b', ${now}, ${now})`
      .replace("char(13) || char(10)", ENGINE === 'sqlite' ? 'char(13) || char(10)' : 'chr(13) || chr(10)'));
    await waitFor('the refusal', () => count(`SELECT count(*) FROM mail_outbox WHERE to_addr LIKE 'x@y.id%' AND attempts = 8 AND last_error IS NOT NULL AND sent_at IS NULL`) === 1);
    assert.equal(sink.messages.length, sent);
    assert.ok(!sink.messages.some((x) => x.rcpt.some((r) => /evil/.test(r))));

    sqlOk(`UPDATE employees SET email = ${oldEmail ? `'${oldEmail}'` : 'NULL'} WHERE id = ${peg.employeeId}`);
  } finally {
    mailServer.kill('SIGTERM');
    const code = await new Promise((r) => mailServer.on('exit', (c) => r(c)));
    sink.server.close();
    assert.equal(code, 0, `mail server exit ${code}: ${log.slice(-2000)}`);
  }
  assert.match(log, /event="mail_sent"/);
  assert.match(log, /event="mail_refused"/);
});

test('serve refuses a bad --smtp / --smtp-from, or one without the other', async () => {
  for (const args of [['--smtp', 'http://x:25', '--smtp-from', 'a@b'], ['--smtp', 'smtp://x:25', '--smtp-from', 'a b@c'],
    ['--smtp', 'smtp://x:25'], ['--smtp-from', 'a@b']]) {
    const p = spawn(BIN, ['--db', DB_URL, '--audit-key', AUDIT_KEY, 'serve', '--listen', '127.0.0.1:1', ...args], { stdio: 'ignore' });
    const code = await new Promise((r) => p.on('exit', (c) => r(c)));
    assert.equal(code, 2, args.join(' '));
  }
});

test('SIGTERM during a hung SMTP transfer: the server still stops at once (status 0)', async () => {
  const socks = [];
  const hung = net.createServer((s) => { socks.push(s); s.on('error', () => {}); }); // never greets
  await new Promise((r) => hung.listen(0, '127.0.0.1', r));
  const port = await freePort();
  const files = process.env.ABDI_FILES_DIR ? ['--files', process.env.ABDI_FILES_DIR] : [];
  const p = spawn(BIN, ['--db', DB_URL, '--audit-key', AUDIT_KEY, 'serve', '--listen', `127.0.0.1:${port}`,
    '--smtp', `smtp://127.0.0.1:${hung.address().port}`, '--smtp-from', 'abdi@medan.go.id', ...files],
  { env: { ...process.env, ABDI_TEST_CLOCK_FILE: CLOCK_FILE }, stdio: 'ignore' });
  try {
    const now = Number(sqlOk('SELECT max(created_at) FROM notifications'));
    sqlOk(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, next_at) VALUES ('lambat@x.id', 'S', 'b', ${now}, ${now})`);
    await waitFor('the sender to connect', () => socks.length > 0);
    const t0 = Date.now();
    p.kill('SIGTERM');
    const code = await new Promise((r) => p.on('exit', (c) => r(c)));
    assert.equal(code, 0);
    assert.ok(Date.now() - t0 < 5000, `stopped after ${Date.now() - t0} ms`);
    // counted as an attempt, waiting for the next one, not sent
    assert.equal(sqlOk("SELECT attempts, sent_at IS NULL FROM mail_outbox WHERE to_addr = 'lambat@x.id'").replace(/\|(t|1)$/, '|yes'), '1|yes');
  } finally {
    if (p.exitCode === null) p.kill('SIGKILL');
    for (const s of socks) s.destroy();
    hung.close();
  }
});
