// 18_selfservice.test.mjs - documents, the record's contact fields and self-service proposals
// (issue 3): uploads checked by content (PDF/PNG/JPEG ok and downloaded byte-identical; too big
// -> 413; disguised -> 415; nothing written: no row, no file), scope (DISDIK out of reach of
// DINKES admins, pegawai only the own record), PATCH of contact fields with before/after audit,
// and proposals: nothing changes in the record until an admin approves; reject keeps it; a
// decided proposal cannot be decided again (409); nobody decides their own; every step audited.
// Proposals of a new family member or education row: validated at creation like the history
// POST (422 naming the field), nothing in the history before approval, the row added on
// approval (a reject adds nothing); evidence only of the same employee; the proposed NIK sealed
// in the stored payload and masked in the audit log.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { before, test } from 'node:test';
import {
  ENGINE, USERS, assertError, get, loginOk, post, request, serverNow, sqlOk,
} from './lib.mjs';

const FILES_DIR = process.env.ABDI_FILES_DIR;
const MIB2 = 2 * 1024 * 1024;

const PDF = (n = 64) => Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(n)]);
const PNG = (n = 64) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(n)]);
const JPEG = (n = 64) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(n)]);
const HTML = () => Buffer.from(`<!DOCTYPE html><script>alert(${Date.now()})</script>`);
const EXE = () => Buffer.concat([Buffer.from('MZ\x90\x00'), crypto.randomBytes(32)]);

const emp = {}; // employee ids: pegawaiDinkes, adminDinkes, pegawaiDisdik

const count = (q) => Number(sqlOk(`SELECT count(*) FROM ${q}`));
const files = () => fs.readdirSync(FILES_DIR).length;

function upload(session, employeeId, body, contentType, { kind = 'bukti', filename = 'berkas.pdf' } = {}) {
  const q = new URLSearchParams({ kind, filename });
  return request('POST', `/api/v1/employees/${employeeId}/documents?${q}`, { session, body, contentType });
}

async function download(session, id) {
  const res = await fetch(`${process.env.ABDI_URL}/api/v1/documents/${id}`, {
    headers: { cookie: `abdi_session=${session.token}` },
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const patch = (session, id, json) => request('PATCH', `/api/v1/employees/${id}`, { session, json });
const propose = (session, id, json) => post(`/api/v1/employees/${id}/proposals`, json, { session });
const decide = (session, id, json) => post(`/api/v1/proposals/${id}/decision`, json, { session });

async function auditRows(bk, entity, entityId) {
  const res = await get(`/api/v1/audit?entity=${entity}&per_page=200`, { session: bk });
  assert.equal(res.status, 200, res.text);
  const parse = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  return res.json.items.filter((a) => a.entity_id === String(entityId))
    .map((a) => ({ ...a, before: parse(a.before), after: parse(a.after) }));
}

async function auditTotal(bk) {
  return (await get('/api/v1/audit?per_page=1', { session: bk })).json.total;
}

before(async () => {
  assert.ok(FILES_DIR, 'ABDI_FILES_DIR is set by tests/api/run.sh');
  for (const [key, user] of [['pegawaiDinkes', USERS.pegawaiDinkes], ['adminDinkes', USERS.adminDinkes],
    ['pegawaiDisdik', USERS.pegawaiDisdik]]) {
    const s = await loginOk(user);
    assert.ok(s.user.employee_id > 0, `${user} has an employee record`);
    emp[key] = s.user.employee_id;
  }
});

test('documents: PDF, PNG and JPEG upload and download byte-identical, as attachments', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const self = await loginOk(USERS.pegawaiDinkes);
  const cases = [
    [admin, PDF(5000), 'application/pdf', 'SK Pangkat.pdf', 'SK Pangkat.pdf'],
    [admin, PNG(3000), 'image/png', '../../etc/foto.PNG', 'foto.png'],
    [self, JPEG(4000), 'image/jpeg', 'ktp "saya".jpg', 'ktp _saya_.jpg'],
    [admin, PDF(MIB2 - 9), 'application/pdf', 'penuh', 'penuh.pdf'], // exactly 2 MiB
  ];
  for (const [session, bytes, type, name, clean] of cases) {
    const rowsBefore = count('documents');
    const res = await upload(session, emp.pegawaiDinkes, bytes, type, { filename: name });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.content_type, type);
    assert.equal(res.json.size, bytes.length);
    assert.equal(res.json.filename, clean);
    assert.equal(res.json.employee_id, emp.pegawaiDinkes);
    assert.equal(res.json.sha256, crypto.createHash('sha256').update(bytes).digest('hex'));
    assert.equal(count('documents'), rowsBefore + 1);
    assert.ok(fs.existsSync(`${FILES_DIR}/${res.json.sha256}`), 'stored under its digest');
    assert.equal(fs.statSync(`${FILES_DIR}/${res.json.sha256}`).mode & 0o777, 0o600);
    for (const reader of [admin, self]) {
      const d = await download(reader, res.json.id);
      assert.equal(d.status, 200);
      assert.ok(d.body.equals(bytes), 'downloaded bytes differ from the upload');
      assert.equal(d.headers.get('content-type'), type);
      assert.equal(d.headers.get('content-disposition'), `attachment; filename="${clean}"`);
      assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
      assert.match(d.headers.get('content-security-policy'), /sandbox/);
      assert.match(d.headers.get('cache-control'), /no-store/);
    }
  }
  const list = await get(`/api/v1/employees/${emp.pegawaiDinkes}/documents`, { session: self });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.total >= 4);
  assert.ok(list.json.items.every((d) => d.employee_id === emp.pegawaiDinkes));
  // the same bytes twice: two rows, one file
  const bytes = PDF(100);
  const filesBefore = files();
  const a = await upload(admin, emp.pegawaiDinkes, bytes, 'application/pdf');
  const b = await upload(admin, emp.pegawaiDinkes, bytes, 'application/pdf');
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.notEqual(a.json.id, b.json.id);
  assert.equal(files(), filesBefore + 1);
  const rows = await auditRows(await loginOk(USERS.bkpsdm), 'document', a.json.id);
  assert.equal(rows[0].action, 'document.upload');
});

