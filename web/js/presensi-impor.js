/* Impor presensi mesin (#/presensi/impor?mesin=&page=), for admin_unit and admin_bkpsdm: the
 * records of fingerprint/face devices as CSV (POST /api/v1/attendance/import, a dry run first,
 * every bad row in a table), and the mapping of a device's user numbers to employees that the
 * import reads for rows with device_user_id (GET/POST /api/v1/attendance/device-users, DELETE
 * .../{id}): a table filtered by device and paged, a form that finds the employee by NIP, and a
 * delete asked twice. The server checks scope and every field; its errors show under the field. */

import {del, get, post, query} from './api.js';
import {csvImportForm} from './csv-import.js';
import {formField, h, message, pageTitle, showMessage} from './dom.js';

const PER_PAGE = 20;
const SAMPLE = 'device_user_id;timestamp;device\r\n1001;2026-11-02 07:28;FP-01\r\n' +
    '1001;2026-11-02 16:05;FP-01\r\n';
const number = new Intl.NumberFormat('id-ID');

/* The employee whose NIP is exactly nip, in the admin's scope, or null. */
async function employeeByNip(nip) {
    const res = await get('/employees' + query({q: nip, per_page: 5}));
    return ((res && res.items) || []).find((x) => x.nip === nip) || null;
}

function importSection(ctx) {
    return csvImportForm(ctx, {
        id: 'presensi-impor', title: 'Impor dari mesin presensi', path: '/attendance/import', paste: true,
        intro: 'Semua baris disimpan bersama, atau tidak ada sama sekali bila satu baris salah. ' +
               'Baris dengan nomor pengguna mesin (device_user_id) memakai pemetaan di bawah.',
        fileLabel: 'Berkas CSV dari mesin',
        fileHint: 'Kolom: nip atau device_user_id, timestamp (YYYY-MM-DD HH:MM, waktu setempat), device.',
        runLabel: 'Impor presensi', imported: 'catatan mesin disimpan',
        sample: {name: 'contoh-impor-presensi.csv', text: SAMPLE},
    });
}

