/* Shared pieces of the flexible-work pages (kerja-saya, kerja-rencana, kerja-kebijakan): the
 * mode labels, ISO weeks for <input type=week>, the decision buttons of a one-off request
 * (POST /work-requests/{id}/decision) and the distance between two points (haversine), which
 * the policy page uses to check a point against the office geofences. */

import {post} from './api.js';
import {h, formField, message} from './dom.js';
import {formatTanggal} from './tanggal.js';

export const MODE = {WFO: 'Di kantor (WFO)', WFH: 'Dari rumah (WFH)', WFA: 'Tempat lain (WFA)', CUTI: 'Cuti'};
export const HARI = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
export const STATUS = {pending: 'Menunggu', approved: 'Disetujui', rejected: 'Ditolak'};

export function statusBadge(s) {
    return h('span', {class: 'lencana lencana-' + s, 'data-status': s}, STATUS[s] || s);
}

/* "YYYY-Www" of a Date (ISO 8601: the week with the Thursday). */
export function isoWeek(d) {
    const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const y = t.getUTCFullYear();
    const week = Math.ceil(((t - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7);
    return y + '-W' + String(week).padStart(2, '0');
}

/* Metres between two points on the Earth (haversine, mean radius 6 371 km). */
export function distanceM(lat1, lon1, lat2, lon2) {
    const rad = (x) => x * Math.PI / 180;
    const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 +
              Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
    return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/* Approve / reject (with the reason the server requires to reject) at path (a request's or
 * a proposal's decision); status shows the outcome — a refusal because the unit would be
 * short on site says which day and by how many — and after() runs once it is decided. */
export function decisionForm(key, path, what, status, after) {
    const reason = formField('alasan-' + key, 'Alasan (wajib untuk menolak)',
                             h('textarea', {rows: '2', maxlength: '500'}));
    const approve = h('button', {type: 'button', class: 'tombol tombol-utama'}, 'Setujui');
    const reject = h('button', {type: 'button', class: 'tombol'}, 'Tolak');

    async function decide(decision) {
        const body = {decision};
        const text = reason.control.value.trim();
        reason.setError('');
        if (decision === 'reject' && !text) {
            reason.setError('Alasan wajib diisi untuk menolak.');
            reason.control.focus();
            return;
        }
        if (text)
            body.reason = text;
        approve.disabled = reject.disabled = true;
        try {
            await post(path, body);
            status.replaceChildren(message('sukses', what + (decision === 'approve' ? ' disetujui.' : ' ditolak.')));
            after();
        } catch (e) {
            if (e.field === 'reason')
                reason.setError(e.message);
            else
                status.replaceChildren(message('galat', e.message));
        } finally {
            approve.disabled = reject.disabled = false;
        }
    }
    approve.addEventListener('click', () => decide('approve'));
    reject.addEventListener('click', () => decide('reject'));
    return h('div', {class: 'keputusan-kerja'}, reason.wrap,
             h('div', {class: 'baris-tombol', role: 'group', 'aria-label': 'Keputusan'}, approve, ' ', reject));
}

export function requestDecision(r, status, after) {
    return decisionForm('permintaan-' + r.id, '/work-requests/' + encodeURIComponent(r.id) + '/decision',
                        'Permintaan ' + (r.employee_name || '') + ' untuk ' + formatTanggal(r.date), status, after);
}

/* One line per working weekday of an arrangement: "Senin: WFH · Selasa: WFO …". */
export function arrangementText(x) {
    return x.days.filter((d) => d.weekday <= 6).map((d) => HARI[d.weekday - 1] + ': ' + d.mode +
        (d.place ? ' (' + d.place + ')' : '') + (d.flexible ? ', jam fleksibel' : '')).join(' · ');
}