test('documents: too big -> 413, disguised or bad -> 415/422, and nothing is written', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const state = async () => [count('documents'), files(), await auditTotal(bk)];
  const start = await state();
  const bad = [
    [PDF(MIB2 - 8), 'application/pdf', {}, 413, 'payload_too_large'], // 2 MiB + 1
    [PNG(), 'application/pdf', {}, 415, 'content_mismatch'],
    [HTML(), 'image/png', { filename: 'x.png' }, 415, 'content_mismatch'],
    [JPEG(), 'application/pdf', {}, 415, 'content_mismatch'],
    [HTML(), 'text/html', {}, 415, 'unsupported_media_type'],
    [EXE(), 'application/octet-stream', { filename: 'setup.exe' }, 415, 'unsupported_media_type'],
    [EXE(), undefined, {}, 415, 'unsupported_media_type'],
    [Buffer.alloc(0), 'application/pdf', {}, 422, 'validation_failed'],
    [PDF(), 'application/pdf', { kind: 'rahasia' }, 422, 'validation_failed'],
    [PDF(), 'application/pdf', { filename: '' }, 422, 'validation_failed'],
  ];
  for (const [bytes, type, opts, status, code] of bad) {
    const res = await upload(admin, emp.pegawaiDinkes, bytes, type, opts);
    assertError(res, status, code);
  }
  const extra = await request('POST', `/api/v1/employees/${emp.pegawaiDinkes}/documents?kind=bukti&filename=a.pdf&x=1`,
    { session: admin, body: PDF(), contentType: 'application/pdf' });
  assertError(extra, 422, 'unknown_parameter', 'x');
  const noCsrf = await request('POST', `/api/v1/employees/${emp.pegawaiDinkes}/documents?kind=bukti&filename=a.pdf`,
    { session: admin, body: PDF(), contentType: 'application/pdf', csrf: null });
  assertError(noCsrf, 403, 'csrf_failed');
  assert.deepEqual(await state(), start, 'a refused upload left a row, a file or an audit entry');
});

