/* The placement part of a profile: the temporary assignment running today (from the record's
 * "assignment"), and for admins the "Mutasi" form (POST /api/v1/employees/{id}/transfers) and
 * the "Penugasan sementara" form (POST /api/v1/assignments: Plt/Plh of a post or a task force).
 * The server checks scope and the Plt/Plh limits; an error naming a field shows under it. */

import {get, post, query} from './api.js';
import {formField, h, showMessage} from './dom.js';
import {ADMIN, hasAnyRole} from './routes.js';
import {formatTanggal} from './tanggal.js';

const JENIS = {plt: 'Plt (pelaksana tugas)', plh: 'Plh (pelaksana harian)', satgas: 'Satuan tugas'};

function unitOptions(units, depth, out) {
    for (const u of units || []) {
        out.push(h('option', {value: String(u.id)}, '\u00a0\u00a0'.repeat(depth) + u.name));
        unitOptions(u.children, depth + 1, out);
    }
    return out;
}

const input = (type, attrs) => h('input', {type, autocomplete: 'off', ...attrs});
const select = (...options) => h('select', null, ...options);

/* A unit select filled from GET /units and, when position is given, a position select that
 * follows it (GET /positions?unit_id=). */
function unitAndPosition(ctx, unitField, positionField) {
    const unit = unitField.control;
    async function positions() {
        if (!positionField)
            return;
        const p = positionField.control;
        p.replaceChildren(h('option', {value: ''}, unit.value ? 'Memuat jabatan…' : 'Pilih unit dahulu'));
        if (!unit.value)
            return;
        try {
            const res = await get('/positions' + query({unit_id: unit.value}));
            if (ctx.isCurrent())
                p.replaceChildren(h('option', {value: ''}, 'Pilih…'),
                                  ...((res && res.items) || []).map((x) => h('option', {value: String(x.id)}, x.name)));
        } catch (e) {
            if (ctx.isCurrent())
                positionField.setError(e.message);
        }
    }
    unit.addEventListener('change', positions);
    get('/units').then((res) => {
        if (ctx.isCurrent())
            unit.replaceChildren(h('option', {value: ''}, 'Pilih…'), ...unitOptions((res && res.items) || [], 0, []));
    }).catch((e) => unitField.setError(e.message));
}

/* A form posting body() to path; fields: {jsonName: formField}. */
function postForm(ctx, {title, id, fields, body, path, done, button}) {
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, button);
    async function onSubmit(ev) {
        ev.preventDefault();
        for (const fl of Object.values(fields))
            fl.setError('');
        showMessage(status, null);
        submit.disabled = true;
        try {
            const res = await post(path, body());
            if (ctx.isCurrent())
                done(res);
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const fl = fields[e.field];
            if (fl) {
                fl.setError(e.message);
                fl.control.focus();
            }
            showMessage(status, 'galat', e.status === 404 ? 'Data tidak ditemukan atau di luar cakupan Anda.'
                : fl ? 'Belum disimpan: periksa isian yang ditandai.' : e.message);
        } finally {
            submit.disabled = false;
        }
    }
    return h('details', {class: 'kartu', id},
             h('summary', null, title),
             h('form', {class: 'formulir', novalidate: true, onsubmit: onSubmit},
               Object.values(fields).map((fl) => fl.wrap), status, submit));
}

