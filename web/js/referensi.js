/* Referensi SIASN (#/referensi): the reference lists of SIASN (GET /api/v1/references) with
 * their codes, searchable and paged, downloadable as CSV; for admin_bkpsdm and superadmin the
 * import of a large list from a CSV (POST /api/v1/references/{name}/import with the form of
 * js/csv-import.js: "Periksa (uji coba)" writes nothing, "Impor" writes every row or none); and
 * the three exports in BKN's shapes (GET /api/v1/exports/siasn/...) for a unit (with its
 * sub-units) or one employee.
 * The list lives in the hash (#/referensi?list=agama) so reload keeps it. */

import {get, query} from './api.js';
import {csvImportForm} from './csv-import.js';
import {h, pageTitle, formField, showMessage} from './dom.js';
import {unitOptions} from './unit-tree.js';
import {hasAnyRole} from './routes.js';

const IMPORTERS = ['admin_bkpsdm', 'superadmin'];
const PER_PAGE = 50;
const number = new Intl.NumberFormat('id-ID');
const EXPORTS = [
    ['rank-history', 'Riwayat golongan'],
    ['position-history', 'Riwayat jabatan'],
    ['training-history', 'Riwayat diklat (dengan jam)'],
];

function listSection(ctx, lists) {
    const wanted = ctx.query.get('list');
    const select = h('select', null, lists.map((l) =>
        h('option', {value: l.name, selected: l.name === wanted},
          `${l.title} (${number.format(l.count)})`)));
    const q = h('input', {type: 'search', autocomplete: 'off'});
    const fList = formField('ref-daftar', 'Daftar', select);
    const fQ = formField('ref-cari', 'Cari kode atau nama', q);
    const box = h('div', {'aria-live': 'polite'});
    let page = 1;

    async function load() {
        const name = select.value;
        box.setAttribute('aria-busy', 'true');
        try {
            const res = await get(`/references/${encodeURIComponent(name)}` +
                                  query({q: q.value.trim(), page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const attr = res.attr;
            const pages = Math.max(1, Math.ceil(res.total / PER_PAGE));
            const prev = h('button', {type: 'button', class: 'tombol tombol-kecil', disabled: page <= 1},
                           'Sebelumnya');
            const next = h('button', {type: 'button', class: 'tombol tombol-kecil', disabled: page >= pages},
                           'Berikutnya');
            prev.addEventListener('click', () => { page--; load(); });
            next.addEventListener('click', () => { page++; load(); });
            box.replaceChildren(
                h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': res.title},
                  h('table', {class: 'tabel'},
                    h('caption', null, `${res.title}: ${number.format(res.total)} kode`),
                    h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Kode'),
                                       h('th', {scope: 'col'}, 'Nama'),
                                       attr ? h('th', {scope: 'col'}, attr) : null)),
                    h('tbody', null, res.items.map((x) => h('tr', null,
                        h('td', null, x.code), h('td', null, x.name),
                        attr ? h('td', null, x[attr] ?? '—') : null))))),
                h('p', {class: 'tombol-formulir'}, prev,
                  h('span', null, ` Halaman ${page} dari ${pages} `), next,
                  h('a', {href: `/api/v1/references/${encodeURIComponent(name)}` +
                          query({q: q.value.trim(), format: 'csv'}),
                          download: true, class: 'tombol tombol-kecil'}, 'Unduh CSV')));
        } catch (e) {
            if (ctx.isCurrent())
                showMessage(box, 'galat', e.message);
        } finally {
            box.setAttribute('aria-busy', 'false');
        }
    }

    select.addEventListener('change', () => { page = 1; load(); });
    let timer = null;
    q.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => { page = 1; load(); }, 300);
    });
    load();
    return h('section', {class: 'kartu', 'aria-label': 'Daftar referensi'},
             h('h2', null, 'Daftar referensi'), fList.wrap, fQ.wrap, box);
}

