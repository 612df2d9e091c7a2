// 11_access_matrix.test.mjs - the role matrix of security-tests.md S1, driven by
// GET /api/v1/openapi.json (generated from the route tables), so every new endpoint joins the
// matrix by itself. Every operation x {anonymous, each demo role}: anonymous gets 401 unless the
// operation is public; a role outside x-roles gets 403 forbidden; a role inside never gets
// 403 forbidden. Path ids point at nothing (404 inside scope), write bodies are empty objects
// (422), so no probe may change the database: the audit total is the same before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, get, loginOk, USERS } from './lib.mjs';

const MISSING_ID = '999999999';
const ROLE_USERS = {
  pegawai: USERS.pegawaiDinkes,
  atasan: USERS.atasanDinkes,
  pimpinan: USERS.pimpinan,
  admin_unit: USERS.adminDinkes,
  admin_bkpsdm: USERS.bkpsdm,
  superadmin: USERS.superadmin,
};
// Probing these would end the probing session itself.
const SKIP = new Set(['post /api/v1/auth/logout']);

async function operations() {
  const res = await get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  const ops = [];
  for (const [p, item] of Object.entries(res.json.paths)) {
    for (const [verb, op] of Object.entries(item)) ops.push({ verb, path: p, op });
  }
  return ops;
}

function target(p) {
  return p.replace(/\{[^}]+\}/g, MISSING_ID);
}

async function probe(verb, p, session) {
  const method = verb.toUpperCase();
  const opts = { session };
  if (method !== 'GET' && method !== 'DELETE') opts.json = {};
  return request(method, target(p), opts);
}

test('openapi.json lists the foundation routes with their roles', async () => {
  const res = await get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.equal(res.json.openapi, '3.0.3');
  const paths = res.json.paths;
  for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/units',
    '/api/v1/units/{id}', '/api/v1/audit', '/api/v1/users']) {
    assert.ok(paths[p], `openapi.json lacks ${p}`);
  }
  assert.deepEqual(paths['/api/v1/audit'].get['x-roles'], ['admin_bkpsdm', 'superadmin']);
  assert.equal(paths['/api/v1/health'].get['x-public'], true);
  assert.equal(paths['/api/v1/units'].post['x-audited-write'], true);
  assert.equal(paths['/api/v1/units/{id}'].get.parameters[0].name, 'id');
});

test('every operation x every role matches the decision table; denied probes change nothing',
  async () => {
    const ops = await operations();
    const sessions = {};
    for (const [role, user] of Object.entries(ROLE_USERS)) sessions[role] = await loginOk(user);
    const audit = async () => (await get('/api/v1/audit?per_page=1', { session: sessions.admin_bkpsdm })).json.total;
    const before = await audit();
    const mismatches = [];
    let probes = 0;
    for (const { verb, path: p, op } of ops) {
      if (SKIP.has(`${verb} ${p}`)) continue;
      const anon = await probe(verb, p, undefined);
      probes++;
      if (op['x-public'] ? anon.status === 401 : anon.status !== 401) {
        mismatches.push(`anonymous ${verb} ${p} -> ${anon.status}`);
      }
      if (op['x-public']) continue;
      for (const [role, session] of Object.entries(sessions)) {
        const res = await probe(verb, p, session);
        probes++;
        const allowed = op['x-roles'].includes(role);
        const forbidden = res.status === 403 && res.json?.error?.code === 'forbidden';
        if (allowed === forbidden || res.status >= 500) {
          mismatches.push(`${role} ${verb} ${p} -> ${res.status} ${res.json?.error?.code}`);
        }
      }
    }
    const after = await audit();
    console.log(`access-matrix probes=${probes} mismatches=${mismatches.length} audit_before=${before} audit_after=${after}`);
    assert.deepEqual(mismatches, []);
    assert.equal(after, before, 'a probe wrote to the database');
  });
