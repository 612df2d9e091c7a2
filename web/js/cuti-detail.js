/* Permohonan cuti (#/cuti/<id>, the link of the leave notifications): one request with its
 * facts, where it stands, the step history, "Batalkan" while it has not started, the letter
 * of an approved request, and the decision form when the reader must decide now. An approved
 * CLTN shows when the employee must report back, a missing report (cltn.overdue) and a late
 * one (return_late); BKPSDM extends it once ("Perpanjang": POST /leave-requests/{id}/extend
 * {end_date, reason}) and admins record the return ("Catat kembali bertugas": POST .../return
 * {returned_on}). The server checks every rule; its errors show under the field. */

import {get, post} from './api.js';
import {formField, h, message, pageTitle} from './dom.js';
import {JENIS_CUTI, letterLink, periode, riwayatLangkah, ringkasan, statusBadge} from './cuti.js';
import {cancelButton} from './cuti-saya.js';
import {decisionForm} from './cuti-persetujuan.js';
import {formatTanggal} from './tanggal.js';

function hasRole(ctx, roles) {
    return !!ctx.user && Array.isArray(ctx.user.roles) && ctx.user.roles.some((x) => roles.includes(x));
}

/* A button that shows or hides a form below it. */
function toggle(label, aksi, form) {
    const btn = h('button', {type: 'button', class: 'tombol', 'data-aksi': aksi, 'aria-expanded': 'false'}, label);
    form.hidden = true;
    btn.addEventListener('click', () => {
        form.hidden = !form.hidden;
        btn.setAttribute('aria-expanded', String(!form.hidden));
        if (!form.hidden)
            form.querySelector('input, textarea').focus();
    });
    return btn;
}

/* POST path body from a form's fields; field errors under the field, the rest in status. */
async function send(path, body, fields, status, done) {
    for (const f of Object.values(fields))
        f.setError('');
    status.replaceChildren();
    try {
        const r = await post(path, body);
        done(r);
    } catch (e) {
        const f = e.field && fields[e.field];
        if (f) {
            f.setError(e.message);
            f.control.focus();
        } else {
            status.replaceChildren(message('galat', e.message));
        }
    }
}

