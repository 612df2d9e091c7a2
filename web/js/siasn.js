/* Impor SIASN (#/siasn): BKN's "Export Data ASN" file to POST /api/v1/imports/siasn, for
 * admin_bkpsdm and superadmin. "Periksa (uji coba)" is the dry run (what would be created,
 * filled, left as is, and the differences; nothing written); "Impor" writes every row or, when
 * one is bad, none (the form is js/csv-import.js, its bar following the server's own progress).
 * Below, the reconciliation: the open differences between Abdi and SIASN (filter by NIP, pages),
 * each decided by taking SIASN's value or keeping Abdi's, one by one or all at once; the server
 * audits every choice. */

import {get, post, query} from './api.js';
import {csvImportForm} from './csv-import.js';
import {h, showMessage, pageTitle, formField, timeEl} from './dom.js';

const number = new Intl.NumberFormat('id-ID');
const PER_PAGE = 20;
const FIELD_LABELS = {
    nip_baru: 'NIP', nama: 'Nama', gelar_depan: 'Gelar depan', gelar_belakang: 'Gelar belakang',
    tempat_lahir_nama: 'Tempat lahir', tanggal_lahir: 'Tanggal lahir', jenis_kelamin: 'Jenis kelamin',
    status_cpns_pns: 'Status', kedudukan_hukum_id: 'Kedudukan hukum', pns_id: 'PNS ID',
    nomor_hp: 'Nomor HP', email: 'Surel', alamat: 'Alamat', tmt_golongan: 'TMT golongan',
    jabatan: 'Jabatan — unit', pendidikan: 'Pendidikan (tingkat, tahun lulus)',
    agama_id: 'Agama', jenis_kawin_id: 'Status perkawinan',
};
const label = (f) => FIELD_LABELS[f] || f;

/* The differences an import found, under its summary. */
function differencesTable(rep) {
    if (!rep.differences.length)
        return null;
    return h('div', {class: 'wadah-tabel'},
        h('table', {class: 'tabel'},
          h('caption', null, rep.prefer_siasn ? 'Perbedaan (diambil dari SIASN)'
                                              : 'Perbedaan (tidak ditimpa; putuskan di bawah)'),
          h('thead', null, h('tr', null, ['NIP', 'Kolom', 'Abdi', 'SIASN'].map((t) => h('th', {scope: 'col'}, t)))),
          h('tbody', null, rep.differences.map((d) => h('tr', null,
              h('td', null, d.nip), h('td', null, label(d.field)),
              h('td', null, d.abdi || '—'), h('td', null, d.siasn || '—'))))));
}

function uploadSection(ctx, onImported) {
    const prefer = h('input', {type: 'checkbox', id: 'siasn-prefer'});
    return csvImportForm(ctx, {
        id: 'siasn', label: 'Berkas SIASN', path: '/imports/siasn',
        params: () => ({prefer: prefer.checked ? 'siasn' : ''}),
        after: h('div', {class: 'bidang'}, h('label', {for: 'siasn-prefer'}, prefer,
                  ' Ambil nilai SIASN untuk semua perbedaan (prefer=siasn)')),
        fileLabel: 'Berkas Export Data ASN (CSV)',
        fileHint: 'Berkas unduhan SIASN apa adanya: pemisah ; atau , dan tanggal dd-mm-yyyy dikenali.',
        progressPath: '/imports/siasn/progress',
        counts: (rep) => `${number.format(rep.created)} pegawai baru, ${number.format(rep.updated)} diperbarui, ` +
            `${number.format(rep.unchanged)} tetap, ${number.format(rep.differing)} berbeda ` +
            `(${number.format(rep.differences_total)} perbedaan), ${number.format(rep.units_created)} unit baru`,
        more: differencesTable, onImported,
    });
}

