/* The editable part of an employee record (contact and personal fields), shared by the
 * profile, "Data saya" and "Verifikasi": labels, the choices of the coded fields, how a value
 * reads for people, the profile section that shows them, and the form that proposes a change
 * (the same fields the server's PATCH and proposals accept). */

import {h, formField} from './dom.js';

export const AGAMA = ['Islam', 'Kristen', 'Katolik', 'Hindu', 'Buddha', 'Konghucu', 'kepercayaan'];
export const AGAMA_LABEL = {kepercayaan: 'Kepercayaan terhadap Tuhan YME'};
export const STATUS_KAWIN = {
    belum_kawin: 'Belum kawin', kawin: 'Kawin', cerai_hidup: 'Cerai hidup', cerai_mati: 'Cerai mati',
};

/* field → label, in the order forms and tables show them. */
export const KOLOM = [
    ['name', 'Nama (tanpa gelar)'],
    ['gelar_depan', 'Gelar depan'],
    ['gelar_belakang', 'Gelar belakang'],
    ['religion', 'Agama'],
    ['marital_status', 'Status perkawinan'],
    ['phone', 'Nomor telepon'],
    ['email', 'Email'],
    ['address', 'Alamat'],
    ['photo_document_id', 'Foto (id dokumen)'],
];
export const LABEL = Object.fromEntries(KOLOM);

/* A value for people. */
export function tampil(field, v) {
    if (v === null || v === undefined || v === '')
        return '—';
    if (field === 'religion')
        return AGAMA_LABEL[v] || String(v);
    if (field === 'marital_status')
        return STATUS_KAWIN[v] || String(v);
    return String(v);
}

/* The profile's "Kontak dan data pribadi" section for record e. */
export function kontakSection(e) {
    const rows = ['religion', 'marital_status', 'phone', 'email', 'address'];
    return h('section', {class: 'kartu', 'aria-labelledby': 'judul-kontak'},
             h('h2', {id: 'judul-kontak'}, 'Kontak dan data pribadi'),
             h('dl', {class: 'daftar-data'},
               rows.flatMap((f) => [h('dt', null, LABEL[f]),
                                    h('dd', {'data-field': f, class: 'teks-alamat'}, tampil(f, e[f]))])));
}

function select(options, current) {
    return h('select', null, h('option', {value: ''}, '— tidak diubah / kosong —'),
             options.map(([v, label]) => h('option', {value: v, selected: v === current}, label)));
}

/* The contact fields as a form prefilled from record e. fields() → the changed ones only
 * ({field: value}, "" clears); setErrors(field, text) marks one. */
export function kontakForm(e, prefix) {
    const defs = [
        ['religion', select(AGAMA.map((a) => [a, AGAMA_LABEL[a] || a]), e.religion)],
        ['marital_status', select(Object.entries(STATUS_KAWIN), e.marital_status)],
        ['phone', h('input', {type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: '21',
                              value: e.phone || ''}), 'Angka saja, boleh diawali +, misalnya 081234567890'],
        ['email', h('input', {type: 'email', autocomplete: 'email', maxlength: '254', value: e.email || ''})],
        ['address', h('textarea', {rows: '3', maxlength: '500', autocomplete: 'street-address'}),
         'Paling banyak 500 karakter'],
    ];
    const fields = defs.map(([name, control, hint]) => {
        if (name === 'address')
            control.value = e.address || '';
        return [name, formField(prefix + '-' + name, LABEL[name], control, hint)];
    });
    return {
        wraps: fields.map(([, f]) => f.wrap),
        changed() {
            const out = {};
            for (const [name, f] of fields) {
                const v = f.control.value.trim();
                if (v !== (e[name] || ''))
                    out[name] = v;
            }
            return out;
        },
        setError(field, text) {
            for (const [name, f] of fields)
                f.setError(name === field ? text : '');
        },
    };
}
