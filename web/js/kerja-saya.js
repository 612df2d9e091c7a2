/* Jadwal kerja saya (#/kerja): the employee's next two weeks as attendance will read them
 * (GET /work-arrangements/{id}/days: office, home or elsewhere, the start window or fixed
 * start, core hours, minutes due), the weekly arrangement in force and any open proposal,
 * the form of a one-off request (a day from home or elsewhere, or back at the office:
 * POST /work-requests, decided by the direct supervisor) and the own requests with their
 * status and the supervisor's reason. */

import {get, post, put, query} from './api.js';
import {h, formField, message, pageTitle} from './dom.js';
import {formatTanggal} from './tanggal.js';
import {HARI, MODE, arrangementText, statusBadge} from './kerja.js';

function hhmm(min) {
    return String(Math.floor(min / 60)).padStart(2, '0') + ':' + String(min % 60).padStart(2, '0');
}

function jam(d) {
    if (!d.working)
        return 'Libur';
    const w = d.start_window || [];
    return (d.flexible ? 'Mulai ' + w[0] + '–' + w[1] : 'Mulai ' + w[0]) +
           (d.core_hours ? ', jam inti ' + d.core_hours[0] + '–' + d.core_hours[1] : '');
}

function daysTable(items) {
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Jadwal dua minggu'},
             h('table', {class: 'tabel tabel-jadwal'},
               h('caption', null, 'Jadwal dua minggu'),
               h('thead', null, h('tr', null, ['Tanggal', 'Tempat', 'Jam', 'Wajib'].map((t) => h('th', {scope: 'col'}, t)))),
               h('tbody', null, items.map((d) => h('tr', {'data-date': d.date, class: d.working ? null : 'akhir-pekan'},
                   h('th', {scope: 'row'}, formatTanggal(d.date)),
                   h('td', {'data-field': 'mode'}, d.working ? (MODE[d.mode] || d.mode) + (d.place ? ' — ' + d.place : '') : '—'),
                   h('td', null, jam(d)),
                   h('td', {class: 'angka'}, d.required_minutes ? hhmm(d.required_minutes) : '—'))))));
}

function requestsList(items) {
    if (!items.length)
        return h('p', {class: 'kosong'}, 'Belum ada permintaan.');
    return h('ul', {class: 'daftar-kartu', 'data-list': 'permintaan'}, items.map((r) =>
        h('li', {class: 'kartu kartu-baris', 'data-request': String(r.id)},
          h('p', null, h('strong', null, formatTanggal(r.date)), ' · ', MODE[r.mode] || r.mode,
            r.place ? ' — ' + r.place : '', ' ', statusBadge(r.status)),
          r.reason ? h('p', {class: 'petunjuk'}, 'Alasan: ', r.reason) : null,
          r.decision_reason ? h('p', {class: 'petunjuk'}, 'Keputusan atasan: ', r.decision_reason) : null)));
}

function requestForm(me, after) {
    const date = formField('kerja-tanggal', 'Tanggal', h('input', {type: 'date', required: true}));
    const mode = formField('kerja-mode', 'Bekerja dari',
                           h('select', null, ['WFH', 'WFA', 'WFO'].map((m) => h('option', {value: m}, MODE[m]))));
    const place = formField('kerja-tempat', 'Tempat (untuk WFA)', h('input', {type: 'text', maxlength: '200'}),
                            'Misalnya kantor cabang atau lokasi kegiatan.');
    const reason = formField('kerja-alasan', 'Alasan', h('textarea', {rows: '2', maxlength: '500'}));
    const status = h('div', {'aria-live': 'polite'});
    const fields = {date, mode, place, reason};
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Ajukan');
    const sync = () => { place.wrap.hidden = mode.control.value !== 'WFA'; };
    mode.control.addEventListener('change', sync);
    sync();

    async function send(ev) {
        ev.preventDefault();
        for (const f of Object.values(fields))
            f.setError('');
        status.replaceChildren();
        const body = {date: date.control.value, mode: mode.control.value};
        if (body.mode === 'WFA' && place.control.value.trim())
            body.place = place.control.value.trim();
        if (reason.control.value.trim())
            body.reason = reason.control.value.trim();
        submit.disabled = true;
        try {
            await post('/work-requests', body);
            status.replaceChildren(message('sukses', 'Permintaan untuk ' + formatTanggal(body.date) +
                                                     ' terkirim ke atasan langsung.'));
            after();
        } catch (e) {
            if (fields[e.field]) {
                fields[e.field].setError(e.message);
                fields[e.field].control.focus();
            } else {
                status.replaceChildren(message('galat', e.message));
            }
        } finally {
            submit.disabled = false;
        }
    }
    return h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Permintaan kerja fleksibel satu hari', onsubmit: send},
             date.wrap, mode.wrap, place.wrap, reason.wrap, status,
             h('div', {class: 'tombol-formulir'}, submit));
}

/* The weekly proposal: a start date and Monday..Saturday, each WFO/WFH/WFA (WFA with its
 * place) and fixed or flexible hours (PUT /work-arrangements/{id}: a proposal for the direct
 * supervisor). */
