/* Notifikasi: the user's own notifications, newest first (GET /api/v1/notifications), with
 * "Tandai dibaca" for one (POST /notifications/{id}/read) and "Tandai semua dibaca" for those
 * shown (POST /notifications/read-all {"up_to_id": the newest shown}, so one that arrives
 * meanwhile stays unread). "Hanya yang belum dibaca" narrows the list. The header's bell
 * gets the new count after each change. A notification's link opens only when it is an
 * in-app path (#/...). */

import {get, post, query} from './api.js';
import {h, message, showMessage, pageTitle, timeEl} from './dom.js';
import {setUnread} from './lonceng.js';

const PER_PAGE = 20;

function render(root, ctx) {
    const status = h('div', {class: 'wadah-pesan'});
    const box = h('div', {'aria-live': 'polite'});
    const onlyUnread = h('input', {type: 'checkbox', id: 'notifikasi-belum'});
    const allBtn = h('button', {type: 'button', class: 'tombol'}, 'Tandai semua dibaca');
    let page = 1;
    let newest = 0;

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat notifikasi…'));
        try {
            const res = await get('/notifications' + query({unread: onlyUnread.checked ? 'true' : null,
                                                             page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            const total = (res && res.total) || 0;
            const pages = Math.max(1, Math.ceil(total / PER_PAGE));
            newest = items.length ? Math.max(newest, items[0].id) : newest;
            setUnread(res.unread);
            allBtn.disabled = !res.unread || !newest;
            const pager = h('nav', {class: 'penomoran', 'aria-label': 'Halaman notifikasi'},
                            h('button', {type: 'button', class: 'tombol', disabled: page <= 1,
                                         onclick: () => { page--; load(); }}, 'Sebelumnya'),
                            h('span', null, 'Halaman ' + page + ' dari ' + pages),
                            h('button', {type: 'button', class: 'tombol', disabled: page >= pages,
                                         onclick: () => { page++; load(); }}, 'Berikutnya'));
            box.replaceChildren(
                h('p', {class: 'keterangan jumlah-belum'}, res.unread + ' belum dibaca.'),
                items.length ? h('ol', {class: 'daftar-kartu'}, items.map(item))
                             : h('p', {class: 'kosong'}, onlyUnread.checked ? 'Tidak ada notifikasi yang belum dibaca.'
                                                                            : 'Belum ada notifikasi.'),
                ...(total > PER_PAGE ? [pager] : []));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(message('galat', e.message),
                                h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    async function markOne(n, button) {
        button.disabled = true;
        try {
            const res = await post('/notifications/' + encodeURIComponent(n.id) + '/read', {});
            if (!ctx.isCurrent())
                return;
            setUnread(res.unread);
            showMessage(status, 'sukses', 'Notifikasi ditandai sudah dibaca.');
            await load();
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            button.disabled = false;
            showMessage(status, 'galat', e.message);
        }
    }

    async function markAll() {
        allBtn.disabled = true;
        try {
            const res = await post('/notifications/read-all', {up_to_id: newest});
            if (!ctx.isCurrent())
                return;
            setUnread(res.unread);
            showMessage(status, 'sukses', res.marked + ' notifikasi ditandai sudah dibaca.');
            await load();
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            allBtn.disabled = false;
            showMessage(status, 'galat', e.message);
        }
    }

    function item(n) {
        const unread = !n.read_at;
        const inApp = typeof n.link === 'string' && n.link.startsWith('#/');
        const button = unread ? h('button', {type: 'button', class: 'tombol tombol-kecil',
                                             'aria-label': 'Tandai dibaca: ' + n.title}, 'Tandai dibaca')
                              : null;
        if (button)
            button.addEventListener('click', () => markOne(n, button));
        return h('li', {class: ['kartu', 'kartu-baris', unread && 'notifikasi-belum'],
                        'data-id': String(n.id)},
                 h('h2', {class: 'notifikasi-judul'}, unread ? h('span', {class: 'tersembunyi'}, 'Belum dibaca: ') : null,
                   n.title),
                 n.body ? h('p', {class: 'notifikasi-isi'}, n.body) : null,
                 h('p', {class: 'keterangan'}, timeEl(n.created_at)),
                 h('div', {class: 'notifikasi-aksi'},
                   inApp ? h('a', {href: n.link}, 'Buka') : null,
                   button));
    }

    onlyUnread.addEventListener('change', () => { page = 1; load(); });
    allBtn.addEventListener('click', markAll);
    root.append(pageTitle('Notifikasi'),
                h('p', {class: 'keterangan'}, 'Pemberitahuan untuk Anda, yang terbaru di atas.'),
                h('div', {class: 'notifikasi-aksi'},
                  h('label', {for: 'notifikasi-belum'}, onlyUnread, ' Hanya yang belum dibaca'),
                  allBtn),
                status, box);
    load();
}

export default {render};
