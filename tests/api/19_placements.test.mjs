// 19_placements.test.mjs - transfers and temporary assignments (issue 3): a mutasi by bkpsdm
// writes a position history row and moves the record out of admin.dinkes's reach; Plt/Plh limits
// (4 months, an occupied post, overlap, a second extension) answer 422/409 with nothing written;
// the automatic end (the fake clock moved past end_date brings the person home, no one acting);
// a satgas batch is all or nothing under one decree and one audit entry; the candidate finder
// (competency from education and training, superseded rows ignored; its filters);
// scope (admin.dinkes cannot assign a DISDIK employee: 404; pegawai: 403).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  UNITS, USERS, advanceClock, allUnits, assertError, get, loginOk, post, serverNow, sqlOk,
} from './lib.mjs';

let dinkes;
let disdik;
let pkm1;
let bpbd;
const pos = {};
const emp = {};
const tag = Math.random().toString(36).slice(2, 7); // this run's position names

const count = (where) => Number(sqlOk(`SELECT count(*) FROM ${where}`));

function day(offsetDays = 0) {
  return new Date((serverNow() + offsetDays * 86400) * 1000).toISOString().slice(0, 10);
}

// YYYY-MM-DD plus n months (JS Date rolls a missing day over, as the server does).
function addMonths(s, n) {
  const d = new Date(`${s}T00:00:00Z`);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  first.setUTCDate(first.getUTCDate() + d.getUTCDate() - 1);
  return first.toISOString().slice(0, 10);
}
function addDays(s, n) {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function position(s, unit, name, kind, kelas = 7) {
  const res = await post('/api/v1/positions', { unit_id: unit.id, name: `${name} ${tag}`, kind, kelas_jabatan: kelas }, { session: s });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

// A PNS born 1980-07-20, TMT CPNS 2005-03 (sequence unique per employee).
let seq = 0;
async function employee(s, unit, p, name) {
  for (;;) {
    seq += 1;
    const res = await post('/api/v1/employees', {
      nip: `198007202005031${String(seq).padStart(3, '0')}`,
      nik: `127501200780${String(seq).padStart(4, '0')}`,
      name: `${name} ${tag}`, birth_place: 'Medan', birth_date: '1980-07-20', gender: 'L',
      status: 'PNS', unit_id: unit.id, golongan: 'III/c', tmt_golongan: '2020-04-01',
      position_id: p.id, tmt_jabatan: '2021-01-04',
    }, { session: s });
    if (res.status === 409) continue;
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.assignment, null);
    return res.json;
  }
}

const decree = () => ({ sk_number: `800/${tag}/BKPSDM/2026`, sk_date: day(0) });

before(async () => {
  const units = await allUnits();
  dinkes = units.get(UNITS.dinkes);
  disdik = units.get(UNITS.disdik);
  pkm1 = units.get('DINKES.PKM1');
  bpbd = units.get('BPBD');
  assert.ok(dinkes && disdik && pkm1 && bpbd, 'demo units');
  const bk = await loginOk(USERS.bkpsdm);
  pos.kabid = await position(bk, dinkes, 'Kepala Bidang Uji', 'administrator', 11); // vacant
  pos.sekretaris = await position(bk, dinkes, 'Sekretaris Dinas Uji', 'administrator', 11);
  pos.kasi = await position(bk, dinkes, 'Kepala Seksi Uji', 'pengawas', 9);
  pos.perawat = await position(bk, dinkes, 'Perawat Pelaksana Uji', 'pelaksana', 6);
  pos.pkm = await position(bk, pkm1, 'Perawat Puskesmas Uji', 'pelaksana', 6);
  pos.disdik = await position(bk, disdik, 'Pengadministrasi Sekolah Uji', 'pelaksana', 5);
  emp.kasi = await employee(bk, dinkes, pos.kasi, 'Kasi Calon Plt');
  emp.sekretaris = await employee(bk, dinkes, pos.sekretaris, 'Sekretaris Definitif');
  emp.p1 = await employee(bk, dinkes, pos.perawat, 'Perawat Satu');
  emp.p2 = await employee(bk, dinkes, pos.perawat, 'Perawat Dua');
  emp.p3 = await employee(bk, dinkes, pos.perawat, 'Perawat Tiga');
  emp.mover = await employee(bk, dinkes, pos.perawat, 'Perawat Pindah');
  emp.guru = await employee(bk, disdik, pos.disdik, 'Staf Disdik');
});

test('transfer: scope, bad target, future TMT refused; a mutasi moves the record', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const bk = await loginOk(USERS.bkpsdm);
  const url = `/api/v1/employees/${emp.mover.id}/transfers`;
  const body = { kind: 'mutasi', unit_id: disdik.id, position_id: pos.disdik.id, tmt: day(0), ...decree() };
  const hist = () => count(`employee_position_history WHERE employee_id = ${emp.mover.id}`);
  assert.equal(hist(), 1);

  assertError(await post(url, body, { session: admin }), 404, 'not_found'); // DISDIK is not theirs
  assertError(await post(url, { ...body, position_id: pos.perawat.id }, { session: bk }), 422, 'validation_failed', 'position_id');
  assertError(await post(url, { ...body, tmt: day(5) }, { session: bk }), 422, 'validation_failed', 'tmt');
  assertError(await post(url, { ...body, kind: 'promosi' }, { session: bk }), 422, 'validation_failed', 'kind');
  assertError(await post(url, { ...body, sk_number: ' ' }, { session: bk }), 422, 'validation_failed', 'sk_number');
  const peg = await loginOk(USERS.pegawaiDinkes);
  assertError(await post(url, body, { session: peg }), 403, 'forbidden');
  assert.equal(hist(), 1, 'nothing written by the refused moves');

  const res = await post(url, body, { session: bk });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.kind, 'mutasi');
  assert.equal(res.json.unit_id, disdik.id);
  assert.equal(hist(), 2);
  assert.equal(sqlOk(`SELECT unit_id || '|' || position_id FROM employees WHERE id = ${emp.mover.id}`), `${disdik.id}|${pos.disdik.id}`);
  const rec = await get(`/api/v1/employees/${emp.mover.id}`, { session: bk });
  assert.equal(rec.json.unit_id, disdik.id);
  assert.equal(rec.json.position_id, pos.disdik.id);
  assert.equal(rec.json.tmt_jabatan, day(0));
  assertError(await get(`/api/v1/employees/${emp.mover.id}`, { session: admin }), 404, 'not_found');
  const list = await get(url, { session: bk });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.total, 2);
  assert.equal(list.json.items[0].kind, 'mutasi');
  assert.equal(list.json.items[0].sk_number, body.sk_number);
  assert.equal(list.json.items[1].kind, null);
  const audit = sqlOk(`SELECT count(*) FROM audit_log WHERE action = 'employee.transfer' AND entity_id = '${emp.mover.id}'`);
  assert.equal(audit, '1');

  // rotasi by admin.dinkes inside its subtree (DINKES -> Puskesmas)
  const rot = await post(`/api/v1/employees/${emp.p3.id}/transfers`,
    { kind: 'rotasi', unit_id: pkm1.id, position_id: pos.pkm.id, tmt: day(0), ...decree() }, { session: admin });
  assert.equal(rot.status, 201, rot.text);
  // TMT before the current position's TMT refused
  assertError(await post(`/api/v1/employees/${emp.p3.id}/transfers`,
    { kind: 'rotasi', unit_id: dinkes.id, position_id: pos.perawat.id, tmt: '2021-01-01', ...decree() }, { session: admin }),
  422, 'validation_failed', 'tmt');
});

