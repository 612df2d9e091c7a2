/* Pegawai: search the employees in the user's scope (GET /api/v1/employees) by a name or
 * NIP fragment, unit (sub-units included by the server), golongan, with a sort from the
 * API's allow-list, paged. Filters and page live in the hash (#/pegawai?q=andi&unit_id=3)
 * so reload and Back keep them. Each row links to the profile (#/pegawai/<id>). The list
 * never shows a NIK: the server masks it in lists anyway. */

import {get, query} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {ADMIN, hasAnyRole} from './routes.js';
import {GOLONGAN_PNS, GOLONGAN_PPPK, namaLengkap} from './pegawai-data.js';
import {unitOptions} from './unit-tree.js';
import {downloadLinks} from './unduh.js';

const PER_PAGE = 50;
const SORTS = [['name', 'Nama'], ['nip', 'NIP'], ['golongan', 'Golongan'], ['birth_date', 'Tanggal lahir']];
const GOLONGAN = new Set([...GOLONGAN_PNS, ...GOLONGAN_PPPK]);

/* The filters from the hash, each checked: unknown values are dropped, not sent. */
function readFilters(q) {
    const unit = q.get('unit_id') || '';
    const gol = q.get('golongan') || '';
    const sort = q.get('sort') || '';
    return {
        q: (q.get('q') || '').trim().slice(0, 100),
        unit_id: /^[1-9]\d{0,9}$/.test(unit) ? unit : '',
        golongan: GOLONGAN.has(gol) ? gol : '',
        sort: SORTS.some(([k]) => k === sort) ? sort : '',
        page: Math.max(1, parseInt(q.get('page') || '1', 10) || 1),
    };
}

function row(e) {
    const gol = e.golongan ? e.golongan + (e.pangkat ? ' — ' + e.pangkat : '') : '—';
    return h('tr', null,
             h('td', {class: 'sel-nip'}, e.nip || '—'),
             h('th', {scope: 'row', class: 'sel-nama'},
               h('a', {href: '#/pegawai/' + encodeURIComponent(e.id)}, namaLengkap(e))),
             h('td', null, gol),
             h('td', null, e.position_name || '—'),
             h('td', null, e.unit_name || '—'));
}

function table(items) {
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                     'aria-label': 'Hasil pencarian pegawai (dapat digeser ke samping)'},
             h('table', {class: 'tabel'},
               h('thead', null, h('tr', null,
                 h('th', {scope: 'col'}, 'NIP'),
                 h('th', {scope: 'col'}, 'Nama'),
                 h('th', {scope: 'col'}, 'Golongan'),
                 h('th', {scope: 'col'}, 'Jabatan'),
                 h('th', {scope: 'col'}, 'Unit kerja'))),
               h('tbody', null, items.map(row))));
}

