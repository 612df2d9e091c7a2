/* Tambah pegawai (#/pegawai/baru): POST /api/v1/employees for the admins who may create
 * (admin_unit in its subtree, admin_bkpsdm, superadmin). The server checks everything
 * (NIP against birth date and gender, TMTs, scope, golongan, position); an error naming a
 * field shows under that field, and nothing typed is lost: the form is never redrawn.
 * The NIK goes only in the POST body, never in a URL. */

import {get, post, query} from './api.js';
import {h, showMessage, pageTitle, formField} from './dom.js';
import {GOLONGAN_PNS, GOLONGAN_PPPK} from './pegawai-data.js';

let seq = 0;

/* A labelled field with room for its error; control is an input or select element. */
function field(name, label, control, hint) {
    control.name = name;
    return formField('pb-' + name, label, control, hint);
}

const text = (attrs) => h('input', {type: 'text', autocomplete: 'off', ...attrs});
const date = () => h('input', {type: 'date'});

function unitOptions(units, depth, out) {
    for (const u of units || []) {
        out.push(h('option', {value: String(u.id)}, '\u00a0\u00a0'.repeat(depth) + u.name));
        unitOptions(u.children, depth + 1, out);
    }
    return out;
}

function render(root, ctx) {
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const unit = h('select', null, h('option', {value: ''}, 'Memuat unit kerja…'));
    const position = h('select', null, h('option', {value: ''}, 'Pilih unit kerja dahulu'));
    const f = {
        nip: field('nip', 'NIP / NI PPPK', text({inputmode: 'numeric', maxlength: '18'}), '18 digit, tanpa spasi.'),
        nik: field('nik', 'NIK', text({inputmode: 'numeric', maxlength: '16'}), '16 digit, sesuai KTP.'),
        gelar_depan: field('gelar_depan', 'Gelar depan (bila ada)', text({maxlength: '50'})),
        name: field('name', 'Nama lengkap', text({maxlength: '200'})),
        gelar_belakang: field('gelar_belakang', 'Gelar belakang (bila ada)', text({maxlength: '100'})),
        birth_place: field('birth_place', 'Tempat lahir', text({maxlength: '100'})),
        birth_date: field('birth_date', 'Tanggal lahir', date()),
        gender: field('gender', 'Jenis kelamin',
                      h('select', null, h('option', {value: ''}, 'Pilih…'),
                        h('option', {value: 'L'}, 'Laki-laki'), h('option', {value: 'P'}, 'Perempuan'))),
        status: field('status', 'Status kepegawaian',
                      h('select', null, h('option', {value: ''}, 'Pilih…'),
                        ['CPNS', 'PNS', 'PPPK'].map((s) => h('option', {value: s}, s)))),
        unit_id: field('unit_id', 'Unit kerja', unit),
        position_id: field('position_id', 'Jabatan', position),
        golongan: field('golongan', 'Golongan',
                        h('select', null, h('option', {value: ''}, 'Pilih…'),
                          h('optgroup', {label: 'PNS'}, GOLONGAN_PNS.map((g) => h('option', {value: g}, g))),
                          h('optgroup', {label: 'PPPK'}, GOLONGAN_PPPK.map((g) => h('option', {value: g}, g))))),
        tmt_golongan: field('tmt_golongan', 'TMT golongan', date()),
        tmt_jabatan: field('tmt_jabatan', 'TMT jabatan (bila berbeda)', date(),
                           'Kosongkan bila sama dengan TMT golongan.'),
        pns_id: field('pns_id', 'PNS ID SIASN (bila ada)', text({maxlength: '64'})),
        sk_number: field('sk_number', 'Nomor SK pengangkatan (bila ada)', text({maxlength: '100'})),
        sk_date: field('sk_date', 'Tanggal SK', date(), 'Diisi bersama nomor SK.'),
    };
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan pegawai');

    async function loadPositions() {
        const my = ++seq;
        const unitId = unit.value;
        const chosen = position.value;
        if (!unitId) {
            position.replaceChildren(h('option', {value: ''}, 'Pilih unit kerja dahulu'));
            return;
        }
        position.replaceChildren(h('option', {value: ''}, 'Memuat jabatan…'));
        try {
            const res = await get('/positions' + query({unit_id: unitId}));
            if (my !== seq || !ctx.isCurrent())
                return;
            const items = (res && res.items) || [];
            position.replaceChildren(
                h('option', {value: ''}, items.length ? 'Pilih…' : 'Belum ada jabatan di unit ini'),
                ...items.map((p) => h('option', {value: String(p.id)}, p.name)));
            position.value = chosen;
            if (position.value !== chosen)
                position.value = '';
        } catch (e) {
            if (my !== seq || !ctx.isCurrent())
                return;
            position.replaceChildren(h('option', {value: ''}, 'Jabatan gagal dimuat'));
            f.position_id.setError(e.message);
        }
    }
    unit.addEventListener('change', () => {
        f.position_id.setError('');
        loadPositions();
    });

    async function loadUnits() {
        try {
            const res = await get('/units');
            if (!ctx.isCurrent())
                return;
            unit.replaceChildren(h('option', {value: ''}, 'Pilih…'),
                                 ...unitOptions((res && res.items) || [], 0, []));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            unit.replaceChildren(h('option', {value: ''}, 'Unit kerja gagal dimuat'));
            f.unit_id.setError(e.message);
        }
    }

    function body() {
        const b = {};
        for (const [name, fl] of Object.entries(f)) {
            const v = fl.control.value.trim();
            if (name === 'unit_id' || name === 'position_id') {
                if (v)
                    b[name] = Number(v);
            } else if (v || !['gelar_depan', 'gelar_belakang', 'tmt_jabatan', 'pns_id', 'sk_number',
                                 'sk_date'].includes(name)) {
                b[name] = v;
            }
        }
        return b;
    }

    async function onSubmit(ev) {
        ev.preventDefault();
        if (submit.disabled)
            return;
        for (const fl of Object.values(f))
            fl.setError('');
        showMessage(status, null);
        submit.disabled = true;
        form.setAttribute('aria-busy', 'true');
        let created;
        try {
            created = await post('/employees', body());
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const fl = f[e.field];
            if (fl) {
                fl.setError(e.message);
                showMessage(status, 'galat', 'Pegawai belum disimpan: periksa isian yang ditandai.');
                fl.control.focus();
            } else if (e.status === 404) {
                f.unit_id.setError('Unit kerja tidak ditemukan atau di luar cakupan Anda.');
                showMessage(status, 'galat', 'Pegawai belum disimpan: periksa isian yang ditandai.');
                unit.focus();
            } else {
                showMessage(status, 'galat', e.message);
            }
            return;
        } finally {
            submit.disabled = false;
            form.removeAttribute('aria-busy');
        }
        if (!ctx.isCurrent())
            return;
        const warn = Array.isArray(created.warnings) && created.warnings.includes('nik_birth_date_mismatch');
        ctx.flash(warn ? 'peringatan' : 'sukses', warn
            ? 'Data pegawai tersimpan, tetapi tanggal lahir pada NIK berbeda dengan tanggal lahir pegawai. Periksa kembali NIK-nya.'
            : 'Data pegawai tersimpan.');
        ctx.navigate('/pegawai/' + created.id);
    }

    const form = h('form', {class: 'formulir', method: 'post', novalidate: true, onsubmit: onSubmit},
                   h('fieldset', {class: 'kelompok'}, h('legend', null, 'Identitas'),
                     f.nip.wrap, f.nik.wrap, f.gelar_depan.wrap, f.name.wrap, f.gelar_belakang.wrap,
                     f.birth_place.wrap, f.birth_date.wrap, f.gender.wrap),
                   h('fieldset', {class: 'kelompok'}, h('legend', null, 'Kepegawaian'),
                     f.status.wrap, f.unit_id.wrap, f.position_id.wrap, f.golongan.wrap,
                     f.tmt_golongan.wrap, f.tmt_jabatan.wrap, f.sk_number.wrap, f.sk_date.wrap,
                     f.pns_id.wrap),
                   status, submit);

    root.append(h('p', {class: 'tautan-kembali'}, h('a', {href: '#/pegawai'}, '‹ Kembali ke daftar pegawai')),
                pageTitle('Tambah pegawai'),
                h('p', {class: 'keterangan'}, 'Semua isian wajib, kecuali yang ditandai “bila ada”.'),
                h('div', {class: 'kartu kartu-formulir'}, form));
    loadUnits();
}

export default {render};
