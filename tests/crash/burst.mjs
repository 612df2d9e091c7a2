// tests/crash/burst.mjs - client side of the kill -9 crash test (tests/crash/run.sh).
//   node burst.mjs write TRIAL ACKED_FILE READY_FILE
//     logs in as bkpsdm, touches READY_FILE, then BURST_CLIENTS (16) concurrent clients create
//     units (POST /api/v1/units, audited) until the server dies; each code answered 201 is
//     appended to ACKED_FILE at once (one line each). Exits 0 when every client has stopped.
//   node burst.mjs check TRIAL ACKED_FILE
//     prints "acked=N missing=M present_but_unacked=K" (K: units of this trial present without a
//     201 - committed when the server died, informational) and exits 1 when an acknowledged unit
//     is missing from GET /api/v1/units.
// Uses the helpers of the API suite, so the ABDI_* environment of tests/api/run.sh is needed.
import fs from 'node:fs';
import { USERS, UNITS, flattenUnits, get, loginOk, request } from '../api/lib.mjs';

const CLIENTS = Number(process.env.BURST_CLIENTS || 16);
const MAX_SECONDS = Number(process.env.BURST_MAX_SECONDS || 60);

async function tree(session) {
  const res = await get('/api/v1/units', { session });
  if (res.status !== 200) throw new Error(`GET /api/v1/units: ${res.status} ${res.text}`);
  return flattenUnits(res.json.items);
}

async function write(trial, ackedFile, readyFile) {
  const session = await loginOk(USERS.bkpsdm);
  const units = await tree(session);
  const parent = units.find((u) => u.code === UNITS.dinkes) || units[0];
  const child = units.find((u) => u.parent_id === parent.id);
  const kind = (child || parent).kind;
  const fd = fs.openSync(ackedFile, 'a');
  const deadline = Date.now() + MAX_SECONDS * 1000;
  let attempted = 0;
  let acked = 0;
  let otherStatus = 0;
  const firstErrors = [];
  fs.writeFileSync(readyFile, 'ready\n');

  async function client(c) {
    for (let i = 0; Date.now() < deadline; i++) {
      const code = `T${trial}C${c}N${i}`;
      attempted++;
      let res;
      try {
        res = await request('POST', '/api/v1/units', {
          session,
          json: { parent_id: parent.id, code, name: `Unit Uji Crash ${code}`, kind },
        });
      } catch {
        return; // the server is gone
      }
      if (res.status === 201) {
        fs.writeSync(fd, `${code}\n`);
        acked++;
      } else {
        otherStatus++;
        if (firstErrors.length < 3) firstErrors.push(`${res.status} ${res.text.slice(0, 200)}`);
        if (res.status < 500) return; // a refused request would refuse forever: stop this client
      }
    }
  }

  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  fs.closeSync(fd);
  console.log(`burst trial=${trial} attempted=${attempted} acked=${acked} non_201=${otherStatus}${firstErrors.length ? ` first_errors=${JSON.stringify(firstErrors)}` : ''}`);
}

async function check(trial, ackedFile) {
  const acked = fs.readFileSync(ackedFile, 'utf8').split('\n').filter(Boolean);
  const session = await loginOk(USERS.bkpsdm);
  const present = new Set((await tree(session)).map((u) => u.code));
  const missing = acked.filter((c) => !present.has(c));
  const ackedSet = new Set(acked);
  const mine = new RegExp(`^T${trial}C\\d+N\\d+$`);
  const unacked = [...present].filter((c) => mine.test(c) && !ackedSet.has(c)).length;
  console.log(`acked=${acked.length} missing=${missing.length} present_but_unacked=${unacked}${missing.length ? ` first_missing=${missing.slice(0, 5).join(',')}` : ''}`);
  process.exitCode = missing.length ? 1 : 0;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'write' && args.length === 3) await write(Number(args[0]), args[1], args[2]);
else if (mode === 'check' && args.length === 2) await check(Number(args[0]), args[1]);
else {
  console.error('usage: burst.mjs write TRIAL ACKED_FILE READY_FILE | check TRIAL ACKED_FILE');
  process.exit(2);
}
