// Referensi SIASN (#/referensi): bkpsdm opens the page from the menu, picks the jenis diklat
// list and finds "Bimbingan Teknis" with its code 8, searches a golongan; a dry run of a
// jabatan_fungsional file with a bad row shows its line and column and writes nothing; the
// export links for Dinas Kesehatan with sub-units point at the three SIASN exports and answer
// CSV. admin.dinkes sees the lists and the exports but no import form. No console errors, no
// CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {apiAs, cspViolations, findUnit, launch, login, nav, newPage, unexpectedProblems} from './helpers.mjs';

let browser;
let call;
let dinkes;

before(async () => {
    browser = await launch();
    call = await apiAs('bkpsdm');
    dinkes = findUnit((await call('GET', '/units')).body.items, 'DINKES');
    assert.ok(dinkes, 'demo unit DINKES exists');
});
after(async () => { await browser?.close(); });

test('bkpsdm browses a list, dry-runs an import and gets the SIASN export links', async () => {
    const {context, page} = await newPage(browser);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'referensi-'));
    try {
        await login(page, 'bkpsdm');
        await nav(page).getByRole('link', {name: 'Referensi SIASN', exact: true}).click();
        await page.getByRole('heading', {name: 'Referensi SIASN', exact: true}).waitFor();
        await page.getByLabel('Daftar', {exact: true}).selectOption('jenis_diklat');
        const row = page.getByRole('row', {name: /Bimbingan Teknis/});
        await row.waitFor();
        assert.match(await row.textContent(), /^8Bimbingan Teknis/);
        await page.getByLabel('Daftar', {exact: true}).selectOption('golongan');
        await page.getByLabel('Cari kode atau nama').fill('IV/e');
        await page.getByText('Golongan PNS: 1 kode').waitFor();
        const rows = page.locator('tbody tr');
        assert.equal(await rows.count(), 1);
        assert.equal(await rows.first().textContent(), '45IV/ePembina Utama');

        const before = (await call('GET', '/references/jabatan_fungsional')).body.total;
        const file = path.join(tmp, 'jf.csv');
        fs.writeFileSync(file, 'id,nama,bup\nE2E1,Dokter Uji,60\nE2E2,Perawat Uji,99\n');
        await page.getByLabel('Daftar yang diimpor').selectOption('jabatan_fungsional');
        await page.getByLabel('Berkas CSV').setInputFiles(file);
        await page.getByRole('button', {name: 'Periksa (uji coba)'}).click();
        await page.getByText(/1 galat pada 2 baris/).waitFor();
        const bad = page.locator('.tabel-impor tbody tr');
        assert.equal(await bad.count(), 1);
        assert.match(await bad.first().textContent(), /^3bup/);
        assert.equal((await call('GET', '/references/jabatan_fungsional')).body.total, before);

        await page.getByLabel('Unit', {exact: true}).selectOption(String(dinkes.id));
        const links = page.locator('.tombol-unduh a');
        assert.equal(await links.count(), 3);
        const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.deepEqual(hrefs, ['rank-history', 'position-history', 'training-history'].map((k) =>
            `/api/v1/exports/siasn/${k}?unit_id=${dinkes.id}&sub=true`));
        const csv = await page.evaluate(async (u) => (await fetch(u)).text(), hrefs[0]);
        assert.match(csv, /^\ufeff?id,pns_id,nip_baru,nama,golongan_id,/);

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors');
    } finally {
        fs.rmSync(tmp, {recursive: true, force: true});
        await context.close();
    }
});

test('admin.dinkes reads the lists and exports but has no import form', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Referensi SIASN', exact: true}).click();
        await page.getByRole('heading', {name: 'Ekspor format SIASN'}).waitFor();
        await page.getByRole('cell', {name: 'I/a', exact: true}).waitFor();
        assert.equal(await page.locator('tbody tr').first().textContent(), '11I/aJuru Muda');
        assert.equal(await page.getByRole('heading', {name: 'Impor daftar besar'}).count(), 0);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors');
    } finally {
        await context.close();
    }
});
