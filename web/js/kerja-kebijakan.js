/* Kebijakan kerja fleksibel (#/kerja/kebijakan?unit_id=): the admin's form of a unit's work
 * policy (GET|PUT /units/{id}/work-policy): whether flexible work is allowed and for which
 * posts (an allow-list: front-line services stay on site), the minimum share and number of
 * staff on site each working day, the weekly limit of remote days (at most 2, PermenPAN-RB
 * 4/2025), the start window, core hours, fixed start, time zone and the office geofences as
 * coordinates and radius. No map: a point typed in (or the device's location) is checked
 * against every fence with the distance in metres. */

import {get, put, query} from './api.js';
import {h, formField, message, pageTitle} from './dom.js';
import {distanceM} from './kerja.js';
import {unitOptions} from './unit-tree.js';

const ZONES = [['Asia/Jakarta', 'WIB (UTC+7)'], ['Asia/Makassar', 'WITA (UTC+8)'], ['Asia/Jayapura', 'WIT (UTC+9)']];

function num(v) {
    const n = Number(String(v).replace(',', '.'));
    return String(v).trim() === '' || !Number.isFinite(n) ? null : n;
}

function fenceRow(f, onRemove) {
    const lat = h('input', {type: 'text', inputmode: 'decimal', value: String(f.lat ?? ''), 'aria-label': 'Lintang'});
    const lon = h('input', {type: 'text', inputmode: 'decimal', value: String(f.lon ?? ''), 'aria-label': 'Bujur'});
    const radius = h('input', {type: 'number', min: '10', max: '5000', value: String(f.radius_m ?? 100), 'aria-label': 'Radius (m)'});
    const row = h('li', {class: 'baris-pagar'}, lat, ' ', lon, ' ', radius, ' m ',
                  h('button', {type: 'button', class: 'tombol tombol-kecil', onclick: () => onRemove(row)}, 'Hapus'));
    row.read = () => ({lat: num(lat.value), lon: num(lon.value), radius_m: num(radius.value)});
    return row;
}

