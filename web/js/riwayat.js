/* Riwayat pegawai: the histories of one employee in tabs (pangkat, jabatan, pendidikan,
 * keluarga, diklat, penghargaan, hukuman disiplin, kinerja), each from GET
 * /api/v1/employees/{id}/{kind}, loaded when its tab is first opened. When the server says
 * can_add (an admin whose scope covers the record), the tab also has a form that POSTs a row;
 * an error naming a field shows under it and nothing typed is lost. One table of kinds drives
 * every tab, as one descriptor per kind drives the server. Data saya reuses the forms to
 * propose a family member or an education row, and both it and Verifikasi show a proposed
 * row with the same labels (riwayatKind, riwayatForm, riwayatFields). */

import {get, post} from './api.js';
import {formField, h, message, showMessage} from './dom.js';
import {formatTanggal} from './tanggal.js';
import {GOLONGAN_PNS, GOLONGAN_PPPK} from './pegawai-data.js';

const opts = (list) => list.map((v) => (Array.isArray(v) ? v : [v, v]));
const YA_TIDAK = [['0', 'Tidak'], ['1', 'Ya']];
const JENIS_DIKLAT = ['struktural', 'fungsional', 'teknis', 'workshop', 'manajerial',
                      'sosial_kultural', 'sosialisasi', 'bimtek', 'seminar', 'magang', 'kursus',
                      'penataran'];
const HUKUMAN = [['teguran_lisan', 'Teguran lisan (ringan)'],
                 ['teguran_tertulis', 'Teguran tertulis (ringan)'],
                 ['pernyataan_tidak_puas', 'Pernyataan tidak puas secara tertulis (ringan)'],
                 ['potong_tpp_6_bulan', 'Pemotongan TPP 25% 6 bulan (sedang)'],
                 ['potong_tpp_9_bulan', 'Pemotongan TPP 25% 9 bulan (sedang)'],
                 ['potong_tpp_12_bulan', 'Pemotongan TPP 25% 12 bulan (sedang)'],
                 ['penurunan_jabatan', 'Penurunan jabatan 12 bulan (berat)'],
                 ['pembebasan_jabatan', 'Pembebasan dari jabatan 12 bulan (berat)'],
                 ['pemberhentian_tidak_aps', 'Pemberhentian dengan hormat tidak atas permintaan sendiri (berat)']];
const HUBUNGAN = {suami: 'Suami', istri: 'Istri', anak: 'Anak'};
/* SIASN kinerja_predikat and kinerja_rating (reference lists seeded by 0016). */
const PREDIKAT = [['1', 'Sangat Baik'], ['2', 'Baik'], ['3', 'Butuh Perbaikan'],
                  ['4', 'Kurang/Misconduct'], ['5', 'Sangat Kurang']];
const RATING = [['1', 'Di atas ekspektasi'], ['2', 'Sesuai ekspektasi'], ['3', 'Di bawah ekspektasi']];

/* The decree fields every kind accepts. */
const SK = [
    {name: 'sk_number', label: 'Nomor SK (bila ada)'},
    {name: 'sk_date', label: 'Tanggal SK (bila ada)', type: 'date'},
    {name: 'signed_by', label: 'Pejabat penandatangan (bila ada)'},
];

/* kind: URL segment; cols: [field, heading, format?]; form: fields (type text, date, number
 * or select with options; required marks the label); null = read-only here. */
