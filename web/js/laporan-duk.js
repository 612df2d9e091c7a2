/* DUK (#/laporan/duk): the Daftar Urut Kepangkatan of the user's scope or of one unit and its
 * sub-units (GET /api/v1/reports/duk), shown on demand (a whole government is long) and
 * downloadable as PDF or XLSX. The order is the server's (domain.md §13); the unit lives in
 * the hash (#/laporan/duk?unit_id=3) so reload keeps it. */

import {get, query} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {formatTanggal} from './tanggal.js';
import {namaLengkap} from './pegawai-data.js';
import {unitOptions} from './unit-tree.js';
import {downloadLinks} from './unduh.js';

const SHOWN = 200; /* rows drawn on the page; the files hold every row */

function row(x) {
    return h('tr', null,
             h('td', {class: 'angka'}, String(x.no)),
             h('td', {class: 'sel-nip'}, x.nip),
             h('th', {scope: 'row', class: 'sel-nama'},
               h('a', {href: '#/pegawai/' + encodeURIComponent(x.id)}, namaLengkap(x))),
             h('td', null, (x.golongan || '—') + (x.tmt_golongan ? ' (' + formatTanggal(x.tmt_golongan) + ')' : '')),
             h('td', null, (x.position_name || '—') + (x.tmt_jabatan ? ' (' + formatTanggal(x.tmt_jabatan) + ')' : '')),
             h('td', {class: 'angka'}, x.years_of_service + ' th ' + x.months_of_service + ' bl'),
             h('td', null, formatTanggal(x.birth_date)),
             h('td', null, x.unit_name || '—'));
}

function table(items) {
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                     'aria-label': 'Daftar urut kepangkatan (dapat digeser ke samping)'},
             h('table', {class: 'tabel tabel-duk'},
               h('thead', null, h('tr', null,
                 ['No', 'NIP', 'Nama', 'Golongan (TMT)', 'Jabatan (TMT)', 'Masa kerja', 'Tanggal lahir', 'Unit kerja']
                     .map((t) => h('th', {scope: 'col'}, t)))),
               h('tbody', null, items.map(row))));
}

function render(root, ctx) {
    const chosen = /^[1-9]\d{0,9}$/.test(ctx.query.get('unit_id') || '') ? ctx.query.get('unit_id') : '';
    const box = h('div', {class: 'hasil-duk', 'aria-live': 'polite'});
    const unit = h('select', {id: 'duk-unit', name: 'unit_id'},
                   h('option', {value: ''}, 'Seluruh unit dalam cakupan'));
    if (chosen)
        unit.append(h('option', {value: chosen, selected: true}, 'Unit #' + chosen));
    const links = h('div', null);

    function params() {
        return {unit_id: unit.value};
    }
    function showLinks() {
        links.replaceChildren(downloadLinks('/reports/duk', params(),
                                            [['pdf', 'Unduh PDF'], ['xlsx', 'Unduh XLSX']],
                                            'Unduh DUK'));
    }

    async function loadUnits() {
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            const keep = unit.value;
            unit.replaceChildren(h('option', {value: ''}, 'Seluruh unit dalam cakupan'),
                                 ...unitOptions((res && res.items) || []));
            unit.value = keep;
            if (unit.value !== keep)
                unit.value = '';
            showLinks();
        } catch {
            /* the report works without the unit names */
        }
    }

    async function show() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Menyusun DUK…'));
        try {
            const res = await get('/reports/duk' + query(params()));
            if (!ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            if (items.length === 0) {
                box.replaceChildren(h('p', {class: 'kosong'}, 'Tidak ada PNS dalam cakupan ini.'));
                return;
            }
            box.replaceChildren(
                h('p', {class: 'keterangan jumlah-hasil'},
                  res.total > SHOWN ? 'Menampilkan ' + SHOWN + ' pertama dari ' + res.total +
                                      ' PNS. Unduh PDF atau XLSX untuk daftar lengkap.'
                                    : res.total + ' PNS.'),
                table(items.slice(0, SHOWN)));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(message('galat', e.status === 404
                ? 'Unit kerja tidak ditemukan atau di luar cakupan Anda.' : e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih unit DUK',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                ctx.navigate('/laporan/duk' + query({...params(), tampil: '1'}));
                            }},
                   h('div', {class: 'bidang'}, h('label', {for: 'duk-unit'}, 'Unit kerja (termasuk sub-unit)'), unit),
                   h('div', {class: 'tombol-formulir'},
                     h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Tampilkan')));
    unit.addEventListener('change', showLinks);

    root.append(pageTitle('Daftar Urut Kepangkatan (DUK)'),
                h('p', {class: 'keterangan'},
                  'Urutan menurut PP 15/1979: pangkat, jabatan, masa kerja, diklat jabatan, ' +
                  'pendidikan, lalu usia. CPNS dan PPPK tidak dicantumkan.'),
                h('section', {class: 'kartu', 'aria-label': 'Unit'}, form),
                links, box);
    showLinks();
    loadUnits();
    if (ctx.query.has('unit_id') || ctx.query.has('tampil'))
        show();
    else
        box.replaceChildren(h('p', {class: 'keterangan'}, 'Pilih unit lalu tekan Tampilkan, atau langsung unduh.'));
}

export default {render};
