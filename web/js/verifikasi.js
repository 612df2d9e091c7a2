/* Verifikasi (#/verifikasi, admins): the queue of pending self-service proposals in the
 * admin's scope (GET /proposals), each with the proposed and the current value of every field
 * side by side and its evidence; approve (the record changes at once) or reject with a
 * reason (POST /proposals/{id}/decision). A proposed family member or education row is shown
 * as the row the history will get (its labels from riwayat.js), as nothing is replaced. The
 * server refuses a decision about the admin's own record and one already made (the list then
 * reloads). */

import {get, post, query} from './api.js';
import {h, formField, message, pageTitle, timeEl} from './dom.js';
import {LABEL, tampil} from './kontak.js';
import {JENIS_USULAN, usulanFields} from './data-saya.js';

const PER_PAGE = 20;

/* A new history row: what the history will get, field by field. */
function newRow(p) {
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                     'aria-label': JENIS_USULAN[p.kind] + ' diusulkan ' + p.employee_name},
             h('table', {class: 'tabel'},
               h('caption', null, JENIS_USULAN[p.kind] + ' (ditambahkan ke riwayat bila disetujui)'),
               h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Data'), h('th', {scope: 'col'}, 'Diusulkan'))),
               h('tbody', null, usulanFields(p).map(([label, text]) =>
                 h('tr', null, h('th', {scope: 'row'}, label),
                   h('td', {'data-field': 'proposed'}, h('strong', null, text)))))));
}

function compare(p) {
    if (p.kind !== 'record')
        return newRow(p);
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                     'aria-label': 'Perbandingan data usulan ' + p.employee_name},
             h('table', {class: 'tabel'},
               h('thead', null, h('tr', null,
                 h('th', {scope: 'col'}, 'Data'),
                 h('th', {scope: 'col'}, 'Saat ini'),
                 h('th', {scope: 'col'}, 'Diusulkan'))),
               h('tbody', null, Object.entries(p.payload || {}).map(([f, v]) =>
                 h('tr', {'data-kolom': f},
                   h('th', {scope: 'row'}, LABEL[f] || f),
                   h('td', {'data-field': 'current'}, tampil(f, (p.current || {})[f])),
                   h('td', {'data-field': 'proposed'}, h('strong', null, tampil(f, v))))))));
}

function item(p, reload, status) {
    const reason = formField('alasan-' + p.id, 'Alasan penolakan',
                             h('textarea', {rows: '2', maxlength: '500'}));
    const approve = h('button', {type: 'button', class: 'tombol tombol-utama'}, 'Setujui');
    const reject = h('button', {type: 'button', class: 'tombol'}, 'Tolak');

    async function decide(decision) {
        const body = {decision};
        if (decision === 'reject') {
            const r = reason.control.value.trim();
            reason.setError(r ? '' : 'Alasan penolakan wajib diisi.');
            if (!r)
                return;
            body.reason = r;
        }
        approve.disabled = reject.disabled = true;
        try {
            await post('/proposals/' + p.id + '/decision', body);
            status.replaceChildren(message('sukses', (decision === 'approve' ? 'Usulan disetujui: ' : 'Usulan ditolak: ') +
                                                     p.employee_name + '.'));
            reload();
        } catch (e) {
            if (e.field === 'reason')
                reason.setError(e.message);
            else
                status.replaceChildren(message('galat', e.message));
            if (e.status === 409)
                reload();
        } finally {
            approve.disabled = reject.disabled = false;
        }
    }
    approve.addEventListener('click', () => decide('approve'));
    reject.addEventListener('click', () => decide('reject'));
    return h('li', {class: 'kartu kartu-baris', 'data-usulan': String(p.id)},
             h('h2', null, h('a', {href: '#/pegawai/' + encodeURIComponent(p.employee_id)}, p.employee_name)),
             h('p', {class: 'petunjuk'}, 'NIP ', p.nip, ' · ', p.unit_name, ' · diajukan ', timeEl(p.created_at)),
             compare(p),
             p.evidence && p.evidence.length
                 ? h('p', null, 'Bukti: ', p.evidence.map((id, i) => [i ? ', ' : '',
                     h('a', {href: '/api/v1/documents/' + encodeURIComponent(id)}, 'dokumen ' + id)]))
                 : h('p', {class: 'petunjuk'}, 'Tanpa bukti pendukung.'),
             reason.wrap, h('div', {class: 'baris-tombol'}, approve, ' ', reject));
}

function render(root, ctx) {
    const page = Math.max(1, parseInt(ctx.query.get('page') || '1', 10) || 1);
    const status = h('div', {'aria-live': 'polite'});
    const box = h('div', {'aria-live': 'polite'});
    root.append(pageTitle('Verifikasi usulan'), status, box);

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat antrean…'));
        try {
            const res = await get('/proposals' + query({status: 'pending', page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const pages = Math.max(1, Math.ceil(res.total / PER_PAGE));
            box.replaceChildren(
                h('p', null, res.total ? res.total + ' usulan menunggu verifikasi.' : 'Tidak ada usulan yang menunggu.'),
                h('ul', {class: 'daftar-kartu'}, res.items.map((p) => item(p, load, status))),
                pages > 1 ? h('nav', {'aria-label': 'Halaman antrean'},
                              page > 1 ? h('a', {href: '#/verifikasi?page=' + (page - 1)}, '‹ Sebelumnya') : null, ' ',
                              'Halaman ' + page + ' dari ' + pages, ' ',
                              page < pages ? h('a', {href: '#/verifikasi?page=' + (page + 1)}, 'Berikutnya ›') : null)
                          : null);
        } catch (e) {
            box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
}

export default {render};