const KINDS = [
    {kind: 'ranks', label: 'Pangkat',
     cols: [['golongan', 'Golongan'], ['pangkat', 'Pangkat'], ['tmt', 'TMT', 'date'], ['sk_number', 'Nomor SK']],
     form: [{name: 'golongan', label: 'Golongan baru', type: 'select', options: opts([...GOLONGAN_PNS, ...GOLONGAN_PPPK])},
            {name: 'tmt', label: 'TMT golongan', type: 'date'}, ...SK]},
    {kind: 'positions', label: 'Jabatan',
     cols: [['position_name', 'Jabatan'], ['unit_name', 'Unit kerja'], ['tmt', 'TMT', 'date'], ['sk_number', 'Nomor SK']],
     form: null},
    {kind: 'education', label: 'Pendidikan',
     cols: [['level_code', 'Tingkat'], ['institution', 'Sekolah/perguruan tinggi'], ['major', 'Jurusan'],
            ['graduated_on', 'Lulus', 'date'], ['diploma_number', 'Nomor ijazah']],
     form: [{name: 'level_code', label: 'Tingkat pendidikan', type: 'select', options: 'levels'},
            {name: 'institution', label: 'Nama sekolah/perguruan tinggi'},
            {name: 'major', label: 'Jurusan (bila ada)'},
            {name: 'graduated_on', label: 'Tanggal lulus', type: 'date'},
            {name: 'diploma_number', label: 'Nomor ijazah (bila ada)'}, ...SK]},
    {kind: 'family', label: 'Keluarga',
     cols: [['relation', 'Hubungan', HUBUNGAN], ['name', 'Nama'], ['birth_date', 'Tanggal lahir', 'date'],
            ['gender', 'L/P'], ['child_kind', 'Status anak'], ['allowance', 'Tunjangan', {0: 'Tidak', 1: 'Ya'}],
            ['life_state', 'Keadaan']],
     form: [{name: 'relation', label: 'Hubungan', type: 'select', options: opts(Object.entries(HUBUNGAN))},
            {name: 'name', label: 'Nama'},
            {name: 'birth_date', label: 'Tanggal lahir', type: 'date'},
            {name: 'gender', label: 'Jenis kelamin', type: 'select', options: [['L', 'Laki-laki'], ['P', 'Perempuan']]},
            {name: 'nik', label: 'NIK (bila ada)', hint: '16 digit, sesuai KTP/KK.'},
            {name: 'marriage_date', label: 'Tanggal menikah (suami/istri)', type: 'date'},
            {name: 'child_kind', label: 'Status anak (anak)', type: 'select', options: opts(['kandung', 'tiri', 'angkat'])},
            {name: 'allowance', label: 'Masuk tunjangan keluarga', type: 'select', options: YA_TIDAK, number: true, required: true},
            {name: 'life_state', label: 'Keadaan', type: 'select', options: opts(['hidup', 'meninggal', 'cerai']), required: true},
            ...SK]},
    {kind: 'training', label: 'Diklat',
     cols: [['kind', 'Jenis'], ['name', 'Nama diklat'], ['organizer', 'Penyelenggara'], ['start_date', 'Mulai', 'date'],
            ['end_date', 'Selesai', 'date'], ['hours', 'JP']],
     form: [{name: 'kind', label: 'Jenis diklat', type: 'select', options: opts(JENIS_DIKLAT)},
            {name: 'name', label: 'Nama diklat'},
            {name: 'organizer', label: 'Penyelenggara'},
            {name: 'start_date', label: 'Tanggal mulai', type: 'date'},
            {name: 'end_date', label: 'Tanggal selesai', type: 'date'},
            {name: 'hours', label: 'Jumlah JP', type: 'number'},
            {name: 'certificate_number', label: 'Nomor sertifikat (bila ada)'}, ...SK]},
    {kind: 'awards', label: 'Penghargaan',
     cols: [['name', 'Penghargaan'], ['kind', 'Jenis'], ['year', 'Tahun'], ['giver', 'Pemberi']],
     form: [{name: 'name', label: 'Nama penghargaan'}, {name: 'kind', label: 'Jenis penghargaan'},
            {name: 'year', label: 'Tahun', type: 'number'}, {name: 'awarded_on', label: 'Tanggal (bila ada)', type: 'date'},
            {name: 'giver', label: 'Pemberi'}, ...SK]},
    {kind: 'discipline', label: 'Hukuman disiplin',
     cols: [['level', 'Tingkat'], ['sanction', 'Hukuman', Object.fromEntries(HUKUMAN)], ['tmt', 'TMT', 'date'],
            ['end_date', 'Berakhir', 'date'], ['reason', 'Alasan']],
     form: [{name: 'level', label: 'Tingkat hukuman', type: 'select', options: opts(['ringan', 'sedang', 'berat'])},
            {name: 'sanction', label: 'Jenis hukuman', type: 'select', options: HUKUMAN},
            {name: 'tmt', label: 'TMT hukuman', type: 'date'},
            {name: 'end_date', label: 'Tanggal berakhir (bila ada)', type: 'date'},
            {name: 'reason', label: 'Alasan'}, ...SK]},
    {kind: 'kinerja', label: 'Kinerja',
     cols: [['year', 'Tahun'], ['predikat', 'Predikat', Object.fromEntries(PREDIKAT)],
            ['hasil_kerja_rating', 'Hasil kerja', Object.fromEntries(RATING)],
            ['perilaku_rating', 'Perilaku kerja', Object.fromEntries(RATING)], ['sk_number', 'Nomor SK']],
     form: [{name: 'year', label: 'Tahun penilaian', type: 'number'},
            {name: 'predikat', label: 'Predikat kinerja', type: 'select', options: PREDIKAT},
            {name: 'hasil_kerja_rating', label: 'Rating hasil kerja (bila ada)', type: 'select', options: RATING},
            {name: 'perilaku_rating', label: 'Rating perilaku kerja (bila ada)', type: 'select', options: RATING},
            ...SK]},
];

