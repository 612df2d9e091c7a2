// 28_announcements.test.mjs - announcements (issue 5, Communication): admin_bkpsdm writes to
// the whole government, admin_unit only to units of its scope (admin.dinkes cannot address
// DISDIK); every account reads on its home list the announcements valid today addressed to
// its unit, a parent unit or everyone (pegawai.disdik never sees a DINKES one; a puskesmas
// account sees its dinas's, the dinas does not see the puskesmas's); the validity window
// follows the fake clock; read status per account (twice = once, one audit row), ?unread=true,
// read counts for the author against the addressed accounts; 422 naming the field and nothing
// written on bad input; withdraw (DELETE) removes the read marks too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  USERS, advanceClock, allUnits, assertError, get, loginOk, post, request, serverNow, sqlOk, userAdd,
} from './lib.mjs';

const A = '/api/v1/announcements';
const PKM_USER = 'pegawai.pkm1.ann';
let units;
let dinkes;
let disdik;
let pkm1;

const rows = (where = '1 = 1') => Number(sqlOk(`SELECT count(*) FROM announcements WHERE ${where}`));
const reads = (id) => Number(sqlOk(`SELECT count(*) FROM announcement_reads WHERE announcement_id = ${id}`));
const audits = (action, id) => Number(sqlOk(
  `SELECT count(*) FROM audit_log WHERE action = '${action}'${id ? ` AND entity_id = '${id}'` : ''}`));
const patch = (p, json, session) => request('PATCH', p, { session, json });
const del = (p, session) => request('DELETE', p, { session });

// 'YYYY-MM-DD' of the server's day plus n days (UTC, as the server counts "today").
const day = (n = 0) => new Date((serverNow() + n * 86400) * 1000).toISOString().slice(0, 10);

const draft = (extra = {}) => ({
  title: 'Apel pagi hari Senin',
  body: 'Seluruh pegawai hadir pukul 07.30 di halaman kantor.\nPakaian: KORPRI.',
  valid_from: day(0),
  valid_to: day(7),
  ...extra,
});

