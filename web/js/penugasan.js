/* Penugasan (#/penugasan): temporary assignments active today in the user's scope
 * (GET /api/v1/assignments?active=true, the server's today), with their end dates; admins get
 * an "Akhiri" button per row (POST /api/v1/assignments/{id}/end: the person is back in the home
 * unit from today). Nobody needs to end an assignment on its end date: the server stops
 * counting it the day after by itself. A link leads to the candidate finder. */

import {get, post, query} from './api.js';
import {h, message, pageTitle, showMessage} from './dom.js';
import {ADMIN, hasAnyRole} from './routes.js';
import {formatTanggal} from './tanggal.js';

export const JENIS_PENUGASAN = {plt: 'Plt', plh: 'Plh', satgas: 'Satuan tugas'};

const PER_PAGE = 100;

function target(a) {
    return a.kind === 'satgas' ? (a.task_force || '—') : (a.position_name || '—');
}

function render(root, ctx) {
    const admin = hasAnyRole(ctx.user, ADMIN);
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const box = h('div', {class: 'daftar-penugasan', 'aria-live': 'polite'});

    /* Two steps instead of a dialog: the first press asks, the second ends. */
    async function end(a, button) {
        if (button.dataset.tanya !== '1') {
            button.dataset.tanya = '1';
            button.textContent = 'Ya, akhiri hari ini';
            button.setAttribute('aria-label', 'Ya, akhiri penugasan ' + a.employee_name + ' hari ini');
            return;
        }
        button.disabled = true;
        try {
            await post('/assignments/' + a.id + '/end', {});
            if (!ctx.isCurrent())
                return;
            showMessage(status, 'sukses', 'Penugasan ' + a.employee_name + ' diakhiri.');
            load();
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            button.disabled = false;
            showMessage(status, 'galat', e.message);
        }
    }

    function row(a) {
        const button = admin ? h('button', {type: 'button', class: 'tombol',
                                            'aria-label': 'Akhiri penugasan ' + a.employee_name}, 'Akhiri') : null;
        if (button)
            button.addEventListener('click', () => end(a, button));
        return h('tr', {'data-assignment': String(a.id)},
                 h('th', {scope: 'row', class: 'sel-nama'},
                   h('a', {href: '#/pegawai/' + encodeURIComponent(a.employee_id)}, a.employee_name)),
                 h('td', null, JENIS_PENUGASAN[a.kind] || a.kind),
                 h('td', null, target(a)),
                 h('td', null, a.unit_name || '—'),
                 h('td', null, a.home_unit_name || '—'),
                 h('td', null, formatTanggal(a.start_date)),
                 h('td', {class: 'sel-selesai'}, formatTanggal(a.end_date)),
                 h('td', null, a.sk_number || '—'),
                 admin ? h('td', null, button) : null);
    }

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat penugasan…'));
        try {
            const res = await get('/assignments' + query({active: 'true', per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            if (items.length === 0) {
                box.replaceChildren(h('p', {class: 'kosong'}, 'Tidak ada penugasan sementara yang aktif hari ini.'));
                return;
            }
            box.replaceChildren(
                h('p', {class: 'keterangan'}, res.total + ' penugasan aktif hari ini.'),
                h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                          'aria-label': 'Penugasan aktif (dapat digeser ke samping)'},
                  h('table', {class: 'tabel'},
                    h('thead', null, h('tr', null,
                      ['Pegawai', 'Jenis', 'Jabatan / satuan tugas', 'Unit penugasan', 'Unit asal',
                       'Mulai', 'Selesai', 'Nomor SK'].map((t) => h('th', {scope: 'col'}, t)),
                      admin ? h('th', {scope: 'col'}, 'Tindakan') : null)),
                    h('tbody', null, items.map(row)))));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(message('galat', e.message),
                                h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    root.append(pageTitle('Penugasan'),
                h('p', {class: 'keterangan'},
                  'Plt, Plh dan satuan tugas yang berjalan hari ini. Pegawai kembali ke unit asalnya ' +
                  'sehari setelah tanggal selesai tanpa tindakan apa pun.'),
                admin ? h('p', null, h('a', {href: '#/penugasan/cari', class: 'tombol'}, 'Cari calon petugas')) : null,
                status, box);
    load();
}

export default {render};