test('documents: out of scope is 404 for upload, list and download', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const self = await loginOk(USERS.pegawaiDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const disdikDoc = await upload(bk, emp.pegawaiDisdik, PDF(), 'application/pdf');
  assert.equal(disdikDoc.status, 201, disdikDoc.text);
  const start = [count('documents'), files()];
  for (const s of [admin, self]) {
    assertError(await upload(s, emp.pegawaiDisdik, PDF(), 'application/pdf'), 404, 'not_found');
    assertError(await get(`/api/v1/employees/${emp.pegawaiDisdik}/documents`, { session: s }), 404, 'not_found');
    assert.equal((await download(s, disdikDoc.json.id)).status, 404);
  }
  // pegawai.dinkes uploads only to the own record, not to a colleague's (admin.dinkes)
  assertError(await upload(self, emp.adminDinkes, PDF(), 'application/pdf'), 404, 'not_found');
  assert.equal((await download(self, 999999999)).status, 404);
  assert.deepEqual([count('documents'), files()], start);
  const disdik = await loginOk(USERS.pegawaiDisdik);
  const own = await download(disdik, disdikDoc.json.id);
  assert.equal(own.status, 200);
});

test('audit of sensitive reads: an admin reading a document or a whole NIK writes one row without the value; the owner none', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const self = await loginOk(USERS.pegawaiDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const doc = await upload(self, emp.pegawaiDinkes, PDF(), 'application/pdf', { kind: 'ktp' });
  assert.equal(doc.status, 201, doc.text);
  const reads = (action, entityId) => Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action = '${action}'`
    + ` AND entity_id = '${entityId}' AND actor_id = ${admin.user.id}`));
  const ownReads = (action, entityId) => Number(sqlOk(`SELECT count(*) FROM audit_log WHERE action = '${action}'`
    + ` AND entity_id = '${entityId}' AND actor_id = ${self.user.id}`));

  // the owner reads the own document and the own whole NIK: no audit row
  assert.equal((await download(self, doc.json.id)).status, 200);
  const mine = await get(`/api/v1/employees/${emp.pegawaiDinkes}`, { session: self });
  assert.equal(mine.status, 200);
  assert.match(mine.json.nik, /^\d{16}$/);
  assert.equal(ownReads('document.read', doc.json.id), 0);
  assert.equal(ownReads('employee.nik_read', emp.pegawaiDinkes), 0);

  // the unit admin: one row per read, naming the document's owner and kind, never the bytes
  assert.equal(reads('document.read', doc.json.id), 0);
  const got = await download(admin, doc.json.id);
  assert.equal(got.status, 200);
  assert.equal(reads('document.read', doc.json.id), 1);
  const row = sqlOk(`SELECT before_json, after_json FROM audit_log WHERE action = 'document.read'`
    + ` AND entity_id = '${doc.json.id}' ORDER BY id DESC LIMIT 1`).split('|');
  assert.equal(row[0], '');
  assert.deepEqual(JSON.parse(row[1]), { employee_id: emp.pegawaiDinkes, kind: 'ktp' });
  // the whole NIK shown to the admin is audited, with the field name only
  const rec = await get(`/api/v1/employees/${emp.pegawaiDinkes}`, { session: admin });
  assert.equal(rec.status, 200);
  assert.equal(rec.json.nik, mine.json.nik);
  assert.equal(reads('employee.nik_read', emp.pegawaiDinkes), 1);
  const nikRow = sqlOk(`SELECT after_json FROM audit_log WHERE action = 'employee.nik_read'`
    + ` AND entity_id = '${emp.pegawaiDinkes}' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(JSON.parse(nikRow), { fields: ['nik'] });
  assert.ok(!nikRow.includes(mine.json.nik));
  // reading again writes again; a refused read (out of scope) writes nothing
  assert.equal((await download(admin, doc.json.id)).status, 200);
  assert.equal(reads('document.read', doc.json.id), 2);
  const disdikDoc = await upload(bk, emp.pegawaiDisdik, PDF(), 'application/pdf');
  assert.equal(disdikDoc.status, 201, disdikDoc.text);
  assert.equal((await download(admin, disdikDoc.json.id)).status, 404);
  assertError(await get(`/api/v1/employees/${emp.pegawaiDisdik}`, { session: admin }), 404, 'not_found');
  assert.equal(reads('document.read', disdikDoc.json.id), 0);
  assert.equal(reads('employee.nik_read', emp.pegawaiDisdik), 0);
});

