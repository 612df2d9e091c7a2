/* Pengumuman (#/pengumuman), for admins: write an announcement to the whole government
 * (admin_bkpsdm) or a unit of one's scope, with its validity window; the list of one's
 * announcements (GET /api/v1/announcements?view=manage) with "dibaca X dari Y", an edit
 * button (the form switches to PATCH) and "Tarik" (DELETE, asked twice). */

import {del, get, patch, post, query} from './api.js';
import {formField, h, message, pageTitle, showMessage} from './dom.js';
import {formatTanggal} from './tanggal.js';
import {unitOptions} from './unit-tree.js';

function isoDay(offset) {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function render(root, ctx) {
    const whole = !!ctx.user && (ctx.user.roles || []).includes('admin_bkpsdm');
    const title = h('input', {type: 'text', maxlength: '200', required: true, autocomplete: 'off'});
    const body = h('textarea', {rows: '6', maxlength: '4000', required: true});
    const unit = h('select', null, h('option', {value: ''}, 'Memuat unit…'));
    const from = h('input', {type: 'date', required: true, value: isoDay(0)});
    const to = h('input', {type: 'date', required: true, value: isoDay(7)});
    const fields = {
        title: formField('pengumuman-judul', 'Judul', title),
        body: formField('pengumuman-isi', 'Isi pengumuman', body, 'Teks biasa, paling banyak 4000 karakter.'),
        unit_id: formField('pengumuman-unit', 'Ditujukan kepada', unit,
                           'Pengumuman untuk satu unit juga sampai ke semua sub-unitnya.'),
        valid_from: formField('pengumuman-mulai', 'Berlaku dari', from),
        valid_to: formField('pengumuman-sampai', 'Berlaku sampai', to),
    };
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const listStatus = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const listBox = h('div', {'aria-live': 'polite'});
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Terbitkan');
    const cancel = h('button', {type: 'button', class: 'tombol', hidden: true}, 'Batal ubah');
    const formTitle = h('h2', {id: 'judul-tulis-pengumuman'}, 'Tulis pengumuman');
    let editing = null;

    function reset() {
        editing = null;
        title.value = '';
        body.value = '';
        from.value = isoDay(0);
        to.value = isoDay(7);
        formTitle.textContent = 'Tulis pengumuman';
        submit.textContent = 'Terbitkan';
        cancel.hidden = true;
    }

    function edit(x) {
        editing = x;
        title.value = x.title;
        body.value = x.body;
        unit.value = x.unit_id ? String(x.unit_id) : '';
        from.value = x.valid_from;
        to.value = x.valid_to;
        formTitle.textContent = 'Ubah pengumuman';
        submit.textContent = 'Simpan perubahan';
        cancel.hidden = false;
        showMessage(status, null);
        title.focus();
    }

    function row(x) {
        const editBtn = h('button', {type: 'button', class: 'tombol tombol-kecil',
                                     'aria-label': 'Ubah ' + x.title}, 'Ubah');
        const pull = h('button', {type: 'button', class: 'tombol tombol-kecil',
                                  'aria-label': 'Tarik ' + x.title}, 'Tarik');
        editBtn.addEventListener('click', () => edit(x));
        pull.addEventListener('click', async () => {
            if (pull.dataset.yakin !== '1') {
                pull.dataset.yakin = '1';
                pull.textContent = 'Yakin tarik?';
                pull.setAttribute('aria-label', `Yakin tarik ${x.title}?`);
                return;
            }
            pull.disabled = true;
            try {
                await del('/announcements/' + x.id);
                if (!ctx.isCurrent())
                    return;
                showMessage(listStatus, 'sukses', `Pengumuman “${x.title}” ditarik.`);
                if (editing && editing.id === x.id)
                    reset();
                loadList();
            } catch (e) {
                if (ctx.isCurrent())
                    showMessage(listStatus, 'galat', e.message);
                pull.disabled = false;
            }
        });
        return h('tr', {'data-id': String(x.id)},
                 h('td', null, x.title),
                 h('td', null, x.unit_name || 'Seluruh pegawai'),
                 h('td', null, `${formatTanggal(x.valid_from)} – ${formatTanggal(x.valid_to)}`),
                 h('td', {class: 'dibaca'}, `dibaca ${x.read_count} dari ${x.audience}`),
                 h('td', null, editBtn, ' ', pull));
    }

    async function loadList() {
        listBox.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/announcements' + query({view: 'manage', per_page: 100}));
            if (!ctx.isCurrent())
                return;
            listBox.replaceChildren(res.items.length
                ? h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Pengumuman Anda'},
                    h('table', {class: 'tabel tabel-pengumuman'},
                      h('thead', null, h('tr', null, ['Judul', 'Untuk', 'Berlaku', 'Dibaca', 'Aksi']
                          .map((t) => h('th', {scope: 'col'}, t)))),
                      h('tbody', null, res.items.map(row))))
                : h('p', {class: 'kosong'}, 'Belum ada pengumuman.'));
        } catch (e) {
            if (ctx.isCurrent())
                listBox.replaceChildren(message('galat', e.message));
        } finally {
            listBox.removeAttribute('aria-busy');
        }
    }

    async function loadUnits() {
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            const first = whole ? h('option', {value: ''}, 'Seluruh pegawai pemerintah daerah')
                                : h('option', {value: ''}, 'Pilih unit');
            unit.replaceChildren(first, ...unitOptions((res && res.items) || []));
            if (!whole && ctx.user.unit_id)
                unit.value = String(ctx.user.unit_id);
        } catch (e) {
            if (ctx.isCurrent())
                fields.unit_id.setError(e.message);
        }
    }

    const form = h('form', {class: 'formulir', novalidate: true, 'aria-labelledby': 'judul-tulis-pengumuman'},
                   fields.title.wrap, fields.body.wrap, fields.unit_id.wrap, fields.valid_from.wrap,
                   fields.valid_to.wrap,
                   h('div', {class: 'tombol-formulir'}, submit, cancel), status);
    cancel.addEventListener('click', () => {
        reset();
        showMessage(status, null);
    });
    form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        for (const f of Object.values(fields))
            f.setError('');
        showMessage(status, null);
        const data = {title: title.value, body: body.value, valid_from: from.value, valid_to: to.value,
                      unit_id: unit.value ? Number(unit.value) : null};
        submit.disabled = true;
        try {
            const x = editing ? await patch('/announcements/' + editing.id, data)
                              : await post('/announcements', data);
            if (!ctx.isCurrent())
                return;
            showMessage(status, 'sukses', `Pengumuman “${x.title}” ${editing ? 'disimpan' : 'diterbitkan'}.`);
            reset();
            loadList();
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const f = fields[e.field];
            if (f) {
                f.setError(e.status === 404 ? 'Unit ini di luar cakupan Anda.' : e.message);
                f.control.focus();
            } else {
                showMessage(status, 'galat', e.status === 404 ? 'Unit ini di luar cakupan Anda.' : e.message);
            }
        } finally {
            submit.disabled = false;
        }
    });

    root.append(pageTitle('Pengumuman'),
                h('p', {class: 'keterangan'},
                  'Pengumuman tampil di beranda pegawai yang dituju selama masa berlakunya.'),
                h('section', {class: 'kartu kartu-formulir', 'aria-labelledby': 'judul-tulis-pengumuman'},
                  formTitle, form),
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-daftar-pengumuman'},
                  h('h2', {id: 'judul-daftar-pengumuman'}, 'Pengumuman Anda'), listStatus, listBox));
    loadUnits();
    loadList();
}

export default {render};
