/* Shared pieces of the leave (cuti) pages: the names of leave types, statuses and steps for
 * people, a request's summary and its step history, the balance box with how it was
 * computed, and the letter download link (GET /leave-requests/{id}/letter.pdf, approved
 * requests only). API: docs/api-leave.md, docs/api-leave-reports.md. */

import {get} from './api.js';
import {h, message, timeEl} from './dom.js';
import {formatTanggal} from './tanggal.js';

export const JENIS_CUTI = {
    tahunan: 'Cuti tahunan',
    besar: 'Cuti besar',
    sakit: 'Cuti sakit',
    melahirkan: 'Cuti melahirkan',
    alasan_penting: 'Cuti karena alasan penting',
    bersama: 'Cuti bersama',
    cltn: 'Cuti di luar tanggungan negara',
};

export const STATUS_CUTI = {
    pending_supervisor: 'Menunggu atasan langsung',
    pending_official: 'Menunggu pejabat berwenang',
    approved: 'Disetujui',
    rejected: 'Ditolak',
    postponed: 'Ditangguhkan',
    cancelled: 'Dibatalkan',
};

/* The badge classes of style.css: pending, approved, rejected, cancelled. */
const STATUS_CLASS = {
    pending_supervisor: 'pending', pending_official: 'pending', approved: 'approved',
    rejected: 'rejected', postponed: 'rejected', cancelled: 'cancelled',
};

const PERISTIWA = {
    submit: 'Diajukan', approve: 'Disetujui', change: 'Disetujui dengan perubahan',
    postpone: 'Ditangguhkan', reject: 'Ditolak', cancel: 'Dibatalkan', shorten: 'Dipersingkat',
    forward: 'Dialihkan',
};

const TAHAP = {supervisor: 'atasan langsung', official: 'pejabat berwenang'};

/* early_reason of a PPPK's annual leave before 1 year of service (docs/api-leave.md). */
export const ALASAN_AWAL = {
    keluarga_sakit_keras: 'Keluarga sakit keras',
    keluarga_meninggal: 'Keluarga meninggal dunia',
    perkawinan_pertama: 'Perkawinan pertama',
};

export function statusBadge(status) {
    return h('span', {class: 'lencana lencana-' + (STATUS_CLASS[status] || 'pending'),
                      'data-field': 'status', 'data-status': status},
             STATUS_CUTI[status] || status);
}

/* "Andi (Plt.)" / "BKPSDM" for an APPROVER object. */
export function namaPenyetuju(a) {
    if (!a)
        return '—';
    if (a.kind === 'bkpsdm')
        return 'BKPSDM';
    const acting = a.acting ? ' (' + (a.acting === 'plh' ? 'Plh.' : 'Plt.') + ' ' +
                              (a.position_name || '') + ')' : '';
    return (a.name || '—') + (a.position_name && !a.acting ? ', ' + a.position_name : '') + acting;
}

export function periode(r) {
    return r.start_date === r.end_date ? formatTanggal(r.start_date)
                                       : formatTanggal(r.start_date) + ' – ' + formatTanggal(r.end_date);
}

export function letterUrl(r) {
    return r.letter_url || '/api/v1/leave-requests/' + encodeURIComponent(r.id) + '/letter.pdf';
}

/* The download link of the letter, for an approved request only. */
export function letterLink(r) {
    if (r.status !== 'approved')
        return null;
    return h('a', {href: letterUrl(r), download: true, class: 'tombol tombol-kecil',
                   'data-aksi': 'surat'}, 'Unduh surat izin cuti (PDF)');
}

