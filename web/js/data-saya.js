/* Data saya (#/data-saya): the employee's own record, whole (the profile page rendered for the
 * account's own employee id, with its documents), a form that proposes a change to the contact
 * fields with evidence ("Ajukan perubahan": POST /employees/{id}/proposals; nothing changes in
 * the record until a verifier approves), forms that propose a new family member (a newborn
 * child, a spouse) or a new education row with evidence (kind "family"/"education": the row
 * is added to the history on approval; the fields are the history's own, from riwayat.js),
 * and the list of the own proposals with their status and, when rejected, the reason. A
 * pending proposal can be withdrawn. */

import {get, post} from './api.js';
import {h, formField, message, pageTitle, timeEl} from './dom.js';
import {kontakForm, LABEL, tampil} from './kontak.js';
import {uploadFile} from './dokumen.js';
import profil from './profil.js';
import {riwayatFields, riwayatForm, riwayatKind} from './riwayat.js';

export const STATUS = {pending: 'Menunggu verifikasi', approved: 'Disetujui', rejected: 'Ditolak',
                       cancelled: 'Dibatalkan'};
/* What a proposal of each kind is, for people. */
export const JENIS_USULAN = {record: 'Perubahan data', family: 'Anggota keluarga baru',
                             education: 'Riwayat pendidikan baru'};

/* A proposal's payload as [label, text] pairs: the contact fields, or the history row. */
export function usulanFields(p) {
    const k = p.kind !== 'record' && riwayatKind(p.kind);
    if (k)
        return riwayatFields(k, p.payload || {});
    return Object.entries(p.payload || {}).map(([f, v]) => [LABEL[f] || f, tampil(f, v)]);
}

function usulanItem(p, onCancel) {
    const changes = usulanFields(p).map(([label, text]) => h('li', null, label + ': ', h('strong', null, text)));
    return h('li', {class: 'kartu kartu-baris', 'data-usulan': String(p.id), 'data-kind': p.kind},
             h('p', null, h('strong', null, JENIS_USULAN[p.kind] || p.kind), ' · ',
               h('span', {class: 'lencana lencana-' + p.status, 'data-field': 'status'},
                 STATUS[p.status] || p.status), ' · diajukan ', timeEl(p.created_at)),
             h('ul', null, changes),
             p.evidence && p.evidence.length
                 ? h('p', null, 'Bukti: ', p.evidence.map((id, i) => [i ? ', ' : '',
                     h('a', {href: '/api/v1/documents/' + encodeURIComponent(id)}, 'dokumen ' + id)]))
                 : null,
             p.reason ? h('p', {'data-field': 'reason'}, 'Alasan: ', p.reason) : null,
             p.status === 'pending'
                 ? h('button', {type: 'button', class: 'tombol tombol-kecil', onclick: () => onCancel(p)},
                     'Batalkan usulan')
                 : null);
}

