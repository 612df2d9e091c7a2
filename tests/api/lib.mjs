// tests/api/lib.mjs - shared helpers of the API suite (Node 20 built-ins only).
// Run through tests/api/run.sh, which starts the server and sets the ABDI_* environment.
//
// THE FAKE CLOCK AND LOGIN THROTTLING - rules for every test file
//   The server adds the integer in ABDI_CLOCK_FILE (seconds) to its wall clock at each use.
//   * Only ever move it forward (advanceClock / forgiveFailures), never back: sessions,
//     throttling windows and audit times are stored with it, and going back would make them
//     lie in the future. Files share the one clock, in name order.
//   * Moving it ends every session that is idle longer than 30 min, so log in inside each test
//     (login()), not once per file.
//   * Every test client is 127.0.0.1 to the server: 5 failed logins lock one account from that
//     address and 20 failed logins in 15 min lock the address for EVERY account. A test that
//     makes logins fail on purpose calls forgiveFailures() at its end (the clock then jumps past
//     the 15-min window and the per-account hour), and never makes more than 4 failures per
//     account or 19 in total between two forgiveFailures() calls.
//
// Secrets seen by the tests (session tokens, CSRF tokens, passwords) are appended to
// $ABDI_TMPDIR/seen-secrets.txt so that zz_logs.test.mjs can check the server log holds none.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suite through tests/api/run.sh`);
  return v;
}

export const BASE = env('ABDI_URL');
export const BIN = env('ABDI_BIN');
export const DB_URL = env('ABDI_DB_URL');
export const ENGINE = env('ABDI_ENGINE');
export const PASSWORD = env('ABDI_PASSWORD');
export const CLOCK_FILE = env('ABDI_CLOCK_FILE');
export const AUDIT_KEY = env('ABDI_AUDIT_KEY');
export const SERVER_LOG = env('ABDI_SERVER_LOG');
export const SERVER_PID = Number(env('ABDI_PID'));
export const TMPDIR = process.env.ABDI_TMPDIR || path.dirname(CLOCK_FILE);
export const SECRETS_FILE = path.join(TMPDIR, 'seen-secrets.txt');
const { hostname: HOST, port: PORT } = new URL(BASE);

// Accounts made by `abdi demo` (all with ABDI_PASSWORD) and the unit codes the tests rely on.
export const USERS = {
  bkpsdm: 'bkpsdm',               // admin_bkpsdm, sees every unit, reads the audit log
  adminDinkes: 'admin.dinkes',    // admin_unit of Dinas Kesehatan
  pegawaiDinkes: 'pegawai.dinkes', // pegawai in Dinas Kesehatan
  atasanDinkes: 'atasan.dinkes',   // atasan in Dinas Kesehatan
  pegawaiDisdik: 'pegawai.disdik', // pegawai in Dinas Pendidikan
  pimpinan: 'pimpinan',            // read-only leadership
  superadmin: 'superadmin',        // accounts and settings
};
export const UNITS = { dinkes: 'DINKES', disdik: 'DISDIK' };

export const HEX64 = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------- secrets and the clock

export function recordSecret(s) {
  if (typeof s === 'string' && s.length >= 10) fs.appendFileSync(SECRETS_FILE, JSON.stringify(s) + '\n');
}

