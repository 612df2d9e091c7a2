// Penugasan: three nurses made through the API as bkpsdm in Dinas Kesehatan (a position name
// unique per run), then in the browser: bkpsdm opens Penugasan from the menu, goes to the
// candidate finder, searches by the position name for a BPBD task force from today for a week,
// ticks two of the three, fills one decree and presses "Tugaskan"; the Penugasan page lists both
// with their end date, the profile shows the running assignment, and "Akhiri" (two presses)
// ends one. No console errors, no CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {BASE, apiAs, findUnit, launch, newPage, login, nav, until, cspViolations,
        unexpectedProblems} from './helpers.mjs';

let browser;
let token;
const nurses = [];

const letters = (n) => Array.from({length: n}, () =>
    'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
               'September', 'Oktober', 'November', 'Desember'];
function tanggal(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return d + ' ' + BULAN[m - 1] + ' ' + y;
}

before(async () => {
    browser = await launch();
    const call = await apiAs('bkpsdm');
    const dinkes = findUnit((await call('GET', '/units')).body.items, 'DINKES');
    token = 'Tanggap' + letters(6);
    const pos = await call('POST', '/positions', {unit_id: dinkes.id, name: 'Perawat ' + token,
                                                  kind: 'pelaksana', kelas_jabatan: 6});
    assert.equal(pos.status, 201, JSON.stringify(pos.body));
    const other = await call('POST', '/positions', {unit_id: dinkes.id, name: 'Pengelola Logistik ' + token,
                                                    kind: 'pelaksana', kelas_jabatan: 6});
    assert.equal(other.status, 201, JSON.stringify(other.body));
    // born 1988-09-12, TMT CPNS 2012-02, male; NIK 127501 120988 NNNN
    for (const name of ['Ahmad', 'Bayu', 'Citra']) {
        for (let i = 0; ; i++) {
            assert.ok(i < 20, 'no free NIP sequence');
            const seq = String(1 + Math.floor(Math.random() * 999)).padStart(3, '0');
            const r = await call('POST', '/employees', {
                nip: '198809122012021' + seq, nik: '127501120988' + seq.padStart(4, '0'),
                name: name + ' ' + token, birth_place: 'Medan', birth_date: '1988-09-12',
                gender: 'L', status: 'PNS', unit_id: dinkes.id, golongan: 'II/c',
                tmt_golongan: '2016-04-01', position_id: pos.body.id});
            if (r.status === 409)
                continue;
            assert.equal(r.status, 201, JSON.stringify(r.body));
            nurses.push(r.body);
            break;
        }
    }
});
after(async () => { await browser?.close(); });

test('find candidates, assign two to a satgas under one decree, see and end them on Penugasan', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'bkpsdm');
        await nav(page).getByRole('link', {name: 'Penugasan', exact: true}).click();
        await page.getByRole('heading', {name: 'Penugasan', exact: true}).waitFor();
        await page.getByRole('link', {name: 'Cari calon petugas'}).click();
        await page.getByRole('heading', {name: 'Cari calon petugas'}).waitFor();

        await page.getByLabel('Kompetensi atau jabatan').fill('Perawat ' + token);
        const unit = page.getByLabel('Unit satuan tugas');
        await until(async () => await unit.locator('option').count() > 5, 'the unit list loaded');
        const bpbd = await unit.evaluate((sel) =>
            [...sel.options].find((o) => o.textContent.trim() === 'Badan Penanggulangan Bencana Daerah').value);
        await unit.selectOption(bpbd);
        await page.getByLabel('Tanggal mulai').fill(day(0));
        await page.getByLabel('Tanggal selesai').fill(day(7));
        await page.getByRole('button', {name: 'Cari calon'}).click();
        const table = page.locator('.hasil-calon table');
        await table.waitFor();
        assert.equal(await table.locator('tbody tr').count(), 3, 'the three free nurses');

        await page.getByLabel('Ahmad ' + token).check();
        await page.getByLabel('Bayu ' + token).check();
        await page.getByLabel('Nama satuan tugas').fill('Satgas Penanganan Bencana Banjir ' + token);
        await page.getByLabel('Nomor SK').fill('800/' + token + '/BPBD/2026');
        await page.getByLabel('Tanggal SK').fill(day(0));
        await page.getByRole('button', {name: 'Tugaskan'}).click();

        await page.getByRole('heading', {name: 'Penugasan', exact: true}).waitFor();
        await page.getByText('2 pegawai ditugaskan').waitFor();
        const list = page.locator('.daftar-penugasan table');
        await list.waitFor();
        for (const n of ['Ahmad', 'Bayu']) {
            const row = list.locator('tr', {hasText: n + ' ' + token});
            assert.equal(await row.count(), 1, n + ' listed');
            assert.match(await row.textContent(), /Satgas Penanganan Bencana Banjir/);
            assert.equal(await row.locator('.sel-selesai').textContent(), tanggal(day(7)));
        }
        assert.equal(await list.locator('tr', {hasText: 'Citra ' + token}).count(), 0, 'not chosen');

        // the profile shows the running assignment
        await list.getByRole('link', {name: 'Ahmad ' + token}).click();
        await page.locator('[data-field="assignment"]').waitFor();
        assert.match(await page.locator('[data-field="assignment"]').textContent(), /Satuan tugas: Satgas Penanganan Bencana Banjir/);
        await page.goBack();

        // "Akhiri" asks first, then ends Bayu's assignment
        await page.locator('.daftar-penugasan table').waitFor();
        await page.getByRole('button', {name: 'Akhiri penugasan Bayu ' + token}).click();
        await page.getByRole('button', {name: 'Ya, akhiri penugasan Bayu ' + token + ' hari ini'}).click();
        await page.getByText('Penugasan Bayu ' + token + ' diakhiri.').waitFor();
        await until(async () => await page.locator('.daftar-penugasan tr', {hasText: 'Bayu ' + token}).count() === 0,
                    'Bayu is back home');
        assert.equal(await page.locator('.daftar-penugasan tr', {hasText: 'Ahmad ' + token}).count(), 1);

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors');
    } finally {
        await context.close();
    }
});

