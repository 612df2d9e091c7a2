/* The positions (jabatan) of the unit picked on the organisation page: a table with kind,
 * class, the number of people needed, retirement age and the supervising post (atasan
 * langsung), filtered by kind and optionally with the sub-units' posts, paged; an edit form
 * per post and a form to add one. The supervising post is chosen among the posts of the
 * post's own unit and its ancestor units (the server refuses anything else, and cycles). */

import {get, patch, post, query} from './api.js';
import {h, message} from './dom.js';
import {POSITION_KINDS, apiForm, folded, number, select, text} from './organisasi-data.js';

const PER_PAGE = 50;

/* Units from unit_id up to the top of the tree the page knows. */
function ancestry(idx, unitId) {
    const out = [];
    for (let e = idx.get(unitId); e; e = e.parent ? idx.get(e.parent.id) : null)
        out.push(e.unit);
    return out;
}

/* Posts that may supervise a post of unitId (self excluded): those of the unit and its
 * ancestors the user may read; an ancestor outside the scope (404) is skipped. */
async function supervisorCandidates(idx, unitId, selfId) {
    const groups = [];
    for (const u of ancestry(idx, unitId)) {
        try {
            const res = await get('/positions' + query({unit_id: u.id, per_page: 200}));
            groups.push({unit: u, items: ((res && res.items) || []).filter((p) => p.id !== selfId)});
        } catch {
            /* outside the scope: its posts cannot be chosen here */
        }
    }
    return groups;
}

function supervisorSelect(groups, current) {
    const s = h('select', null,
                h('option', {value: ''}, '— Tanpa atasan langsung —'),
                groups.filter((g) => g.items.length).map((g) =>
                    h('optgroup', {label: g.unit.name},
                      g.items.map((p) => h('option', {value: String(p.id)}, p.name)))));
    s.value = current ? String(current) : '';
    if (current && s.value !== String(current))   /* a post the user cannot list: keep it */
        s.append(h('option', {value: String(current), selected: true}, 'Jabatan #' + current));
    return s;
}

const intOrOmit = (c) => (c.value.trim() === '' ? undefined : Number(c.value));
const idOrNull = (c) => (c.value ? Number(c.value) : null);
const orNull = (c) => c.value.trim() || null;

/* The fields of a post, filled from p (or empty for a new one). */
function positionFields(p, groups) {
    return [
        {name: 'name', label: 'Nama jabatan', control: text({maxlength: '200', value: p ? p.name : ''})},
        {name: 'kind', label: 'Jenis jabatan', control: select(POSITION_KINDS, p ? p.kind : '', 'Pilih…')},
        {name: 'kelas_jabatan', label: 'Kelas jabatan',
         control: number({min: '1', max: '17', value: p ? String(p.kelas_jabatan) : ''}), hint: '1 sampai 17.',
         read: intOrOmit},
        {name: 'needed', label: 'Kebutuhan pegawai',
         control: number({min: '0', value: p ? String(p.needed) : '1'}),
         hint: 'Jumlah orang yang dibutuhkan menurut analisis beban kerja.', read: intOrOmit},
        {name: 'bup_age', label: 'Batas usia pensiun (tahun)',
         control: number({min: '40', max: '70', value: p ? String(p.bup_age) : ''}),
         hint: p ? 'Ubah hanya bila jabatan ini memiliki BUP khusus.'
                 : 'Kosongkan untuk memakai BUP bawaan jenis jabatan.', read: intOrOmit},
        {name: 'parent_position_id', label: 'Atasan langsung (jabatan)',
         control: supervisorSelect(groups, p ? p.parent_position_id : null),
         hint: 'Jabatan di unit ini atau unit induknya; dipakai untuk alur persetujuan.',
         read: p ? idOrNull : (c) => (c.value ? Number(c.value) : undefined)},
        {name: 'siasn_jabatan_id', label: 'ID jabatan SIASN (bila ada)',
         control: text({maxlength: '64', value: p && p.siasn_jabatan_id ? p.siasn_jabatan_id : ''}),
         read: p ? orNull : (c) => c.value.trim() || undefined},
    ];
}