function render(root, ctx) {
    const device = (ctx.query.get('mesin') || '').trim();
    const rawPage = ctx.query.get('page') || '';
    const page = /^[1-9]\d{0,5}$/.test(rawPage) ? Number(rawPage) : 1;
    const go = (params) => ctx.navigate('/presensi/impor' + query(params));

    /* ---- the mappings ---- */
    const listBox = h('div', {'aria-live': 'polite'});
    const listStatus = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const filterInput = h('input', {type: 'text', maxlength: '100', autocomplete: 'off', value: device});
    const fFilter = formField('pemetaan-saring', 'Mesin', filterInput, 'Kosongkan untuk semua mesin.');
    const filterForm = h('form', {class: 'formulir formulir-saring', novalidate: true,
                                  'aria-label': 'Saring pemetaan menurut mesin',
                                  onsubmit: (ev) => {
                                      ev.preventDefault();
                                      go({mesin: filterInput.value.trim()});
                                  }},
                         fFilter.wrap,
                         h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol'}, 'Tampilkan')));

    function row(m) {
        const label = `${m.device} nomor ${m.code}`;
        const btn = h('button', {type: 'button', class: 'tombol tombol-kecil', 'aria-label': 'Hapus pemetaan ' + label},
                      'Hapus');
        btn.addEventListener('click', async () => {
            if (btn.dataset.yakin !== '1') {
                btn.dataset.yakin = '1';
                btn.textContent = 'Yakin hapus?';
                btn.setAttribute('aria-label', `Yakin hapus pemetaan ${label}?`);
                return;
            }
            btn.disabled = true;
            try {
                await del('/attendance/device-users/' + m.id);
                if (!ctx.isCurrent())
                    return;
                showMessage(listStatus, 'sukses', `Pemetaan ${label} (${m.employee.name}) dihapus.`);
                loadList();
            } catch (e) {
                if (ctx.isCurrent())
                    showMessage(listStatus, 'galat', e.message);
                btn.disabled = false;
            }
        });
        return h('tr', {'data-pemetaan': String(m.id)},
                 h('td', null, m.device),
                 h('td', null, m.code),
                 h('td', {class: 'sel-nip'}, m.employee.nip),
                 h('td', {class: 'sel-nama'}, m.employee.name),
                 h('td', null, btn));
    }

    async function loadList() {
        listBox.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/attendance/device-users' + query({device, page, per_page: PER_PAGE}));
            if (!ctx.isCurrent())
                return;
            const total = res.total || 0;
            const pages = Math.max(1, Math.ceil(total / PER_PAGE));
            const pager = h('nav', {class: 'penomoran', 'aria-label': 'Halaman pemetaan'},
                            h('button', {type: 'button', class: 'tombol', disabled: page <= 1,
                                         onclick: () => go({mesin: device, page: page - 1})}, 'Sebelumnya'),
                            h('span', null, 'Halaman ' + page + ' dari ' + pages),
                            h('button', {type: 'button', class: 'tombol', disabled: page >= pages,
                                         onclick: () => go({mesin: device, page: page + 1})}, 'Berikutnya'));
            listBox.replaceChildren(
                h('p', {class: 'jumlah-hasil'}, `${number.format(total)} pemetaan` + (device ? ` pada mesin ${device}.` : '.')),
                res.items.length
                    ? h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Daftar pemetaan pengguna mesin'},
                        h('table', {class: 'tabel tabel-pemetaan'},
                          h('thead', null, h('tr', null, ['Mesin', 'Nomor pengguna', 'NIP', 'Nama', 'Aksi']
                              .map((t) => h('th', {scope: 'col'}, t)))),
                          h('tbody', null, res.items.map(row))))
                    : h('p', {class: 'kosong'}, 'Belum ada pemetaan' + (device ? ' pada mesin ini.' : '.')),
                ...(total > PER_PAGE ? [pager] : []));
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            if (e.field === 'device')
                fFilter.setError(e.message);
            listBox.replaceChildren(message('galat', e.message));
        } finally {
            listBox.removeAttribute('aria-busy');
        }
    }

    /* ---- adding one ---- */
    const nip = h('input', {type: 'text', inputmode: 'numeric', maxlength: '18', autocomplete: 'off'});
    const dev = h('input', {type: 'text', maxlength: '100', autocomplete: 'off', value: device});
    const code = h('input', {type: 'text', maxlength: '50', autocomplete: 'off'});
    const fNip = formField('pemetaan-nip', 'NIP pegawai', nip);
    const fDev = formField('pemetaan-mesin', 'Mesin', dev, 'Nama atau nomor mesin seperti di berkas CSV, misalnya FP-01.');
    const fCode = formField('pemetaan-nomor', 'Nomor pengguna di mesin', code);
    const fields = {employee_id: fNip, device: fDev, code: fCode};
    const addStatus = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const addButton = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Tambah pemetaan');
    const addForm = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Tambah pemetaan pengguna mesin'},
                      fNip.wrap, fDev.wrap, fCode.wrap,
                      h('div', {class: 'tombol-formulir'}, addButton), addStatus);
    addForm.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        if (addButton.disabled)
            return;
        for (const f of Object.values(fields))
            f.setError('');
        showMessage(addStatus, null);
        const wanted = nip.value.trim();
        if (!/^\d{18}$/.test(wanted)) {
            fNip.setError('NIP harus 18 angka.');
            nip.focus();
            return;
        }
        addButton.disabled = true;
        try {
            const emp = await employeeByNip(wanted);
            if (!ctx.isCurrent())
                return;
            if (!emp) {
                fNip.setError('Pegawai dengan NIP ini tidak ditemukan di unit Anda.');
                nip.focus();
                return;
            }
            const m = await post('/attendance/device-users', {device: dev.value.trim(), code: code.value.trim(), employee_id: emp.id});
            if (!ctx.isCurrent())
                return;
            showMessage(addStatus, 'sukses', `Nomor ${m.code} pada mesin ${m.device} dipetakan ke ${m.employee.name}.`);
            nip.value = '';
            code.value = '';
            loadList();
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const f = fields[e.field];
            if (f) {
                f.setError(e.message);
                f.control.focus();
            } else {
                showMessage(addStatus, 'galat', e.message);
            }
        } finally {
            addButton.disabled = false;
        }
    });

    root.append(pageTitle('Impor presensi mesin'),
                importSection(ctx),
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-pemetaan'},
                  h('h2', {id: 'judul-pemetaan'}, 'Pemetaan pengguna mesin'),
                  h('p', {class: 'keterangan'},
                    'Mesin sidik jari atau wajah mengenal pegawai dari nomor penggunanya. Petakan setiap nomor ' +
                    'pada setiap mesin ke pegawainya sekali; impor CSV lalu dapat memakai kolom device_user_id.'),
                  filterForm, listStatus, listBox),
                h('section', {class: 'kartu kartu-formulir', 'aria-labelledby': 'judul-tambah-pemetaan'},
                  h('h2', {id: 'judul-tambah-pemetaan'}, 'Tambah pemetaan'), addForm));
    loadList();
}

export default {render};