/* Facts of a request as a definition list. */
export function ringkasan(r, withEmployee) {
    const rows = [
        withEmployee ? ['Pegawai', r.employee_name + (r.employee_nip ? ' (NIP ' + r.employee_nip + ')' : '')] : null,
        withEmployee && r.unit_name ? ['Unit kerja', r.unit_name] : null,
        ['Jenis', JENIS_CUTI[r.type] || r.type],
        ['Tanggal', periode(r)],
        ['Hari kerja', String(r.working_days) + (r.type === 'tahunan' && r.charged_days !== r.working_days
            ? ' (mengurangi hak cuti ' + r.charged_days + ' hari)' : '')],
        r.requested_start_date && (r.requested_start_date !== r.start_date || r.requested_end_date !== r.end_date)
            ? ['Diajukan semula', formatTanggal(r.requested_start_date) + ' – ' + formatTanggal(r.requested_end_date)] : null,
        r.early_reason ? ['Cuti sebelum 1 tahun masa kerja', ALASAN_AWAL[r.early_reason] || r.early_reason] : null,
        ['Alasan', r.reason],
        ['Alamat selama cuti', r.address],
        ['Telepon', r.phone],
        r.approver && (r.status === 'pending_supervisor' || r.status === 'pending_official')
            ? ['Menunggu keputusan', namaPenyetuju(r.approver)] : null,
        r.decision_reason ? ['Alasan keputusan', r.decision_reason] : null,
        r.letter_number ? ['Nomor surat', r.letter_number] : null,
    ].filter(Boolean);
    return h('dl', {class: 'daftar-data'}, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v || '—')]));
}

/* The history of the request, one item per STEP, oldest first. */
export function riwayatLangkah(steps) {
    if (!steps || !steps.length)
        return null;
    return h('ol', {class: 'langkah-cuti', 'aria-label': 'Riwayat permohonan'},
             steps.map((s) => h('li', {'data-event': s.event},
                 h('strong', null, PERISTIWA[s.event] || s.event),
                 s.step && s.event !== 'submit' && s.event !== 'forward' ? ' oleh ' + TAHAP[s.step] : '',
                 s.actor_name ? ' · ' + s.actor_name + (s.acting ? ' (' + (s.acting === 'plh' ? 'Plh.' : 'Plt.') + ')' : '') : '',
                 ' · ', timeEl(s.at),
                 s.event === 'change' || s.event === 'shorten'
                     ? h('span', null, ' · menjadi ', formatTanggal(s.start_date), ' – ', formatTanggal(s.end_date)) : null,
                 s.reason ? h('span', {class: 'petunjuk'}, ' · ', s.reason) : null,
                 s.next_approver ? h('span', {class: 'petunjuk'}, ' · diteruskan ke ', namaPenyetuju(s.next_approver)) : null)));
}

/* The balance box: GET /leave-balances/{employee}?year → the numbers and how they were
 * computed. Returns {el, load(year) → balance or null}; no year: the server's current year. */
export function kotakSaldo(employeeId) {
    const el = h('section', {class: 'kartu', 'aria-labelledby': 'judul-saldo', 'aria-live': 'polite'});
    async function load(year) {
        el.setAttribute('aria-busy', 'true');
        try {
            const b = await get('/leave-balances/' + encodeURIComponent(employeeId) + (year ? '?year=' + year : ''));
            el.replaceChildren(
                h('h2', {id: 'judul-saldo'}, 'Sisa cuti tahunan ' + b.year),
                h('p', {class: 'saldo-cuti'}, h('strong', {'data-field': 'available'}, String(b.available)),
                  ' hari kerja tersedia'),
                h('dl', {class: 'daftar-data'},
                  h('dt', null, 'Hak tahun ini'), h('dd', {'data-field': 'entitlement'}, String(b.entitlement)),
                  h('dt', null, 'Sisa tahun lalu'), h('dd', {'data-field': 'carried_over'}, String(b.carried_over)),
                  b.collective_worked ? [h('dt', null, 'Tambahan cuti bersama yang dikerjakan'),
                      h('dd', {'data-field': 'collective_worked'}, String(b.collective_worked))] : null,
                  b.early_deducted ? [h('dt', null, 'Dipotong cuti sebelum 1 tahun masa kerja'),
                      h('dd', {'data-field': 'early_deducted'}, String(b.early_deducted))] : null,
                  h('dt', null, 'Sudah diambil'), h('dd', {'data-field': 'taken'}, String(b.taken)),
                  h('dt', null, 'Menunggu persetujuan'), h('dd', {'data-field': 'pending'}, String(b.pending))),
                b.explanation && b.explanation.length
                    ? h('details', {class: 'lipatan'}, h('summary', null, 'Cara menghitung'),
                        h('ul', null, b.explanation.map((x) => h('li', null, x.text))))
                    : null);
            return b;
        } catch (e) {
            el.replaceChildren(h('h2', {id: 'judul-saldo'}, 'Sisa cuti tahunan'), message('galat', e.message));
            return null;
        } finally {
            el.removeAttribute('aria-busy');
        }
    }
    return {el, load};
}
