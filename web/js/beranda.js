/* Beranda (home): greets the user, shows the announcements valid today (with unread ones
 * marked), their roles and unit, and the unit tree in their scope. */

import {get} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {announcementsSection} from './pengumuman-beranda.js';
import {ROLE_LABELS} from './routes.js';
import {unitTree} from './unit-tree.js';

export async function loadUnits(box, ctx, opts) {
    box.setAttribute('aria-busy', 'true');
    box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat struktur unit…'));
    try {
        const res = await get('/units');
        if (!ctx.isCurrent())
            return;
        box.replaceChildren(unitTree((res && res.items) || [], opts));
    } catch (e) {
        if (!ctx.isCurrent() || e.name === 'AbortError')
            return;
        box.replaceChildren(message('galat', e.message),
                            h('button', {type: 'button', class: 'tombol',
                                         onclick: () => loadUnits(box, ctx, opts)}, 'Coba lagi'));
    } finally {
        box.removeAttribute('aria-busy');
    }
}

function render(root, ctx) {
    const u = ctx.user;
    const roles = (u.roles || []).map((r) => ROLE_LABELS[r] || r);
    const units = h('div', {class: 'isi-unit', 'aria-live': 'polite'});

    root.append(
        pageTitle('Selamat datang, ' + (u.name || u.username)),
        announcementsSection(ctx),
        h('section', {class: 'kartu', 'aria-labelledby': 'judul-akun'},
          h('h2', {id: 'judul-akun'}, 'Akun Anda'),
          h('dl', {class: 'daftar-data'},
            h('dt', null, 'Nama pengguna'), h('dd', null, u.username),
            h('dt', null, 'Peran'), h('dd', {class: 'peran'}, roles.length ? roles.join(', ') : '—'),
            h('dt', null, 'Unit kerja'), h('dd', {class: 'unit-saya'}, u.unit_name || 'Belum ditetapkan'))),
        h('section', {class: 'kartu', 'aria-labelledby': 'judul-unit'},
          h('h2', {id: 'judul-unit'}, 'Struktur unit kerja'),
          units));
    loadUnits(units, ctx, {});
}

export default {render};
