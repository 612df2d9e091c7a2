/* Data saya (#/data-saya): the employee's own record, whole (the profile page rendered for the
 * account's own employee id, with its documents), a form that proposes a change to the contact
 * fields with evidence ("Ajukan perubahan": POST /employees/{id}/proposals; nothing changes in
 * the record until a verifier approves), and the list of the own proposals with their status
 * and, when rejected, the reason. A pending proposal can be withdrawn. */

import {get, post} from './api.js';
import {h, formField, message, pageTitle, timeEl} from './dom.js';
import {kontakForm, LABEL, tampil} from './kontak.js';
import {uploadFile} from './dokumen.js';
import profil from './profil.js';

export const STATUS = {pending: 'Menunggu verifikasi', approved: 'Disetujui', rejected: 'Ditolak',
                       cancelled: 'Dibatalkan'};

function usulanItem(p, onCancel) {
    const changes = Object.entries(p.payload || {}).map(([f, v]) =>
        h('li', null, (LABEL[f] || f) + ': ', h('strong', null, tampil(f, v))));
    return h('li', {class: 'kartu kartu-baris', 'data-usulan': String(p.id)},
             h('p', null, h('span', {class: 'lencana lencana-' + p.status, 'data-field': 'status'},
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
    const listBox = h('section', {class: 'kartu', 'aria-labelledby': 'judul-usulan'});
    root.append(record, formBox, listBox);
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

    loadForm();
    loadList();
}

export default {render};