test('Plt limits: 4 months, occupied post, scope; then a valid Plt and one extension', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const start = day(0);
  const plt = { employee_id: emp.kasi.id, kind: 'plt', position_id: pos.kabid.id, start_date: start, end_date: addDays(addMonths(start, 3), -1), ...decree() };
  const before = count('assignments');

  assertError(await post('/api/v1/assignments', { ...plt, end_date: addDays(addMonths(start, 4), -1) }, { session: admin }), 422, 'validation_failed', 'end_date');
  assertError(await post('/api/v1/assignments', { ...plt, position_id: pos.sekretaris.id }, { session: admin }), 422, 'validation_failed', 'position_id');
  assertError(await post('/api/v1/assignments', { ...plt, end_date: addDays(start, -1) }, { session: admin }), 422, 'validation_failed', 'end_date');
  assertError(await post('/api/v1/assignments', { ...plt, kind: 'plh' }, { session: admin }), 422, 'validation_failed', 'position_id'); // Plh needs a holder
  assertError(await post('/api/v1/assignments', { ...plt, employee_id: emp.p1.id }, { session: admin }), 422, 'validation_failed', 'position_id'); // pelaksana: two levels below
  assertError(await post('/api/v1/assignments', { ...plt, employee_id: emp.guru.id }, { session: admin }), 404, 'not_found');
  assertError(await post('/api/v1/assignments', { ...plt, bogus: 1 }, { session: admin }), 422, 'unknown_field', 'bogus');
  const peg = await loginOk(USERS.pegawaiDinkes);
  assertError(await post('/api/v1/assignments', plt, { session: peg }), 403, 'forbidden');
  assert.equal(count('assignments'), before, 'nothing written');

  const res = await post('/api/v1/assignments', plt, { session: admin });
  assert.equal(res.status, 201, res.text);
  emp.kasiPlt = res.json;
  assert.equal(res.json.kind, 'plt');
  assert.equal(res.json.status, 'active');
  assert.equal(res.json.home_unit_id, dinkes.id);
  assert.equal(res.json.home_position_id, pos.kasi.id);
  const rec = await get(`/api/v1/employees/${emp.kasi.id}`, { session: admin });
  assert.equal(rec.json.assignment.id, res.json.id);
  assert.equal(rec.json.position_id, pos.kasi.id, 'the home post is kept');

  // a second Plt of the same post in the period (another pengawas would be needed): the post is taken
  // overlapping assignment of the same person -> 422 start_date
  assertError(await post('/api/v1/assignments', { employee_id: emp.kasi.id, kind: 'satgas', task_force: 'Satgas Uji', unit_id: bpbd.id, start_date: addDays(start, 10), end_date: addDays(start, 20), ...decree() }, { session: await loginOk(USERS.bkpsdm) }), 422, 'validation_failed', 'start_date');
  // Plh of the occupied post by the same Kasi overlaps too; with the Sekretaris holding it, a Plh is otherwise allowed
  assert.equal(count('assignments'), before + 1);

  // one extension of at most 3 months, then no more
  const newEnd = addDays(addMonths(addDays(plt.end_date, 1), 3), -1);
  assertError(await post(`/api/v1/assignments/${res.json.id}/extend`, { end_date: addDays(newEnd, 1), ...decree() }, { session: admin }), 422, 'validation_failed', 'end_date');
  const ext = await post(`/api/v1/assignments/${res.json.id}/extend`, { end_date: newEnd, ...decree() }, { session: admin });
  assert.equal(ext.status, 201, ext.text);
  assert.equal(ext.json.extension_of, res.json.id);
  assert.equal(ext.json.start_date, addDays(plt.end_date, 1));
  assertError(await post(`/api/v1/assignments/${ext.json.id}/extend`, { end_date: addDays(newEnd, 30), ...decree() }, { session: admin }), 409, 'assignment_extended');
  assertError(await post(`/api/v1/assignments/${res.json.id}/extend`, { end_date: newEnd, ...decree() }, { session: admin }), 409, 'assignment_extended');
  assert.equal(count('assignments'), before + 2);
});

