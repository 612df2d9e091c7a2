// Log hygiene, read after (almost) the whole suite ran: one escaped line per event, UTC times,
// no password, session token, CSRF token or TOTP secret the tests have seen. ASVS 7.1.x, 3.1.1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { PASSWORD, SERVER_LOG, forgiveFailures, post, readSecrets } from './lib.mjs';

// time=<UTC> event="name" then key=value pairs; values are quoted with \xNN escapes, or integers.
const LINE = /^time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ event="[A-Za-z0-9_.\-]+"( [a-z_][a-z0-9_]*=("([^"\\\x00-\x1f\x7f]|\\x[0-9a-f]{2})*"|-?\d+))*$/;

test('a username with CR/LF in a login attempt cannot forge log lines', async () => {
  const forged = 'time=2001-01-01T00:00:00Z event="forged" user="root"';
  for (const username of ['evil\nuser', `x\r\n${forged}`, 'tab\tquote"back\\slash', 'ctl\x1b[31mred']) {
    const res = await post('/api/v1/auth/login', { username, password: 'bukan-sandi-yang-benar' });
    assert.ok(res.status === 401 || res.status === 422, `${JSON.stringify(username)}: ${res.status}`);
  }
  forgiveFailures();
  const lines = fs.readFileSync(SERVER_LOG, 'utf8').split('\n');
  assert.ok(!lines.some((l) => l.startsWith('time=2001-01-01T00:00:00Z event="forged"')), 'a forged log line');
  assert.ok(!lines.some((l) => l === 'user' || l.startsWith('user"') || l.startsWith('user ')), 'the username broke the line');
});

test('every server.log line is one well-formed event line with a UTC time', () => {
  const text = fs.readFileSync(SERVER_LOG, 'utf8');
  const lines = text.split('\n');
  assert.equal(lines.at(-1), '', 'the log ends with a newline');
  const bad = lines.slice(0, -1).filter((l) => !LINE.test(l));
  assert.deepEqual(bad.slice(0, 10), [], `${bad.length} malformed log lines`);
  const access = lines.filter((l) => / event="access" /.test(l));
  assert.ok(access.length > 100, `only ${access.length} access lines for the whole suite`);
  for (const l of access.slice(0, 50)) {
    assert.match(l, / method="[A-Z]+" path="[^"]*" status=\d{3} /, l);
  }
});

test('server.log holds no password, session token, CSRF token or TOTP secret seen by the tests', () => {
  const text = fs.readFileSync(SERVER_LOG, 'utf8');
  const secrets = readSecrets();
  assert.ok(secrets.length > 20, `only ${secrets.length} secrets recorded: is lib.mjs recording?`);
  assert.ok(!text.includes(PASSWORD), 'the demo password is in the log');
  const leaked = [...new Set(secrets)].filter((s) => text.includes(s));
  assert.deepEqual(leaked.map((s) => s.slice(0, 12) + '…'), [], `${leaked.length} secrets in server.log`);
  assert.ok(!/abdi_session=/i.test(text), 'a cookie in the log');
  assert.ok(!/\$argon2/.test(text), 'a password hash in the log');
});
