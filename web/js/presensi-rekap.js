/* Rekap presensi (#/presensi/rekap?unit_id=&month=): the month recap of a unit and its
 * sub-units (GET /attendance/recap) with a chart drawn as plain SVG (no library), the XLSX
 * file, the records outside the fence (GET /attendance/flagged), the corrections waiting for a
 * decision (approve / reject with a reason) and, for admins and pimpinan, who reached a
 * discipline threshold of PP 94/2021 this year (GET /attendance/discipline). */

import {get, post, query} from './api.js';
import {formField, h, message, pageTitle, timeEl} from './dom.js';
import {unitOptions} from './unit-tree.js';
import {downloadLinks} from './unduh.js';
import {hours, summaryList} from './presensi-bulan.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHART_ROWS = 30;
const COLORS = {hadir: '#2e7d32', cuti: '#1565c0', tk: '#c62828'};

function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {}))
        el.setAttribute(k, String(v));
    for (const c of children)
        el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
}

/* Horizontal stacked bars per employee: present, leave + duty, absent without reason, out of
 * the working days. The numbers are also in the table below (the chart is aria-hidden
 * except for its summary title). */
export function chart(items) {
    const rows = items.slice(0, CHART_ROWS);
    const max = Math.max(1, ...rows.map((r) => r.working_days));
    const W = 640;
    const L = 170;
    const RH = 22;
    const H = rows.length * RH + 34;
    const scale = (W - L - 10) / max;
    const g = svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'grafik-presensi', width: '100%',
                          'aria-label': 'Grafik hadir, cuti atau dinas, dan tanpa keterangan per pegawai'});
    rows.forEach((r, i) => {
        const y = i * RH + 4;
        let x = L;
        g.append(svg('text', {x: L - 6, y: y + 14, 'text-anchor': 'end', 'font-size': 11}, (r.name || '').slice(0, 26)));
        for (const [key, n, label] of [['hadir', r.present_days, 'hadir'], ['cuti', r.leave_days + r.duty_days, 'cuti/dinas'],
                                       ['tk', r.absent_days, 'tanpa keterangan']]) {
            if (!n)
                continue;
            g.append(svg('rect', {x, y, width: n * scale, height: RH - 6, fill: COLORS[key], 'data-seri': key},
                         svg('title', null, `${r.name}: ${n} hari ${label}`)));
            x += n * scale;
        }
    });
    const ly = rows.length * RH + 22;
    [['hadir', 'Hadir'], ['cuti', 'Cuti/dinas'], ['tk', 'Tanpa keterangan']].forEach(([k, t], i) => {
        g.append(svg('rect', {x: L + i * 140, y: ly - 10, width: 12, height: 12, fill: COLORS[k]}),
                 svg('text', {x: L + i * 140 + 16, y: ly, 'font-size': 11}, t));
    });
    return g;
}

function recapTable(items) {
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Rekap per pegawai'},
             h('table', {class: 'tabel tabel-rekap'},
               h('thead', null, h('tr', null, ['NIP', 'Nama', 'Unit', 'Hari kerja', 'Hadir', 'Terlambat (mnt)', 'Pulang cepat (mnt)',
                                               'Jam kerja', 'Tanpa ket.', 'Cuti', 'Dinas'].map((t) => h('th', {scope: 'col'}, t)))),
               h('tbody', null, items.map((r) => h('tr', {'data-employee': String(r.employee_id)},
                   h('td', {class: 'sel-nip'}, r.nip), h('th', {scope: 'row'}, r.name), h('td', null, r.unit_name),
                   [r.working_days, r.present_days, r.late_minutes, r.early_minutes].map((n) => h('td', {class: 'angka'}, String(n))),
                   h('td', {class: 'angka'}, hours(r.worked_minutes)),
                   [r.absent_days, r.leave_days, r.duty_days].map((n) => h('td', {class: 'angka'}, String(n))))))));
}

function decisionButtons(c, status, reload) {
    const reason = h('input', {type: 'text', maxlength: 500, 'aria-label': 'Alasan keputusan'});
    async function decide(decision) {
        try {
            await post('/attendance/corrections/' + encodeURIComponent(c.id) + '/decision',
                       reason.value ? {decision, reason: reason.value} : {decision});
            status.replaceChildren(message('sukses', 'Koreksi ' + c.employee.name + ' ' + c.day +
                                           (decision === 'approve' ? ' disetujui.' : ' ditolak.')));
            reload();
        } catch (e) {
            status.replaceChildren(message('galat', e.message));
        }
    }
    return h('div', {class: 'baris-tombol'}, reason, ' ',
             h('button', {type: 'button', class: 'tombol tombol-kecil', onclick: () => decide('approve')}, 'Setujui'), ' ',
             h('button', {type: 'button', class: 'tombol tombol-kecil', onclick: () => decide('reject')}, 'Tolak'));
}

