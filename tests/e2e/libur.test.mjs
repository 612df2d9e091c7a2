// Hari libur (#/libur): bkpsdm opens the page from the menu, counts the working days of Dinas
// Kesehatan for a week of June 2032 (5), adds a holiday on its Wednesday through the form, sees
// it in the year's list and the count drop to 4, deletes it again (the count is back to 5);
// a CSV dry run with a bad row shows the row's line and writes nothing; admin.dinkes sees the
// list and the calculator but no add form. No console errors or CSP violations. The holiday's
// name is random per run and an `after` removes it through the API if the test failed midway.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {apiAs, cspViolations, findUnit, launch, login, nav, newPage, unexpectedProblems} from './helpers.mjs';

let browser;
let call;
let dinkes;
const name = 'Libur Uji ' + Math.random().toString(36).slice(2, 8);

before(async () => {
    browser = await launch();
    call = await apiAs('bkpsdm');
    dinkes = findUnit((await call('GET', '/units')).body.items, 'DINKES');
    assert.ok(dinkes, 'demo unit DINKES exists');
});

after(async () => {
    await call('DELETE', '/ramadan/2032');
    const list = await call('GET', '/holidays?year=2032');
    for (const x of list.body.items.filter((i) => i.name === name))
        await call('DELETE', '/holidays/' + x.id);
    await browser?.close();
});

async function count(page) {
    const answer = page.locator('#hasil-hari-kerja');
    await page.getByLabel('Unit kerja').selectOption(String(dinkes.id));
    await page.getByLabel('Dari tanggal').fill('2032-06-07');
    await page.getByLabel('Sampai tanggal').fill('2032-06-11');
    await page.getByRole('button', {name: 'Hitung', exact: true}).click();
    await answer.getByText(/hari kerja dari 7 Juni 2032 sampai 11 Juni 2032/).waitFor();
    return Number(await answer.getAttribute('data-hari-kerja'));
}

test('bkpsdm adds a holiday and the working-day count drops by one', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'bkpsdm');
        await nav(page).getByRole('link', {name: 'Hari libur', exact: true}).click();
        await page.getByRole('heading', {name: 'Hari Libur', exact: true}).waitFor();
        await page.getByRole('option', {name: /Dinas Kesehatan/}).first().waitFor({state: 'attached'});
        assert.equal(await count(page), 5, 'Mon 7 .. Fri 11 June 2032 before the holiday');

        await page.getByLabel('Tanggal', {exact: true}).fill('2032-06-09');
        await page.getByLabel('Nama hari libur').fill(name);
        await page.getByRole('checkbox', {name: /Cuti bersama/}).check();
        await page.getByRole('button', {name: 'Simpan', exact: true}).click();
        await page.getByText(`${name} (9 Juni 2032) disimpan.`).waitFor();
        // the same date again: the server's 409 at the form
        await page.getByLabel('Nama hari libur').fill(name + ' lagi');
        await page.getByRole('button', {name: 'Simpan', exact: true}).click();
        await page.getByText('Tanggal ini sudah terdaftar sebagai hari libur').waitFor();

        assert.equal(await count(page), 4, 'the new holiday is one working day less');

        await page.getByLabel('Tahun', {exact: true}).fill('2032');
        await page.getByRole('button', {name: 'Tampilkan', exact: true}).click();
        const row = page.locator('tr[data-date="2032-06-09"]');
        await row.waitFor();
        assert.match(await row.textContent(), /Rabu/);
        assert.match(await row.textContent(), /Cuti bersama/);
        await row.getByRole('button', {name: /^Hapus/}).click();
        await row.getByRole('button', {name: /^Yakin hapus/}).click();
        await page.getByText(`${name} (9 Juni 2032) dihapus.`).waitFor();
        await row.waitFor({state: 'detached'});
        assert.equal(await count(page), 5, 'deleted: the count is back');

        // import: a dry run with a bad row names its line; nothing is written
        const pasted = `date,name,collective\n2032-06-10,${name},0\n2032-02-30,Salah,0\n`;
        await page.getByLabel('Atau tempel isi CSV di sini').fill(pasted);
        await page.getByRole('button', {name: 'Periksa (uji coba)'}).click();
        await page.getByText(/Uji coba: 1 galat pada 2 baris data/).waitFor();
        assert.equal(await page.getByLabel('Atau tempel isi CSV di sini').inputValue(), pasted, 'the text stays');
        const bad = page.locator('.tabel-impor tbody tr');
        assert.equal(await bad.count(), 1);
        assert.match(await bad.first().textContent(), /^3date/);
        assert.equal((await call('GET', '/holidays?year=2032')).body.items.filter((i) => i.name === name).length, 0);

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) => !/status of 409/.test(p.text)), [],
                         'no console errors other than the expected 409');
    } finally {
        await context.close();
    }
});

test('bkpsdm sets the Ramadan period of a year; a wrong end date is named at the field', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'bkpsdm');
        await nav(page).getByRole('link', {name: 'Hari libur', exact: true}).click();
        await page.getByRole('heading', {name: 'Hari Libur', exact: true}).waitFor();
        await page.getByLabel('Tahun', {exact: true}).fill('2032');
        await page.getByRole('button', {name: 'Tampilkan', exact: true}).click();
        await page.getByRole('heading', {name: 'Jam kerja Ramadan 2032'}).waitFor();
        await page.getByText('Periode Ramadan 2032 belum diatur').waitFor();
        await page.getByLabel('Awal Ramadan').fill('2032-01-12');
        await page.getByLabel('Akhir Ramadan').fill('2032-01-05');
        await page.getByRole('button', {name: 'Simpan periode Ramadan'}).click();
        await page.getByText('Tanggal akhir tidak boleh sebelum tanggal awal').waitFor();
        assert.equal((await call('GET', '/ramadan?year=2032')).body.start_date, null, 'nothing saved');
        await page.getByLabel('Akhir Ramadan').fill('2032-02-10');
        await page.getByRole('button', {name: 'Simpan periode Ramadan'}).click();
        await page.getByText('Periode Ramadan disimpan.').waitFor();
        await page.getByText(/Ramadan 2032: 12 Januari 2032 s\.d\. 10 Februari 2032/).waitFor();
        assert.equal((await call('GET', '/ramadan?year=2032')).body.end_date, '2032-02-10');
        await page.getByRole('button', {name: 'Hapus periode Ramadan'}).click();
        await page.getByText('Periode Ramadan dihapus.').waitFor();
        assert.equal((await call('GET', '/ramadan?year=2032')).body.start_date, null);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) => !/status of 422/.test(p.text)), [],
                         'no console errors other than the expected 422');
    } finally {
        await context.close();
    }
});

test('admin.dinkes reads the list and counts, but has no add form', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Hari libur', exact: true}).click();
        await page.getByRole('heading', {name: 'Hari Libur', exact: true}).waitFor();
        await page.getByRole('heading', {name: 'Hitung hari kerja'}).waitFor();
        assert.equal(await page.getByRole('heading', {name: 'Tambah hari libur'}).count(), 0);
        assert.equal(await page.getByRole('heading', {name: 'Impor dari CSV'}).count(), 0);
        await page.getByRole('option', {name: /Dinas Kesehatan/}).first().waitFor({state: 'attached'});
        assert.equal(await count(page), 5);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors');
    } finally {
        await context.close();
    }
});
