/* Persetujuan cuti (#/cuti/persetujuan): the requests the user must decide now
 * (GET /leave-requests?inbox=true, oldest first), each with the employee, the period, the
 * counted days and the history, one click to approve, and reject or postpone with the reason
 * the server requires (POST /leave-requests/{id}/decision). Postponing is offered for annual
 * and long leave only, as the law allows. "Ubah" grants a changed period with a reason:
 * decision "change" with start_date/end_date, any dates the API allows (fewer days, or other
 * dates the server checks like a new request and answers with the field at fault). A request
 * someone else decided meanwhile answers 409 and the list reloads. */

import {get, post, query} from './api.js';
import {h, formField, message, pageTitle, timeEl} from './dom.js';
import {JENIS_CUTI, periode, riwayatLangkah, ringkasan} from './cuti.js';

const PER_PAGE = 20;
const DONE = {approve: 'disetujui', reject: 'ditolak', postpone: 'ditangguhkan', change: 'disetujui dengan perubahan'};
const NEEDS = {reject: 'menolak.', postpone: 'menangguhkan.', change: 'mengubah tanggal.'};

/* The decision buttons and the reason field of request r; after() runs once it is decided. */
export function decisionForm(r, status, after) {
    const reason = formField('alasan-cuti-' + r.id, 'Alasan (wajib untuk menolak, menangguhkan atau mengubah)',
                             h('textarea', {rows: '2', maxlength: '500'}));
    const from = formField('ubah-mulai-' + r.id, 'Tanggal mulai baru', h('input', {type: 'date', value: r.start_date, required: ''}));
    const to = formField('ubah-selesai-' + r.id, 'Tanggal selesai baru', h('input', {type: 'date', value: r.end_date, required: ''}));
    const confirm = h('button', {type: 'button', class: 'tombol tombol-utama', 'data-aksi': 'simpan-ubah'}, 'Setujui dengan perubahan');
    const changeBox = h('fieldset', {class: 'ubah-cuti', hidden: ''},
                        h('legend', null, 'Ubah masa cuti (lebih singkat atau tanggal lain)'), from.wrap, to.wrap, confirm);
    const change = h('button', {type: 'button', class: 'tombol', 'data-aksi': 'ubah', 'aria-expanded': 'false'}, 'Ubah');
    const approve = h('button', {type: 'button', class: 'tombol tombol-utama', 'data-aksi': 'setujui'}, 'Setujui');
    const reject = h('button', {type: 'button', class: 'tombol', 'data-aksi': 'tolak'}, 'Tolak');
    const postpone = r.type === 'tahunan' || (r.type === 'besar' && !r.converted_from)
        ? h('button', {type: 'button', class: 'tombol', 'data-aksi': 'tangguhkan'}, 'Tangguhkan') : null;
    const buttons = [approve, change, reject, postpone, confirm].filter(Boolean);
    const fields = {reason, start_date: from, end_date: to};

    async function decide(decision) {
        const body = {decision};
        const text = reason.control.value.trim();
        for (const f of Object.values(fields))
            f.setError('');
        if (decision !== 'approve' && !text) {
            reason.setError('Alasan wajib diisi untuk ' + NEEDS[decision]);
            reason.control.focus();
            return;
        }
        if (text)
            body.reason = text;
        if (decision === 'change') {
            for (const f of [from, to])
                if (!f.control.value) {
                    f.setError('Tanggal wajib diisi.');
                    f.control.focus();
                    return;
                }
            if (to.control.value < from.control.value) {
                to.setError('Tanggal selesai tidak boleh sebelum tanggal mulai.');
                to.control.focus();
                return;
            }
            if (from.control.value === r.start_date && to.control.value === r.end_date) {
                to.setError('Masa cuti belum diubah.');
                to.control.focus();
                return;
            }
            body.start_date = from.control.value;
            body.end_date = to.control.value;
        }
        for (const b of buttons)
            b.disabled = true;
        try {
            const res = await post('/leave-requests/' + encodeURIComponent(r.id) + '/decision', body);
            status.replaceChildren(message('sukses', 'Cuti ' + r.employee_name + ' (' + periode(r) + ') ' +
                DONE[decision] + (decision === 'change' && res ? ' menjadi ' + periode(res) : '') +
                (res && res.status === 'pending_official' ? '; diteruskan ke pejabat berwenang.' : '.')));
            after();
        } catch (e) {
            if (fields[e.field])
                fields[e.field].setError(e.message);
            else
                status.replaceChildren(message('galat', e.message));
            if (e.status === 409)
                after();
        } finally {
            for (const b of buttons)
                b.disabled = false;
        }
    }
    approve.addEventListener('click', () => decide('approve'));
    reject.addEventListener('click', () => decide('reject'));
    if (postpone)
        postpone.addEventListener('click', () => decide('postpone'));
    change.addEventListener('click', () => {
        const open = changeBox.hidden;
        changeBox.hidden = !open;
        change.setAttribute('aria-expanded', String(open));
        if (open)
            from.control.focus();
    });
    confirm.addEventListener('click', () => decide('change'));
    return h('div', {class: 'keputusan-cuti'}, reason.wrap,
             h('div', {class: 'baris-tombol', role: 'group', 'aria-label': 'Keputusan'},
               [approve, change, reject, postpone].filter(Boolean).flatMap((b) => [b, ' '])),
             changeBox);
}

function item(r, status, reload) {
    return h('li', {class: 'kartu kartu-baris', 'data-cuti': String(r.id)},
             h('h2', null, h('a', {href: '#/cuti/' + encodeURIComponent(r.id)},
                             r.employee_name + ' · ' + (JENIS_CUTI[r.type] || r.type))),
             h('p', {class: 'petunjuk'}, 'NIP ', r.employee_nip || '—', ' · ', r.unit_name || '', ' · diajukan ',
               timeEl(r.created_at), ' · tahap: ', r.step === 'official' ? 'pejabat berwenang' : 'atasan langsung'),
             ringkasan(r, false),
             riwayatLangkah(r.steps),
             decisionForm(r, status, reload));
}

function render(root, ctx) {
    const page = Math.max(1, parseInt(ctx.query.get('page') || '1', 10) || 1);
    const status = h('div', {'aria-live': 'polite'});
    const box = h('div', {'aria-live': 'polite'});
    root.append(pageTitle('Persetujuan cuti'), status, box);

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat permohonan…'));
        try {
            const res = await get('/leave-requests' + query({inbox: 'true', page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const pages = Math.max(1, Math.ceil(res.total / PER_PAGE));
            box.replaceChildren(
                h('p', {'data-field': 'total'}, res.total ? res.total + ' permohonan menunggu keputusan Anda.'
                                                         : 'Tidak ada permohonan yang menunggu keputusan Anda.'),
                h('ul', {class: 'daftar-kartu'}, res.items.map((r) => item(r, status, load))),
                pages > 1 ? h('nav', {'aria-label': 'Halaman permohonan'},
                              page > 1 ? h('a', {href: '#/cuti/persetujuan?page=' + (page - 1)}, '‹ Sebelumnya') : null, ' ',
                              'Halaman ' + page + ' dari ' + pages, ' ',
                              page < pages ? h('a', {href: '#/cuti/persetujuan?page=' + (page + 1)}, 'Berikutnya ›') : null)
                          : '');
        } catch (e) {
            box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
}

export default {render};