test('record: contact fields shown, PATCH by an admin in scope with before/after audit', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const self = await loginOk(USERS.pegawaiDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const id = emp.pegawaiDinkes;
  const rec = await get(`/api/v1/employees/${id}`, { session: self });
  assert.equal(rec.status, 200, rec.text);
  for (const f of ['religion', 'marital_status', 'phone', 'email', 'address', 'photo_document_id']) {
    assert.ok(f in rec.json, `record lacks ${f}`);
  }
  const res = await patch(admin, id, { religion: 'Islam', marital_status: 'kawin', phone: '+6281234567890',
    email: 'andi.pratama@medan.go.id', gelar_belakang: 'A.Md.Kep.' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.religion, 'Islam');
  assert.equal(res.json.email, 'andi.pratama@medan.go.id');
  const rows = await auditRows(bk, 'employee', id);
  const last = rows.find((r) => r.action === 'employee.update');
  assert.ok(last, 'employee.update audited');
  assert.equal(last.before.religion, rec.json.religion);
  assert.equal(last.after.religion, 'Islam');
  assert.equal(last.after.phone, '+6281234567890');

  const snapshot = sqlOk(`SELECT religion, marital_status, phone, email, address FROM employees WHERE id = ${id}`);
  const total = await auditTotal(bk);
  for (const [body, field, code = 'validation_failed'] of [
    [{ email: 'andi@localhost' }, 'email'],
    [{ phone: '0812-3456' }, 'phone'],
    [{ religion: 'Jedi' }, 'religion'],
    [{ marital_status: 'menikah' }, 'marital_status'],
    [{ address: 'x'.repeat(501) }, 'address'],
    [{ name: ' ' }, 'name'],
    [{ nip: '198503152010011001' }, 'nip', 'unknown_field'],
    [{ unit_id: 1 }, 'unit_id', 'unknown_field'],
    [{ phone: '081234567', email: 'salah' }, 'email'],
  ]) {
    assertError(await patch(admin, id, body), 422, code, field);
  }
  const pdf = await upload(admin, id, PDF(), 'application/pdf');
  assertError(await patch(admin, id, { photo_document_id: pdf.json.id }), 422, 'validation_failed', 'photo_document_id');
  assert.equal(sqlOk(`SELECT religion, marital_status, phone, email, address FROM employees WHERE id = ${id}`), snapshot);
  assert.equal(await auditTotal(bk), total + 1, 'only the upload was audited');
  const photo = await upload(admin, id, PNG(), 'image/png', { kind: 'foto', filename: 'foto.png' });
  const withPhoto = await patch(admin, id, { photo_document_id: photo.json.id });
  assert.equal(withPhoto.status, 200, withPhoto.text);
  assert.equal(withPhoto.json.photo_document_id, photo.json.id);
  // scope: DISDIK is out of reach of admin.dinkes; pegawai cannot PATCH at all
  assertError(await patch(admin, emp.pegawaiDisdik, { phone: '081234567' }), 404, 'not_found');
  assertError(await patch(self, id, { phone: '081234567' }), 403, 'forbidden');
});

test('proposals: nothing changes before approval; approve applies; decided twice -> 409', async () => {
  const self = await loginOk(USERS.pegawaiDinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const id = emp.pegawaiDinkes;
  const address = `Jl. Gatot Subroto No. ${crypto.randomInt(1, 999)}, Medan`;
  const old = (await get(`/api/v1/employees/${id}`, { session: self })).json;
  const evidence = await upload(self, id, PDF(), 'application/pdf', { filename: 'bukti-domisili.pdf' });
  assert.equal(evidence.status, 201, evidence.text);

  // refused before anything is saved
  const rows = count('employee_proposals');
  for (const [body, status, code, field] of [
    [{ kind: 'record', payload: { phone: '08-12' } }, 422, 'validation_failed', 'phone'],
    [{ kind: 'record', payload: { nip: '1' } }, 422, 'unknown_field', 'nip'],
    [{ kind: 'record', payload: {} }, 422, 'validation_failed', undefined],
    [{ kind: 'record' }, 422, 'validation_failed', 'payload'],
    [{ kind: 'family', payload: { name: 'Siti' } }, 422, 'validation_failed', 'relation'],
    [{ kind: 'salary', payload: { address } }, 422, 'validation_failed', 'kind'],
    [{ kind: 'record', payload: { address }, evidence: [999999999] }, 422, 'validation_failed', 'evidence'],
    [{ kind: 'record', payload: { address }, status: 'approved' }, 422, 'unknown_field', 'status'],
  ]) {
    assertError(await propose(self, id, body), status, code, field);
  }
  // only the employee themself proposes about the record
  assertError(await propose(admin, id, { kind: 'record', payload: { address } }), 404, 'not_found');
  assertError(await propose(self, emp.pegawaiDisdik, { kind: 'record', payload: { address } }), 404, 'not_found');
  assert.equal(count('employee_proposals'), rows);

  const p = await propose(self, id, { kind: 'record', payload: { address, phone: '081298765432' }, evidence: [evidence.json.id] });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.status, 'pending');
  assert.deepEqual(p.json.payload, { address, phone: '081298765432' });
  assert.deepEqual(p.json.evidence, [evidence.json.id]);
  assert.equal(p.json.current.address, old.address);
  const unchanged = (await get(`/api/v1/employees/${id}`, { session: self })).json;
  assert.equal(unchanged.address, old.address, 'the record changed before approval');
  assert.equal(unchanged.phone, old.phone);

  // the queue of admin.dinkes holds it, with the current values side by side
  const queue = await get('/api/v1/proposals?status=pending', { session: admin });
  assert.equal(queue.status, 200, queue.text);
  const item = queue.json.items.find((x) => x.id === p.json.id);
  assert.ok(item, 'proposal in the DINKES queue');
  assert.equal(item.payload.address, address);
  assert.equal(item.current.address, old.address);
  const own = await get(`/api/v1/employees/${id}/proposals`, { session: self });
  assert.ok(own.json.items.some((x) => x.id === p.json.id));

  const ok = await decide(admin, p.json.id, { decision: 'approve' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'approved');
  const after = (await get(`/api/v1/employees/${id}`, { session: self })).json;
  assert.equal(after.address, address);
  assert.equal(after.phone, '081298765432');
  assertError(await decide(admin, p.json.id, { decision: 'reject', reason: 'terlambat' }), 409, 'already_decided');
  assertError(await decide(bk, p.json.id, { decision: 'approve' }), 409, 'already_decided');
  assert.equal((await get(`/api/v1/employees/${id}`, { session: self })).json.address, address);

  const audit = await auditRows(bk, 'proposal', p.json.id);
  const create = audit.find((r) => r.action === 'proposal.create');
  const approve = audit.find((r) => r.action === 'proposal.approve');
  assert.ok(create && approve, 'proposal.create and proposal.approve audited');
  assert.equal(approve.before.record.address, old.address);
  assert.equal(approve.after.record.address, address);
  assert.equal(approve.after.status, 'approved');
  assert.equal(audit.length, 2);
});

test('proposals: reject keeps the record and tells the employee why; cancel', async () => {
  const self = await loginOk(USERS.pegawaiDinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const id = emp.pegawaiDinkes;
  const old = (await get(`/api/v1/employees/${id}`, { session: self })).json;
  const p = await propose(self, id, { kind: 'record', payload: { email: 'andi.baru@medan.go.id' } });
  assert.equal(p.status, 201, p.text);
  const total = await auditTotal(bk);
  assertError(await decide(admin, p.json.id, { decision: 'reject' }), 422, 'validation_failed', 'reason');
  assertError(await decide(admin, p.json.id, { decision: 'maybe', reason: 'x' }), 422, 'validation_failed', 'decision');
  assertError(await decide(admin, p.json.id, { decision: 'approve', extra: 1 }), 422, 'unknown_field', 'extra');
  assertError(await decide(self, p.json.id, { decision: 'approve' }), 403, 'forbidden');
  assert.equal(await auditTotal(bk), total);
  const no = await decide(admin, p.json.id, { decision: 'reject', reason: 'Bukti tidak dilampirkan' });
  assert.equal(no.status, 200, no.text);
  assert.equal(no.json.status, 'rejected');
  assert.equal((await get(`/api/v1/employees/${id}`, { session: self })).json.email, old.email);
  const mine = await get(`/api/v1/employees/${id}/proposals?status=rejected`, { session: self });
  const seen = mine.json.items.find((x) => x.id === p.json.id);
  assert.equal(seen.reason, 'Bukti tidak dilampirkan');
  const rej = (await auditRows(bk, 'proposal', p.json.id)).find((r) => r.action === 'proposal.reject');
  assert.equal(rej.after.reason, 'Bukti tidak dilampirkan');
  assert.equal(rej.after.record.email, old.email);

  const c = await propose(self, id, { kind: 'record', payload: { phone: '0811223344' } });
  assert.equal(c.status, 201);
  assertError(await post(`/api/v1/proposals/${c.json.id}/cancel`, {}, { session: admin }), 404, 'not_found');
  const cancelled = await post(`/api/v1/proposals/${c.json.id}/cancel`, {}, { session: self });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.json.status, 'cancelled');
  assertError(await post(`/api/v1/proposals/${c.json.id}/cancel`, {}, { session: self }), 409, 'already_decided');
  assertError(await decide(admin, c.json.id, { decision: 'approve' }), 409, 'already_decided');
  assert.equal((await get(`/api/v1/employees/${id}`, { session: self })).json.phone, old.phone);
});

test('proposals: scope of the queue and of reading; nobody decides their own', async () => {
  const self = await loginOk(USERS.pegawaiDinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const disdik = await loginOk(USERS.pegawaiDisdik);
  const bk = await loginOk(USERS.bkpsdm);
  const d = await propose(disdik, emp.pegawaiDisdik, { kind: 'record', payload: { address: 'Jl. Pendidikan 5' } });
  assert.equal(d.status, 201, d.text);
  // admin.dinkes does not see DISDIK proposals, nor reads or decides them
  const queue = await get('/api/v1/proposals?status=all&per_page=200', { session: admin });
  assert.equal(queue.status, 200);
  assert.ok(!queue.json.items.some((x) => x.id === d.json.id), 'DISDIK proposal in the DINKES queue');
  assert.ok(queue.json.items.every((x) => x.unit_name && x.employee_id !== emp.pegawaiDisdik));
  assertError(await get(`/api/v1/proposals/${d.json.id}`, { session: admin }), 404, 'not_found');
  assertError(await decide(admin, d.json.id, { decision: 'approve' }), 404, 'not_found');
  const disdikUnit = (await get(`/api/v1/employees/${emp.pegawaiDisdik}`, { session: bk })).json.unit_id;
  assertError(await get(`/api/v1/proposals?unit_id=${disdikUnit}`, { session: admin }), 404, 'not_found');
  // pegawai.dinkes reads neither the queue nor another employee's proposals
  assertError(await get('/api/v1/proposals', { session: self }), 403, 'forbidden');
  assertError(await get(`/api/v1/employees/${emp.pegawaiDisdik}/proposals`, { session: self }), 404, 'not_found');
  assertError(await get(`/api/v1/proposals/${d.json.id}`, { session: self }), 404, 'not_found');
  assertError(await post(`/api/v1/proposals/${d.json.id}/cancel`, {}, { session: self }), 404, 'not_found');
  assertError(await decide(self, d.json.id, { decision: 'approve' }), 403, 'forbidden');
  assertError(await get('/api/v1/proposals?status=maybe', { session: admin }), 422, 'validation_failed', 'status');
  // bkpsdm sees it in the whole-government queue
  const all = await get('/api/v1/proposals', { session: bk });
  assert.ok(all.json.items.some((x) => x.id === d.json.id));
  assert.equal((await get(`/api/v1/proposals/${d.json.id}`, { session: disdik })).status, 200);

  // admin.dinkes is also an employee: the own proposal waits for another verifier
  const mine = await propose(admin, emp.adminDinkes, { kind: 'record', payload: { phone: '081377788899' } });
  assert.equal(mine.status, 201, mine.text);
  assertError(await decide(admin, mine.json.id, { decision: 'approve' }), 403, 'own_proposal');
  const byBk = await decide(bk, mine.json.id, { decision: 'approve' });
  assert.equal(byBk.status, 200, byBk.text);
  assert.equal((await get(`/api/v1/employees/${emp.adminDinkes}`, { session: admin })).json.phone, '081377788899');
  const rejected = await decide(bk, d.json.id, { decision: 'reject', reason: 'Tidak sesuai KTP' });
  assert.equal(rejected.status, 200);
});

// YYYY-MM-DD of the server's (fake) today plus n days.
function day(n = 0) {
  return new Date((serverNow() + n * 86400) * 1000).toISOString().slice(0, 10);
}

// A NIK of a girl born on date (YYYY-MM-DD): day + 40 for women (domain.md §1).
function nikOf(date, seq) {
  const [y, m, d] = date.split('-');
  return `127501${Number(d) + 40}${m}${y.slice(2)}${String(seq).padStart(4, '0')}`;
}

test('proposals of a family member: validated like the history, added only on approval', async () => {
  const self = await loginOk(USERS.pegawaiDinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const disdik = await loginOk(USERS.pegawaiDisdik);
  const id = emp.pegawaiDinkes;
  const born = day(-20);
  const nik = nikOf(born, crypto.randomInt(1, 9999));
  const name = `Bayi Usulan ${crypto.randomInt(1000, 9999)}`;
  const child = { relation: 'anak', name, birth_date: born, gender: 'P', nik, child_kind: 'kandung', allowance: 1 };
  const akta = await upload(self, id, PDF(), 'application/pdf', { kind: 'bukti', filename: 'akta-kelahiran.pdf' });
  assert.equal(akta.status, 201, akta.text);
  const foreign = await upload(disdik, emp.pegawaiDisdik, PDF(), 'application/pdf');
  assert.equal(foreign.status, 201, foreign.text);
  const familyRows = () => count(`employee_family WHERE employee_id = ${id}`);
  const rows = count('employee_proposals');
  const fam0 = familyRows();

  // refused at creation, with the history's own messages, nothing saved
  for (const [payload, field, evidence, code = 'validation_failed'] of [
    [{ ...child, birth_date: '2025-02-30' }, 'birth_date'],
    [{ ...child, birth_date: day(5) }, 'birth_date'],
    [{ ...child, child_kind: undefined }, 'child_kind'],
    [{ ...child, nik: '1275' }, 'nik', undefined, 'nik_invalid'],
    [{ ...child, document_id: foreign.json.id }, 'document_id'],
    [child, 'evidence', [foreign.json.id]],
  ]) {
    assertError(await propose(self, id, { kind: 'family', payload, evidence }), 422, code, field);
  }
  assertError(await propose(self, id, { kind: 'family', payload: { ...child, hobby: 'x' } }), 422, 'unknown_field', 'hobby');
  assert.equal(count('employee_proposals'), rows, 'nothing saved on errors');

  const p = await propose(self, id, { kind: 'family', payload: child, evidence: [akta.json.id] });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.kind, 'family');
  assert.equal(p.json.payload.nik, nik, 'the employee sees the own proposal whole');
  assert.equal(p.json.payload.document_id, akta.json.id, 'the evidence is the row\'s document');
  assert.deepEqual(p.json.current, {});
  // stored sealed; the audit log has it masked
  const stored = sqlOk(`SELECT payload FROM employee_proposals WHERE id = ${p.json.id}`);
  assert.ok(!stored.includes(nik) && stored.includes('"nik":"v1:'), stored);
  const created = (await auditRows(bk, 'proposal', p.json.id)).find((r) => r.action === 'proposal.create');
  assert.ok(created && !JSON.stringify(created).includes(nik), 'the full NIK is in the audit log');
  assert.equal(created.after.payload.nik, `${nik.slice(0, 4)}********${nik.slice(12)}`);
  // nothing in the history before approval
  assert.equal(familyRows(), fam0);
  const before = await get(`/api/v1/employees/${id}/family`, { session: self });
  assert.ok(!before.json.items.some((x) => x.name === name), 'the child is in the history before approval');
  const queued = (await get('/api/v1/proposals', { session: admin })).json.items.find((x) => x.id === p.json.id);
  assert.equal(queued.payload.name, name);
  assert.equal(queued.payload.nik, nik, 'the verifier in scope sees the NIK whole');

  const ok = await decide(admin, p.json.id, { decision: 'approve' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(familyRows(), fam0 + 1);
  const after = await get(`/api/v1/employees/${id}/family`, { session: self });
  const row = after.json.items.find((x) => x.name === name);
  assert.ok(row, 'the child is in the history after approval');
  assert.deepEqual([row.relation, row.birth_date, row.gender, row.child_kind, row.nik, row.document_id],
    ['anak', born, 'P', 'kandung', nik, akta.json.id]);
  assert.ok(sqlOk(`SELECT nik FROM employee_family WHERE id = ${row.id}`).startsWith('v1:'));
  const approved = (await auditRows(bk, 'proposal', p.json.id)).find((r) => r.action === 'proposal.approve');
  assert.deepEqual(approved.after.history, { kind: 'family', id: row.id });
});

test('proposals of an education row: reject keeps the history, approve adds it', async () => {
  const self = await loginOk(USERS.pegawaiDinkes);
  const admin = await loginOk(USERS.adminDinkes);
  const id = emp.pegawaiDinkes;
  const ijazah = await upload(self, id, PDF(), 'application/pdf', { kind: 'bukti', filename: 'ijazah.pdf' });
  assert.equal(ijazah.status, 201, ijazah.text);
  const row = { level_code: 'S1', institution: 'Universitas Sumatera Utara', major: 'Keperawatan', graduated_on: day(-60), diploma_number: `USU/${crypto.randomInt(1000, 9999)}` };
  const rows = count('employee_proposals');
  assertError(await propose(self, id, { kind: 'education', payload: { ...row, level_code: 'S9' } }), 422, 'validation_failed', 'level_code');
  assertError(await propose(self, id, { kind: 'education', payload: { ...row, graduated_on: undefined } }), 422, 'validation_failed', 'graduated_on');
  assert.equal(count('employee_proposals'), rows);
  const edu = () => count(`employee_education WHERE employee_id = ${id}`);
  const snapshot = sqlOk(`SELECT id, level_code, graduated_on FROM employee_education WHERE employee_id = ${id} ORDER BY id`);
  const n0 = edu();

  const no = await propose(self, id, { kind: 'education', payload: row, evidence: [ijazah.json.id] });
  assert.equal(no.status, 201, no.text);
  const rejected = await decide(admin, no.json.id, { decision: 'reject', reason: 'Ijazah belum dilegalisir' });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(edu(), n0, 'a rejected proposal added a row');
  assert.equal(sqlOk(`SELECT id, level_code, graduated_on FROM employee_education WHERE employee_id = ${id} ORDER BY id`), snapshot);

  const yes = await propose(self, id, { kind: 'education', payload: row, evidence: [ijazah.json.id] });
  assert.equal(yes.status, 201, yes.text);
  assert.equal(edu(), n0);
  const ok = await decide(admin, yes.json.id, { decision: 'approve' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(edu(), n0 + 1);
  const list = await get(`/api/v1/employees/${id}/education`, { session: self });
  const added = list.json.items.find((x) => x.diploma_number === row.diploma_number);
  assert.ok(added, 'the education row after approval');
  assert.deepEqual([added.level_code, added.graduated_on, added.document_id, added.created_by],
    ['S1', row.graduated_on, ijazah.json.id, admin.user.id]);
});

test('documents: an upload whose transaction does not commit leaves no file behind (undo)', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  // the audit row of the upload fails after the handler wrote the file: the whole write is
  // rolled back, and the file it created must go with it
  if (ENGINE === 'sqlite') {
    sqlOk(`CREATE TRIGGER t_fail_upload BEFORE INSERT ON audit_log WHEN NEW.action = 'document.upload'
           BEGIN SELECT RAISE(ABORT, 'uji'); END`);
  } else {
    sqlOk(`CREATE FUNCTION t_fail_upload() RETURNS trigger AS $f$ BEGIN RAISE EXCEPTION 'uji'; END $f$ LANGUAGE plpgsql;
           CREATE TRIGGER t_fail_upload BEFORE INSERT ON audit_log FOR EACH ROW
           WHEN (NEW.action = 'document.upload') EXECUTE FUNCTION t_fail_upload()`);
  }
  try {
    const start = [count('documents'), files()];
    const res = await upload(bk, emp.pegawaiDinkes, PDF(128), 'application/pdf');
    assert.ok(res.status >= 400 && res.status < 600 && res.status !== 201, res.text);
    assert.deepEqual([count('documents'), files()], start);
  } finally {
    sqlOk(ENGINE === 'sqlite' ? 'DROP TRIGGER t_fail_upload'
      : 'DROP TRIGGER t_fail_upload ON audit_log; DROP FUNCTION t_fail_upload()');
  }
  const ok = await upload(bk, emp.pegawaiDinkes, PDF(128), 'application/pdf');
  assert.equal(ok.status, 201, ok.text);
});