test('batch: one bad id writes nothing; a good one is one decree and one audit entry', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const body = { kind: 'satgas', task_force: 'Satgas Penanganan Bencana Banjir', unit_id: bpbd.id, start_date: day(0), end_date: day(0), ...decree() };
  const before = count('assignments');
  const auditBefore = count("audit_log WHERE action = 'assignment.batch'");

  assertError(await post('/api/v1/assignments/batch', { ...body, employee_ids: [emp.p1.id, 999999999] }, { session: bk }), 422, 'validation_failed', 'employee_ids[1]');
  assertError(await post('/api/v1/assignments/batch', { ...body, employee_ids: [emp.p1.id, emp.kasi.id] }, { session: bk }), 422, 'validation_failed', 'employee_ids[1]'); // already on Plt
  assertError(await post('/api/v1/assignments/batch', { ...body, employee_ids: [emp.p1.id, emp.p1.id] }, { session: bk }), 422, 'validation_failed', 'employee_ids[1]');
  assertError(await post('/api/v1/assignments/batch', { ...body, employee_ids: ['x'] }, { session: bk }), 422, 'validation_failed', 'employee_ids[0]');
  assertError(await post('/api/v1/assignments/batch', { ...body, employee_ids: [] }, { session: bk }), 422, 'validation_failed', 'employee_ids');
  // admin.dinkes: the BPBD task force is outside its scope; a DISDIK id is unknown to it
  assertError(await post('/api/v1/assignments/batch', { ...body, employee_ids: [emp.p1.id] }, { session: admin }), 404, 'not_found');
  assertError(await post('/api/v1/assignments/batch', { ...body, unit_id: dinkes.id, employee_ids: [emp.p1.id, emp.guru.id] }, { session: admin }), 422, 'validation_failed', 'employee_ids[1]');
  assert.equal(count('assignments'), before, 'nothing written');
  assert.equal(count("audit_log WHERE action = 'assignment.batch'"), auditBefore);

  const res = await post('/api/v1/assignments/batch', { ...body, employee_ids: [emp.p1.id, emp.p2.id] }, { session: bk });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.items.length, 2);
  assert.ok(res.json.items.every((a) => a.batch_id === res.json.batch_id && a.sk_number === body.sk_number && a.task_force === body.task_force));
  assert.equal(count('assignments'), before + 2);
  assert.equal(count("audit_log WHERE action = 'assignment.batch'"), auditBefore + 1);
  const after = JSON.parse(sqlOk("SELECT after_json FROM audit_log WHERE action = 'assignment.batch' ORDER BY id DESC LIMIT 1"));
  assert.deepEqual(after.employee_ids, [emp.p1.id, emp.p2.id]);
  emp.batch = res.json.items;

  // the unit's staff today: BPBD has them in, DINKES has them away
  const inBpbd = await get(`/api/v1/units/${bpbd.id}/present`, { session: bk });
  assert.equal(inBpbd.status, 200, inBpbd.text);
  const ids = inBpbd.json.items.map((s) => s.employee_id);
  assert.ok(ids.includes(emp.p1.id) && ids.includes(emp.p2.id));
  assert.ok(inBpbd.json.items.find((s) => s.employee_id === emp.p1.id).assigned_in);
  const dk = await get(`/api/v1/units/${dinkes.id}/present?per_page=200`, { session: admin });
  const dkIds = dk.json.items.map((s) => s.employee_id);
  assert.ok(!dkIds.includes(emp.p1.id), 'assigned away');
  assert.ok(dkIds.includes(emp.kasi.id), 'a Plt in the own unit stays present');
  assertError(await get(`/api/v1/units/${disdik.id}/present`, { session: admin }), 404, 'not_found');

  const list = await get(`/api/v1/assignments?active_on=${day(0)}&unit_id=${bpbd.id}`, { session: bk });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((a) => a.employee_id === emp.p1.id));
  const listAdmin = await get(`/api/v1/assignments?active_on=${day(0)}`, { session: admin });
  assert.ok(listAdmin.json.items.some((a) => a.employee_id === emp.p1.id), 'home unit in scope');
  assert.ok(listAdmin.json.items.every((a) => a.home_unit_id !== disdik.id));
});

