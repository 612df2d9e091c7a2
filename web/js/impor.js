/* Impor pegawai (#/impor): a CSV file (chosen or pasted) to POST /api/v1/employees/import for
 * the admins (admin_unit within its subtree, admin_bkpsdm, superadmin). "Periksa (uji coba)"
 * is the dry run: every bad row in a table (line, column, message) and nothing written.
 * "Impor" writes all rows or, when one is bad, none (the same table); the form is
 * js/csv-import.js. The file goes as text/csv, as is: the server reads the BOM, CRLF, ';' or ','
 * and quotes. */

import {csvImportForm} from './csv-import.js';
import {h, pageTitle} from './dom.js';

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

function render(root, ctx) {
    root.append(
        pageTitle('Impor Pegawai'),
        h('p', {class: 'keterangan'},
          'Tambahkan banyak pegawai sekaligus dari berkas CSV. Semua baris disimpan bersama, atau ' +
          'tidak ada sama sekali bila satu baris saja salah. Periksa dulu dengan uji coba.'),
        csvImportForm(ctx, {
            id: 'impor', label: 'Berkas impor', path: '/employees/import', paste: true,
            fileHint: 'Baris pertama berisi nama kolom. Pemisah ; atau , (UTF-8).',
            columns: LABELS, sample: {name: 'contoh-impor-pegawai.csv', text: SAMPLE},
            imported: 'pegawai ditambahkan',
            more: (rep, dryRun) => (dryRun ? null
                : h('p', null, h('a', {href: '#/pegawai', class: 'tombol'}, 'Lihat daftar pegawai'))),
        }),
        h('details', {class: 'kartu'},
          h('summary', null, 'Kolom yang dikenali'),
          h('p', null, 'Wajib: nip, nik, name, birth_place, birth_date, gender (L/P), status (CPNS/PNS/PPPK), ' +
            'unit (kode unit, misalnya DINKES) atau unit_id, golongan (misalnya III/a), tmt_golongan, ' +
            'position (nama jabatan di unit itu) atau position_id.'),
          h('p', null, 'Pilihan: gelar_depan, gelar_belakang, tmt_jabatan, pns_id. Tanggal YYYY-MM-DD ' +
            'atau DD-MM-YYYY. Kolom lain diabaikan dengan peringatan.')));
}

export default {render};
