/* Cuti saya (#/cuti): the own annual leave balance with how it was computed, the button to a
 * new request, and the own requests (GET /leave-requests?mine=true, newest first: the own
 * requests whatever the role) with their status and who must decide now, "Batalkan" while the
 * leave has not started (POST /leave-requests/{id}/cancel) and the letter of an approved
 * request; the step history is on the request's page (#/cuti/<id>). */

import {get, post, query} from './api.js';
import {h, message, pageTitle, timeEl} from './dom.js';
import {JENIS_CUTI, kotakSaldo, letterLink, namaPenyetuju, periode, statusBadge} from './cuti.js';

const PER_PAGE = 20;

export function cancelButton(r, status, after) {
    if (!r.can_cancel)
        return null;
    const btn = h('button', {type: 'button', class: 'tombol tombol-kecil', 'data-aksi': 'batal'},
                  'Batalkan permohonan');
    btn.addEventListener('click', async () => {
        btn.disabled = true;
        try {
            await post('/leave-requests/' + encodeURIComponent(r.id) + '/cancel', {});
            status.replaceChildren(message('sukses', 'Permohonan cuti ' + periode(r) + ' dibatalkan.'));
            after();
        } catch (e) {
            status.replaceChildren(message('galat', e.message));
            btn.disabled = false;
        }
    });
    return btn;
}

function item(r, status, reload) {
    const pending = r.status === 'pending_supervisor' || r.status === 'pending_official';
    return h('li', {class: 'kartu kartu-baris', 'data-cuti': String(r.id)},
             h('h2', null, h('a', {href: '#/cuti/' + encodeURIComponent(r.id)},
                             (JENIS_CUTI[r.type] || r.type) + ', ' + periode(r))),
             h('p', null, statusBadge(r.status), ' · ', String(r.working_days), ' hari kerja · diajukan ',
               timeEl(r.created_at)),
             pending && r.approver ? h('p', {class: 'petunjuk'}, 'Menunggu keputusan: ', namaPenyetuju(r.approver)) : null,
             r.decision_reason ? h('p', {'data-field': 'decision_reason'}, 'Alasan: ', r.decision_reason) : null,
             h('div', {class: 'baris-tombol'}, letterLink(r), ' ', cancelButton(r, status, reload)));
}

function render(root, ctx) {
    const me = ctx.user || {};
    if (!me.employee_id) {
        root.append(pageTitle('Cuti saya'), message('info', 'Akun Anda tidak terhubung dengan data pegawai.'));
        return;
    }
    const page = Math.max(1, parseInt(ctx.query.get('page') || '1', 10) || 1);
    const saldo = kotakSaldo(me.employee_id);
    const status = h('div', {'aria-live': 'polite'});
    const box = h('section', {class: 'kartu', 'aria-labelledby': 'judul-permohonan', 'aria-live': 'polite'});
    root.append(pageTitle('Cuti saya'), status,
                h('p', null, h('a', {href: '#/cuti/baru', class: 'tombol tombol-utama'}, 'Ajukan cuti')),
                saldo.el, box);

    async function load() {
        saldo.load();
        box.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/leave-requests' + query({mine: 'true', page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const pages = Math.max(1, Math.ceil(res.total / PER_PAGE));
            box.replaceChildren(
                h('h2', {id: 'judul-permohonan'}, 'Permohonan cuti'),
                res.total ? h('ul', {class: 'daftar-kartu'}, res.items.map((r) => item(r, status, load)))
                          : h('p', {class: 'kosong'}, 'Belum ada permohonan cuti.'),
                pages > 1 ? h('nav', {'aria-label': 'Halaman permohonan'},
                              page > 1 ? h('a', {href: '#/cuti?page=' + (page - 1)}, '‹ Sebelumnya') : null, ' ',
                              'Halaman ' + page + ' dari ' + pages, ' ',
                              page < pages ? h('a', {href: '#/cuti?page=' + (page + 1)}, 'Berikutnya ›') : null)
                          : '');
        } catch (e) {
            box.replaceChildren(h('h2', {id: 'judul-permohonan'}, 'Permohonan cuti'), message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
}

export default {render};