function importSection(ctx, lists) {
    const select = h('select', null, lists.filter((l) => l.large).map((l) => h('option', {value: l.name}, l.title)));
    const fList = formField('ref-impor-daftar', 'Daftar yang diimpor', select,
                            'Kolom: id, nama; jabatan_fungsional juga bup (batas usia pensiun), ' +
                            'pendidikan boleh tingkat_pendidikan_id.');
    return csvImportForm(ctx, {
        id: 'ref-impor', title: 'Impor daftar besar', before: fList.wrap,
        path: () => `/references/${encodeURIComponent(select.value)}/import`,
        intro: 'Semua baris disimpan bersama, atau tidak ada bila satu baris salah. ' +
               'Kode yang sudah ada diperbarui; kode yang tidak ada di berkas tetap.',
        fileHint: 'Pemisah ; atau , (UTF-8).',
        counts: (rep) => `${number.format(rep.created)} baru, ${number.format(rep.updated)} berubah, ` +
            `${number.format(rep.unchanged)} tetap`,
    });
}

function exportSection(ctx) {
    const unit = h('select', null, h('option', {value: ''}, '— pilih unit —'));
    const sub = h('input', {type: 'checkbox', id: 'ref-ekspor-sub', checked: true});
    const emp = h('input', {type: 'text', inputmode: 'numeric', autocomplete: 'off', pattern: '[0-9]*'});
    const fUnit = formField('ref-ekspor-unit', 'Unit', unit);
    const fEmp = formField('ref-ekspor-pegawai', 'Atau ID pegawai', emp,
                           'Diisi untuk satu pegawai saja (angka pada alamat profil #/pegawai/ID).');
    const links = h('div', {'aria-live': 'polite'});

    function params() {
        const id = emp.value.trim();
        if (/^[1-9]\d{0,17}$/.test(id))
            return {employee_id: id};
        if (unit.value)
            return {unit_id: unit.value, sub: sub.checked ? 'true' : 'false'};
        return null;
    }
    function show() {
        const p = params();
        links.replaceChildren(p
            ? h('p', {class: 'tombol-unduh', role: 'group', 'aria-label': 'Unduh ekspor SIASN'},
                EXPORTS.map(([kind, label]) => h('a', {href: `/api/v1/exports/siasn/${kind}` + query(p),
                                                        download: true, class: 'tombol tombol-kecil'},
                                                  label + ' (CSV)')))
            : h('p', {class: 'keterangan'}, 'Pilih unit atau isi ID pegawai.'));
    }
    unit.addEventListener('change', show);
    sub.addEventListener('change', show);
    emp.addEventListener('input', show);
    get('/units').then((res) => {
        if (!ctx.isCurrent())
            return;
        unit.replaceChildren(h('option', {value: ''}, '— pilih unit —'), ...unitOptions((res && res.items) || []));
    }).catch(() => { /* the employee export works without the unit list */ });
    show();
    return h('section', {class: 'kartu kartu-formulir', 'aria-label': 'Ekspor format SIASN'},
             h('h2', null, 'Ekspor format SIASN'),
             h('p', {class: 'keterangan'}, 'Riwayat dengan nama kolom dan kode SIASN, untuk diunggah atau ' +
               'dicocokkan dengan SIASN tanpa mengetik ulang. Tanggal ditulis DD-MM-YYYY.'),
             fUnit.wrap,
             h('div', {class: 'bidang'}, h('label', {for: 'ref-ekspor-sub'}, sub, ' Termasuk sub-unit')),
             fEmp.wrap, links);
}

async function render(root, ctx) {
    root.append(pageTitle('Referensi SIASN'),
                h('p', {class: 'keterangan'}, 'Kode referensi SIASN (BKN) yang dipakai Abdi, dan ekspor ' +
                  'riwayat dalam bentuk yang diterima SIASN.'));
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    root.append(status);
    let lists;
    try {
        lists = (await get('/references')).items;
    } catch (e) {
        if (ctx.isCurrent())
            showMessage(status, 'galat', e.message);
        return;
    }
    if (!ctx.isCurrent())
        return;
    root.append(listSection(ctx, lists));
    if (hasAnyRole(ctx.user, IMPORTERS))
        root.append(importSection(ctx, lists));
    root.append(exportSection(ctx));
}

export default {render};