function render(root, ctx) {
    const filters = readFilters(ctx.query);
    const page = filters.page;
    const box = h('div', {class: 'hasil-pegawai', 'aria-live': 'polite'});

    function go(next) {
        ctx.navigate('/pegawai' + query(next));
    }

    const search = h('input', {id: 'cari-q', name: 'q', type: 'search', value: filters.q,
                               autocomplete: 'off', maxlength: '100', enterkeyhint: 'search',
                               'aria-describedby': 'cari-q-petunjuk'});
    const unit = h('select', {id: 'cari-unit', name: 'unit_id'},
                   h('option', {value: ''}, 'Semua unit dalam cakupan'));
    if (filters.unit_id)   /* kept until the tree arrives, so the choice survives a slow load */
        unit.append(h('option', {value: filters.unit_id, selected: true}, 'Unit #' + filters.unit_id));
    const golongan = h('select', {id: 'cari-golongan', name: 'golongan'},
                       h('option', {value: ''}, 'Semua golongan'),
                       h('optgroup', {label: 'PNS'},
                         GOLONGAN_PNS.map((g) => h('option', {value: g, selected: g === filters.golongan}, g))),
                       h('optgroup', {label: 'PPPK'},
                         GOLONGAN_PPPK.map((g) => h('option', {value: g, selected: g === filters.golongan}, g))));
    const sort = h('select', {id: 'cari-urut', name: 'sort'},
                   h('option', {value: ''}, 'Bawaan (nama)'),
                   SORTS.map(([k, label]) => h('option', {value: k, selected: k === filters.sort}, label)));

    const form = h('form', {class: 'formulir formulir-cari', novalidate: true, role: 'search',
                            'aria-label': 'Cari pegawai',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                go({q: search.value.trim(), unit_id: unit.value,
                                    golongan: golongan.value, sort: sort.value});
                            }},
                   h('div', {class: 'bidang bidang-lebar'},
                     h('label', {for: 'cari-q'}, 'Nama atau NIP'),
                     h('p', {id: 'cari-q-petunjuk', class: 'petunjuk'}, 'Sebagian nama atau NIP pun cukup.'),
                     search),
                   h('div', {class: 'bidang'}, h('label', {for: 'cari-unit'}, 'Unit kerja'), unit),
                   h('div', {class: 'bidang'}, h('label', {for: 'cari-golongan'}, 'Golongan'), golongan),
                   h('div', {class: 'bidang'}, h('label', {for: 'cari-urut'}, 'Urutkan menurut'), sort),
                   h('div', {class: 'tombol-formulir'},
                     h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Cari'),
                     (filters.q || filters.unit_id || filters.golongan || filters.sort)
                         ? h('a', {href: '#/pegawai', class: 'tautan-hapus'}, 'Hapus saringan') : null));

    async function loadUnits() {
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            const chosen = unit.value;
            unit.replaceChildren(h('option', {value: ''}, 'Semua unit dalam cakupan'),
                                 ...unitOptions((res && res.items) || [], 0, []));
            unit.value = chosen;
            if (unit.value !== chosen)   /* not in the scope any more */
                unit.value = '';
        } catch {
            /* the list still works without the unit names; the search shows any error */
        }
    }

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat data pegawai…'));
        try {
            const res = await get('/employees' + query({
                q: filters.q, unit_id: filters.unit_id, golongan: filters.golongan,
                sort: filters.sort, page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            const total = (res && res.total) || 0;
            const pages = Math.max(1, Math.ceil(total / PER_PAGE));
            const first = (page - 1) * PER_PAGE + 1;
            const pager = h('nav', {class: 'penomoran', 'aria-label': 'Halaman hasil pencarian'},
                            h('button', {type: 'button', class: 'tombol', disabled: page <= 1,
                                         onclick: () => go({...filters, page: page - 1})}, 'Sebelumnya'),
                            h('span', null, 'Halaman ' + page + ' dari ' + pages),
                            h('button', {type: 'button', class: 'tombol', disabled: page >= pages,
                                         onclick: () => go({...filters, page: page + 1})}, 'Berikutnya'));
            if (items.length === 0) {
                /* replaceChildren would show a null as the text "null": leave it out */
                box.replaceChildren(
                    h('p', {class: 'kosong'}, total > 0 ? 'Halaman ini kosong.' : 'Tidak ada pegawai yang cocok.'),
                    ...(total > 0 ? [h('p', null, h('a', {href: '#/pegawai' + query({...filters, page: 1})},
                                                    'Ke halaman pertama'))] : []));
                return;
            }
            box.replaceChildren(
                h('p', {class: 'keterangan jumlah-hasil'},
                  'Menampilkan ' + first + '–' + (first + items.length - 1) + ' dari ' + total + ' pegawai'),
                table(items),
                ...(total > PER_PAGE ? [pager] : []));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const text = e.status === 404 ? 'Unit kerja tidak ditemukan atau di luar cakupan Anda.' : e.message;
            box.replaceChildren(message('galat', text),
                                h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    root.append(pageTitle('Pegawai'),
                h('p', {class: 'keterangan'}, 'Cari pegawai dalam cakupan unit kerja Anda.'),
                hasAnyRole(ctx.user, ADMIN)
                    ? h('p', null, h('a', {href: '#/pegawai/baru', class: 'tombol'}, 'Tambah pegawai')) : '',
                h('section', {class: 'kartu', 'aria-label': 'Saringan'}, form),
                downloadLinks('/employees', {q: filters.q, unit_id: filters.unit_id,
                                             golongan: filters.golongan, sort: filters.sort},
                              [['csv', 'Unduh CSV'], ['xlsx', 'Unduh XLSX']], 'Ekspor hasil pencarian'),
                box);
    loadUnits();
    load();
}

export default {render};