export function readSecrets() {
  if (!fs.existsSync(SECRETS_FILE)) return [];
  return fs.readFileSync(SECRETS_FILE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export function clockOffset() {
  const v = parseInt(fs.readFileSync(CLOCK_FILE, 'utf8'), 10);
  return Number.isFinite(v) ? v : 0;
}

// Move the server's clock forward by sec seconds (atomic replace: the server never reads a
// half-written file, which it would take as offset 0, i.e. a jump back).
export function advanceClock(sec) {
  assert.ok(sec > 0, 'the fake clock only moves forward');
  const tmp = `${CLOCK_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${clockOffset() + Math.ceil(sec)}\n`);
  fs.renameSync(tmp, CLOCK_FILE);
}

// Forget deliberate login failures: jump past the 15-min window and the per-account hour.
export function forgiveFailures() {
  advanceClock(61 * 60);
}

// The server's idea of now, in epoch seconds.
export function serverNow() {
  return Math.floor(Date.now() / 1000) + clockOffset();
}

// ---------------------------------------------------------------- HTTP through fetch

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// request(method, path, opts) -> {status, headers (Headers), text, json, setCookies}
//   opts.session  {token, csrf}: sends the cookie; on POST/PUT/PATCH/DELETE also X-CSRF-Token
//   opts.csrf     string to send instead, or null to send none
//   opts.json     a value sent as application/json
//   opts.body     a raw string/Buffer body, with opts.contentType (none when undefined)
//   opts.headers  extra headers; opts.cookie a raw Cookie header
export async function request(method, urlPath, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.session) headers.cookie = `abdi_session=${opts.session.token}`;
  if (opts.cookie !== undefined) headers.cookie = opts.cookie;
  let csrf = opts.csrf;
  if (csrf === undefined && opts.session && STATE_CHANGING.has(method)) csrf = opts.session.csrf;
  if (csrf !== undefined && csrf !== null) headers['x-csrf-token'] = csrf;
  let body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  } else if (opts.body !== undefined) {
    body = opts.body;
    if (opts.contentType !== undefined) headers['content-type'] = opts.contentType;
  }
  let res;
  try {
    res = await fetch(BASE + urlPath, { method, headers, body, redirect: 'manual' });
  } catch (err) {
    // A kept-alive connection the server closed for idleness (15 s) while this process was
    // blocked in spawnSync is reused before undici notices: "other side closed". Retry once on
    // a new connection; a server that is really gone fails the retry too.
    if (err?.cause?.code !== 'UND_ERR_SOCKET') throw err;
    res = await fetch(BASE + urlPath, { method, headers, body, redirect: 'manual' });
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const setCookies = res.headers.getSetCookie();
  for (const c of setCookies) {
    const m = /abdi_session=([^;]*)/.exec(c);
    if (m && m[1]) recordSecret(m[1]);
  }
  if (json && typeof json.csrf_token === 'string') recordSecret(json.csrf_token);
  return { status: res.status, headers: res.headers, text, json, setCookies };
}

export const get = (p, opts) => request('GET', p, opts);
export const post = (p, json, opts = {}) => request('POST', p, { ...opts, json });

// The abdi_session value from a response's Set-Cookie, or undefined.
export function sessionCookie(res) {
  for (const c of res.setCookies) {
    const m = /^\s*abdi_session=([^;]*)/.exec(c);
    if (m) return { value: m[1], header: c };
  }
  return undefined;
}

// login(username, password, extra) -> {res, session}; session = {username, token, csrf, user}
// (session undefined unless 200). extra is merged into the body (e.g. {totp}).
export async function login(username, password = PASSWORD, extra = {}) {
  recordSecret(password);
  const res = await post('/api/v1/auth/login', { username, password, ...extra });
  let session;
  if (res.status === 200) {
    const c = sessionCookie(res);
    session = { username, token: c && c.value, csrf: res.json.csrf_token, user: res.json.user };
  }
  return { res, session };
}

// Log in and insist on success.
export async function loginOk(username, password = PASSWORD, extra = {}) {
  const { res, session } = await login(username, password, extra);
  assert.equal(res.status, 200, `login ${JSON.stringify(username)} -> ${res.status} ${res.text}`);
  assert.ok(session.token, 'login answered without an abdi_session cookie');
  return session;
}

export async function me(session) {
  return get('/api/v1/auth/me', { session });
}

export async function logout(session) {
  return request('POST', '/api/v1/auth/logout', { session });
}

export async function changePassword(session, oldPassword, newPassword) {
  recordSecret(oldPassword);
  recordSecret(newPassword);
  return request('POST', '/api/v1/auth/password', {
    session,
    json: { old_password: oldPassword, new_password: newPassword },
  });
}

// ---------------------------------------------------------------- assertions

export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=()',
  'x-frame-options': 'DENY',
};

// headers: a Headers object (request() and raw() both give one). api: also Cache-Control: no-store.
export function assertSecurityHeaders(headers, { api = true, what = '' } = {}) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    assert.equal(headers.get(name), value, `${what}: header ${name}`);
  }
  if (api) assert.match(headers.get('cache-control') || '', /\bno-store\b/, `${what}: Cache-Control`);
  assert.equal(headers.get('server'), null, `${what}: a Server header is present`);
  for (const name of headers.keys()) {
    assert.ok(!name.startsWith('access-control-'), `${what}: CORS header ${name} present`);
  }
}

