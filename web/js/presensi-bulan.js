/* Presensi bulan saya (#/presensi/bulan?month=YYYY-MM): the own month (GET /attendance/me):
 * the figures the performance allowance reads, hours per week against 37.5, every day with
 * its status, and the correction form (POST /attendance/corrections: forgot to check out,
 * system down, on duty) with the own corrections and their decisions. */

import {get, post, query} from './api.js';
import {formField, h, message, pageTitle, timeEl} from './dom.js';
import {STATUS, jam} from './presensi.js';

const KIND = {both: 'Masuk dan pulang', check_in: 'Jam masuk', check_out: 'Jam pulang', duty: 'Dinas luar / penugasan'};
const CSTATUS = {pending: 'Menunggu', approved: 'Disetujui', rejected: 'Ditolak'};

export function hours(min) {
    return (min / 60).toLocaleString('id-ID', {maximumFractionDigits: 1}) + ' jam';
}

export function summaryList(s) {
    const rows = [
        ['Hari kerja', s.working_days], ['Hadir', s.present_days],
        ['Terlambat', s.late_minutes + ' menit'], ['Pulang cepat', s.early_minutes + ' menit'],
        ['Jam kerja', hours(s.worked_minutes) + ' dari ' + hours(s.required_minutes)],
        ['Tanpa keterangan', s.absent_days + ' hari'], ['Cuti', s.leave_days + ' hari'], ['Dinas', s.duty_days + ' hari'],
    ];
    return h('dl', {class: 'daftar-data'}, rows.map(([k, v]) => [h('dt', null, k), h('dd', {'data-field': k}, String(v))]));
}

function localTime(iso) {
    return iso ? new Date(iso).toLocaleTimeString('id-ID', {hour: '2-digit', minute: '2-digit'}) : '—';
}

function correctionForm(status, reload) {
    const day = h('input', {type: 'date', name: 'day', required: true});
    const kind = h('select', {name: 'kind'}, Object.entries(KIND).map(([v, t]) => h('option', {value: v}, t)));
    const cin = h('input', {type: 'time', name: 'check_in', value: '07:30'});
    const cout = h('input', {type: 'time', name: 'check_out', value: '16:00'});
    const reason = h('textarea', {name: 'reason', rows: 2, maxlength: 500, required: true});
    const fIn = formField('kor-masuk', 'Jam masuk', cin);
    const fOut = formField('kor-pulang', 'Jam pulang', cout);
    const fields = {day: formField('kor-hari', 'Tanggal', day), kind: formField('kor-jenis', 'Jenis koreksi', kind),
                    check_in: fIn, check_out: fOut,
                    reason: formField('kor-alasan', 'Alasan', reason, 'Contoh: lupa presensi pulang, sistem tidak dapat diakses.')};
    function sync() {
        fIn.wrap.hidden = !(kind.value === 'both' || kind.value === 'check_in');
        fOut.wrap.hidden = !(kind.value === 'both' || kind.value === 'check_out');
    }
    kind.addEventListener('change', sync);
    sync();
    const form = h('form', {class: 'kartu kartu-formulir', 'aria-labelledby': 'judul-koreksi', novalidate: true},
                   h('h2', {id: 'judul-koreksi'}, 'Ajukan koreksi presensi'),
                   Object.values(fields).map((f) => f.wrap),
                   h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Kirim koreksi'));
    form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        Object.values(fields).forEach((f) => f.setError(''));
        const body = {day: day.value, kind: kind.value, reason: reason.value};
        if (!fIn.wrap.hidden)
            body.check_in = cin.value;
        if (!fOut.wrap.hidden)
            body.check_out = cout.value;
        try {
            await post('/attendance/corrections', body);
            status.replaceChildren(message('sukses', 'Koreksi dikirim; menunggu keputusan atasan.'));
            form.reset();
            sync();
            reload();
        } catch (e) {
            if (e.field && fields[e.field])
                fields[e.field].setError(e.message);
            else
                status.replaceChildren(message('galat', e.message));
        }
    });
    return form;
}