test('candidates: free active people in scope, ranked; assigned ones left out', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const q = encodeURIComponent(`Perawat Pelaksana Uji ${tag}`);
  const res = await get(`/api/v1/assignments/candidates?q=${q}&unit_id=${dinkes.id}&date_from=${day(0)}&date_to=${day(1)}&limit=50`, { session: admin });
  assert.equal(res.status, 200, res.text);
  const ids = res.json.items.map((c) => c.employee_id);
  assert.ok(!ids.includes(emp.p1.id) && !ids.includes(emp.p2.id), 'already on the satgas');
  assert.ok(!ids.includes(emp.mover.id), 'moved to DISDIK: out of scope');
  const later = await get(`/api/v1/assignments/candidates?q=${q}&date_from=${day(5)}&date_to=${day(6)}`, { session: admin });
  const laterIds = later.json.items.map((c) => c.employee_id);
  assert.ok(laterIds.includes(emp.p1.id) && laterIds.includes(emp.p2.id), 'free after the satgas');
  for (let i = 1; i < later.json.items.length; i++) assert.ok(later.json.items[i - 1].score >= later.json.items[i].score);
  const c = later.json.items.find((x) => x.employee_id === emp.p1.id);
  assert.equal(c.factors.q_in_position, true);
  assert.equal(c.factors.recent_assignments, 1);
  // any name: the Kasi (a head, on Plt) is not offered, a pelaksana ranks before a head
  const all = await get(`/api/v1/assignments/candidates?q=${tag}&date_from=${day(0)}`, { session: admin });
  assert.ok(!all.json.items.some((x) => x.employee_id === emp.kasi.id));
  const heads = all.json.items.filter((x) => x.position_kind === 'administrator');
  assert.ok(heads.length >= 1, 'the Sekretaris is free');
  assert.ok(all.json.items.findIndex((x) => x.position_kind === 'pelaksana') < all.json.items.indexOf(heads[0]));
  assertError(await get('/api/v1/assignments/candidates?date_from=2026-13-01', { session: admin }), 422, 'validation_failed', 'date_from');
  assertError(await get('/api/v1/assignments/candidates?zzz=1', { session: admin }), 422, 'unknown_parameter', 'zzz');
  assertError(await get(`/api/v1/assignments/candidates?from_unit_id=${disdik.id}`, { session: admin }), 404, 'not_found');
  const peg = await loginOk(USERS.pegawaiDinkes);
  assertError(await get('/api/v1/assignments/candidates', { session: peg }), 403, 'forbidden');
});