// An error answer: exact status, JSON content type, {"error":{"code","message","field"?}}.
// field: undefined = not checked, null = must be null/absent, string = must equal.
export function assertError(res, status, code, field) {
  const ctx = `${res.status} ${res.text.slice(0, 300)}`;
  assert.equal(res.status, status, `status (body: ${ctx})`);
  assert.match(res.headers.get('content-type') || '', /^application\/json; ?charset=utf-8$/i, `content type (${ctx})`);
  assert.ok(res.json && typeof res.json.error === 'object', `no error object: ${ctx}`);
  assert.equal(res.json.error.code, code, `error.code (${ctx})`);
  assert.equal(typeof res.json.error.message, 'string', `error.message (${ctx})`);
  assert.ok(res.json.error.message.length > 0, `empty error.message (${ctx})`);
  if (field === null) assert.ok(res.json.error.field == null, `error.field should be null (${ctx})`);
  else if (field !== undefined) assert.equal(res.json.error.field, field, `error.field (${ctx})`);
}

export async function assertHealthy() {
  const res = await get('/api/v1/health');
  assert.equal(res.status, 200, `health after the case: ${res.status} ${res.text}`);
  assert.equal(res.json.status, 'ok');
}

// ---------------------------------------------------------------- raw HTTP over node:net

function parseResponse(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  if (!m) return { status: -1, complete: true, statusLine: head[0], headers: new Headers(), body: buf };
  const headers = new Headers();
  const rawHeaders = [];
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    rawHeaders.push([name, value]);
    try {
      headers.append(name, value);
    } catch {
      /* a header Headers will not hold: kept in rawHeaders */
    }
  }
  let body = buf.subarray(end + 4);
  let complete = false;
  const te = headers.get('transfer-encoding');
  const cl = headers.get('content-length');
  if (te && /chunked/i.test(te)) {
    const out = [];
    let p = 0;
    for (;;) {
      const nl = body.indexOf('\r\n', p);
      if (nl < 0) break;
      const size = parseInt(body.subarray(p, nl).toString('latin1'), 16);
      if (!Number.isFinite(size)) break;
      if (size === 0) {
        complete = true;
        break;
      }
      if (body.length < nl + 2 + size + 2) break;
      out.push(body.subarray(nl + 2, nl + 2 + size));
      p = nl + 2 + size + 2;
    }
    body = Buffer.concat(out);
  } else if (cl !== null) {
    const n = parseInt(cl, 10);
    if (body.length >= n) {
      body = body.subarray(0, n);
      complete = true;
    }
  }
  return { status: Number(m[1]), statusLine: head[0], headers, rawHeaders, body, complete };
}

// raw(data, opts) sends bytes on a new connection and reads one response.
// -> {status (0 = no response), statusLine, headers (Headers), rawHeaders, body (Buffer), text,
//     json, closed (the server closed the connection)}
//   opts.localAddress  bind the client to another loopback address (e.g. 127.0.0.2)
//   opts.timeout       ms to wait for a complete answer (default 5000)
export function raw(data, opts = {}) {
  const timeout = opts.timeout ?? 5000;
  return new Promise((resolve) => {
    const chunks = [];
    let done = false;
    let closed = false;
    const sock = net.connect({ host: HOST, port: Number(PORT), localAddress: opts.localAddress });
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      const r = parseResponse(buf) || { status: 0, statusLine: '', headers: new Headers(), rawHeaders: [], body: buf };
      r.text = r.body.toString('utf8');
      try {
        r.json = JSON.parse(r.text);
      } catch {
        r.json = undefined;
      }
      for (const [n, v] of r.rawHeaders || []) {
        const m = n.toLowerCase() === 'set-cookie' && /abdi_session=([^;]*)/.exec(v);
        if (m && m[1]) recordSecret(m[1]);
      }
      if (r.json && typeof r.json.csrf_token === 'string') recordSecret(r.json.csrf_token);
      r.closed = closed;
      r.received = buf;
      resolve(r);
    };
    const timer = setTimeout(finish, timeout);
    sock.on('connect', () => {
      const parts = Array.isArray(data) ? data : [data];
      for (const p of parts) sock.write(p, () => {});
    });
    sock.on('data', (d) => {
      chunks.push(d);
      const r = parseResponse(Buffer.concat(chunks));
      if (r && r.complete) finish();
    });
    sock.on('error', () => {
      closed = true;
      finish();
    });
    sock.on('end', () => {
      closed = true;
      finish();
    });
  });
}