async function create(session, extra) {
  const res = await post(A, draft(extra), { session });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function feed(session, query = '') {
  const res = await get(`${A}${query}`, { session });
  assert.equal(res.status, 200, res.text);
  return res.json;
}
const ids = (list) => list.items.map((x) => x.id);

// Independent count of the accounts an announcement to unit reaches: active users whose home
// unit is that unit or one below it in the tree the API shows.
function audienceOf(unit) {
  const codes = [...units.values()].filter((u) => u.path.includes(unit.code)).map((u) => u.id);
  return Number(sqlOk(`SELECT count(*) FROM users WHERE active = 1 AND unit_id IN (${codes.join(',')})`));
}

before(async () => {
  units = await allUnits();
  dinkes = units.get('DINKES');
  disdik = units.get('DISDIK');
  pkm1 = units.get('DINKES.PKM1');
  userAdd(PKM_USER, { name: 'Uji Puskesmas Pengumuman', unit: 'DINKES.PKM1' });
  sqlOk(`UPDATE users SET must_change_password = 0 WHERE username = '${PKM_USER}'`); // not under test here
});

after(() => {
  sqlOk('DELETE FROM announcement_reads');
  sqlOk('DELETE FROM announcements');
});

test('whole government: admin_bkpsdm posts, every account sees it on its home list, unread', async () => {
  const bkpsdm = await loginOk(USERS.bkpsdm);
  const before = rows();
  const a = await create(bkpsdm, { title: 'Libur Hari Guru', body: 'Teks <b>bukan</b> HTML & "kutip"' });
  assert.equal(rows(), before + 1);
  assert.equal(a.unit_id, null);
  assert.equal(a.unit_name, null);
  assert.equal(a.body, 'Teks <b>bukan</b> HTML & "kutip"', 'plain text kept as given');
  assert.equal(a.valid_from, day(0));
  assert.equal(a.read, false);
  assert.equal(a.read_count, 0);
  assert.equal(a.audience, Number(sqlOk('SELECT count(*) FROM users WHERE active = 1')));
  assert.equal(audits('announcement.create', a.id), 1);
  assert.equal(Number(sqlOk(`SELECT count(*) FROM notifications WHERE title = 'Libur Hari Guru'`)), 0,
    'no row per addressee');
  for (const u of [USERS.pegawaiDinkes, USERS.pegawaiDisdik, USERS.pimpinan, PKM_USER]) {
    const list = await feed(await loginOk(u));
    const mine = list.items.find((x) => x.id === a.id);
    assert.ok(mine, `${u} sees the whole-government announcement`);
    assert.equal(mine.read, false);
    assert.equal(mine.read_count, undefined, 'read counts are for the author only');
    assert.ok(list.unread >= 1);
    assert.equal(list.today, day(0));
  }
});

test('scope: admin.dinkes addresses DINKES (and sub-units) only; DISDIK never sees it', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const n0 = rows();
  // another dinas: 404, nothing written, no audit row
  assertError(await post(A, draft({ unit_id: disdik.id }), { session: admin }), 404, 'not_found');
  assertError(await post(A, draft({ unit_id: units.get('DISDIK.SDN1').id }), { session: admin }), 404, 'not_found');
  // the whole government is admin_bkpsdm's
  assertError(await post(A, draft(), { session: admin }), 422, 'validation_failed', 'unit_id');
  assertError(await post(A, draft({ unit_id: null }), { session: admin }), 422, 'validation_failed', 'unit_id');
  assert.equal(rows(), n0, 'nothing written');
  const a = await create(admin, { unit_id: dinkes.id, title: 'Rapat Dinkes' });
  assert.equal(a.unit_id, dinkes.id);
  assert.equal(a.unit_name, dinkes.name);
  assert.equal(a.audience, audienceOf(dinkes));
  assert.ok(a.audience >= 4, `DINKES and its puskesmas have accounts (${a.audience})`);
  const sub = await create(admin, { unit_id: pkm1.id, title: 'Rapat Puskesmas 1' });

  const dinkesList = ids(await feed(await loginOk(USERS.pegawaiDinkes)));
  assert.ok(dinkesList.includes(a.id));
  assert.ok(!dinkesList.includes(sub.id), 'a parent unit does not see a sub-unit announcement');
  const pkmList = ids(await feed(await loginOk(PKM_USER)));
  assert.ok(pkmList.includes(a.id), 'a sub-unit sees its parent unit announcement');
  assert.ok(pkmList.includes(sub.id));

  const disdikUser = await loginOk(USERS.pegawaiDisdik);
  const disdikList = ids(await feed(disdikUser));
  assert.ok(!disdikList.includes(a.id) && !disdikList.includes(sub.id), 'DISDIK sees no DINKES announcement');
  assertError(await get(`${A}/${a.id}`, { session: disdikUser }), 404, 'not_found');
  assertError(await post(`${A}/${a.id}/read`, {}, { session: disdikUser }), 404, 'not_found');
  assert.equal(reads(a.id), 0);

  // admin.dinkes cannot move its announcement to DISDIK, nor edit or withdraw bkpsdm's
  assertError(await patch(`${A}/${a.id}`, { unit_id: disdik.id }, admin), 404, 'not_found');
  assert.equal(Number(sqlOk(`SELECT unit_id FROM announcements WHERE id = ${a.id}`)), dinkes.id);
  const global = (await feed(admin)).items.find((x) => x.unit_id === null);
  assert.ok(global, 'admin.dinkes reads the whole-government one as an addressee');
  assert.equal(global.read_count, undefined);
  assertError(await patch(`${A}/${global.id}`, { title: 'Diubah' }, admin), 404, 'not_found');
  assertError(await del(`${A}/${global.id}`, admin), 404, 'not_found');
  assert.equal(rows(`id = ${global.id} AND title = 'Libur Hari Guru'`), 1);

  // manage view: admin.dinkes its subtree only; bkpsdm everything
  const managed = await feed(admin, '?view=manage');
  assert.deepEqual(ids(managed).sort(), [a.id, sub.id].sort());
  const all = await feed(await loginOk(USERS.bkpsdm), '?view=manage');
  assert.equal(all.total, rows());
  // a plain pegawai manages nothing and writes nothing
  const pegawai = await loginOk(USERS.pegawaiDinkes);
  assertError(await get(`${A}?view=manage`, { session: pegawai }), 403, 'forbidden');
  assert.equal((await post(A, draft({ unit_id: dinkes.id }), { session: pegawai })).status, 403);
  assert.equal(rows(), n0 + 2);
});

