/* Cari calon petugas (#/penugasan/cari): the candidate finder for an emergency
 * (GET /api/v1/assignments/candidates): filters (keyword matched against position and name,
 * the task force's unit, the period), the ranked list with a checkbox per person and the score,
 * then one decree for everyone chosen (POST /api/v1/assignments/batch: all or nothing). An error
 * naming employee_ids[i] marks that person's row. */

import {get, post, query} from './api.js';
import {formField, h, message, pageTitle, showMessage} from './dom.js';

function unitOptions(units, depth, out) {
    for (const u of units || []) {
        out.push(h('option', {value: String(u.id)}, '\u00a0\u00a0'.repeat(depth) + u.name));
        unitOptions(u.children, depth + 1, out);
    }
    return out;
}

const input = (attrs) => h('input', {autocomplete: 'off', ...attrs});

function render(root, ctx) {
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const results = h('div', {class: 'hasil-calon', 'aria-live': 'polite'});
    const unit = h('select', {name: 'unit_id'}, h('option', {value: ''}, 'Memuat unit kerja…'));
    const f = {
        q: formField('cc-q', 'Kompetensi atau jabatan', input({type: 'search', maxlength: '64'}),
                     'Misalnya “perawat” atau “teknik sipil”. Kosongkan untuk semua.'),
        unit_id: formField('cc-unit', 'Unit satuan tugas', unit, 'Calon dari unit terdekat diutamakan.'),
        date_from: formField('cc-mulai', 'Tanggal mulai', input({type: 'date'})),
        date_to: formField('cc-selesai', 'Tanggal selesai', input({type: 'date'})),
    };
    const d = {
        task_force: formField('sk-satgas', 'Nama satuan tugas', input({type: 'text', maxlength: '200'}),
                              'Misalnya “Satgas Penanganan Bencana Banjir”.'),
        sk_number: formField('sk-nomor', 'Nomor SK', input({type: 'text', maxlength: '200'})),
        sk_date: formField('sk-tanggal', 'Tanggal SK', input({type: 'date'})),
    };
    let rows = [];   /* [{candidate, checkbox, tr}] of the last search */

    async function search(ev) {
        if (ev)
            ev.preventDefault();
        for (const fl of Object.values(f))
            fl.setError('');
        results.setAttribute('aria-busy', 'true');
        results.replaceChildren(h('p', {class: 'memuat'}, 'Mencari calon…'));
        try {
            const res = await get('/assignments/candidates' + query({
                q: f.q.control.value.trim(), unit_id: unit.value, limit: 100,
                date_from: f.date_from.control.value, date_to: f.date_to.control.value}));
            if (!ctx.isCurrent())
                return;
            showResults((res && res.items) || []);
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const fl = f[e.field];
            if (fl)
                fl.setError(e.message);
            results.replaceChildren(message('galat', e.message));
        } finally {
            results.removeAttribute('aria-busy');
        }
    }

    function showResults(items) {
        rows = items.map((c) => {
            const checkbox = h('input', {type: 'checkbox', id: 'calon-' + c.employee_id,
                                         value: String(c.employee_id)});
            const tr = h('tr', {'data-employee': String(c.employee_id)},
                         h('td', null, checkbox),
                         h('th', {scope: 'row', class: 'sel-nama'},
                           h('label', {for: 'calon-' + c.employee_id}, c.name)),
                         h('td', null, c.position_name || '—'),
                         h('td', null, c.unit_name || '—'),
                         h('td', {class: 'sel-skor'}, String(c.score)));
            return {candidate: c, checkbox, tr};
        });
        if (rows.length === 0) {
            results.replaceChildren(h('p', {class: 'kosong'}, 'Tidak ada calon yang bebas pada periode itu.'));
            return;
        }
        results.replaceChildren(
            h('p', {class: 'keterangan'}, rows.length + ' calon, diurutkan dari yang paling sesuai.'),
            h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                      'aria-label': 'Daftar calon (dapat digeser ke samping)'},
              h('table', {class: 'tabel'},
                h('thead', null, h('tr', null,
                  ['Pilih', 'Nama', 'Jabatan', 'Unit kerja', 'Skor'].map((t) => h('th', {scope: 'col'}, t)))),
                h('tbody', null, rows.map((r) => r.tr)))));
    }

    async function assign(ev) {
        ev.preventDefault();
        for (const fl of [...Object.values(f), ...Object.values(d)])
            fl.setError('');
        for (const r of rows)
            r.tr.classList.remove('baris-galat');
        const chosen = rows.filter((r) => r.checkbox.checked);
        if (chosen.length === 0) {
            showMessage(status, 'galat', 'Pilih sedikitnya satu pegawai.');
            return;
        }
        submit.disabled = true;
        try {
            const res = await post('/assignments/batch', {
                kind: 'satgas', task_force: d.task_force.control.value.trim(),
                unit_id: unit.value ? Number(unit.value) : null,
                start_date: f.date_from.control.value, end_date: f.date_to.control.value,
                sk_number: d.sk_number.control.value.trim(), sk_date: d.sk_date.control.value,
                employee_ids: chosen.map((r) => r.candidate.employee_id)});
            if (!ctx.isCurrent())
                return;
            ctx.flash('sukses', res.items.length + ' pegawai ditugaskan ke ' + d.task_force.control.value.trim() + '.');
            ctx.navigate('/penugasan');
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const m = /^employee_ids\[(\d+)\]$/.exec(e.field || '');
            const fl = {start_date: f.date_from, end_date: f.date_to, unit_id: f.unit_id}[e.field] ||
                       d[e.field] || f[e.field];
            if (m && chosen[Number(m[1])]) {
                chosen[Number(m[1])].tr.classList.add('baris-galat');
                showMessage(status, 'galat', chosen[Number(m[1])].candidate.name + ': ' + e.message +
                            ' Tidak ada yang ditugaskan.');
            } else if (fl) {
                fl.setError(e.message);
                showMessage(status, 'galat', 'Belum ditugaskan: periksa isian yang ditandai.');
            } else {
                showMessage(status, 'galat', e.message);
            }
        } finally {
            submit.disabled = false;
        }
    }

    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Tugaskan');
    const filters = h('form', {class: 'formulir', novalidate: true, role: 'search',
                               'aria-label': 'Saringan calon', onsubmit: search},
                      f.q.wrap, f.unit_id.wrap, f.date_from.wrap, f.date_to.wrap,
                      h('div', {class: 'tombol-formulir'},
                        h('button', {type: 'submit', class: 'tombol'}, 'Cari calon')));
    const decree = h('form', {class: 'formulir', novalidate: true, onsubmit: assign,
                              'aria-label': 'Surat keputusan penugasan'},
                     h('fieldset', {class: 'kelompok'}, h('legend', null, 'Surat keputusan'),
                       d.task_force.wrap, d.sk_number.wrap, d.sk_date.wrap),
                     status, submit);

    async function loadUnits() {
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            unit.replaceChildren(h('option', {value: ''}, 'Pilih…'),
                                 ...unitOptions((res && res.items) || [], 0, []));
        } catch (e) {
            if (ctx.isCurrent())
                f.unit_id.setError(e.message);
        }
    }

    root.append(h('p', {class: 'tautan-kembali'}, h('a', {href: '#/penugasan'}, '‹ Kembali ke penugasan')),
                pageTitle('Cari calon petugas'),
                h('p', {class: 'keterangan'},
                  'Pegawai aktif dalam cakupan Anda yang tidak sedang ditugaskan pada periode itu, ' +
                  'diurutkan menurut kesesuaian jabatan, beban penugasan, jarak unit, dan staf ' +
                  'pelaksana sebelum pejabat struktural.'),
                h('section', {class: 'kartu', 'aria-label': 'Saringan'}, filters),
                results,
                h('section', {class: 'kartu kartu-formulir', 'aria-label': 'Surat keputusan'}, decree));
    loadUnits();
}

export default {render};