// The bytes of one HTTP/1.1 request. headers: [[name, value], ...] in order (duplicates allowed);
// Host and Connection: close are added unless opts.noHost / given.
export function httpRequest(method, target, { headers = [], body, noHost = false, version = 'HTTP/1.1' } = {}) {
  const lines = [`${method} ${target} ${version}`];
  const names = headers.map(([n]) => n.toLowerCase());
  if (!noHost && !names.includes('host')) lines.push(`Host: ${HOST}:${PORT}`);
  if (!names.includes('connection')) lines.push('Connection: close');
  for (const [n, v] of headers) lines.push(`${n}: ${v}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  if (body === undefined) return head;
  return Buffer.concat([head, Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

// ---------------------------------------------------------------- the CLI and the database

// A TCP port on 127.0.0.1 free at the moment of asking (for a second `abdi serve`).
export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// abdi(args) runs the binary on the suite's database and key -> {status, stdout, stderr, out}.
// The CLI reads the same fake clock as the server (an account's initial password expires 72 h
// after `user add` on the server's clock, however far earlier files moved it).
export function abdi(args, { dbUrl = DB_URL, auditKey = AUDIT_KEY } = {}) {
  const r = spawnSync(BIN, ['--db', dbUrl, '--audit-key', auditKey, ...args], {
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, ABDI_TEST_CLOCK_FILE: CLOCK_FILE },
  });
  return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || '', out: (r.stdout || '') + (r.stderr || '') };
}

// Create an account with `abdi user add` (fails the test when the CLI fails).
export function userAdd(username, { name = 'Pengguna Uji', role = 'pegawai', unit = UNITS.dinkes, password = PASSWORD } = {}) {
  const r = abdi(['user', 'add', username, '--name', name, '--role', role, '--unit', unit, '--password', password]);
  assert.equal(r.status, 0, `abdi user add ${username}: exit ${r.status}: ${r.out}`);
  recordSecret(password);
  return r;
}

// The SQLite file of a sqlite: URL.
export function sqlitePath(dbUrl = DB_URL) {
  assert.ok(dbUrl.startsWith('sqlite:'), dbUrl);
  return dbUrl.slice('sqlite:'.length);
}

// sql(query) through sqlite3 or psql on dbUrl -> {status, stdout, stderr}. Rows as a|b|c lines.
export function sql(query, dbUrl = DB_URL) {
  const r = dbUrl.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-bail', sqlitePath(dbUrl), query], { encoding: 'utf8' })
    : spawnSync('psql', [dbUrl, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: (r.stdout || '').trim(), stderr: r.stderr || '' };
}

export function sqlOk(query, dbUrl = DB_URL) {
  const r = sql(query, dbUrl);
  assert.equal(r.status, 0, `SQL failed: ${query}\n${r.stderr}`);
  return r.stdout;
}

// ---------------------------------------------------------------- units

// Flatten a units forest: [{...unit, depth, path:[codes]}], children kept.
export function flattenUnits(items, depth = 0, parents = []) {
  const out = [];
  for (const u of items || []) {
    out.push({ ...u, depth, path: [...parents, u.code] });
    out.push(...flattenUnits(u.children, depth + 1, [...parents, u.code]));
  }
  return out;
}

// All units as bkpsdm sees them: Map code -> unit.
export async function allUnits() {
  const s = await loginOk(USERS.bkpsdm);
  const res = await get('/api/v1/units', { session: s });
  assert.equal(res.status, 200, res.text);
  return new Map(flattenUnits(res.json.items).map((u) => [u.code, u]));
}

// ---------------------------------------------------------------- misc

// A random password of n code points from an alphabet unlikely to be on any list.
export function randomPassword(n = 16) {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!';
  const bytes = crypto.randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for a base32 secret at epoch seconds t.
export function totp(secretB32, t = serverNow()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretB32.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) continue;
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const h = crypto.createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const code = ((h.readUInt32BE(o) & 0x7fffffff) % 1000000).toString().padStart(6, '0');
  return code;
}
