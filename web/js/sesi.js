/* Sesi aktif: the user's own sessions (GET /api/v1/auth/sessions), each but the current
 * one can be ended (DELETE /api/v1/auth/sessions/{id}). */

import {get, del} from './api.js';
import {h, message, showMessage, pageTitle, timeEl} from './dom.js';

function render(root, ctx) {
    const status = h('div', {class: 'wadah-pesan'});
    const box = h('div', {'aria-live': 'polite'});

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat sesi…'));
        try {
            const res = await get('/auth/sessions');
            if (!ctx.isCurrent())
                return;
            const items = ((res && res.items) || []).slice().sort((a, b) => Number(!!b.current) - Number(!!a.current));
            box.replaceChildren(h('ul', {class: 'daftar-kartu'}, items.map(item)));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(message('galat', e.message),
                                h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    async function end(s, button) {
        button.disabled = true;
        try {
            await del('/auth/sessions/' + encodeURIComponent(s.id));
            if (!ctx.isCurrent())
                return;
            showMessage(status, 'sukses', 'Sesi telah diakhiri.');
            await load();
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            button.disabled = false;
            showMessage(status, 'galat', e.message);
        }
    }

    function item(s) {
        const button = s.current ? null
            : h('button', {type: 'button', class: 'tombol tombol-kecil',
                           'aria-label': 'Akhiri sesi ' + (s.ip || '') + ' yang dimulai ' +
                                         timeEl(s.created_at).textContent},
                'Akhiri sesi ini');
        if (button)
            button.addEventListener('click', () => end(s, button));
        return h('li', {class: 'kartu kartu-baris'},
                 h('dl', {class: 'daftar-data'},
                   h('dt', null, 'Dimulai'), h('dd', null, timeEl(s.created_at)),
                   h('dt', null, 'Terakhir aktif'), h('dd', null, timeEl(s.last_seen_at)),
                   h('dt', null, 'Alamat IP'), h('dd', null, s.ip || '—')),
                 s.current ? h('p', {class: 'lencana lencana-kini'}, 'Sesi di perangkat ini') : button);
    }

    root.append(pageTitle('Sesi aktif'),
                h('p', {class: 'keterangan'},
                  'Perangkat tempat akun Anda sedang masuk. Akhiri sesi yang tidak Anda kenali, lalu ganti kata sandi.'),
                status, box);
    load();
}

export default {render};