function render(root, ctx) {
    const me = ctx.user || {};
    root.append(pageTitle('Presensi bulan saya'));
    if (!me.employee_id) {
        root.append(message('info', 'Akun Anda tidak terhubung dengan data pegawai.'));
        return;
    }
    const month = /^\d{4}-\d{2}$/.test(ctx.query.get('month') || '') ? ctx.query.get('month') : '';
    const pick = h('input', {type: 'month', name: 'month', value: month});
    const status = h('div', {'aria-live': 'polite'});
    const box = h('section', {class: 'kartu', 'aria-live': 'polite'});
    const mine = h('section', {class: 'kartu', 'aria-live': 'polite'});
    pick.addEventListener('change', () => {
        if (/^\d{4}-\d{2}$/.test(pick.value))
            location.hash = '#/presensi/bulan?month=' + pick.value;
    });
    root.append(h('form', {class: 'saring'}, formField('bulan-saya', 'Bulan', pick).wrap), status, box,
                correctionForm(status, () => { loadCorrections(); load(); }), mine);

    async function load() {
        box.setAttribute('aria-busy', 'true');
        try {
            const r = await get('/attendance/me' + query({month}));
            if (!ctx.isCurrent())
                return;
            if (!pick.value)
                pick.value = r.month;
            box.replaceChildren(
                h('h2', null, 'Ringkasan ', r.month), summaryList(r.summary),
                h('h3', null, 'Jam kerja per minggu (wajib 37,5 jam)'),
                h('ul', null, r.weeks.map((w, i) => h('li', null, 'Minggu ', String(i + 1), ': ', hours(w.worked_minutes),
                                                      ' dari ', hours(w.required_minutes),
                                                      w.balance_minutes < 0 ? ' (kurang ' + hours(-w.balance_minutes) + ')' : ''))),
                h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Presensi harian'},
                  h('table', {class: 'tabel tabel-presensi'},
                    h('thead', null, h('tr', null, ['Tanggal', 'Status', 'Masuk', 'Pulang', 'Terlambat', 'Jam kerja', 'Catatan']
                        .map((t) => h('th', {scope: 'col'}, t)))),
                    h('tbody', null, r.days.map((d) => h('tr', {'data-day': d.day},
                        h('th', {scope: 'row'}, d.day), h('td', null, STATUS[d.status] || d.status),
                        h('td', null, localTime(d.check_in)), h('td', null, localTime(d.check_out)),
                        h('td', {class: 'angka'}, d.late_minutes ? d.late_minutes + ' mnt' : ''),
                        h('td', {class: 'angka'}, d.worked_minutes ? jam(d.worked_minutes) : ''),
                        h('td', null, d.flagged ? 'Ditandai' : '', d.corrected_by ? ' Dikoreksi' : '')))))));
        } catch (e) {
            box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    async function loadCorrections() {
        try {
            const r = await get('/attendance/corrections');
            if (!ctx.isCurrent())
                return;
            mine.replaceChildren(h('h2', null, 'Koreksi saya'),
                r.items.length ? h('ul', {class: 'daftar-kartu'}, r.items.map((c) => h('li', {class: 'kartu kartu-baris', 'data-koreksi': String(c.id)},
                    h('p', null, c.day, ' · ', KIND[c.kind] || c.kind, ' · ', h('span', {class: 'lencana lencana-' + c.status}, CSTATUS[c.status] || c.status)),
                    h('p', null, 'Alasan: ', c.reason, ' · diajukan ', timeEl(c.created_at)),
                    c.decision_reason ? h('p', null, 'Keputusan: ', c.decision_reason) : null)))
                               : h('p', {class: 'kosong'}, 'Belum ada koreksi.'));
            load();
        } catch (e) {
            mine.replaceChildren(message('galat', e.message));
        }
    }
    load();
    loadCorrections();
}

export default {render};
