/* Hari libur (#/libur): the national holidays and cuti bersama of a year (GET /api/v1/holidays),
 * for admin_bkpsdm also the form to add one, a delete button per row and the CSV import with
 * a dry-run preview (POST /api/v1/holidays/import); then the working-day calculator of a unit
 * (GET /api/v1/calendar/working-days) with the unit's work week, which admin_bkpsdm and the
 * unit's admin_unit may switch between 5 and 6 days (PUT /api/v1/units/{id}/work-days), and the
 * year's Ramadan period (GET, PUT, DELETE /api/v1/ramadan). */

import {del, get, post, put, query} from './api.js';
import {csvImportForm} from './csv-import.js';
import {formField, h, message, pageTitle, showMessage} from './dom.js';
import {formatTanggal} from './tanggal.js';
import {unitOptions} from './unit-tree.js';

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const SAMPLE = 'date;name;collective\r\n2027-01-01;Tahun Baru 2027 Masehi;0\r\n';

function hari(date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
    return m ? HARI[new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay()] : '';
}

function hasRole(ctx, roles) {
    return !!ctx.user && Array.isArray(ctx.user.roles) && ctx.user.roles.some((r) => roles.includes(r));
}

function render(root, ctx) {
    const writer = hasRole(ctx, ['admin_bkpsdm']);
    const weekWriter = hasRole(ctx, ['admin_bkpsdm', 'admin_unit']);
    const asked = ctx.query.get('tahun') || '';
    const year = /^\d{4}$/.test(asked) ? asked : String(new Date().getFullYear());

    /* ---- the list of a year ---- */
    const yearInput = h('input', {type: 'number', min: '1900', max: '2999', inputmode: 'numeric',
                                  value: year});
    const fYear = formField('libur-tahun', 'Tahun', yearInput);
    const listBox = h('div', {'aria-live': 'polite'});
    const listStatus = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});

    function row(x) {
        const cells = [
            h('td', null, h('time', {datetime: x.date}, formatTanggal(x.date))),
            h('td', null, hari(x.date)),
            h('td', null, x.name),
            h('td', null, x.collective ? 'Cuti bersama' : 'Libur nasional'),
        ];
        if (writer) {
            const btn = h('button', {type: 'button', class: 'tombol tombol-kecil',
                                     'aria-label': 'Hapus ' + x.name + ' ' + formatTanggal(x.date)},
                          'Hapus');
            btn.addEventListener('click', async () => {
                if (btn.dataset.yakin !== '1') {
                    btn.dataset.yakin = '1';
                    btn.textContent = 'Yakin hapus?';
                    btn.setAttribute('aria-label', `Yakin hapus ${x.name} ${formatTanggal(x.date)}?`);
                    return;
                }
                btn.disabled = true;
                try {
                    await del('/holidays/' + x.id);
                    if (!ctx.isCurrent())
                        return;
                    showMessage(listStatus, 'sukses', `${x.name} (${formatTanggal(x.date)}) dihapus.`);
                    loadList();
                } catch (e) {
                    if (ctx.isCurrent())
                        showMessage(listStatus, 'galat', e.message);
                    btn.disabled = false;
                }
            });
            cells.push(h('td', null, btn));
        }
        return h('tr', {'data-date': x.date}, cells);
    }

    async function loadList() {
        listBox.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/holidays' + query({year}));
            if (!ctx.isCurrent())
                return;
            const heads = ['Tanggal', 'Hari', 'Nama', 'Jenis'].concat(writer ? ['Aksi'] : []);
            listBox.replaceChildren(
                h('p', {class: 'jumlah-hasil'},
                  `${res.total} hari libur pada ${res.year}, ${res.collective} di antaranya cuti bersama.`),
                res.items.length
                    ? h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                                'aria-label': 'Daftar hari libur ' + res.year},
                        h('table', {class: 'tabel tabel-libur'},
                          h('thead', null, h('tr', null, heads.map((t) => h('th', {scope: 'col'}, t)))),
                          h('tbody', null, res.items.map(row))))
                    : h('p', {class: 'kosong'}, 'Belum ada hari libur pada tahun ini.'));
        } catch (e) {
            if (ctx.isCurrent())
                listBox.replaceChildren(message('galat', e.message));
        } finally {
            listBox.removeAttribute('aria-busy');
        }
    }

    const yearForm = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih tahun',
                                onsubmit: (ev) => {
                                    ev.preventDefault();
                                    if (!/^\d{4}$/.test(yearInput.value)) {
                                        fYear.setError('Isi tahun empat angka, misalnya 2026.');
                                        return;
                                    }
                                    ctx.navigate('/libur' + query({tahun: yearInput.value}));
                                }},
                       fYear.wrap,
                       h('div', {class: 'tombol-formulir'},
                         h('button', {type: 'submit', class: 'tombol'}, 'Tampilkan')));

    /* ---- adding one (admin_bkpsdm) ---- */
    function addSection() {
        const date = h('input', {type: 'date', required: true});
        const name = h('input', {type: 'text', maxlength: '200', required: true, autocomplete: 'off'});
        const collective = h('input', {type: 'checkbox', id: 'libur-bersama'});
        const fDate = formField('libur-tanggal', 'Tanggal', date);
        const fName = formField('libur-nama', 'Nama hari libur', name);
        const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
        const fields = {date: fDate, name: fName};
        const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Tambah hari libur'},
                       fDate.wrap, fName.wrap,
                       h('div', {class: 'bidang bidang-centang'}, collective,
                         h('label', {for: 'libur-bersama'}, 'Cuti bersama (mengurangi cuti tahunan)')),
                       h('div', {class: 'tombol-formulir'},
                         h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan')),
                       status);
        form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            fDate.setError('');
            fName.setError('');
            showMessage(status, null);
            try {
                const x = await post('/holidays', {date: date.value, name: name.value,
                                                   collective: collective.checked});
                if (!ctx.isCurrent())
                    return;
                showMessage(status, 'sukses', `${x.name} (${formatTanggal(x.date)}) disimpan.`);
                name.value = '';
                collective.checked = false;
                if (x.date.slice(0, 4) === year)
                    loadList();
            } catch (e) {
                if (!ctx.isCurrent())
                    return;
                const f = fields[e.field];
                if (f) {
                    f.setError(e.message);
                    f.control.focus();
                } else {
                    showMessage(status, 'galat', e.message);
                }
            }
        });
        return h('section', {class: 'kartu kartu-formulir', 'aria-labelledby': 'judul-tambah-libur'},
                 h('h2', {id: 'judul-tambah-libur'}, 'Tambah hari libur'), form);
    }

    /* ---- the Ramadan period of the year (32.5 working hours a week): everyone reads it,
     * admin_bkpsdm sets or removes it (GET/PUT/DELETE /api/v1/ramadan) ---- */
    function ramadanSection() {
        const shown = h('p', {'aria-live': 'polite'}, 'Memuat…');
        const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
        const start = h('input', {type: 'date', required: true});
        const end = h('input', {type: 'date', required: true});
        const fStart = formField('ramadan-mulai', 'Awal Ramadan', start);
        const fEnd = formField('ramadan-akhir', 'Akhir Ramadan', end);
        const fields = {start_date: fStart, end_date: fEnd};

        function show(x) {
            shown.textContent = x.start_date
                ? `Ramadan ${x.year}: ${formatTanggal(x.start_date)} s.d. ${formatTanggal(x.end_date)} — jam kerja 32,5 jam seminggu.`
                : `Periode Ramadan ${x.year} belum diatur: jam kerja 37,5 jam seminggu.`;
            start.value = x.start_date || '';
            end.value = x.end_date || '';
        }
        async function load() {
            try {
                const x = await get('/ramadan' + query({year}));
                if (ctx.isCurrent())
                    show(x);
            } catch (e) {
                if (ctx.isCurrent())
                    shown.textContent = e.message;
            }
        }
        async function send(remove) {
            fStart.setError('');
            fEnd.setError('');
            showMessage(status, null);
            try {
                const x = remove ? await del('/ramadan/' + year)
                    : await put('/ramadan/' + year, {start_date: start.value, end_date: end.value});
                if (!ctx.isCurrent())
                    return;
                show(x);
                showMessage(status, 'sukses', remove ? 'Periode Ramadan dihapus.' : 'Periode Ramadan disimpan.');
            } catch (e) {
                if (!ctx.isCurrent())
                    return;
                const f = fields[e.field];
                if (f) {
                    f.setError(e.message);
                    f.control.focus();
                } else {
                    showMessage(status, 'galat', e.message);
                }
            }
        }
        const form = writer
            ? h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Atur periode Ramadan',
                         onsubmit: (ev) => { ev.preventDefault(); send(false); }},
                fStart.wrap, fEnd.wrap,
                h('div', {class: 'tombol-formulir'},
                  h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan periode Ramadan'),
                  h('button', {type: 'button', class: 'tombol', onclick: () => send(true)}, 'Hapus periode Ramadan')),
                status)
            : null;
        load();
        return h('section', {class: 'kartu', 'aria-labelledby': 'judul-ramadan'},
                 h('h2', {id: 'judul-ramadan'}, 'Jam kerja Ramadan ' + year), shown, form);
    }

    /* ---- CSV import (admin_bkpsdm) ---- */
    function importSection() {
        return csvImportForm(ctx, {
            id: 'libur', title: 'Impor dari CSV', path: '/holidays/import', paste: true,
            intro: 'Semua baris disimpan bersama, atau tidak ada sama sekali bila satu baris saja salah.',
            fileHint: 'Kolom: date (YYYY-MM-DD atau DD-MM-YYYY), name, collective (1/0 atau ya/tidak).',
            imported: 'hari libur ditambahkan', onImported: loadList,
            sample: {name: 'contoh-hari-libur.csv', text: SAMPLE},
        });
    }

    /* ---- working-day calculator and the unit's week ---- */
    function calculatorSection() {
        const unit = h('select', {required: true}, h('option', {value: ''}, 'Memuat unit…'));
        const from = h('input', {type: 'date', required: true});
        const to = h('input', {type: 'date', required: true});
        const fUnit = formField('hitung-unit', 'Unit kerja', unit);
        const fFrom = formField('hitung-mulai', 'Dari tanggal', from);
        const fTo = formField('hitung-sampai', 'Sampai tanggal', to);
        const fields = {unit_id: fUnit, from: fFrom, to: fTo};
        const answer = h('div', {class: 'wadah-pesan', 'aria-live': 'polite', id: 'hasil-hari-kerja'});
        const week = h('div', {class: 'minggu-kerja', 'aria-live': 'polite'});

        async function loadUnits() {
            try {
                const res = await get('/units');
                if (!ctx.isCurrent())
                    return;
                unit.replaceChildren(h('option', {value: ''}, 'Pilih unit'),
                                     ...unitOptions((res && res.items) || []));
                if (ctx.user && ctx.user.unit_id)
                    unit.value = String(ctx.user.unit_id);
                showWeek();
            } catch (e) {
                if (ctx.isCurrent())
                    fUnit.setError(e.message);
            }
        }

        async function showWeek() {
            week.replaceChildren();
            if (!unit.value)
                return;
            try {
                const w = await get(`/units/${unit.value}/work-days`);
                if (!ctx.isCurrent())
                    return;
                const label = h('p', null, `Unit ini bekerja ${w.work_days} hari seminggu ` +
                                (w.work_days === 6 ? '(Senin–Sabtu).' : '(Senin–Jumat).'));
                if (!weekWriter) {
                    week.replaceChildren(label);
                    return;
                }
                const other = w.work_days === 6 ? 5 : 6;
                const btn = h('button', {type: 'button', class: 'tombol tombol-kecil'},
                              `Ubah menjadi ${other} hari kerja`);
                btn.addEventListener('click', async () => {
                    btn.disabled = true;
                    try {
                        await put(`/units/${unit.value}/work-days`, {work_days: other});
                        if (ctx.isCurrent())
                            showWeek();
                    } catch (e) {
                        if (ctx.isCurrent())
                            week.append(message('galat', e.status === 404
                                ? 'Unit ini di luar cakupan Anda.' : e.message));
                        btn.disabled = false;
                    }
                });
                week.replaceChildren(label, btn);
            } catch (e) {
                if (ctx.isCurrent())
                    week.replaceChildren(message('galat', e.message));
            }
        }

        unit.addEventListener('change', () => {
            showWeek();
            showMessage(answer, null);
        });
        const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Hitung hari kerja'},
                       fUnit.wrap, week, fFrom.wrap, fTo.wrap,
                       h('div', {class: 'tombol-formulir'},
                         h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Hitung')),
                       answer);
        form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            for (const f of Object.values(fields))
                f.setError('');
            showMessage(answer, null);
            if (!unit.value) {
                fUnit.setError('Pilih unit kerja.');
                return;
            }
            try {
                const r = await get('/calendar/working-days' +
                                    query({unit_id: unit.value, from: from.value, to: to.value}));
                if (!ctx.isCurrent())
                    return;
                showMessage(answer, 'info', `${r.working_days} hari kerja dari ${formatTanggal(r.from)} ` +
                            `sampai ${formatTanggal(r.to)}.`);
                answer.dataset.hariKerja = String(r.working_days);
            } catch (e) {
                if (!ctx.isCurrent())
                    return;
                const f = fields[e.field];
                if (f)
                    f.setError(e.message);
                else
                    showMessage(answer, 'galat', e.message);
            }
        });
        loadUnits();
        return h('section', {class: 'kartu kartu-formulir', 'aria-labelledby': 'judul-hitung'},
                 h('h2', {id: 'judul-hitung'}, 'Hitung hari kerja'),
                 h('p', {class: 'keterangan'}, 'Hari kerja unit dikurangi hari libur nasional dan cuti bersama.'),
                 form);
    }

    root.append(pageTitle('Hari Libur'),
                h('p', {class: 'keterangan'},
                  'Hari libur nasional dan cuti bersama per tahun. Cuti bersama mengurangi hak cuti tahunan.'),
                h('section', {class: 'kartu', 'aria-label': 'Daftar hari libur'}, yearForm, listStatus, listBox),
                ramadanSection(),
                writer ? addSection() : null,
                writer ? importSection() : null,
                calculatorSection());
    loadList();
}

export default {render};