function policyForm(unitId, p, positions, status) {
    const allowed = h('input', {type: 'checkbox', id: 'kebijakan-boleh', checked: !!p.flexible_allowed});
    const ratio = formField('kebijakan-rasio', 'Minimum pegawai di kantor (%)',
                            h('input', {type: 'number', min: '0', max: '100', value: String(Math.round(p.min_onsite_ratio * 100))}));
    const count = formField('kebijakan-jumlah', 'Minimum pegawai di kantor (orang)',
                            h('input', {type: 'number', min: '0', value: String(p.min_onsite_count)}));
    const remote = formField('kebijakan-hari', 'Hari di luar kantor per minggu (paling banyak 2)',
                             h('input', {type: 'number', min: '0', max: '2', value: String(p.max_remote_days)}));
    const sw = p.start_window || ['07:30', '07:30'];
    const startFrom = formField('kebijakan-mulai-dari', 'Jam mulai paling awal', h('input', {type: 'time', value: sw[0]}));
    const startTo = formField('kebijakan-mulai-sampai', 'Jam mulai paling akhir', h('input', {type: 'time', value: sw[1]}));
    const core = p.core_hours || ['', ''];
    const coreFrom = formField('kebijakan-inti-dari', 'Jam inti mulai', h('input', {type: 'time', value: core[0]}));
    const coreTo = formField('kebijakan-inti-sampai', 'Jam inti selesai', h('input', {type: 'time', value: core[1]}));
    const fixed = formField('kebijakan-tetap', 'Jam mulai jadwal tetap', h('input', {type: 'time', value: p.fixed_start}));
    const tz = formField('kebijakan-zona', 'Zona waktu',
                         h('select', null, ZONES.map(([v, t]) => h('option', {value: v, selected: v === p.timezone}, t))));
    const fences = h('ol', {class: 'daftar-pagar'});
    const remove = (row) => row.remove();
    for (const f of p.geofences)
        fences.append(fenceRow(f, remove));
    const chosen = new Set(p.flexible_positions);
    const posBoxes = positions.map((x) => {
        const box = h('input', {type: 'checkbox', id: 'jabatan-' + x.id, value: String(x.id), checked: chosen.has(x.id)});
        return h('li', null, box, ' ', h('label', {for: 'jabatan-' + x.id}, x.name + (x.unit_name ? ' — ' + x.unit_name : '')));
    });
    const checkLat = h('input', {type: 'text', inputmode: 'decimal', id: 'cek-lintang'});
    const checkLon = h('input', {type: 'text', inputmode: 'decimal', id: 'cek-bujur'});
    const checkOut = h('div', {'aria-live': 'polite'});

    function check() {
        const lat = num(checkLat.value), lon = num(checkLon.value);
        if (lat === null || lon === null) {
            checkOut.replaceChildren(message('galat', 'Isi lintang dan bujur titik yang diperiksa.'));
            return;
        }
        const rows = [...fences.children].map((r) => r.read()).filter((f) => f.lat !== null && f.lon !== null);
        if (!rows.length) {
            checkOut.replaceChildren(message('info', 'Belum ada titik kantor.'));
            return;
        }
        checkOut.replaceChildren(h('ul', {'data-list': 'jarak'}, rows.map((f, i) => {
            const d = Math.round(distanceM(lat, lon, f.lat, f.lon));
            const inside = d <= f.radius_m;
            return h('li', {'data-inside': String(inside)}, 'Titik kantor ' + (i + 1) + ': ' + d + ' m — ' +
                     (inside ? 'di dalam radius' : 'di luar radius') + ' ' + f.radius_m + ' m');
        })));
    }

    async function save(ev) {
        ev.preventDefault();
        status.replaceChildren();
        const body = {
            flexible_allowed: allowed.checked,
            min_onsite_ratio: (num(ratio.control.value) ?? 0) / 100,
            min_onsite_count: Math.trunc(num(count.control.value) ?? 0),
            max_remote_days: Math.trunc(num(remote.control.value) ?? 0),
            start_window: [startFrom.control.value, startTo.control.value],
            core_hours: coreFrom.control.value && coreTo.control.value ? [coreFrom.control.value, coreTo.control.value] : null,
            fixed_start: fixed.control.value,
            timezone: tz.control.value,
            geofences: [...fences.children].map((r) => r.read()),
            flexible_positions: posBoxes.map((li) => li.querySelector('input')).filter((b) => b.checked).map((b) => Number(b.value)),
        };
        try {
            await put('/units/' + encodeURIComponent(unitId) + '/work-policy', body);
            status.replaceChildren(message('sukses', 'Kebijakan kerja tersimpan.'));
        } catch (e) {
            status.replaceChildren(message('galat', e.message + (e.field ? ' (' + e.field + ')' : '')));
        }
    }

    return h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Kebijakan kerja fleksibel', onsubmit: save},
             p.inherited ? message('info', 'Unit ini mengikuti kebijakan unit induknya; menyimpan membuat kebijakan sendiri.') : null,
             h('div', {class: 'bidang bidang-centang'}, allowed, h('label', {for: 'kebijakan-boleh'}, 'Kerja fleksibel diizinkan')),
             ratio.wrap, count.wrap, remote.wrap, startFrom.wrap, startTo.wrap, coreFrom.wrap, coreTo.wrap, fixed.wrap, tz.wrap,
             h('fieldset', null, h('legend', null, 'Titik kantor (lintang, bujur, radius)'), fences,
               h('button', {type: 'button', class: 'tombol tombol-kecil',
                            onclick: () => fences.append(fenceRow({lat: '', lon: '', radius_m: 100}, remove))}, 'Tambah titik')),
             h('fieldset', null, h('legend', null, 'Periksa jarak sebuah titik'),
               h('div', {class: 'bidang'}, h('label', {for: 'cek-lintang'}, 'Lintang'), checkLat),
               h('div', {class: 'bidang'}, h('label', {for: 'cek-bujur'}, 'Bujur'), checkLon),
               h('button', {type: 'button', class: 'tombol tombol-kecil', onclick: check}, 'Periksa jarak'),
               navigator.geolocation ? h('button', {type: 'button', class: 'tombol tombol-kecil', onclick: () =>
                   navigator.geolocation.getCurrentPosition((pos) => {
                       checkLat.value = pos.coords.latitude.toFixed(6);
                       checkLon.value = pos.coords.longitude.toFixed(6);
                       check();
                   }, () => checkOut.replaceChildren(message('galat', 'Lokasi perangkat tidak tersedia atau tidak diizinkan.')))},
                   'Pakai lokasi saya') : null,
               checkOut),
             h('fieldset', null, h('legend', null, 'Jabatan yang boleh bekerja fleksibel'),
               posBoxes.length ? h('ul', {class: 'daftar-centang'}, posBoxes) : h('p', {class: 'kosong'}, 'Unit ini belum punya jabatan.')),
             status,
             h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan kebijakan')));
}

function render(root, ctx) {
    const me = ctx.user || {};
    const chosen = ctx.query.get('unit_id') || (me.unit_id ? String(me.unit_id) : '');
    const unit = h('select', {id: 'kebijakan-unit', name: 'unit_id'},
                   chosen ? h('option', {value: chosen, selected: true}, me.unit_name || 'Unit #' + chosen) : null);
    const box = h('div', {'aria-live': 'polite'});
    const status = h('div', {'aria-live': 'polite'});
    root.append(pageTitle('Kebijakan kerja fleksibel'),
                h('section', {class: 'kartu'},
                  h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih unit',
                             onsubmit: (ev) => {
                                 ev.preventDefault();
                                 ctx.navigate('/kerja/kebijakan' + query({unit_id: unit.value}));
                             }},
                    h('div', {class: 'bidang'}, h('label', {for: 'kebijakan-unit'}, 'Unit kerja'), unit),
                    h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol'}, 'Buka')))),
                box);
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
        try {
            const id = encodeURIComponent(chosen);
            const [p, pos] = await Promise.all([
                get('/units/' + id + '/work-policy'),
                get('/positions' + query({unit_id: chosen, subunits: 'true', per_page: 200})),
            ]);
            if (ctx.isCurrent())
                box.replaceChildren(h('section', {class: 'kartu'}, policyForm(chosen, p, pos.items, status)));
        } catch (e) {
            if (ctx.isCurrent())
                box.replaceChildren(message('galat', e.status === 404
                    ? 'Unit kerja tidak ditemukan atau di luar cakupan Anda.' : e.message));
        }
    })();
}

export default {render};