test('read status: per account, twice is once (one audit row), unread filter, author counts', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const a = await create(admin, { unit_id: dinkes.id, title: 'Baca saya' });
  const pegawai = await loginOk(USERS.pegawaiDinkes);
  const before = await feed(pegawai, '?unread=true');
  assert.ok(ids(before).includes(a.id));
  assert.equal(before.total, before.unread);

  const r1 = await post(`${A}/${a.id}/read`, {}, { session: pegawai });
  assert.equal(r1.status, 200, r1.text);
  assert.equal(r1.json.read, true);
  assert.equal(typeof r1.json.read_at, 'string');
  assert.equal(reads(a.id), 1);
  assert.equal(audits('announcement.read', a.id), 1);
  const r2 = await post(`${A}/${a.id}/read`, {}, { session: pegawai });
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.json.read_at, r1.json.read_at, 'the first read time is kept');
  assert.equal(reads(a.id), 1);
  assert.equal(audits('announcement.read', a.id), 1, 'no audit row when nothing changed');
  assertError(await post(`${A}/${a.id}/read`, { x: 1 }, { session: pegawai }), 422, 'unknown_field', 'x');

  const after = await feed(pegawai, '?unread=true');
  assert.ok(!ids(after).includes(a.id));
  assert.equal(after.unread, before.unread - 1);
  const all = await feed(pegawai);
  assert.equal(all.items.find((x) => x.id === a.id).read, true);
  // another account of the unit still has it unread
  const other = await feed(await loginOk(USERS.atasanDinkes), '?unread=true');
  assert.ok(ids(other).includes(a.id));

  // the author: "dibaca 1 dari N"
  const one = await get(`${A}/${a.id}`, { session: admin });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.read_count, 1);
  assert.equal(one.json.audience, audienceOf(dinkes));
  const managed = (await feed(admin, '?view=manage')).items.find((x) => x.id === a.id);
  assert.equal(managed.read_count, 1);
  assert.equal(managed.audience, audienceOf(dinkes));
  // the reader sees the announcement but not the counts
  const seen = await get(`${A}/${a.id}`, { session: pegawai });
  assert.equal(seen.status, 200);
  assert.equal(seen.json.read, true);
  assert.equal(seen.json.read_count, undefined);
});

// One move of the fake clock, to just after the next UTC midnight (never more than a day: the
// clock only goes forward, and zz_tamper's fresh account must still be inside its 72-hour
// initial password when it logs in). Across that midnight one announcement starts and another
// ends.
test('validity window follows the fake clock: not before valid_from, not after valid_to', async () => {
  const bkpsdm = await loginOk(USERS.bkpsdm);
  const later = await create(bkpsdm, { unit_id: dinkes.id, title: 'Besok saja', valid_from: day(1), valid_to: day(1) });
  const today = await create(bkpsdm, { unit_id: dinkes.id, title: 'Hari ini saja', valid_from: day(0), valid_to: day(0) });
  let pegawai = await loginOk(USERS.pegawaiDinkes);
  let list = ids(await feed(pegawai));
  assert.ok(!list.includes(later.id), 'not yet valid');
  assert.ok(list.includes(today.id), 'valid on its one day');
  assertError(await get(`${A}/${later.id}`, { session: pegawai }), 404, 'not_found');
  assertError(await post(`${A}/${later.id}/read`, {}, { session: pegawai }), 404, 'not_found');
  assert.equal((await post(`${A}/${today.id}/read`, {}, { session: pegawai })).status, 200);
  // the author still manages the future one
  assert.ok(ids(await feed(bkpsdm, '?view=manage')).includes(later.id));

  const yesterday = day(0);
  advanceClock(86400 - (serverNow() % 86400) + 60);
  assert.equal(day(-1), yesterday, 'the clock crossed one midnight');
  pegawai = await loginOk(USERS.pegawaiDinkes);
  list = ids(await feed(pegawai));
  assert.ok(list.includes(later.id), 'its day has come');
  assert.ok(!list.includes(today.id), 'ended yesterday');
  assertError(await get(`${A}/${today.id}`, { session: pegawai }), 404, 'not_found');
  assertError(await post(`${A}/${today.id}/read`, {}, { session: pegawai }), 404, 'not_found');
  assert.equal((await post(`${A}/${later.id}/read`, {}, { session: pegawai })).status, 200);

  const admin = await loginOk(USERS.bkpsdm);
  const managed = (await feed(admin, '?view=manage')).items.find((x) => x.id === today.id);
  assert.equal(managed.read_count, 1, 'the read count outlives the window');
  // an ended window cannot be posted, nor re-dated into the past
  assertError(await post(A, draft({ valid_from: day(-3), valid_to: day(-1) }), { session: admin }),
    422, 'validation_failed', 'valid_to');
  assertError(await patch(`${A}/${today.id}`, { valid_to: day(-1) }, admin), 422, 'validation_failed', 'valid_to');
  // re-dating it to today brings it back
  const res = await patch(`${A}/${today.id}`, { valid_to: day(0) }, admin);
  assert.equal(res.status, 200, res.text);
  assert.ok(ids(await feed(pegawai)).includes(today.id));
});