export function positionsSection(box, ctx, unit, idx) {
    const state = {page: 1, subunits: false, kind: ''};
    const list = h('div', {'aria-live': 'polite'});
    const editor = h('div', {class: 'penyunting-jabatan'});
    const subunits = h('input', {type: 'checkbox', id: 'jabatan-subunit'});
    const kind = select(POSITION_KINDS, '', 'Semua jenis');
    kind.id = 'jabatan-jenis';

    function refilter() {
        state.page = 1;
        state.subunits = subunits.checked;
        state.kind = kind.value;
        load();
    }
    subunits.addEventListener('change', refilter);
    kind.addEventListener('change', refilter);

    async function edit(p) {
        editor.replaceChildren(h('p', {class: 'memuat'}, 'Memuat formulir…'));
        const groups = await supervisorCandidates(idx, p.unit_id, p.id);
        if (!ctx.isCurrent())
            return;
        const f = apiForm({
            id: 'ubah-jabatan', ctx, submit: 'Simpan jabatan',
            fields: positionFields(p, groups),
            send: (body) => patch('/positions/' + p.id, body),
            done: (res) => {
                editor.replaceChildren(message('sukses', 'Jabatan "' + res.name + '" tersimpan.'));
                load();
            },
        });
        editor.replaceChildren(h('h3', {id: 'judul-ubah-jabatan', tabindex: '-1'}, 'Ubah jabatan: ' + p.name),
                               f.form,
                               h('button', {type: 'button', class: 'tombol',
                                            onclick: () => editor.replaceChildren()}, 'Batal'));
        editor.querySelector('h3').focus();
    }

    function row(p) {
        return h('tr', null,
                 h('th', {scope: 'row', class: 'sel-nama'}, p.name,
                   state.subunits && p.unit_id !== unit.id ? h('div', {class: 'keterangan'}, p.unit_name) : null),
                 h('td', null, POSITION_KINDS[p.kind] || p.kind),
                 h('td', {class: 'nomor'}, String(p.kelas_jabatan)),
                 h('td', {class: 'nomor'}, String(p.needed)),
                 h('td', {class: 'nomor'}, String(p.bup_age)),
                 h('td', null, p.parent_position_name || '—'),
                 h('td', null, unit.closed_on ? '—'
                     : h('button', {type: 'button', class: 'tombol tombol-kecil',
                                    'aria-label': 'Ubah jabatan ' + p.name, onclick: () => edit(p)}, 'Ubah')));
    }

    async function load() {
        list.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/positions' + query({unit_id: unit.id, subunits: state.subunits ? 'true' : '',
                                                        kind: state.kind, page: state.page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            const total = (res && res.total) || 0;
            const pages = Math.max(1, Math.ceil(total / PER_PAGE));
            const go = (n) => {
                state.page = n;
                load();
            };
            list.replaceChildren(
                items.length === 0
                    ? h('p', {class: 'kosong'}, 'Belum ada jabatan yang cocok.')
                    : h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                                'aria-label': 'Daftar jabatan (dapat digeser ke samping)'},
                        h('table', {class: 'tabel tabel-jabatan'},
                          h('thead', null, h('tr', null,
                            ['Jabatan', 'Jenis', 'Kelas', 'Kebutuhan', 'BUP', 'Atasan langsung', 'Aksi']
                                .map((t) => h('th', {scope: 'col'}, t)))),
                          h('tbody', null, items.map(row)))),
                h('p', {class: 'keterangan jumlah-hasil'}, total + ' jabatan'),
                total > PER_PAGE
                    ? h('nav', {class: 'penomoran', 'aria-label': 'Halaman daftar jabatan'},
                        h('button', {type: 'button', class: 'tombol', disabled: state.page <= 1,
                                     onclick: () => go(state.page - 1)}, 'Sebelumnya'),
                        h('span', null, 'Halaman ' + state.page + ' dari ' + pages),
                        h('button', {type: 'button', class: 'tombol', disabled: state.page >= pages,
                                     onclick: () => go(state.page + 1)}, 'Berikutnya'))
                    : '');
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            list.replaceChildren(message('galat', e.message),
                                 h('button', {type: 'button', class: 'tombol', onclick: load}, 'Coba lagi'));
        } finally {
            list.removeAttribute('aria-busy');
        }
    }

    const addBox = h('div');
    async function addForm(note) {
        const groups = await supervisorCandidates(idx, unit.id, null);
        if (!ctx.isCurrent())
            return;
        const f = apiForm({
            id: 'tambah-jabatan', ctx, submit: 'Tambah jabatan',
            fields: positionFields(null, groups),
            send: (body) => post('/positions', {unit_id: unit.id, ...body}),
            done: (res) => {
                addForm('Jabatan "' + res.name + '" ditambahkan.');
                load();
            },
        });
        addBox.replaceChildren(note ? message('sukses', note) : '',
                               folded('Tambah jabatan di unit ini', f.form, !!note));
    }

    box.replaceChildren(
        h('h2', {id: 'judul-jabatan'}, 'Jabatan di ' + unit.name),
        h('div', {class: 'saring-jabatan'},
          h('div', {class: 'bidang'}, h('label', {for: 'jabatan-jenis'}, 'Jenis jabatan'), kind),
          h('div', {class: 'bidang bidang-centang'}, subunits,
            h('label', {for: 'jabatan-subunit'}, 'Termasuk jabatan di sub-unit'))),
        list, editor, addBox);
    load();
    if (!unit.closed_on)
        addForm();
}