test('candidates: competency from education and training; filters education_level and training', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const admin = await loginOk(USERS.adminDinkes);
  const mark = `kompeten${Math.random().toString(36).slice(2, 7)}`; // in these people's names only
  const p = await position(bk, pkm1, 'Perawat Kompetensi Uji', 'pelaksana', 6);
  const a = await employee(bk, pkm1, p, `Calon A ${mark}`);
  const b = await employee(bk, pkm1, p, `Calon B ${mark}`);
  const c = await employee(bk, pkm1, p, `Calon C ${mark}`);
  const add = async (who, kind, row) => {
    const res = await post(`/api/v1/employees/${who.id}/${kind}`, row, { session: bk });
    assert.equal(res.status, 201, `${kind}: ${res.text}`);
    return res.json;
  };
  const training = (name) => ({ kind: 'teknis', name, organizer: 'BPSDM Provinsi', start_date: day(-40), end_date: day(-36), hours: 40 });
  await add(a, 'education', { level_code: 'S1', institution: 'Universitas Sumatera Utara', major: 'Keperawatan', graduated_on: '2003-08-20' });
  await add(b, 'education', { level_code: 'S1', institution: 'Universitas Sumatera Utara', major: 'Keperawatan', graduated_on: '2003-08-20' });
  await add(c, 'education', { level_code: 'D3', institution: 'Poltekkes Medan', major: 'Keperawatan', graduated_on: '2001-08-20' });
  await add(a, 'training', training(`Penanganan Gawat Darurat ${mark}`));
  await add(b, 'training', training('Administrasi Perkantoran'));
  // C's matching training was a mistake: corrected, the superseded row counts for nothing
  const wrong = await add(c, 'training', training(`Penanganan Gawat Darurat ${mark}`));
  await add(c, 'training', { ...training('Administrasi Perkantoran'), supersedes: wrong.id });

  const url = (extra = '') => `/api/v1/assignments/candidates?q=${mark}&date_from=${day(0)}&limit=50${extra}`;
  const res = await get(url(), { session: admin });
  assert.equal(res.status, 200, res.text);
  const ids = res.json.items.map((x) => x.employee_id);
  assert.deepEqual(ids.filter((id) => [a.id, b.id, c.id].includes(id)).sort(), [a.id, b.id, c.id].sort());
  const fa = res.json.items.find((x) => x.employee_id === a.id);
  const fb = res.json.items.find((x) => x.employee_id === b.id);
  const fc = res.json.items.find((x) => x.employee_id === c.id);
  assert.deepEqual([fa.factors.training_match, fb.factors.training_match, fc.factors.training_match], [true, false, false]);
  assert.deepEqual([fa.factors.education_level, fb.factors.education_level, fc.factors.education_level], [9, 9, 7]);
  assert.deepEqual([fa.factors.training_hours, fb.factors.training_hours, fc.factors.training_hours], [40, 40, 40]);
  assert.equal(fa.score, fb.score + 20, 'the matching training is worth 20');
  assert.ok(ids.indexOf(a.id) < ids.indexOf(b.id), 'a matching training ranks first');
  assert.ok(ids.indexOf(b.id) < ids.indexOf(c.id), 'S1 before D3');

  // filters: the minimum education level, a training by name
  const s1 = await get(url('&education_level=S1'), { session: admin });
  assert.equal(s1.status, 200, s1.text);
  assert.ok(s1.json.items.some((x) => x.employee_id === a.id) && s1.json.items.some((x) => x.employee_id === b.id));
  assert.ok(!s1.json.items.some((x) => x.employee_id === c.id), 'D3 is below S1');
  const s2 = await get(url('&education_level=S2'), { session: admin });
  assert.ok(!s2.json.items.some((x) => [a.id, b.id, c.id].includes(x.employee_id)));
  const gd = await get(url(`&training=${encodeURIComponent(`gawat darurat ${mark}`)}`), { session: admin });
  assert.equal(gd.status, 200, gd.text);
  assert.deepEqual(gd.json.items.map((x) => x.employee_id), [a.id], 'only A has it (C\'s row was superseded)');
  // q alone finds a training by name, whatever the person's name
  const byTraining = await get(`/api/v1/assignments/candidates?q=${encodeURIComponent(`darurat ${mark}`)}&date_from=${day(0)}`, { session: admin });
  assert.deepEqual(byTraining.json.items.map((x) => x.employee_id), [a.id]);
  assertError(await get(url('&education_level=SMA'), { session: admin }), 422, 'validation_failed', 'education_level');
  assertError(await get(url('&education_level='), { session: admin }), 422, 'validation_failed', 'education_level');
  assertError(await get(url('&training='), { session: admin }), 422, 'validation_failed', 'training');
  assertError(await get(url(`&training=${'x'.repeat(65)}`), { session: admin }), 422, 'validation_failed', 'training');
});