test('bad input: 422 naming the field, nothing written', async () => {
  const bkpsdm = await loginOk(USERS.bkpsdm);
  const n0 = rows();
  const a0 = audits('announcement.create');
  const cases = [
    [{ title: undefined }, 'title'],
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'dua\nbaris' }, 'title'],
    [{ title: 42 }, 'title'],
    [{ body: '' }, 'body'],
    [{ body: 'a'.repeat(4001) }, 'body'],
    [{ body: 'bel\u0007' }, 'body'],
    [{ valid_from: '2026-02-30' }, 'valid_from'],
    [{ valid_from: undefined }, 'valid_from'],
    [{ valid_to: '23-11-2026' }, 'valid_to'],
    [{ valid_from: day(3), valid_to: day(2) }, 'valid_to'],
    [{ valid_to: day(367) }, 'valid_to'],
    [{ unit_id: 0 }, 'unit_id'],
    [{ unit_id: '1' }, 'unit_id'],
    [{ unit_id: 999999999 }, 'unit_id'],
  ];
  for (const [extra, field] of cases) {
    const body = draft(extra);
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertError(await post(A, body, { session: bkpsdm }), 422, 'validation_failed', field);
  }
  // 200 characters of two bytes each are fine (the limit is characters)
  const ok = await create(bkpsdm, { title: 'é'.repeat(200), body: 'ü'.repeat(4000), unit_id: dinkes.id });
  assert.equal(ok.title.length, 200);
  assertError(await post(A, { ...draft(), colour: 'red' }, { session: bkpsdm }), 422, 'unknown_field', 'colour');
  assertError(await get(`${A}?unread=maybe`, { session: bkpsdm }), 422, 'validation_failed', 'unread');
  assertError(await get(`${A}?view=all`, { session: bkpsdm }), 422, 'validation_failed', 'view');
  assertError(await get(`${A}?foo=1`, { session: bkpsdm }), 422, 'unknown_parameter', 'foo');
  assertError(await patch(`${A}/${ok.id}`, {}, bkpsdm), 422, 'validation_failed');
  assertError(await patch(`${A}/${ok.id}`, { title: '' }, bkpsdm), 422, 'validation_failed', 'title');
  assertError(await patch(`${A}/${ok.id}`, { valid_from: day(1), valid_to: day(0) }, bkpsdm), 422,
    'validation_failed', 'valid_to');
  assertError(await get(`${A}/999999999`, { session: bkpsdm }), 404, 'not_found');
  assertError(await get(`${A}/abc`, { session: bkpsdm }), 404, 'not_found');
  assert.equal(rows(), n0 + 1, 'only the good one was written');
  assert.equal(audits('announcement.create'), a0 + 1);
  assert.equal(rows(`id = ${ok.id} AND valid_from = '${day(0)}'`), 1, 'failed patches changed nothing');
});

test('edit and withdraw: admin.dinkes in its scope, audit before/after, reads removed', async () => {
  const admin = await loginOk(USERS.adminDinkes);
  const a = await create(admin, { unit_id: dinkes.id, title: 'Judul lama' });
  const pegawai = await loginOk(USERS.pegawaiDinkes);
  assert.equal((await post(`${A}/${a.id}/read`, {}, { session: pegawai })).status, 200);

  const res = await patch(`${A}/${a.id}`, { title: 'Judul baru', unit_id: pkm1.id }, admin);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.title, 'Judul baru');
  assert.equal(res.json.unit_id, pkm1.id);
  assert.equal(res.json.audience, audienceOf(pkm1));
  const [beforeJson, afterJson] = ['before_json', 'after_json'].map((c) => JSON.parse(sqlOk(
    `SELECT ${c} FROM audit_log WHERE action = 'announcement.update' AND entity_id = '${a.id}'`)));
  assert.equal(beforeJson.title, 'Judul lama');
  assert.equal(beforeJson.unit_id, dinkes.id);
  assert.equal(afterJson.title, 'Judul baru');
  assert.equal(afterJson.unit_id, pkm1.id);
  assert.equal(audits('announcement.update', a.id), 1);
  assert.ok(!ids(await feed(pegawai)).includes(a.id), 'moved to the puskesmas: DINKES no longer addressed');

  assertError(await del(`${A}/${a.id}`, await loginOk(USERS.pegawaiDinkes)), 403, 'forbidden');
  const d = await del(`${A}/${a.id}`, admin);
  assert.equal(d.status, 204, d.text);
  assert.equal(rows(`id = ${a.id}`), 0);
  assert.equal(reads(a.id), 0, 'read marks go with it');
  assert.equal(audits('announcement.delete', a.id), 1);
  assertError(await get(`${A}/${a.id}`, { session: admin }), 404, 'not_found');
  assertError(await del(`${A}/${a.id}`, admin), 404, 'not_found');
});