let levelsCache = null;

async function levelOptions() {
    if (!levelsCache)
        levelsCache = get('/references/education-levels').then((r) => r.items.map((l) => [l.code, l.name]));
    return levelsCache;
}

function cell(row, [name, , fmt]) {
    const v = row[name];
    if (v === null || v === undefined || v === '')
        return '—';
    if (fmt === 'date')
        return formatTanggal(v);
    if (fmt && typeof fmt === 'object')
        return fmt[v] || String(v);
    return String(v);
}

function table(k, items) {
    if (!items.length)
        return message('info', 'Belum ada riwayat ' + k.label.toLowerCase() + '.');
    const note = (r) => (r.superseded_by ? 'Dikoreksi' : r.supersedes ? 'Koreksi' : '');
    const head = h('tr', null, ...k.cols.map(([, title]) => h('th', {scope: 'col'}, title)),
                   h('th', {scope: 'col'}, 'Catatan'));
    const rows = items.map((r) => h('tr', {'data-id': String(r.id)},
                                    ...k.cols.map((c) => h('td', null, cell(r, c))),
                                    h('td', null, note(r))));
    return h('div', {class: 'wadah-tabel'},
             h('table', {class: 'tabel'},
               h('caption', {class: 'tersembunyi'}, 'Riwayat ' + k.label.toLowerCase()),
               h('thead', null, head), h('tbody', null, ...rows)));
}

async function control(spec) {
    if (spec.type === 'select') {
        const list = spec.options === 'levels' ? await levelOptions() : spec.options;
        return h('select', null, ...(spec.required ? [] : [h('option', {value: ''}, 'Pilih…')]),
                 ...list.map(([v, label]) => h('option', {value: v}, label)));
    }
    if (spec.type === 'number')
        return h('input', {type: 'number', inputmode: 'numeric', min: '0'});
    return h('input', {type: spec.type || 'text', autocomplete: 'off'});
}

/* The descriptor of kind (education, family, ...); undefined for an unknown kind. */
export function riwayatKind(kind) {
    return KINDS.find((k) => k.kind === kind);
}

/* The filled fields of row (a proposed row of kind k) as [label, text] pairs in form order. */
export function riwayatFields(k, row) {
    return k.form.filter((spec) => row[spec.name] !== undefined && row[spec.name] !== null && row[spec.name] !== '')
        .map((spec) => {
            const col = k.cols.find(([name]) => name === spec.name);
            const fmt = (col && col[2]) || (spec.type === 'date' ? 'date'
                : Array.isArray(spec.options) ? Object.fromEntries(spec.options) : undefined);
            return [spec.label, cell(row, [spec.name, '', fmt])];
        });
}

/* A form for a new row of kind k. opts: idPrefix (of the control ids), submit (button label),
 * sk (false: without the decree fields), extra ({name: formField()} shown after the kind's
 * fields, not sent in the row, errors naming them shown under them), send(row) (posts it;
 * throws the API error), done (the success text). */