test('end early, then the automatic end: the fake clock past end_date brings people home', async () => {
  const bk = await loginOk(USERS.bkpsdm);
  const p2 = emp.batch.find((a) => a.employee_id === emp.p2.id);
  const ended = await post(`/api/v1/assignments/${p2.id}/end`, {}, { session: bk });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.ended_early_on, day(0));
  assert.equal(ended.json.status, 'ended');
  assertError(await post(`/api/v1/assignments/${p2.id}/end`, {}, { session: bk }), 409, 'assignment_ended');
  assert.equal((await get(`/api/v1/employees/${emp.p2.id}`, { session: bk })).json.assignment, null);

  const p1 = emp.batch.find((a) => a.employee_id === emp.p1.id);
  assert.equal((await get(`/api/v1/employees/${emp.p1.id}`, { session: bk })).json.assignment.id, p1.id);
  // past end_date (today): to the next UTC midnight, no further (a larger jump would expire the
  // initial passwords later files set through the CLI, which uses the real clock)
  advanceClock(86400 - (serverNow() % 86400) + 60);
  const bk2 = await loginOk(USERS.bkpsdm);
  const rec = await get(`/api/v1/employees/${emp.p1.id}`, { session: bk2 });
  assert.equal(rec.json.assignment, null, 'back home without anyone acting');
  assert.equal(rec.json.unit_id, dinkes.id);
  const dk = await get(`/api/v1/units/${dinkes.id}/present?per_page=200`, { session: bk2 });
  assert.ok(dk.json.items.some((s) => s.employee_id === emp.p1.id), 'present in the home unit again');
  const one = await get(`/api/v1/assignments/${p1.id}`, { session: bk2 });
  assert.equal(one.json.status, 'finished');
  assertError(await post(`/api/v1/assignments/${p1.id}/end`, {}, { session: bk2 }), 409, 'assignment_ended');
  // the Plt (3 months) is still running
  assert.equal((await get(`/api/v1/employees/${emp.kasi.id}`, { session: bk2 })).json.assignment.kind, 'plt');
  // a past day can still be asked for
  const then = await get(`/api/v1/units/${bpbd.id}/present?on=${p1.start_date}`, { session: bk2 });
  assert.ok(then.json.items.some((s) => s.employee_id === emp.p1.id));
});
