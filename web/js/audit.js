/* Audit: the audit log (GET /api/v1/audit), newest first, filtered by entity and date
 * range, paged. Filters and page live in the hash (#/audit?entity=…&page=2) so Back and
 * reload keep them. */

import {get, query} from './api.js';
import {h, message, pageTitle, timeEl} from './dom.js';

const PER_PAGE = 50;

function jsonBlock(label, value) {
    if (value === null || value === undefined)
        return null;
    return h('details', {class: 'audit-isi'},
             h('summary', null, label),
             h('pre', null, JSON.stringify(value, null, 2)));
}

function entry(e) {
    return h('li', {class: 'kartu kartu-baris audit-baris'},
             h('p', {class: 'audit-kepala'},
               h('span', {class: 'audit-aksi'}, e.action || '—'), ' ',
               h('span', {class: 'audit-entitas'}, (e.entity || '—') + (e.entity_id != null ? ' #' + e.entity_id : ''))),
             h('dl', {class: 'daftar-data'},
               h('dt', null, 'Waktu'), h('dd', null, timeEl(e.at)),
               h('dt', null, 'Pelaku'), h('dd', null, e.actor_id != null ? 'Pengguna #' + e.actor_id : 'Sistem'),
               h('dt', null, 'Alamat IP'), h('dd', null, e.ip || '—'),
               h('dt', null, 'Hash'), h('dd', {class: 'audit-hash'}, e.hash ? String(e.hash).slice(0, 16) + '…' : '—')),
             jsonBlock('Sebelum', e.before),
             jsonBlock('Sesudah', e.after));
}

function render(root, ctx) {
    const q = ctx.query;
    const page = Math.max(1, parseInt(q.get('page') || '1', 10) || 1);
    const filters = {entity: q.get('entity') || '', from: q.get('from') || '', to: q.get('to') || ''};
    const box = h('div', {'aria-live': 'polite'});

    function go(next) {
        ctx.navigate('/audit' + query({...next}));
    }

    const entity = h('input', {id: 'audit-entitas', name: 'entity', type: 'text', value: filters.entity,
                               autocomplete: 'off'});
    const from = h('input', {id: 'audit-dari', name: 'from', type: 'date', value: filters.from});
    const to = h('input', {id: 'audit-sampai', name: 'to', type: 'date', value: filters.to});
    const form = h('form', {class: 'formulir formulir-saring', novalidate: true,
                            'aria-label': 'Saring catatan audit',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                go({entity: entity.value.trim(), from: from.value, to: to.value});
                            }},
                   h('div', {class: 'bidang'}, h('label', {for: 'audit-entitas'}, 'Entitas'), entity),
                   h('div', {class: 'bidang'}, h('label', {for: 'audit-dari'}, 'Dari tanggal'), from),
                   h('div', {class: 'bidang'}, h('label', {for: 'audit-sampai'}, 'Sampai tanggal'), to),
                   h('button', {type: 'submit', class: 'tombol'}, 'Terapkan'));

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat catatan audit…'));
        try {
            const res = await get('/audit' + query({...filters, page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            const total = (res && res.total) || 0;
            const pages = Math.max(1, Math.ceil(total / PER_PAGE));
            const pager = h('nav', {class: 'penomoran', 'aria-label': 'Halaman catatan audit'},
                            h('button', {type: 'button', class: 'tombol', disabled: page <= 1,
                                         onclick: () => go({...filters, page: page - 1})}, 'Sebelumnya'),
                            h('span', null, 'Halaman ' + page + ' dari ' + pages),
                            h('button', {type: 'button', class: 'tombol', disabled: page >= pages,
                                         onclick: () => go({...filters, page: page + 1})}, 'Berikutnya'));
            box.replaceChildren(
                h('p', {class: 'keterangan'}, total + ' catatan.'),
                items.length ? h('ol', {class: 'daftar-kartu'}, items.map(entry))
                             : h('p', {class: 'kosong'}, 'Tidak ada catatan yang cocok.'),
                ...(total > PER_PAGE ? [pager] : []));   /* a null would show as "null" */
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(message('galat', e.message),
                                h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    const filtered = !!(filters.entity || filters.from || filters.to);
    root.append(pageTitle('Audit'),
                h('p', {class: 'keterangan'}, 'Jejak setiap perubahan data, terbaru di atas.'),
                h('details', {class: 'saring', open: filtered},
                  h('summary', null, filtered ? 'Saringan (aktif)' : 'Saring catatan'), form),
                box);
    load();
}

export default {render};