export async function riwayatForm(k, opts) {
    const fields = {};
    const extra = opts.extra || {};
    for (const spec of k.form) {
        if (opts.sk === false && SK.includes(spec))
            continue;
        const c = await control(spec);
        c.name = spec.name;
        fields[spec.name] = {spec, ...formField(opts.idPrefix + '-' + spec.name, spec.label, c, spec.hint)};
    }
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, opts.submit || 'Simpan');
    const form = h('form', {class: 'formulir', novalidate: ''}, status,
                   ...Object.values(fields).map((f) => f.wrap), ...Object.values(extra).map((f) => f.wrap), submit);
    form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        if (submit.disabled)
            return;
        const body = {};
        for (const f of Object.values(extra))
            f.setError('');
        for (const [name, f] of Object.entries(fields)) {
            f.setError('');
            const v = f.control.value.trim();
            if (v)
                body[name] = f.spec.type === 'number' || f.spec.number ? Number(v) : v;
        }
        showMessage(status, null);
        submit.disabled = true;
        try {
            await opts.send(body);
            form.reset();
            showMessage(status, 'sukses', opts.done);
        } catch (e) {
            const f = fields[e.field] || extra[e.field];
            if (f) {
                f.setError(e.message);
                f.control.focus();
                showMessage(status, 'galat', 'Belum disimpan: periksa isian yang ditandai.');
            } else {
                showMessage(status, 'galat', e.message);
            }
        } finally {
            submit.disabled = false;
        }
    });
    return form;
}

/* The add form of kind k for employee id; onAdded() reloads the list. */
async function addForm(k, id, onAdded) {
    const form = await riwayatForm(k, {
        idPrefix: 'rw-' + k.kind,
        done: 'Riwayat ' + k.label.toLowerCase() + ' tersimpan.',
        send: async (body) => {
            await post('/employees/' + id + '/' + k.kind, body);
            onAdded();
        },
    });
    return h('details', {class: 'tambah-riwayat'},
             h('summary', null, 'Tambah riwayat ' + k.label.toLowerCase()), form);
}

function panel(k, emp, ctx) {
    const list = h('div', {'aria-live': 'polite'});
    const el = h('div', {role: 'tabpanel', id: 'panel-' + k.kind, 'aria-labelledby': 'tab-' + k.kind,
                         tabindex: '0', class: 'panel-riwayat'}, list);
    let formShown = false;

    async function load() {
        list.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/employees/' + emp.id + '/' + k.kind);
            if (!ctx.isCurrent())
                return;
            list.replaceChildren(table(k, res.items || []));
            if (res.can_add && k.form && !formShown) {
                formShown = true;
                el.append(await addForm(k, emp.id, load));
            }
        } catch (e) {
            if (ctx.isCurrent())
                list.replaceChildren(message('galat', e.message));
        } finally {
            list.removeAttribute('aria-busy');
        }
    }
    return {el, load};
}

/* The tab strip and its panels for employee e (WAI-ARIA tabs: arrows move between tabs). */
export function riwayatTabs(e, ctx) {
    const tabs = [];
    const panels = KINDS.map((k) => panel(k, e, ctx));
    const loaded = new Set();
    const strip = h('div', {role: 'tablist', 'aria-label': 'Riwayat pegawai', class: 'tab-riwayat'});

    function select(i, focus) {
        tabs.forEach((t, j) => {
            t.setAttribute('aria-selected', String(i === j));
            t.tabIndex = i === j ? 0 : -1;
            panels[j].el.hidden = i !== j;
        });
        if (focus)
            tabs[i].focus();
        if (!loaded.has(i)) {
            loaded.add(i);
            panels[i].load();
        }
    }
    KINDS.forEach((k, i) => {
        const t = h('button', {type: 'button', role: 'tab', id: 'tab-' + k.kind, 'aria-controls': 'panel-' + k.kind},
                    k.label);
        t.addEventListener('click', () => select(i, false));
        t.addEventListener('keydown', (ev) => {
            const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
            if (step) {
                ev.preventDefault();
                select((i + step + KINDS.length) % KINDS.length, true);
            }
        });
        tabs.push(t);
        strip.append(t);
    });
    select(0, false);
    return h('section', {class: 'kartu', 'aria-labelledby': 'judul-riwayat'},
             h('h2', {id: 'judul-riwayat'}, 'Riwayat'), strip, ...panels.map((p) => p.el));
}
