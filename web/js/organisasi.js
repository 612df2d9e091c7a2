/* Organisasi (#/organisasi?unit=<id>): the unit tree in the admin's scope with codes and
 * closed units marked; picking a unit shows its details, the admin's actions on it (rename,
 * move, add a sub-unit, close) and its positions (organisasi-jabatan.js). The server checks
 * scope and every rule (no move below itself, unique codes, only an empty unit closes, no move
 * that strands a post's supervising post: the refused move lists those posts and offers to
 * send it again clearing them); an error naming a field shows under that field. The picked unit lives in the hash, so reload
 * and Back keep it. */

import {get, patch, post, query} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {unitTree} from './unit-tree.js';
import {UNIT_KINDS, apiForm, folded, select, text, unitOptions} from './organisasi-data.js';
import {positionsSection} from './organisasi-jabatan.js';

/* id → {unit, parent} over the whole forest. */
export function indexUnits(units, parent = null, out = new Map()) {
    for (const u of units || []) {
        out.set(u.id, {unit: u, parent});
        indexUnits(u.children, u, out);
    }
    return out;
}

function subtreeIds(unit, out = new Set()) {
    out.add(unit.id);
    for (const c of unit.children || [])
        subtreeIds(c, out);
    return out;
}

function todayLocal() {
    const d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' +
           String(d.getDate()).padStart(2, '0');
}

const orNull = (c) => c.value.trim() || null;

function details(u, parent) {
    return h('dl', {class: 'daftar-data'},
             h('dt', null, 'Kode'), h('dd', {class: 'unit-kode'}, u.code),
             h('dt', null, 'Jenis'), h('dd', null, UNIT_KINDS[u.kind] || u.kind),
             h('dt', null, 'Unit induk'), h('dd', null, parent ? parent.name : '—'),
             h('dt', null, 'Status'),
             h('dd', {class: 'status-unit'}, u.closed_on
                 ? 'Ditutup sejak ' + u.closed_on + (u.closed_reason ? ' — ' + u.closed_reason : '')
                 : 'Aktif'),
             h('dt', null, 'ID unor SIASN'), h('dd', null, u.siasn_unor_id || '—'));
}

/* The posts a refused move would strand (error.positions of the 409) and the way out. */
function strandedList(err, detachAndMove) {
    const items = err.positions || [];
    const more = (err.positions_total || items.length) - items.length;
    return h('div', null,
             h('p', {id: 'judul-jabatan-terputus'}, h('strong', null, 'Jabatan yang akan kehilangan atasan langsung')),
             h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-labelledby': 'judul-jabatan-terputus'},
               h('table', {class: 'tabel tabel-terputus', 'aria-labelledby': 'judul-jabatan-terputus'},
                 h('thead', null, h('tr', null,
                                    h('th', {scope: 'col'}, 'Jabatan'),
                                    h('th', {scope: 'col'}, 'Unit'),
                                    h('th', {scope: 'col'}, 'Jabatan atasan sekarang'))),
                 h('tbody', null, items.map((p) => h('tr', null,
                     h('td', {class: 'sel-nama'}, p.position_name),
                     h('td', null, p.unit_name),
                     h('td', null, p.parent_position_name + ' (' + p.parent_unit_name + ')')))))),
             more > 0 ? h('p', {class: 'keterangan'}, 'dan ' + more + ' jabatan lainnya.') : null,
             h('p', {class: 'petunjuk'},
               'Ubah dahulu jabatan atasannya ke jabatan di unit induk yang baru, atau lepaskan ' +
               'tautan atasan itu sekarang: unit dipindahkan dan jabatan di atas tidak lagi ' +
               'memiliki atasan langsung sampai ditetapkan kembali.'),
             h('button', {type: 'button', class: 'tombol', onclick: detachAndMove},
               'Lepaskan tautan atasan dan pindahkan'));
}

