/* Cuti bersama yang dikerjakan (#/cuti/bersama?tahun=&nip=), for admin_bkpsdm and admin_unit:
 * the collective-leave days an employee worked through because of the position, which are
 * added to that year's annual leave while the year's switch is on (docs/api-leave.md
 * "Collective leave worked through"). The year's switch (GET /leave-collective-years/{year},
 * BKPSDM changes it with PUT); the employee found by NIP in the admin's scope; the recorded
 * days (GET /leave-collective-worked) with a delete asked twice (DELETE
 * /leave-collective-worked/{employee_id}/{date}); a form with the year's collective days of the
 * calendar (GET /holidays?year=) as checkboxes (POST /leave-collective-worked); and the
 * employee's balance of that year. The server checks scope and every date; its errors show
 * under the field. */

import {del, get, post, put, query} from './api.js';
import {formField, h, message, pageTitle, showMessage} from './dom.js';
import {kotakSaldo} from './cuti.js';
import {formatTanggal} from './tanggal.js';

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

function hari(date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
    return m ? HARI[new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay()] : '';
}

function hasRole(ctx, roles) {
    return !!ctx.user && Array.isArray(ctx.user.roles) && ctx.user.roles.some((r) => roles.includes(r));
}

/* The employee whose NIP is exactly nip, in the admin's scope, or null. */
async function employeeByNip(nip) {
    const res = await get('/employees' + query({q: nip, per_page: 5}));
    return ((res && res.items) || []).find((x) => x.nip === nip) || null;
}