function transferForm(e, ctx) {
    const f = {
        kind: formField('mt-jenis', 'Jenis', select(h('option', {value: 'mutasi'}, 'Mutasi (pindah unit)'),
                                                    h('option', {value: 'rotasi'}, 'Rotasi'))),
        unit_id: formField('mt-unit', 'Unit tujuan', select(h('option', {value: ''}, 'Memuat unit…'))),
        position_id: formField('mt-jabatan', 'Jabatan tujuan', select(h('option', {value: ''}, 'Pilih unit dahulu'))),
        tmt: formField('mt-tmt', 'TMT', input('date'), 'Tidak boleh di masa depan.'),
        sk_number: formField('mt-sk', 'Nomor SK', input('text', {maxlength: '200'})),
        sk_date: formField('mt-sk-tanggal', 'Tanggal SK', input('date')),
    };
    unitAndPosition(ctx, f.unit_id, f.position_id);
    return postForm(ctx, {
        title: 'Mutasi', id: 'form-mutasi', fields: f, button: 'Simpan mutasi',
        path: '/employees/' + e.id + '/transfers',
        body: () => ({kind: f.kind.control.value, unit_id: Number(f.unit_id.control.value) || null,
                      position_id: Number(f.position_id.control.value) || null, tmt: f.tmt.control.value,
                      sk_number: f.sk_number.control.value.trim(), sk_date: f.sk_date.control.value}),
        done: () => {
            ctx.flash('sukses', 'Mutasi tersimpan.');
            ctx.navigate('/pegawai/' + e.id);
        },
    });
}

function assignmentForm(e, ctx) {
    const f = {
        kind: formField('pn-jenis', 'Jenis penugasan',
                        select(...Object.entries(JENIS).map(([k, v]) => h('option', {value: k}, v)))),
        unit_id: formField('pn-unit', 'Unit', select(h('option', {value: ''}, 'Memuat unit…')),
                           'Plt/Plh: unit jabatan yang dijabat. Satuan tugas: unit tempat bertugas.'),
        position_id: formField('pn-jabatan', 'Jabatan yang dijabat (Plt/Plh)', select(h('option', {value: ''}, 'Pilih unit dahulu'))),
        task_force: formField('pn-satgas', 'Nama satuan tugas', input('text', {maxlength: '200'})),
        start_date: formField('pn-mulai', 'Tanggal mulai', input('date')),
        end_date: formField('pn-selesai', 'Tanggal selesai', input('date'), 'Plt/Plh paling lama 3 bulan.'),
        sk_number: formField('pn-sk', 'Nomor SK', input('text', {maxlength: '200'})),
        sk_date: formField('pn-sk-tanggal', 'Tanggal SK', input('date')),
    };
    unitAndPosition(ctx, f.unit_id, f.position_id);
    const satgas = () => f.kind.control.value === 'satgas';
    const toggle = () => {
        f.position_id.wrap.hidden = satgas();
        f.task_force.wrap.hidden = !satgas();
    };
    f.kind.control.addEventListener('change', toggle);
    toggle();
    return postForm(ctx, {
        title: 'Penugasan sementara', id: 'form-penugasan', fields: f, button: 'Simpan penugasan',
        path: '/assignments',
        body: () => {
            const b = {employee_id: e.id, kind: f.kind.control.value, start_date: f.start_date.control.value,
                       end_date: f.end_date.control.value, sk_number: f.sk_number.control.value.trim(),
                       sk_date: f.sk_date.control.value};
            if (satgas()) {
                b.task_force = f.task_force.control.value.trim();
                b.unit_id = Number(f.unit_id.control.value) || null;
            } else {
                b.position_id = Number(f.position_id.control.value) || null;
            }
            return b;
        },
        done: () => {
            ctx.flash('sukses', 'Penugasan sementara tersimpan.');
            ctx.navigate('/pegawai/' + e.id);
        },
    });
}

function current(a) {
    const what = a.kind === 'satgas' ? a.task_force : a.position_name;
    return h('section', {class: 'kartu', 'aria-labelledby': 'judul-penugasan'},
             h('h2', {id: 'judul-penugasan'}, 'Penugasan sementara'),
             h('p', {'data-field': 'assignment'},
               (JENIS[a.kind] || a.kind) + ': ' + (what || '—') + ' di ' + (a.unit_name || '—') +
               ', ' + formatTanggal(a.start_date) + ' s.d. ' + formatTanggal(a.end_date) +
               ' (SK ' + a.sk_number + '). Jabatan dan unit asal tetap.'));
}

/* The sections to append to the profile of record e. */
export function placementSections(e, ctx) {
    const out = [];
    if (e.assignment)
        out.push(current(e.assignment));
    if (hasAnyRole(ctx.user, ADMIN))
        out.push(transferForm(e, ctx), assignmentForm(e, ctx));
    return out;
}