/* The CLTN card of an approved (or once approved) cltn request r. */
function cltnSection(r, ctx, status, load) {
    const c = r.cltn;
    const rows = [
        c.extended_from ? ['Diperpanjang dari', formatTanggal(c.extended_from) + ' menjadi ' + formatTanggal(r.end_date),
                           'extended_from'] : null,
        c.extension_reason ? ['Dasar perpanjangan', c.extension_reason, 'extension_reason'] : null,
        ['Batas melapor kembali', formatTanggal(c.report_due), 'report_due'],
        ['Kembali bertugas', c.returned_on ? formatTanggal(c.returned_on) : 'Belum dicatat', 'returned_on'],
    ].filter(Boolean);
    const notes = [];
    if (c.overdue)
        notes.push(h('p', {class: 'pesan pesan-peringatan', role: 'status', 'data-field': 'overdue'},
                     'Terlambat melapor: CLTN berakhir ' + formatTanggal(r.end_date) + ' dan batas melapor kembali ' +
                     formatTanggal(c.report_due) + ' sudah lewat, tetapi kepulangan belum dicatat.'));
    if (c.return_late === true)
        notes.push(h('p', {class: 'pesan pesan-peringatan', role: 'status', 'data-field': 'return_late'},
                     'Melapor kembali terlambat: lebih dari 1 bulan setelah CLTN berakhir.'));
    else if (c.return_late === false)
        notes.push(h('p', {class: 'pesan pesan-sukses', role: 'status', 'data-field': 'return_late'},
                     'Melapor kembali tepat waktu.'));

    const actions = [];
    const forms = [];
    const open = r.status === 'approved' && !c.returned_on;
    if (open && !c.extended_from && hasRole(ctx, ['admin_bkpsdm'])) {
        const end = formField('cltn-selesai-baru', 'Tanggal selesai baru', h('input', {type: 'date', required: true}),
                              'Sekali saja, paling lama 1 tahun, dan tidak lebih dari 4 tahun sejak CLTN dimulai.');
        const reason = formField('cltn-dasar', 'Dasar perpanjangan (keputusan pejabat dan persetujuan BKN)',
                                 h('textarea', {rows: '2', maxlength: '500', required: true}));
        const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Perpanjang CLTN'},
                       end.wrap, reason.wrap,
                       h('div', {class: 'tombol-formulir'},
                         h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan perpanjangan')));
        form.addEventListener('submit', (ev) => {
            ev.preventDefault();
            send('/leave-requests/' + encodeURIComponent(r.id) + '/extend',
                 {end_date: end.control.value, reason: reason.control.value.trim()},
                 {end_date: end, reason}, status, (x) => {
                     if (!ctx.isCurrent())
                         return;
                     load().then(() => status.replaceChildren(message('sukses',
                         'CLTN diperpanjang sampai ' + formatTanggal(x.end_date) + '.')));
                 });
        });
        actions.push(toggle('Perpanjang', 'perpanjang', form));
        forms.push(form);
    }
    if (open && hasRole(ctx, ['admin_bkpsdm', 'admin_unit'])) {
        const back = formField('cltn-kembali', 'Tanggal kembali bertugas', h('input', {type: 'date', required: true}),
                               'Setelah CLTN dimulai dan tidak setelah hari ini. Status pegawai kembali aktif.');
        const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Catat kembali bertugas'},
                       back.wrap,
                       h('div', {class: 'tombol-formulir'},
                         h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan tanggal kembali')));
        form.addEventListener('submit', (ev) => {
            ev.preventDefault();
            send('/leave-requests/' + encodeURIComponent(r.id) + '/return', {returned_on: back.control.value},
                 {returned_on: back}, status, (x) => {
                     if (!ctx.isCurrent())
                         return;
                     load().then(() => status.replaceChildren(message(x.cltn && x.cltn.return_late ? 'peringatan' : 'sukses',
                         'Kembali bertugas ' + formatTanggal(x.cltn ? x.cltn.returned_on : back.control.value) +
                         (x.cltn && x.cltn.return_late ? ' dicatat: terlambat melapor.' : ' dicatat.'))));
                 });
        });
        actions.push(toggle('Catat kembali bertugas', 'kembali', form));
        forms.push(form);
    }
    return h('section', {class: 'kartu', 'aria-labelledby': 'judul-cltn', 'data-cltn': String(r.id)},
             h('h2', {id: 'judul-cltn'}, 'Cuti di luar tanggungan negara'),
             h('dl', {class: 'daftar-data'},
               rows.map(([k, v, field]) => [h('dt', null, k), h('dd', {'data-field': field}, v)])),
             notes,
             actions.length ? h('div', {class: 'baris-tombol'}, actions) : null,
             forms);
}

function render(root, ctx) {
    const id = ctx.params.id;
    const status = h('div', {'aria-live': 'polite'});
    const box = h('div', {'aria-live': 'polite'});
    root.append(pageTitle('Permohonan cuti'), status, box);

    async function load() {
        box.setAttribute('aria-busy', 'true');
        try {
            const r = await get('/leave-requests/' + encodeURIComponent(id));
            if (!ctx.isCurrent())
                return;
            const mine = ctx.user && r.employee_id === ctx.user.employee_id;
            box.replaceChildren(
                h('section', {class: 'kartu', 'data-cuti': String(r.id)},
                  h('h2', null, (JENIS_CUTI[r.type] || r.type) + ', ' + periode(r)),
                  h('p', null, statusBadge(r.status)),
                  ringkasan(r, !mine),
                  h('div', {class: 'baris-tombol'}, letterLink(r), ' ', cancelButton(r, status, load))),
                r.cltn && r.status === 'approved' ? cltnSection(r, ctx, status, load) : '',
                r.can_decide ? decisionForm(r, status, load) : '',
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-langkah'},
                  h('h2', {id: 'judul-langkah'}, 'Riwayat'), riwayatLangkah(r.steps) || h('p', {class: 'kosong'}, '—')),
                h('p', null, h('a', {href: mine ? '#/cuti' : '#/cuti/persetujuan', class: 'tautan-kembali'},
                               mine ? '‹ Cuti saya' : '‹ Persetujuan cuti')));
        } catch (e) {
            box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
}

export default {render};