function render(root, ctx) {
    const roles = (ctx.user && ctx.user.roles) || [];
    const q = ctx.query;
    const month = /^\d{4}-\d{2}$/.test(q.get('month') || '') ? q.get('month') : '';
    const chosen = /^[1-9]\d{0,9}$/.test(q.get('unit_id') || '') ? q.get('unit_id') : '';
    const unit = h('select', {name: 'unit_id'}, h('option', {value: ''}, 'Seluruh unit dalam cakupan'));
    if (chosen)
        unit.append(h('option', {value: chosen, selected: true}, 'Unit #' + chosen));
    const pick = h('input', {type: 'month', name: 'month', value: month});
    const status = h('div', {'aria-live': 'polite'});
    const box = h('section', {class: 'kartu', 'aria-live': 'polite'});
    const flagged = h('section', {class: 'kartu', 'aria-live': 'polite'});
    const pending = h('section', {class: 'kartu', 'aria-live': 'polite'});
    const disc = h('section', {class: 'kartu', 'aria-live': 'polite'});
    const form = h('form', {class: 'saring'}, formField('rekap-unit', 'Unit', unit).wrap,
                   formField('rekap-bulan', 'Bulan', pick).wrap,
                   h('button', {type: 'submit', class: 'tombol'}, 'Tampilkan'));
    form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        location.hash = '#/presensi/rekap' + query({unit_id: unit.value, month: pick.value});
    });
    root.append(pageTitle('Rekap presensi'), form, status, box, pending, flagged);
    const canDiscipline = roles.some((r) => ['admin_unit', 'admin_bkpsdm', 'superadmin', 'pimpinan'].includes(r));
    if (canDiscipline)
        root.append(disc);
    const params = () => ({unit_id: chosen, month});

    get('/units').then((res) => {
        if (!ctx.isCurrent())
            return;
        unit.replaceChildren(h('option', {value: ''}, 'Seluruh unit dalam cakupan'), ...unitOptions((res && res.items) || []));
        unit.value = chosen;
    }).catch(() => {});

    async function loadRecap() {
        box.setAttribute('aria-busy', 'true');
        try {
            const r = await get('/attendance/recap' + query({...params(), per_page: 200}));
            if (!ctx.isCurrent())
                return;
            if (!pick.value)
                pick.value = r.month;
            box.replaceChildren(h('h2', null, 'Rekap ', r.month, ' · ', String(r.total), ' pegawai'),
                                summaryList(r.totals),
                                r.items.length ? chart(r.items) : h('p', {class: 'kosong'}, 'Tidak ada pegawai.'),
                                r.total > CHART_ROWS ? h('p', {class: 'petunjuk'}, 'Grafik memuat ' + CHART_ROWS + ' pegawai pertama.') : null,
                                downloadLinks('/attendance/recap', {unit_id: chosen, month: r.month}, [['xlsx', 'Unduh XLSX']], 'Unduh rekap'),
                                recapTable(r.items));
        } catch (e) {
            box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    async function loadPending() {
        try {
            const r = await get('/attendance/corrections' + query({status: 'pending', unit_id: chosen}));
            if (!ctx.isCurrent())
                return;
            const others = r.items.filter((c) => c.employee_id !== ctx.user.employee_id);
            pending.replaceChildren(h('h2', null, 'Koreksi menunggu keputusan'),
                others.length ? h('ul', {class: 'daftar-kartu'}, others.map((c) => h('li', {class: 'kartu kartu-baris', 'data-koreksi': String(c.id)},
                    h('p', null, c.employee.name, ' · ', c.day, ' · ', c.kind),
                    h('p', null, 'Alasan: ', c.reason),
                    decisionButtons(c, status, () => { loadPending(); loadRecap(); }))))
                              : h('p', {class: 'kosong'}, 'Tidak ada koreksi yang menunggu.'));
        } catch (e) {
            pending.replaceChildren(message('galat', e.message));
        }
    }

    async function loadFlagged() {
        try {
            const r = await get('/attendance/flagged' + query({...params(), per_page: 50}));
            if (!ctx.isCurrent())
                return;
            flagged.replaceChildren(h('h2', null, 'Presensi ditandai (di luar area atau tanpa lokasi)'),
                r.items.length ? h('ul', {class: 'daftar-kartu'}, r.items.map((x) => h('li', {class: 'kartu kartu-baris', 'data-presensi': String(x.id)},
                    h('p', null, x.employee.name, ' · ', x.day, ' · ', x.mode, ' · masuk ', timeEl(x.check_in)),
                    h('p', {class: 'petunjuk'}, x.location ? 'Lokasi ' + x.location.lat.toFixed(5) + ', ' + x.location.lon.toFixed(5) +
                      ' (±' + Math.round(x.location.accuracy_m) + ' m), di luar area' : 'Tanpa lokasi'))))
                               : h('p', {class: 'kosong'}, 'Tidak ada presensi yang ditandai.'));
        } catch (e) {
            flagged.replaceChildren(message('galat', e.message));
        }
    }

    async function loadDiscipline() {
        try {
            const r = await get('/attendance/discipline' + query({unit_id: chosen, year: month ? month.slice(0, 4) : ''}));
            if (!ctx.isCurrent())
                return;
            disc.replaceChildren(h('h2', null, 'Batas disiplin ketidakhadiran ', String(r.year), ' (PP 94/2021)'),
                r.items.length ? h('ul', {class: 'daftar-kartu'}, r.items.map((x) => h('li', {class: 'kartu kartu-baris', 'data-disiplin': String(x.employee_id)},
                    h('p', null, x.name, ' · ', x.unit_name),
                    h('p', null, String(x.absent_days), ' hari tanpa keterangan (berturut-turut paling lama ', String(x.max_consecutive), ' hari): ',
                      h('strong', null, x.sanction), x.salary_stop ? ' · gaji dihentikan mulai bulan berikutnya' : ''))))
                               : h('p', {class: 'kosong'}, 'Belum ada pegawai yang mencapai batas.'));
        } catch (e) {
            disc.replaceChildren(message('galat', e.message));
        }
    }
    loadRecap();
    if (roles.some((r) => ['atasan', 'admin_unit', 'admin_bkpsdm'].includes(r)))
        loadPending();
    else
        pending.remove();
    if (roles.some((r) => ['atasan', 'pimpinan', 'admin_unit', 'admin_bkpsdm', 'superadmin'].includes(r)))
        loadFlagged();
    else
        flagged.remove();
    if (canDiscipline)
        loadDiscipline();
}

export default {render};