function proposalForm(me, current, after) {
    const from = formField('usulan-mulai', 'Berlaku mulai', h('input', {type: 'date', required: true}));
    const note = formField('usulan-catatan', 'Catatan untuk atasan', h('textarea', {rows: '2', maxlength: '500'}));
    const status = h('div', {'aria-live': 'polite'});
    const rows = HARI.slice(0, 6).map((name, i) => {
        const was = current ? current.days[i] : null;
        const mode = h('select', {id: 'usulan-mode-' + (i + 1), 'aria-label': 'Tempat kerja ' + name},
                       ['WFO', 'WFH', 'WFA'].map((m) => h('option', {value: m, selected: was && was.mode === m}, m)));
        const place = h('input', {type: 'text', maxlength: '200', 'aria-label': 'Tempat WFA ' + name, value: (was && was.place) || ''});
        const flex = h('input', {type: 'checkbox', id: 'usulan-fleksibel-' + (i + 1), checked: !!(was && was.flexible)});
        const sync = () => { place.hidden = mode.value !== 'WFA'; };
        mode.addEventListener('change', sync);
        sync();
        const tr = h('tr', null, h('th', {scope: 'row'}, name), h('td', null, mode, ' ', place),
                     h('td', null, flex, ' ', h('label', {for: flex.id}, 'Jam fleksibel')));
        tr.read = () => ({weekday: i + 1, mode: mode.value, flexible: flex.checked,
                          ...(mode.value === 'WFA' ? {place: place.value.trim()} : {})});
        return tr;
    });

    async function send(ev) {
        ev.preventDefault();
        from.setError('');
        status.replaceChildren();
        const body = {valid_from: from.control.value, days: rows.map((r) => r.read())};
        if (note.control.value.trim())
            body.note = note.control.value.trim();
        try {
            const res = await put('/work-arrangements/' + encodeURIComponent(me.employee_id), body);
            status.replaceChildren(message('sukses', res.status === 'proposed'
                ? 'Usulan terkirim ke atasan langsung.' : 'Pengaturan kerja ditetapkan.'));
            after();
        } catch (e) {
            if (e.field === 'valid_from')
                from.setError(e.message);
            else
                status.replaceChildren(message('galat', e.message));
        }
    }
    return h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Usulan pengaturan kerja mingguan', onsubmit: send},
             from.wrap,
             h('div', {class: 'wadah-tabel'}, h('table', {class: 'tabel'}, h('caption', null, 'Hari kerja'), h('tbody', null, rows))),
             note.wrap, status,
             h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol'}, 'Kirim usulan')));
}

function monday() {
    const d = new Date();
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

function render(root, ctx) {
    const me = ctx.user || {};
    root.append(pageTitle('Jadwal kerja saya'));
    if (!me.employee_id) {
        root.append(message('info', 'Akun ini tidak terhubung ke data pegawai.'));
        return;
    }
    const id = encodeURIComponent(me.employee_id);
    const sched = h('section', {class: 'kartu', 'aria-labelledby': 'judul-jadwal', 'aria-live': 'polite'},
                    h('h2', {id: 'judul-jadwal'}, 'Dua minggu ke depan'));
    const arr = h('section', {class: 'kartu', 'aria-labelledby': 'judul-pengaturan'},
                  h('h2', {id: 'judul-pengaturan'}, 'Pengaturan mingguan'));
    const mine = h('div', {'aria-live': 'polite'});
    const reqs = h('section', {class: 'kartu', 'aria-labelledby': 'judul-permintaan'},
                   h('h2', {id: 'judul-permintaan'}, 'Permintaan saya'), mine);

    async function load() {
        try {
            const [days, a, r] = await Promise.all([
                get('/work-arrangements/' + id + '/days' + query({from: monday(), days: 14})),
                get('/work-arrangements/' + id),
                get('/work-requests' + query({employee_id: me.employee_id, per_page: 20})),
            ]);
            if (!ctx.isCurrent())
                return;
            sched.replaceChildren(sched.firstChild, daysTable(days.items));
            arr.replaceChildren(arr.firstChild,
                h('p', null, a.current ? arrangementText(a.current) : 'Belum ada pengaturan: bekerja di kantor setiap hari kerja.'),
                a.proposed ? h('p', {class: 'petunjuk'}, 'Usulan menunggu keputusan atasan: ', arrangementText(a.proposed)) : null,
                h('p', {class: 'petunjuk'}, a.may_work_flexibly
                    ? 'Jabatan Anda boleh bekerja fleksibel, paling banyak ' + a.policy.max_remote_days + ' hari seminggu di luar kantor.'
                    : 'Jabatan Anda tidak termasuk yang boleh bekerja dari luar kantor.'),
                a.may_work_flexibly ? h('details', null, h('summary', null, 'Usulkan pengaturan baru'),
                                        proposalForm(me, a.current, load)) : null);
            mine.replaceChildren(requestsList(r.items));
        } catch (e) {
            if (ctx.isCurrent())
                sched.replaceChildren(sched.firstChild, message('galat', e.message));
        }
    }
    root.append(sched, arr,
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-ajukan'},
                  h('h2', {id: 'judul-ajukan'}, 'Ajukan satu hari'), requestForm(me, load)),
                reqs);
    load();
}

export default {render};
