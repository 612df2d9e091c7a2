/* Profil pegawai (#/pegawai/<id>): one employee from GET /api/v1/employees/{id}: identity,
 * current rank, position and unit, and the facts the server derives (years of service,
 * retirement, next promotion and salary step, postponed or not). The NIK is shown as the server sends it
 * (whole only to the admins allowed to see it). Outside the scope the server answers 404,
 * the same as for a missing record, and so does this page. Below, the histories in tabs
 * (riwayat.js). */

import {get} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {riwayatTabs} from './riwayat.js';
import {ADMIN, EMPLOYEE_LISTERS, hasAnyRole} from './routes.js';
import {formatTanggal} from './tanggal.js';
import {JENIS_KELAMIN, KEADAAN, namaLengkap} from './pegawai-data.js';
import {kontakSection} from './kontak.js';
import {dokumenSection} from './dokumen.js';
import {placementSections} from './profil-penempatan.js';

const NOT_FOUND = 'Data pegawai tidak ditemukan atau di luar cakupan Anda.';

const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

function pairs(list) {
    return h('dl', {class: 'daftar-data'},
             list.filter(Boolean).flatMap(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

function section(id, title, list) {
    return h('section', {class: 'kartu', 'aria-labelledby': id},
             h('h2', {id}, title), pairs(list));
}

function profile(e) {
    const pppk = e.status === 'PPPK';
    const lahir = [e.birth_place, formatTanggal(e.birth_date)].filter((x) => x && x !== '—').join(', ');
    const gol = e.golongan ? e.golongan + (e.pangkat ? ' — ' + e.pangkat : '') : '—';
    const masa = Number.isFinite(e.years_of_service) ? e.years_of_service + ' tahun' : '—';
    const naikPangkat = e.next_promotion_date ? formatTanggal(e.next_promotion_date)
        : pppk ? 'Tidak berlaku untuk PPPK'
        : e.golongan === 'IV/e' ? 'Tidak ada (golongan tertinggi)'
        : e.promotion_cap_golongan ? 'Tidak ada (batas ijazah ' + e.promotion_cap_golongan + ')'
        : 'Tidak ada';
    const kgb = e.next_salary_step_date ? formatTanggal(e.next_salary_step_date)
        : pppk ? 'Tidak berlaku untuk PPPK' : '—';
    /* postponed for a predikat kinerja below the bar in the year before it was due */
    const kgbTunda = e.salary_step_postponed
        ? h('span', {'data-field': 'salary_step_postponed'},
            'Ditunda (jatuh tempo ' + formatTanggal(e.salary_step_due_date) + ', predikat kinerja tahun ' +
            (Number(String(e.salary_step_due_date).slice(0, 4)) - 1) + ' di bawah batas)')
        : null;
    return [
        section('judul-identitas', 'Identitas', [
            [pppk ? 'NI PPPK' : 'NIP', h('span', {class: 'nomor', 'data-field': 'nip'}, dash(e.nip))],
            ['Nama', namaLengkap(e)],
            ['Tempat, tanggal lahir', lahir || '—'],
            ['Jenis kelamin', JENIS_KELAMIN[e.gender] || dash(e.gender)],
            ['NIK', h('span', {class: 'nomor', 'data-field': 'nik'}, dash(e.nik))],
            ['Status kepegawaian', dash(e.status)],
            ['Keadaan', KEADAAN[e.state] || dash(e.state)],
            e.pns_id ? ['PNS ID', e.pns_id] : null,
        ]),
        section('judul-jabatan', 'Pangkat, jabatan dan unit kerja', [
            ['Golongan', gol],
            ['TMT golongan', formatTanggal(e.tmt_golongan)],
            ['Jabatan', dash(e.position_name)],
            ['TMT jabatan', formatTanggal(e.tmt_jabatan)],
            ['Unit kerja', dash(e.unit_name)],
            [pppk ? 'Tanggal pengangkatan' : 'TMT CPNS', formatTanggal(pppk ? e.appointed_on : (e.tmt_cpns || e.appointed_on))],
        ]),
        section('judul-perhitungan', 'Perhitungan', [
            ['Masa kerja', masa],
            ['Masa kerja dalam golongan', Number.isFinite(e.years_in_rank) ? e.years_in_rank + ' tahun' : '—'],
            ['Pendidikan tertinggi', dash(e.education_level)],
            e.promotion_cap_golongan ? ['Pangkat tertinggi menurut ijazah', e.promotion_cap_golongan] : null,
            ['JP pengembangan kompetensi tahun ini', Number.isFinite(e.training_hours_year) ? e.training_hours_year + ' JP' : '—'],
            ['Tanggungan tunjangan keluarga', Number.isFinite(e.family_allowance_count) ? e.family_allowance_count + ' orang' : '—'],
            ['Tanggal pensiun (BUP)', h('span', {'data-field': 'retirement_date'}, formatTanggal(e.retirement_date))],
            ['Kenaikan pangkat berikutnya', naikPangkat],
            ['Kenaikan gaji berkala berikutnya', h('span', {'data-field': 'next_salary_step_date'}, kgb)],
            kgbTunda ? ['Penundaan kenaikan gaji berkala', kgbTunda] : null,
        ]),
    ];
}

/* Contact fields and documents (self-service slice): uploads for admins (the server checks
 * their scope) and for the employee on the own record. */
function kontakDanDokumen(e, user) {
    const own = !!user && user.employee_id === e.id;
    return [kontakSection(e), dokumenSection(e.id, own || hasAnyRole(user, ADMIN))];
}

function render(root, ctx) {
    const id = ctx.params.id || '';
    const title = pageTitle('Profil pegawai');
    const box = h('div', {class: 'isi-profil', 'aria-live': 'polite'});
    const back = hasAnyRole(ctx.user, EMPLOYEE_LISTERS)
        ? h('p', {class: 'tautan-kembali'}, h('a', {href: '#/pegawai'}, '‹ Kembali ke daftar pegawai'))
        : null;
    root.append(...(back ? [back] : []), title, box);

    async function load() {
        if (!/^[1-9]\d{0,17}$/.test(id)) {
            box.replaceChildren(message('galat', NOT_FOUND));
            return;
        }
        box.setAttribute('aria-busy', 'true');
        box.replaceChildren(h('p', {class: 'memuat'}, 'Memuat profil pegawai…'));
        try {
            const e = await get('/employees/' + id);
            if (!ctx.isCurrent())
                return;
            const name = namaLengkap(e);
            title.textContent = name || 'Profil pegawai';
            document.title = (name || 'Profil pegawai') + ' — Abdi';
            box.replaceChildren(
                h('p', {class: 'tombol-unduh'},
                  h('a', {href: '/api/v1/employees/' + id + '/profile.pdf', download: true,
                          class: 'tombol tombol-kecil'}, 'Unduh PDF')),
                ...profile(e), ...placementSections(e, ctx),
                ...kontakDanDokumen(e, ctx.user), riwayatTabs(e, ctx));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            if (e.status === 404) {
                box.replaceChildren(message('galat', NOT_FOUND));
                return;
            }
            box.replaceChildren(message('galat', e.message),
                                h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
}

export default {render};
