/* Documents of an employee record: the list (GET /employees/{id}/documents), a download link
 * per document (GET /documents/{id}: always an attachment), and an upload form (PDF, JPEG or
 * PNG up to 2 MB; the server checks the content). Used by the profile page and by "Data saya"
 * (evidence for proposals). uploadFile() is shared with the proposal form. */

import {get, upload} from './api.js';
import {h, formField, message, timeEl} from './dom.js';

export const MAX_BYTES = 2 * 1024 * 1024;
export const JENIS = {
    bukti: 'Bukti pendukung', foto: 'Foto', sk: 'Surat keputusan (SK)', ijazah: 'Ijazah',
    sertifikat: 'Sertifikat', ktp: 'KTP', kk: 'Kartu keluarga', akta: 'Akta', lainnya: 'Lainnya',
};
const TYPES = {'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG'};

function ukuran(n) {
    return n >= 1024 * 1024 ? (n / 1024 / 1024).toFixed(1) + ' MB' : Math.max(1, Math.round(n / 1024)) + ' KB';
}

/* Upload one File to the record; → the document. Throws an Error with a message for people. */
export async function uploadFile(employeeId, file, kind) {
    if (!TYPES[file.type])
        throw new Error('Berkas harus PDF, JPEG atau PNG.');
    if (file.size > MAX_BYTES)
        throw new Error('Berkas lebih besar dari 2 MB.');
    const q = new URLSearchParams({kind, filename: file.name || 'dokumen'});
    return upload('/employees/' + encodeURIComponent(employeeId) + '/documents?' + q, file, file.type);
}

function row(d) {
    return h('li', {class: 'baris-dokumen'},
             h('a', {href: '/api/v1/documents/' + encodeURIComponent(d.id), download: d.filename},
               d.filename),
             ' ', h('span', {class: 'petunjuk'},
                    [JENIS[d.kind] || d.kind, TYPES[d.content_type] || d.content_type, ukuran(d.size)].join(' · '),
                    ' · ', timeEl(d.created_at)));
}

/* The "Dokumen" section of record employeeId; canUpload adds the upload form. */
export function dokumenSection(employeeId, canUpload) {
    const list = h('div', {'aria-live': 'polite'});
    const status = h('div', {'aria-live': 'polite'});
    const section = h('section', {class: 'kartu', 'aria-labelledby': 'judul-dokumen'},
                      h('h2', {id: 'judul-dokumen'}, 'Dokumen'), list);

    async function load() {
        list.replaceChildren(h('p', {class: 'memuat'}, 'Memuat dokumen…'));
        try {
            const res = await get('/employees/' + encodeURIComponent(employeeId) + '/documents?per_page=200');
            list.replaceChildren(res.items.length
                ? h('ul', {class: 'daftar-dokumen'}, res.items.map(row))
                : h('p', null, 'Belum ada dokumen.'));
        } catch (e) {
            list.replaceChildren(message('galat', e.message));
        }
    }

    if (canUpload) {
        const kind = formField('dokumen-jenis', 'Jenis dokumen',
                               h('select', null, Object.entries(JENIS).map(([v, l]) => h('option', {value: v}, l))));
        const file = formField('dokumen-berkas', 'Berkas',
                               h('input', {type: 'file', accept: 'application/pdf,image/jpeg,image/png', required: true}),
                               'PDF, JPEG atau PNG, paling besar 2 MB');
        const button = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Unggah');
        const form = h('form', {class: 'kartu-baris', novalidate: true}, kind.wrap, file.wrap, button, status);
        form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            const f = file.control.files && file.control.files[0];
            file.setError(f ? '' : 'Pilih berkas terlebih dahulu.');
            if (!f)
                return;
            button.disabled = true;
            status.replaceChildren();
            try {
                const d = await uploadFile(employeeId, f, kind.control.value);
                status.replaceChildren(message('sukses', 'Dokumen "' + d.filename + '" tersimpan.'));
                form.reset();
                load();
            } catch (e) {
                file.setError(e.message);
            } finally {
                button.disabled = false;
            }
        });
        section.append(h('h3', null, 'Unggah dokumen'), form);
    }
    load();
    return section;
}
