/* Impor pegawai (#/impor): a CSV file (chosen or pasted) to POST /api/v1/employees/import for
 * the admins (admin_unit within its subtree, admin_bkpsdm, superadmin). "Periksa (uji coba)"
 * is the dry run: every bad row in a table (line, column, message) and nothing written.
 * "Impor" writes all rows or, when one is bad, none (the same table). A progress bar follows
 * the upload, then shows that the server is checking. The file goes as text/csv, as is: the
 * server reads the BOM, CRLF, ';' or ',' and quotes. */

import {upload} from './api.js';
import {h, showMessage, pageTitle, formField} from './dom.js';

const COLUMNS = ['nip', 'nik', 'name', 'gelar_depan', 'gelar_belakang', 'birth_place', 'birth_date',
                 'gender', 'status', 'unit', 'golongan', 'tmt_golongan', 'position', 'tmt_jabatan'];
const SAMPLE = COLUMNS.join(';') + '\r\n' +
    '198503152010011001;1275011503850001;Budi Santoso;;S.Kom.;Medan;1985-03-15;L;PNS;DINKES;' +
    'III/b;2018-04-01;Pelaksana;2018-04-01\r\n';
const LABELS = {
    nip: 'NIP', nik: 'NIK', name: 'Nama', gelar_depan: 'Gelar depan', gelar_belakang: 'Gelar belakang',
    birth_place: 'Tempat lahir', birth_date: 'Tanggal lahir', gender: 'Jenis kelamin',
    status: 'Status', unit: 'Unit (kode)', unit_id: 'ID unit', golongan: 'Golongan',
    tmt_golongan: 'TMT golongan', position: 'Jabatan', position_id: 'ID jabatan',
    tmt_jabatan: 'TMT jabatan', pns_id: 'PNS ID',
};

const number = new Intl.NumberFormat('id-ID');

/* The table of a CSV import's errors or warnings (also used by siasn.js). */
export function issuesTable(caption, issues) {
    return h('div', {class: 'wadah-tabel'},
             h('table', {class: 'tabel tabel-impor'},
               h('caption', null, caption),
               h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Baris'),
                                  h('th', {scope: 'col'}, 'Kolom'), h('th', {scope: 'col'}, 'Pesan'))),
               h('tbody', null, issues.map((e) => h('tr', null,
                   h('td', {class: 'nomor'}, String(e.line)),
                   h('td', null, e.column ? (LABELS[e.column] ? `${LABELS[e.column]} (${e.column})` : e.column) : '—'),
                   h('td', null, e.message))))));
}

