/* The announcements block of the home page (Beranda): the announcements valid today addressed
 * to the user's unit, a parent unit or everyone (GET /api/v1/announcements), unread ones
 * marked, each with a "Tandai dibaca" button (POST /api/v1/announcements/{id}/read). Title
 * and text are plain text: they go into text nodes only (h()), line breaks kept by CSS. */

import {get, post} from './api.js';
import {h, message} from './dom.js';
import {formatTanggal} from './tanggal.js';

function item(x, reload, ctx, status) {
    const mark = x.read ? null : h('button', {type: 'button', class: 'tombol tombol-kecil',
                                              'aria-label': 'Tandai dibaca: ' + x.title},
                                   'Tandai dibaca');
    if (mark)
        mark.addEventListener('click', async () => {
            mark.disabled = true;
            try {
                await post(`/announcements/${x.id}/read`, {});
                if (ctx.isCurrent())
                    reload();
            } catch (e) {
                if (ctx.isCurrent())
                    status.replaceChildren(message('galat', e.message));
                mark.disabled = false;
            }
        });
    return h('article', {class: ['pengumuman', x.read ? 'sudah-dibaca' : 'belum-dibaca'],
                         'data-id': String(x.id), 'aria-labelledby': 'pengumuman-' + x.id},
             h('h3', {id: 'pengumuman-' + x.id},
               x.read ? null : h('span', {class: 'lencana lencana-baru'}, 'Baru'), ' ', x.title),
             h('p', {class: 'keterangan'},
               `Untuk ${x.unit_name || 'seluruh pegawai'} · berlaku sampai ${formatTanggal(x.valid_to)}`),
             h('p', {class: 'teks-pengumuman'}, x.body),
             mark || h('p', {class: 'keterangan status-dibaca'}, 'Sudah dibaca'));
}

export function announcementsSection(ctx) {
    const box = h('div', {'aria-live': 'polite'});
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const count = h('span', {class: 'jumlah-belum-dibaca'});

    async function load() {
        box.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/announcements?per_page=50');
            if (!ctx.isCurrent())
                return;
            count.textContent = res.unread ? ` (${res.unread} belum dibaca)` : '';
            box.replaceChildren(res.items.length
                ? h('div', {class: 'daftar-pengumuman'}, res.items.map((x) => item(x, load, ctx, status)))
                : h('p', {class: 'kosong'}, 'Tidak ada pengumuman yang berlaku hari ini.'));
        } catch (e) {
            if (ctx.isCurrent())
                box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
    return h('section', {class: 'kartu', 'aria-labelledby': 'judul-pengumuman'},
             h('h2', {id: 'judul-pengumuman'}, 'Pengumuman', count), status, box);
}