function reconcileSection(root, ctx) {
    const nip = h('input', {type: 'search', inputmode: 'numeric', autocomplete: 'off', maxlength: '18'});
    const fNip = formField('siasn-nip', 'Saring NIP', nip);
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const list = h('div', {class: 'wadah-tabel'});
    const pager = h('div', {class: 'tombol-formulir'});
    const allSiasn = h('button', {type: 'button', class: 'tombol'}, 'Ambil SIASN untuk semua');
    const allAbdi = h('button', {type: 'button', class: 'tombol'}, 'Pertahankan Abdi untuk semua');
    let page = 1;

    async function decide(path, body, what) {
        showMessage(status, null);
        try {
            const r = await post(path, body);
            if (!ctx.isCurrent())
                return;
            showMessage(status, 'sukses', what(r));
        } catch (e) {
            if (ctx.isCurrent())
                showMessage(status, 'galat', e.message);
        }
        await load();
    }

    async function load() {
        let data;
        try {
            data = await get('/imports/siasn/differences' + query({page, per_page: PER_PAGE, nip: nip.value.trim()}));
        } catch (e) {
            if (ctx.isCurrent())
                showMessage(status, 'galat', e.message);
            return;
        }
        if (!ctx.isCurrent())
            return;
        allSiasn.disabled = allAbdi.disabled = data.total === 0;
        if (!data.items.length) {
            list.replaceChildren(h('p', {class: 'keterangan'}, 'Tidak ada perbedaan yang menunggu keputusan.'));
            pager.replaceChildren();
            return;
        }
        list.replaceChildren(h('table', {class: 'tabel'},
            h('caption', null, `Perbedaan terbuka: ${number.format(data.total)}`),
            h('thead', null, h('tr', null, ['NIP', 'Nama', 'Kolom', 'Abdi', 'SIASN', 'Sejak', 'Keputusan']
                .map((t) => h('th', {scope: 'col'}, t)))),
            h('tbody', null, data.items.map((d) => {
                const take = h('button', {type: 'button', class: 'tombol tombol-kecil',
                                          'aria-label': `Ambil nilai SIASN untuk ${label(d.field)} ${d.nip}`}, 'Ambil SIASN');
                const keep = h('button', {type: 'button', class: 'tombol tombol-kecil',
                                          'aria-label': `Pertahankan nilai Abdi untuk ${label(d.field)} ${d.nip}`}, 'Pertahankan Abdi');
                take.addEventListener('click', () => decide(`/imports/siasn/differences/${d.id}/decision`,
                    {choice: 'siasn'}, () => `${label(d.field)} ${d.nip}: nilai SIASN diambil.`));
                keep.addEventListener('click', () => decide(`/imports/siasn/differences/${d.id}/decision`,
                    {choice: 'abdi'}, () => `${label(d.field)} ${d.nip}: nilai Abdi dipertahankan.`));
                return h('tr', null,
                    h('td', null, h('a', {href: `#/pegawai/${d.employee_id}`}, d.nip)),
                    h('td', null, d.name), h('td', null, label(d.field)),
                    h('td', null, d.abdi || '—'), h('td', null, d.siasn || '—'),
                    h('td', null, timeEl(d.at)), h('td', null, take, ' ', keep));
            }))));
        const pages = Math.max(1, Math.ceil(data.total / PER_PAGE));
        const prev = h('button', {type: 'button', class: 'tombol'}, '‹ Sebelumnya');
        const next = h('button', {type: 'button', class: 'tombol'}, 'Berikutnya ›');
        prev.disabled = page <= 1;
        next.disabled = page >= pages;
        prev.addEventListener('click', () => { page--; load(); });
        next.addEventListener('click', () => { page++; load(); });
        pager.replaceChildren(prev, h('span', {class: 'keterangan'}, ` Halaman ${page} dari ${pages} `), next);
    }

    function decideAll(choice) {
        const filter = nip.value.trim();
        const body = filter ? {choice, nip: filter} : {choice};
        decide('/imports/siasn/differences/decision', body,
               (r) => `${number.format(r.decided)} perbedaan diputuskan: ` +
                      (choice === 'siasn' ? 'nilai SIASN diambil.' : 'nilai Abdi dipertahankan.'));
    }

    nip.addEventListener('change', () => { page = 1; load(); });
    allSiasn.addEventListener('click', () => decideAll('siasn'));
    allAbdi.addEventListener('click', () => decideAll('abdi'));
    load();
    return {
        reload: () => { page = 1; load(); },
        el: h('section', {class: 'kartu', 'aria-labelledby': 'siasn-rekonsiliasi'},
              h('h2', {id: 'siasn-rekonsiliasi'}, 'Rekonsiliasi Abdi – SIASN'),
              h('p', {class: 'keterangan'}, 'Nilai yang berbeda tidak pernah ditimpa diam-diam. ' +
                'Pilih nilai yang benar per kolom, atau untuk semua (yang tersaring NIP bila diisi).'),
              fNip.wrap, h('div', {class: 'tombol-formulir'}, allSiasn, allAbdi), status, list, pager),
    };
}

/* Units an import created under the government's root: an admin places them in the tree. */
function unplacedSection(ctx) {
    const box = h('section', {class: 'kartu', 'aria-labelledby': 'siasn-unit-baru'});
    async function load() {
        let data;
        try {
            data = await get('/imports/siasn/unplaced-units' + query({per_page: 100}));
        } catch {
            return;
        }
        if (!ctx.isCurrent())
            return;
        if (!data.total) {
            box.replaceChildren();
            box.hidden = true;
            return;
        }
        box.hidden = false;
        box.replaceChildren(
            h('h2', {id: 'siasn-unit-baru'}, `Unit baru dari SIASN yang belum ditempatkan: ${number.format(data.total)}`),
            h('p', {class: 'keterangan'}, 'Unit ini dibuat impor langsung di bawah pemerintah daerah. ',
              h('a', {href: '#/organisasi'}, 'Pindahkan ke tempatnya di pohon organisasi'), '.'),
            h('details', null, h('summary', null, 'Daftar unit'),
              h('ul', null, data.items.map((u) => h('li', null,
                  `${u.name} (${u.code}, unor ${u.siasn_unor_id || '—'}): ${number.format(u.employees)} pegawai`)))));
    }
    box.hidden = true;
    load();
    return {el: box, reload: load};
}

function render(root, ctx) {
    const rec = reconcileSection(root, ctx);
    const units = unplacedSection(ctx);
    root.append(
        pageTitle('Impor SIASN'),
        h('p', {class: 'keterangan'},
          'Muat pegawai dari berkas “Export Data ASN” SIASN. Pegawai dicocokkan dengan NIP (lalu PNS ID); ' +
          'kolom yang kosong di Abdi diisi, yang berbeda dicatat untuk diputuskan. Golongan, jabatan dan ' +
          'unit menjadi riwayat dengan TMT-nya; unit yang belum ada dibuat di bawah pemerintah daerah ' +
          'untuk ditempatkan admin. Semua baris disimpan bersama atau tidak sama sekali.'),
        uploadSection(ctx, () => { rec.reload(); units.reload(); }),
        units.el, rec.el);
}

export default {render};
