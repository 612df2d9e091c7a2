/* Kalender cuti (#/cuti/kalender?unit_id=&bulan=YYYY-MM&subunit=1): who of a unit is away
 * when, for supervisors, pimpinan and admins (GET /units/{id}/leave-calendar): the days of
 * the month with how many are on approved leave and how many requests are still pending,
 * then the requests of the month; and the yearly recap of the unit as XLSX
 * (GET /units/{id}/leave-recap.xlsx?year=). The unit list is the user's read scope
 * (GET /units); a supervisor sees their own unit. */

import {get, query} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {BULAN, formatTanggal} from './tanggal.js';
import {JENIS_CUTI, statusBadge} from './cuti.js';
import {unitOptions} from './unit-tree.js';

const HARI = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];

function monthNow() {
    const d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0');
}

function lastDay(month) {
    const [y, m] = month.split('-').map((x) => parseInt(x, 10));
    return month + '-' + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
}

function weekday(date) {
    const [y, m, d] = date.split('-').map((x) => parseInt(x, 10));
    return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/* The days of the answer on which someone is away or asked to be, as a table: day, away
 * (approved), pending. A month of empty days is one sentence, not 31 rows. */
function daysTable(res) {
    const busy = res.days.filter((d) => d.away || d.pending);
    if (!busy.length)
        return h('p', {class: 'kosong'}, 'Tidak ada hari dengan pegawai cuti.');
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Jumlah pegawai cuti per hari'},
             h('table', {class: 'tabel tabel-kalender-cuti'},
               h('caption', null, 'Pegawai cuti per hari'),
               h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Tanggal'),
                                  h('th', {scope: 'col'}, 'Cuti'), h('th', {scope: 'col'}, 'Menunggu'))),
               h('tbody', null, busy.map((d) => {
                   const wd = weekday(d.date);
                   return h('tr', {'data-date': d.date, class: wd === 0 || wd === 6 ? 'akhir-pekan' : null},
                            h('th', {scope: 'row'}, HARI[wd] + ', ' + formatTanggal(d.date)),
                            h('td', {class: 'angka', 'data-field': 'away'}, String(d.away)),
                            h('td', {class: 'angka', 'data-field': 'pending'}, String(d.pending)));
               }))));
}

function itemsTable(res) {
    if (!res.items.length)
        return h('p', {class: 'kosong'}, 'Tidak ada pegawai yang cuti pada bulan ini.');
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Daftar cuti'},
             h('table', {class: 'tabel'},
               h('caption', null, 'Daftar cuti (' + res.total + ')'),
               h('thead', null, h('tr', null, ['Pegawai', 'Unit', 'Jenis', 'Tanggal', 'Hari kerja', 'Status']
                   .map((t) => h('th', {scope: 'col'}, t)))),
               h('tbody', null, res.items.map((r) => h('tr', {'data-cuti': String(r.request_id)},
                   h('th', {scope: 'row', class: 'sel-nama'}, r.employee_name,
                     h('span', {class: 'sel-nip'}, ' ', r.employee_nip)),
                   h('td', null, r.unit_name),
                   h('td', null, JENIS_CUTI[r.type] || r.type),
                   h('td', null, formatTanggal(r.start_date) + (r.end_date !== r.start_date ? ' – ' + formatTanggal(r.end_date) : '')),
                   h('td', {class: 'angka'}, String(r.working_days)),
                   h('td', null, statusBadge(r.status)))))));
}

function render(root, ctx) {
    const me = ctx.user || {};
    const chosen = ctx.query.get('unit_id') || (me.unit_id ? String(me.unit_id) : '');
    const month = /^\d{4}-\d{2}$/.test(ctx.query.get('bulan') || '') ? ctx.query.get('bulan') : monthNow();
    const sub = ctx.query.get('subunit') === '1';
    const unit = h('select', {id: 'kalender-unit', name: 'unit_id'},
                   chosen ? h('option', {value: chosen, selected: true}, me.unit_id && String(me.unit_id) === chosen
                       ? me.unit_name || 'Unit saya' : 'Unit #' + chosen) : null);
    const bulan = h('input', {type: 'month', id: 'kalender-bulan', value: month});
    const subunit = h('input', {type: 'checkbox', id: 'kalender-subunit', checked: sub});
    const box = h('div', {'aria-live': 'polite'});
    const year = month.slice(0, 4);
    const recap = chosen
        ? h('a', {href: '/api/v1/units/' + encodeURIComponent(chosen) + '/leave-recap.xlsx' +
                        query({year, subunits: sub ? 'true' : ''}),
                  download: true, class: 'tombol tombol-kecil', 'data-format': 'xlsx'},
            'Unduh rekap cuti ' + year + ' (XLSX)')
        : null;

    const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih unit dan bulan',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                ctx.navigate('/cuti/kalender' + query({unit_id: unit.value, bulan: bulan.value,
                                                                       subunit: subunit.checked ? '1' : ''}));
                            }},
                   h('div', {class: 'bidang'}, h('label', {for: 'kalender-unit'}, 'Unit kerja'), unit),
                   h('div', {class: 'bidang'}, h('label', {for: 'kalender-bulan'}, 'Bulan'), bulan),
                   h('div', {class: 'bidang bidang-centang'}, subunit,
                     h('label', {for: 'kalender-subunit'}, 'Termasuk sub-unit')),
                   h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Tampilkan')));
    root.append(pageTitle('Kalender cuti'), h('section', {class: 'kartu', 'aria-label': 'Pilihan kalender'}, form),
                recap ? h('p', {class: 'tombol-unduh'}, recap) : null, box);

    get('/units').then((res) => {
        if (!ctx.isCurrent() || !res || !res.items || !res.items.length)
            return;
        unit.replaceChildren(...unitOptions(res.items));
        if (chosen)
            unit.value = chosen;
    }).catch(() => { /* the own unit stays the only choice */ });

    if (!chosen) {
        box.replaceChildren(message('info', 'Pilih unit kerja.'));
        return;
    }
    (async () => {
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat kalender…'));
        try {
            const res = await get('/units/' + encodeURIComponent(chosen) + '/leave-calendar' +
                                  query({from: month + '-01', to: lastDay(month), subunits: sub ? 'true' : ''}));
            if (!ctx.isCurrent())
                return;
            const [y, m] = month.split('-');
            box.replaceChildren(
                h('h2', null, res.unit_name + ', ' + BULAN[parseInt(m, 10) - 1] + ' ' + y +
                              (res.subunits ? ' (termasuk sub-unit)' : '')),
                daysTable(res), itemsTable(res));
        } catch (e) {
            if (ctx.isCurrent())
                box.replaceChildren(message('galat', e.status === 404
                    ? 'Unit kerja tidak ditemukan atau di luar cakupan Anda.' : e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    })();
}

export default {render};
