/* Formasi & Bezetting (#/formasi): per position of the scope (or of one unit and its
 * sub-units) the people needed, the people holding it, the shortfall and the surplus, summed
 * per unit and in total (GET /api/v1/reports/vacancies), with an XLSX download. */

import {get, query} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {unitOptions} from './unit-tree.js';
import {downloadLinks} from './unduh.js';

const num = (v) => h('td', {class: 'angka'}, String(v));

function sums(label, s, cls) {
    return h('tr', {class: cls},
             h('th', {scope: 'row', colspan: '2'}, label),
             num(s.needed), num(s.filled), num(s.vacant), num(s.over));
}

function table(res) {
    const rows = [];
    for (const u of res.units) {
        rows.push(h('tr', {class: 'baris-unit'},
                    h('th', {scope: 'rowgroup', colspan: '6'}, u.unit_name + ' (' + u.unit_code + ')')));
        for (const p of u.positions)
            rows.push(h('tr', null, h('td', null, p.name), h('td', {class: 'angka'}, String(p.kelas_jabatan)),
                        num(p.needed), num(p.filled), num(p.vacant), num(p.over)));
        rows.push(sums('Jumlah ' + u.unit_name, u, 'baris-jumlah'));
    }
    rows.push(sums('Jumlah seluruhnya', res.total, 'baris-jumlah baris-total'));
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                     'aria-label': 'Formasi dan bezetting (dapat digeser ke samping)'},
             h('table', {class: 'tabel tabel-formasi'},
               h('thead', null, h('tr', null,
                 ['Jabatan', 'Kelas', 'Kebutuhan', 'Terisi', 'Kurang', 'Lebih']
                     .map((t) => h('th', {scope: 'col'}, t)))),
               h('tbody', null, rows)));
}

function render(root, ctx) {
    const chosen = /^[1-9]\d{0,9}$/.test(ctx.query.get('unit_id') || '') ? ctx.query.get('unit_id') : '';
    const box = h('div', {class: 'hasil-formasi', 'aria-live': 'polite'});
    const unit = h('select', {id: 'formasi-unit', name: 'unit_id'},
                   h('option', {value: ''}, 'Seluruh unit dalam cakupan'));
    if (chosen)
        unit.append(h('option', {value: chosen, selected: true}, 'Unit #' + chosen));

    async function loadUnits() {
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            unit.replaceChildren(h('option', {value: ''}, 'Seluruh unit dalam cakupan'),
                                 ...unitOptions((res && res.items) || []));
            unit.value = chosen;
            if (unit.value !== chosen)
                unit.value = '';
        } catch {
            /* the table works without the unit names */
        }
    }

    async function load() {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Menghitung formasi…'));
        try {
            const res = await get('/reports/vacancies' + query({unit_id: chosen}));
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(
                res.units.length ? table(res) : h('p', {class: 'kosong'}, 'Belum ada jabatan dalam cakupan ini.'));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            box.replaceChildren(message('galat', e.status === 404
                ? 'Unit kerja tidak ditemukan atau di luar cakupan Anda.' : e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih unit',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                ctx.navigate('/formasi' + query({unit_id: unit.value}));
                            }},
                   h('div', {class: 'bidang'}, h('label', {for: 'formasi-unit'}, 'Unit kerja (termasuk sub-unit)'), unit),
                   h('div', {class: 'tombol-formulir'},
                     h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Tampilkan')));

    root.append(pageTitle('Formasi & Bezetting'),
                h('p', {class: 'keterangan'},
                  'Kebutuhan per jabatan dibandingkan dengan pegawai aktif yang memangkunya. ' +
                  'Kekurangan dan kelebihan dihitung per jabatan lalu dijumlahkan.'),
                h('section', {class: 'kartu', 'aria-label': 'Unit'}, form),
                downloadLinks('/reports/vacancies', {unit_id: chosen}, [['xlsx', 'Unduh XLSX']], 'Unduh formasi'),
                box);
    loadUnits();
    load();
}

export default {render};