function actions(u, parent, forest, ctx, reload) {
    const rename = apiForm({
        id: 'ubah-unit', ctx, submit: 'Simpan perubahan',
        fields: [
            {name: 'name', label: 'Nama unit', control: text({maxlength: '200', value: u.name})},
            {name: 'code', label: 'Kode unit', control: text({maxlength: '32', value: u.code}),
             hint: 'Huruf besar, angka, titik, strip; unik di seluruh pemerintah daerah.'},
            {name: 'siasn_unor_id', label: 'ID unor SIASN (bila ada)',
             control: text({maxlength: '64', value: u.siasn_unor_id || ''}), read: orNull},
        ],
        send: (body) => patch('/units/' + u.id, body),
        done: () => reload(),
    });
    const parentSelect = h('select', null, unitOptions(forest, subtreeIds(u)));
    parentSelect.value = parent ? String(parent.id) : '';
    /* A move that would strand supervising posts answers 409 with the posts: they are listed
     * here with a button that sends the same move again, clearing those links. */
    const stranded = h('div', {class: 'jabatan-terputus', 'aria-live': 'polite'});
    let detach = false;
    const move = apiForm({
        id: 'pindah-unit', ctx, submit: 'Pindahkan',
        fields: [{name: 'parent_id', label: 'Unit induk yang baru', control: parentSelect,
                  hint: 'Unit ini beserta seluruh sub-unitnya ikut pindah.',
                  read: (c) => (c.value ? Number(c.value) : undefined)}],
        send: async (body) => {
            const again = detach;
            detach = false;
            stranded.replaceChildren();
            try {
                return await patch('/units/' + u.id, again ? {...body, detach_supervisors: true} : body);
            } catch (e) {
                if (e.code === 'supervisor_links_broken' && e.body)
                    stranded.replaceChildren(strandedList(e.body, () => {
                        detach = true;
                        move.form.requestSubmit();
                    }));
                throw e;
            }
        },
        done: (res) => reload(res && res.detached_total
            ? 'Unit dipindahkan; ' + res.detached_total + ' jabatan kini tanpa jabatan atasan. Tetapkan atasan barunya pada daftar jabatan.'
            : undefined),
    });
    move.form.append(stranded);
    const create = apiForm({
        id: 'tambah-unit', ctx, submit: 'Tambah sub-unit',
        fields: [
            {name: 'code', label: 'Kode sub-unit', control: text({maxlength: '32'}),
             hint: 'Contoh: ' + u.code + '.UMUM'},
            {name: 'name', label: 'Nama sub-unit', control: text({maxlength: '200'})},
            {name: 'kind', label: 'Jenis', control: select(UNIT_KINDS, '', 'Pilih…')},
        ],
        send: (body) => post('/units', {parent_id: u.id, ...body}),
        done: (res) => ctx.navigate('/organisasi' + query({unit: res.id})),
    });
    const close = apiForm({
        id: 'tutup-unit', ctx, submit: 'Tutup unit',
        fields: [
            {name: 'date', label: 'Tanggal penutupan', control: h('input', {type: 'date', value: todayLocal()})},
            {name: 'reason', label: 'Alasan penutupan', control: h('textarea', {rows: '3', maxlength: '500'}),
             hint: 'Misalnya nomor dan tanggal Perda/Perkada perubahan struktur.'},
        ],
        send: (body) => post('/units/' + u.id + '/close', body),
        done: () => reload(),
    });
    return h('div', {class: 'tindakan-unit'},
             h('h3', null, 'Tindakan'),
             folded('Ubah nama atau kode', rename.form),
             parent ? folded('Pindahkan ke unit lain', move.form) : null,
             folded('Tambah sub-unit', create.form),
             parent ? folded('Tutup unit', h('div', null,
                                             h('p', {class: 'petunjuk'},
                                               'Unit yang ditutup tetap tersimpan beserta riwayatnya, tetapi tidak dapat menerima penempatan baru. ' +
                                               'Unit hanya dapat ditutup bila tidak lagi memiliki sub-unit aktif dan pegawai aktif.'),
                                             close.form)) : null);
}

function render(root, ctx) {
    const raw = ctx.query.get('unit') || '';
    const selectedId = /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
    const treeBox = h('div', {class: 'isi-unit', 'aria-live': 'polite'});
    const detailBox = h('div', {class: 'rincian-unit'});
    const positionsBox = h('div');

    function pick(u) {
        ctx.navigate('/organisasi' + query({unit: u.id}));
    }

    function showDetail(forest, note) {
        const idx = indexUnits(forest);
        const entry = selectedId ? idx.get(selectedId) : null;
        if (!entry) {
            detailBox.replaceChildren(
                h('h2', {id: 'judul-unit-terpilih'}, 'Unit terpilih'),
                h('p', {class: 'keterangan'}, selectedId
                    ? 'Unit tidak ditemukan atau di luar cakupan Anda.'
                    : 'Pilih unit kerja pada struktur di atas untuk melihat rincian, tindakan, dan jabatannya.'));
            positionsBox.replaceChildren();
            return;
        }
        const u = entry.unit;
        detailBox.replaceChildren(
            note ? message('sukses', note) : '',
            h('h2', {id: 'judul-unit-terpilih'}, u.name,
              u.closed_on ? [' ', h('span', {class: 'lencana lencana-tutup'}, 'ditutup')] : null),
            details(u, entry.parent),
            u.closed_on
                ? message('info', 'Unit ini sudah ditutup: datanya tetap dapat dibaca, tetapi tidak dapat diubah atau menerima penempatan baru.')
                : actions(u, entry.parent, forest, ctx, (note) => load(note || 'Perubahan unit tersimpan.')));
        positionsSection(positionsBox, ctx, u, idx);
    }

    async function load(note) {
        treeBox.setAttribute('aria-busy', 'true');
        if (!treeBox.firstChild)
            treeBox.replaceChildren(h('p', {class: 'memuat'}, 'Memuat struktur unit…'));
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            const forest = (res && res.items) || [];
            treeBox.replaceChildren(unitTree(forest, {showCode: true, onSelect: pick, selectedId}));
            showDetail(forest, note);
        } catch (e) {
            if (!ctx.isCurrent() || e.name === 'AbortError')
                return;
            treeBox.replaceChildren(message('galat', e.message),
                                    h('button', {type: 'button', class: 'tombol', onclick: () => load()}, 'Coba lagi'));
        } finally {
            treeBox.removeAttribute('aria-busy');
        }
    }

    root.append(pageTitle('Organisasi'),
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-struktur'},
                  h('h2', {id: 'judul-struktur'}, 'Struktur unit kerja'),
                  treeBox),
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-unit-terpilih'}, detailBox),
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-jabatan'}, positionsBox));
    load();
}

export default {render};