test('profile: an admin posts one person to a task force and sees a refused future transfer', async () => {
    const {context, page} = await newPage(browser);
    const citra = nurses[2];
    try {
        await login(page, 'admin.dinkes');
        await page.goto(BASE + '/#/pegawai/' + citra.id);
        await page.getByRole('heading', {name: 'Citra ' + token}).waitFor();

        // Mutasi with a TMT in the future: the server's message shows under the TMT field
        const mutasi = page.locator('#form-mutasi');
        await mutasi.locator('summary').click();
        const mUnit = mutasi.getByLabel('Unit tujuan');
        await until(async () => await mUnit.locator('option').count() > 2, 'units loaded');
        const dinkesValue = await mUnit.evaluate((sel) =>
            [...sel.options].find((o) => o.textContent.trim() === 'Dinas Kesehatan').value);
        await mUnit.selectOption(dinkesValue);
        const mPos = mutasi.getByLabel('Jabatan tujuan');
        await until(async () => await mPos.locator('option').count() > 1, 'positions loaded');
        await mPos.selectOption({label: 'Pengelola Logistik ' + token});
        await mutasi.getByLabel('TMT').fill(day(3));
        await mutasi.getByLabel('Nomor SK').fill('821/' + token);
        await mutasi.getByLabel('Tanggal SK').fill(day(0));
        await mutasi.getByRole('button', {name: 'Simpan mutasi'}).click();
        await mutasi.getByText('TMT mutasi tidak boleh di masa depan').waitFor();

        // Penugasan sementara: a task force in the admin's own subtree
        const form = page.locator('#form-penugasan');
        await form.locator('summary').click();
        await form.getByLabel('Jenis penugasan').selectOption('satgas');
        const unit = form.getByLabel('Unit', {exact: true});
        await until(async () => await unit.locator('option').count() > 2, 'units loaded');
        const pkm = await unit.evaluate((sel) =>
            [...sel.options].find((o) => o.textContent.trim() === 'Puskesmas Kota Utara').value);
        await unit.selectOption(pkm);
        await form.getByLabel('Nama satuan tugas').fill('Satgas Vaksinasi ' + token);
        await form.getByLabel('Tanggal mulai').fill(day(0));
        await form.getByLabel('Tanggal selesai').fill(day(14));
        await form.getByLabel('Nomor SK').fill('800/' + token + '/DINKES');
        await form.getByLabel('Tanggal SK').fill(day(0));
        await form.getByRole('button', {name: 'Simpan penugasan'}).click();
        await page.getByText('Penugasan sementara tersimpan.').waitFor();
        await page.locator('[data-field="assignment"]').waitFor();
        assert.match(await page.locator('[data-field="assignment"]').textContent(),
                     /Satgas Vaksinasi .* di Puskesmas Kota Utara/);

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        // the browser logs the refused transfer's 422 as a console error: that one is expected
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) => !(
            p.kind === 'console' && /status of 422/.test(p.text) && /\/transfers$/.test(p.url))), [],
        'no console errors but the refused transfer');
    } finally {
        await context.close();
    }
});