function render(root, ctx) {
    const bkpsdm = hasRole(ctx, ['admin_bkpsdm']);
    const asked = ctx.query.get('tahun') || '';
    const year = /^\d{4}$/.test(asked) ? asked : String(new Date().getFullYear());
    const nip = (ctx.query.get('nip') || '').trim();

    /* ---- the year and the employee ---- */
    const yearInput = h('input', {type: 'number', min: '1900', max: '2999', inputmode: 'numeric', value: year});
    const nipInput = h('input', {type: 'text', inputmode: 'numeric', maxlength: '18', autocomplete: 'off', value: nip});
    const fYear = formField('bersama-tahun', 'Tahun', yearInput);
    const fNip = formField('bersama-nip', 'NIP pegawai', nipInput, '18 angka, tanpa spasi.');
    const pick = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih tahun dan pegawai',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                fYear.setError('');
                                fNip.setError('');
                                if (!/^\d{4}$/.test(yearInput.value)) {
                                    fYear.setError('Isi tahun empat angka, misalnya 2026.');
                                    yearInput.focus();
                                    return;
                                }
                                const n = nipInput.value.replace(/\s+/g, '');
                                if (n && !/^\d{18}$/.test(n)) {
                                    fNip.setError('NIP terdiri atas 18 angka.');
                                    nipInput.focus();
                                    return;
                                }
                                ctx.navigate('/cuti/bersama' + query({tahun: yearInput.value, nip: n}));
                            }},
                   fYear.wrap, fNip.wrap,
                   h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol'}, 'Tampilkan')));

    /* ---- the year's switch ---- */
    function yearSection() {
        const shown = h('p', {'data-field': 'adds_to_annual'}, 'Memuat…');
        const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
        const box = h('input', {type: 'checkbox', id: 'bersama-tambah'});
        const save = h('button', {type: 'button', class: 'tombol tombol-utama'}, 'Simpan pengaturan');
        function show(x) {
            box.checked = !!x.adds_to_annual;
            shown.textContent = x.adds_to_annual
                ? `Pada ${x.year}, hari cuti bersama yang dikerjakan menambah hak cuti tahunan pegawai.`
                : `Pada ${x.year}, hari cuti bersama yang dikerjakan tetap dicatat tetapi tidak menambah hak cuti tahunan.`;
        }
        async function load() {
            try {
                const x = await get('/leave-collective-years/' + year);
                if (ctx.isCurrent())
                    show(x);
            } catch (e) {
                if (ctx.isCurrent())
                    shown.replaceChildren(message('galat', e.message));
            }
        }
        save.addEventListener('click', async () => {
            showMessage(status, null);
            save.disabled = true;
            try {
                const x = await put('/leave-collective-years/' + year, {adds_to_annual: box.checked});
                if (!ctx.isCurrent())
                    return;
                show(x);
                showMessage(status, 'sukses', 'Pengaturan tahun ' + year + ' disimpan.');
                if (employee)
                    saldo.load(year);
            } catch (e) {
                if (ctx.isCurrent())
                    showMessage(status, 'galat', e.message);
            } finally {
                save.disabled = false;
            }
        });
        load();
        return h('section', {class: 'kartu', 'aria-labelledby': 'judul-bersama-tahun'},
                 h('h2', {id: 'judul-bersama-tahun'}, 'Pengaturan tahun ' + year),
                 shown,
                 bkpsdm ? [h('div', {class: 'bidang bidang-centang'}, box,
                             h('label', {for: 'bersama-tambah'}, 'Hari yang dikerjakan menambah cuti tahunan ' + year)),
                           h('div', {class: 'tombol-formulir'}, save), status] : null);
    }

    /* ---- the employee's days ---- */
    let employee = null;
    const saldo = {el: null, load: () => null};
    const listStatus = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const listBox = h('div', {'aria-live': 'polite'});
    const addBox = h('div');

    function row(date, names) {
        const btn = h('button', {type: 'button', class: 'tombol tombol-kecil', 'data-aksi': 'hapus',
                                 'aria-label': 'Hapus ' + formatTanggal(date)}, 'Hapus');
        btn.addEventListener('click', async () => {
            if (btn.dataset.yakin !== '1') {
                btn.dataset.yakin = '1';
                btn.textContent = 'Yakin hapus?';
                btn.setAttribute('aria-label', `Yakin hapus ${formatTanggal(date)}?`);
                return;
            }
            btn.disabled = true;
            try {
                const w = await del(`/leave-collective-worked/${employee.id}/${date}`);
                if (!ctx.isCurrent())
                    return;
                showMessage(listStatus, 'sukses', `${employee.name}: ${formatTanggal(date)} dihapus dari catatan`);
                showWorked(w, names);
                saldo.load(year);
            } catch (e) {
                if (ctx.isCurrent())
                    showMessage(listStatus, 'galat', e.message);
                btn.disabled = false;
            }
        });
        return h('tr', {'data-date': date},
                 h('td', null, employee.name, h('br'), h('span', {class: 'petunjuk'}, 'NIP ' + employee.nip)),
                 h('td', null, h('time', {datetime: date}, formatTanggal(date))),
                 h('td', null, hari(date)),
                 h('td', null, names[date] || '—'),
                 h('td', null, btn));
    }

    /* The table of a WORKED answer and the form of the days not recorded yet. */
    function showWorked(w, names) {
        listBox.replaceChildren(
            h('p', {class: 'jumlah-hasil', 'data-field': 'days'},
              `${employee.name}: ${w.days} hari cuti bersama ${w.year} dikerjakan`),
            w.dates.length
                ? h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region',
                            'aria-label': 'Hari cuti bersama yang dikerjakan ' + w.year},
                    h('table', {class: 'tabel'},
                      h('thead', null, h('tr', null, ['Pegawai', 'Tanggal', 'Hari', 'Cuti bersama', 'Aksi']
                          .map((t) => h('th', {scope: 'col'}, t)))),
                      h('tbody', null, w.dates.map((d) => row(d, names)))))
                : h('p', {class: 'kosong'}, 'Belum ada hari yang dicatat pada tahun ini.'));
        addBox.replaceChildren(addForm(w.dates, names));
    }

    function addForm(recorded, names) {
        const free = Object.keys(names).sort().filter((d) => !recorded.includes(d));
        if (!Object.keys(names).length)
            return h('p', {class: 'kosong'}, `Kalender ${year} belum memuat hari cuti bersama.`);
        if (!free.length)
            return h('p', {class: 'kosong'}, `Semua hari cuti bersama ${year} sudah dicatat.`);
        const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
        const boxes = free.map((d) => h('input', {type: 'checkbox', id: 'bersama-hari-' + d, value: d}));
        const datesError = h('p', {class: 'galat-bidang', id: 'bersama-hari-galat'});
        datesError.hidden = true;
        const group = h('fieldset', {class: 'kelompok', 'aria-describedby': 'bersama-hari-galat'},
                        h('legend', null, 'Hari cuti bersama yang dikerjakan'),
                        boxes.map((b) => h('div', {class: 'bidang bidang-centang'}, b,
                            h('label', {for: b.id}, `${hari(b.value)}, ${formatTanggal(b.value)} — ${names[b.value]}`))),
                        datesError);
        function setDatesError(text) {
            datesError.textContent = text || '';
            datesError.hidden = !text;
            if (text)
                group.setAttribute('aria-invalid', 'true');
            else
                group.removeAttribute('aria-invalid');
        }
        const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Catat hari yang dikerjakan'},
                       group,
                       h('div', {class: 'tombol-formulir'},
                         h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan')),
                       status);
        form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            setDatesError('');
            showMessage(status, null);
            const dates = boxes.filter((b) => b.checked).map((b) => b.value);
            if (!dates.length) {
                setDatesError('Pilih sedikitnya satu hari.');
                boxes[0].focus();
                return;
            }
            try {
                const w = await post('/leave-collective-worked', {employee_id: employee.id, year: +year, dates});
                if (!ctx.isCurrent())
                    return;
                showWorked(w, names);
                showMessage(listStatus, 'sukses', `${employee.name}: ${w.added} hari dicatat`);
                saldo.load(year);
            } catch (e) {
                if (!ctx.isCurrent())
                    return;
                if (e.field === 'dates') {
                    setDatesError(e.message);
                    boxes[0].focus();
                } else if (e.field === 'employee_id') {
                    fNip.setError(e.message);
                } else if (e.field === 'year') {
                    fYear.setError(e.message);
                } else {
                    showMessage(status, 'galat', e.message);
                }
            }
        });
        return h('section', {class: 'kartu kartu-formulir', 'aria-labelledby': 'judul-bersama-catat'},
                 h('h2', {id: 'judul-bersama-catat'}, 'Catat hari yang dikerjakan'), form);
    }

    async function loadEmployee() {
        if (!nip)
            return;
        listBox.setAttribute('aria-busy', 'true');
        try {
            employee = await employeeByNip(nip);
            if (!ctx.isCurrent())
                return;
            if (!employee) {
                fNip.setError('Pegawai dengan NIP ini tidak ditemukan dalam cakupan Anda.');
                return;
            }
            const [w, hol] = await Promise.all([
                get('/leave-collective-worked' + query({employee_id: employee.id, year})),
                get('/holidays' + query({year})),
            ]);
            if (!ctx.isCurrent())
                return;
            const names = {};
            for (const x of hol.items || [])
                if (x.collective)
                    names[x.date] = x.name;
            const box = kotakSaldo(employee.id);
            saldo.el = box.el;
            saldo.load = box.load;
            employeeBox.replaceChildren(saldo.el);
            saldo.load(year);
            showWorked(w, names);
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            if (e.field === 'employee_id')
                fNip.setError(e.message);
            else if (e.field === 'year')
                fYear.setError(e.message);
            else
                listBox.replaceChildren(message('galat', e.message));
        } finally {
            listBox.removeAttribute('aria-busy');
        }
    }

    const employeeBox = h('div');
    root.append(pageTitle('Cuti bersama yang dikerjakan'),
                h('p', {class: 'keterangan'},
                  'Pegawai yang karena jabatannya tetap bekerja pada hari cuti bersama mendapat tambahan hak ' +
                  'cuti tahunan sebanyak hari yang dikerjakan, bila keputusan tahun itu menetapkannya.'),
                h('section', {class: 'kartu', 'aria-label': 'Pilih tahun dan pegawai'}, pick),
                yearSection(),
                h('section', {class: 'kartu', 'aria-label': 'Hari yang dicatat'}, listStatus,
                  nip ? listBox
                      : h('p', {class: 'kosong'}, 'Isi NIP pegawai untuk melihat dan mencatat harinya.')),
                addBox,
                employeeBox);
    loadEmployee();
}

export default {render};