function render(root, ctx) {
    const file = h('input', {type: 'file', accept: '.csv,text/csv'});
    const paste = h('textarea', {rows: '6', spellcheck: 'false', autocomplete: 'off'});
    const fFile = formField('impor-berkas', 'Berkas CSV', file,
                            'Baris pertama berisi nama kolom. Pemisah ; atau , (UTF-8).');
    const fPaste = formField('impor-tempel', 'Atau tempel isi CSV di sini', paste,
                             'Dipakai bila tidak ada berkas yang dipilih.');
    const check = h('button', {type: 'button', class: 'tombol'}, 'Periksa (uji coba)');
    const run = h('button', {type: 'button', class: 'tombol tombol-utama'}, 'Impor');
    const barLabel = h('p', {class: 'keterangan', id: 'impor-progres-label'});
    const bar = h('progress', {max: '100', 'aria-labelledby': 'impor-progres-label'});
    const progressBox = h('div', {class: 'progres', 'aria-live': 'polite'}, barLabel, bar);
    progressBox.hidden = true;
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const result = h('div', {class: 'hasil-impor'});
    const sampleUrl = URL.createObjectURL(new Blob(['\ufeff' + SAMPLE], {type: 'text/csv'}));

    function body() {
        if (file.files && file.files[0])
            return file.files[0];
        return paste.value.trim() ? paste.value : null;
    }

    function busy(on) {
        check.disabled = on;
        run.disabled = on;
        file.disabled = on;
        paste.disabled = on;
        root.setAttribute('aria-busy', on ? 'true' : 'false');
    }

    async function send(dryRun) {
        const data = body();
        fFile.setError('');
        showMessage(status, null);
        result.replaceChildren();
        if (!data) {
            fFile.setError('Pilih berkas CSV atau tempel isinya terlebih dahulu.');
            file.focus();
            return;
        }
        busy(true);
        progressBox.hidden = false;
        bar.value = 0;
        barLabel.textContent = 'Mengunggah…';
        let rep;
        try {
            rep = await upload('/employees/import?dry_run=' + (dryRun ? 'true' : 'false'), data,
                               'text/csv; charset=utf-8', {
                onProgress(loaded, total) {
                    if (total) {
                        bar.value = Math.round(loaded * 100 / total);
                        barLabel.textContent = `Mengunggah… ${bar.value}%`;
                    }
                },
                onSent() {
                    bar.removeAttribute('value'); /* indeterminate while the server works */
                    barLabel.textContent = dryRun ? 'Server memeriksa setiap baris…'
                                                  : 'Server memeriksa dan menyimpan…';
                },
            });
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            showMessage(status, 'galat', e.status === 413
                ? 'Berkas terlalu besar untuk sekali impor (maksimal 64 MiB).' : e.message);
            return;
        } finally {
            busy(false);
            progressBox.hidden = true;
        }
        if (!ctx.isCurrent())
            return;
        show(rep, dryRun);
    }

    function show(rep, dryRun) {
        const rows = number.format(rep.rows);
        const nerr = rep.errors_total || rep.errors.length;
        if (nerr) {
            showMessage(status, 'galat', (dryRun ? 'Uji coba: ' : 'Impor dibatalkan: ') +
                `${number.format(nerr)} galat pada ${rows} baris data. Tidak ada data yang disimpan; ` +
                'perbaiki baris yang disebut lalu coba lagi.');
        } else if (dryRun) {
            showMessage(status, 'sukses', `Uji coba berhasil: ${rows} baris data benar semua. ` +
                'Tidak ada data yang disimpan; tekan “Impor” untuk menyimpan.');
        } else {
            showMessage(status, 'sukses', `Impor berhasil: ${number.format(rep.imported)} pegawai ditambahkan.`);
            file.value = '';
            paste.value = '';
        }
        const parts = [];
        if (rep.errors.length) {
            const more = nerr > rep.errors.length
                ? ` (${number.format(rep.errors.length)} pertama dari ${number.format(nerr)})` : '';
            parts.push(issuesTable('Baris yang salah' + more, rep.errors));
        }
        if (rep.warnings && rep.warnings.length)
            parts.push(issuesTable('Peringatan (tidak menghalangi impor)', rep.warnings));
        if (!nerr && !dryRun)
            parts.push(h('p', null, h('a', {href: '#/pegawai', class: 'tombol'}, 'Lihat daftar pegawai')));
        result.replaceChildren(...parts);
        (nerr ? status : result).scrollIntoView({block: 'nearest'});
    }

    check.addEventListener('click', () => send(true));
    run.addEventListener('click', () => send(false));

    root.append(
        pageTitle('Impor Pegawai'),
        h('p', {class: 'keterangan'},
          'Tambahkan banyak pegawai sekaligus dari berkas CSV. Semua baris disimpan bersama, atau ' +
          'tidak ada sama sekali bila satu baris saja salah. Periksa dulu dengan uji coba.'),
        h('section', {class: 'kartu kartu-formulir', 'aria-label': 'Berkas impor'},
          fFile.wrap, fPaste.wrap,
          h('div', {class: 'tombol-formulir'}, check, run),
          progressBox, status),
        result,
        h('details', {class: 'kartu'},
          h('summary', null, 'Kolom yang dikenali'),
          h('p', null, 'Wajib: nip, nik, name, birth_place, birth_date, gender (L/P), status (CPNS/PNS/PPPK), ' +
            'unit (kode unit, misalnya DINKES) atau unit_id, golongan (misalnya III/a), tmt_golongan, ' +
            'position (nama jabatan di unit itu) atau position_id.'),
          h('p', null, 'Pilihan: gelar_depan, gelar_belakang, tmt_jabatan, pns_id. Tanggal YYYY-MM-DD ' +
            'atau DD-MM-YYYY. Kolom lain diabaikan dengan peringatan.'),
          h('p', null, h('a', {href: sampleUrl, download: 'contoh-impor-pegawai.csv'}, 'Unduh contoh berkas'))));
}

export default {render};