function render(root, ctx) {
    const me = ctx.user || {};
    const id = me.employee_id;
    if (!id) {
        root.append(pageTitle('Data saya'),
                    message('info', 'Akun Anda tidak terhubung dengan data pegawai.'));
        return;
    }
    const record = h('div');
    const formBox = h('section', {class: 'kartu', 'aria-labelledby': 'judul-ajukan'});
    const rowBox = h('section', {class: 'kartu', 'aria-labelledby': 'judul-usul-riwayat'});
    const listBox = h('section', {class: 'kartu', 'aria-labelledby': 'judul-usulan'});
    root.append(record, formBox, rowBox, listBox);
    profil.render(record, {...ctx, params: {id: String(id)}});

    async function loadList() {
        listBox.replaceChildren(h('h2', {id: 'judul-usulan'}, 'Usulan perubahan saya'),
                                h('p', {class: 'memuat'}, 'Memuat usulan…'));
        try {
            const res = await get('/employees/' + id + '/proposals?status=all&per_page=50');
            if (!ctx.isCurrent())
                return;
            listBox.replaceChildren(h('h2', {id: 'judul-usulan'}, 'Usulan perubahan saya'),
                res.items.length ? h('ul', {class: 'daftar-kartu'}, res.items.map((p) => usulanItem(p, cancel)))
                                 : h('p', null, 'Belum ada usulan.'));
        } catch (e) {
            listBox.append(message('galat', e.message));
        }
    }

    async function cancel(p) {
        try {
            await post('/proposals/' + p.id + '/cancel', {});
            loadList();
        } catch (e) {
            listBox.prepend(message('galat', e.message));
        }
    }

    async function loadForm() {
        let e;
        try {
            e = await get('/employees/' + id);
        } catch (err) {
            formBox.replaceChildren(message('galat', err.message));
            return;
        }
        if (!ctx.isCurrent())
            return;
        const fields = kontakForm(e, 'usulan');
        const bukti = formField('usulan-bukti', 'Bukti pendukung (opsional)',
                                h('input', {type: 'file', accept: 'application/pdf,image/jpeg,image/png'}),
                                'PDF, JPEG atau PNG, paling besar 2 MB');
        const status = h('div', {'aria-live': 'polite'});
        const button = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Ajukan perubahan');
        const form = h('form', {class: 'kartu-baris', novalidate: true}, fields.wraps, bukti.wrap, button, status);
        form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            const payload = fields.changed();
            fields.setError(null);
            bukti.setError('');
            if (!Object.keys(payload).length) {
                status.replaceChildren(message('galat', 'Belum ada data yang diubah.'));
                return;
            }
            button.disabled = true;
            status.replaceChildren();
            try {
                const evidence = [];
                const f = bukti.control.files && bukti.control.files[0];
                if (f) {
                    try {
                        evidence.push((await uploadFile(id, f, 'bukti')).id);
                    } catch (err) {
                        bukti.setError(err.message);
                        return;
                    }
                }
                await post('/employees/' + id + '/proposals', {kind: 'record', payload, evidence});
                status.replaceChildren(message('sukses',
                    'Usulan terkirim. Data Anda berubah setelah disetujui verifikator.'));
                bukti.control.value = '';
                loadList();
            } catch (err) {
                if (err.field)
                    fields.setError(err.field, err.message);
                status.replaceChildren(message('galat', err.message));
            } finally {
                button.disabled = false;
            }
        });
        formBox.replaceChildren(h('h2', {id: 'judul-ajukan'}, 'Ajukan perubahan'),
                                h('p', {class: 'petunjuk'}, 'Perubahan menunggu verifikasi admin kepegawaian unit Anda.'),
                                form);
    }

    /* A proposal of a new history row of kind: the history's form without the decree fields,
     * plus the evidence (uploaded first; it becomes the row's document). */
    async function rowForm(kind, title, evidenceLabel) {
        const bukti = formField('usul-' + kind + '-bukti', evidenceLabel,
                                h('input', {type: 'file', accept: 'application/pdf,image/jpeg,image/png'}),
                                'PDF, JPEG atau PNG, paling besar 2 MB');
        const form = await riwayatForm(riwayatKind(kind), {
            idPrefix: 'usul-' + kind, submit: 'Ajukan usulan', sk: false, extra: {evidence: bukti},
            done: 'Usulan terkirim. Riwayat bertambah setelah disetujui verifikator.',
            send: async (payload) => {
                const evidence = [];
                const f = bukti.control.files && bukti.control.files[0];
                if (f) {
                    try {
                        evidence.push((await uploadFile(id, f, 'bukti')).id);
                    } catch (err) {
                        err.field = 'evidence';
                        throw err;
                    }
                }
                await post('/employees/' + id + '/proposals', {kind, payload, evidence});
                loadList();
            },
        });
        return h('details', {class: 'tambah-riwayat', 'data-usul': kind}, h('summary', null, title), form);
    }

    async function loadRowForms() {
        try {
            const forms = [await rowForm('family', 'Usulkan anggota keluarga (mis. kelahiran anak)',
                                         'Bukti: akta kelahiran, buku nikah atau KK'),
                           await rowForm('education', 'Usulkan riwayat pendidikan',
                                         'Bukti: ijazah')];
            if (!ctx.isCurrent())
                return;
            rowBox.replaceChildren(h('h2', {id: 'judul-usul-riwayat'}, 'Usulkan riwayat'),
                                   h('p', {class: 'petunjuk'},
                                     'Anggota keluarga atau pendidikan baru ditambahkan ke riwayat Anda setelah disetujui verifikator.'),
                                   ...forms);
        } catch (e) {
            rowBox.replaceChildren(message('galat', e.message));
        }
    }

    loadForm();
    loadRowForms();
    loadList();
}

export default {render};
