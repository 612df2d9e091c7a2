// Reports in the browser: admin.dinkes opens "DUK" from the menu, shows the DUK of Dinas
// Kesehatan (rows numbered from 1, nobody from DISDIK), downloads it as PDF through the page
// (a real file that starts with %PDF- and is named DUK-DINKES-<date>.pdf) and as XLSX (PK);
// "Formasi & Bezetting" shows the table with its total and an XLSX download; the employee
// search offers CSV and XLSX exports carrying the filters; the profile has "Unduh PDF";
// pegawai.dinkes sees neither report in the menu. No console errors or CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {BASE, launch, newPage, login, nav, until, cspViolations,
        unexpectedProblems} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function saved(download) {
    const file = await download.path();
    return fs.readFileSync(file);
}

test('admin.dinkes downloads the DUK of Dinas Kesehatan as PDF and XLSX', async () => {
    const {context, page} = await newPage(browser, {acceptDownloads: true});
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'DUK', exact: true}).click();
        await page.getByRole('heading', {name: 'Daftar Urut Kepangkatan (DUK)'}).waitFor();
        await until(async () => await page.getByLabel('Unit kerja (termasuk sub-unit)').locator('option').count() > 1,
                    'the unit list loaded');
        const dinkes = await page.getByLabel('Unit kerja (termasuk sub-unit)').evaluate((sel) =>
            [...sel.options].find((o) => o.textContent.trim() === 'Dinas Kesehatan').value);
        await page.getByLabel('Unit kerja (termasuk sub-unit)').selectOption(dinkes);
        await page.getByRole('button', {name: 'Tampilkan'}).click();
        const table = page.locator('.hasil-duk table');
        await table.waitFor();
        assert.equal(await table.locator('tbody tr td').first().textContent(), '1');
        assert.equal(await table.getByText('Dinas Pendidikan').count(), 0, 'nobody from DISDIK');

        const pdfLink = page.getByRole('group', {name: 'Unduh DUK'}).getByRole('link', {name: 'Unduh PDF'});
        assert.match(await pdfLink.getAttribute('href'), new RegExp(`unit_id=${dinkes}.*format=pdf|format=pdf.*unit_id=${dinkes}`));
        const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
        assert.match(pdf.suggestedFilename(), /^DUK-DINKES-\d{4}-\d{2}-\d{2}\.pdf$/);
        assert.equal((await saved(pdf)).subarray(0, 5).toString(), '%PDF-');

        const [xlsx] = await Promise.all([page.waitForEvent('download'),
            page.getByRole('group', {name: 'Unduh DUK'}).getByRole('link', {name: 'Unduh XLSX'}).click()]);
        assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
        assert.equal((await saved(xlsx)).subarray(0, 2).toString(), 'PK');

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors or page errors');
    } finally {
        await context.close();
    }
});

test('formasi, employee exports and the profile PDF button; pegawai sees no report menu', async () => {
    const {context, page} = await newPage(browser, {acceptDownloads: true});
    try {
        await login(page, 'pimpinan');
        await nav(page).getByRole('link', {name: 'Formasi & Bezetting'}).click();
        await page.getByRole('heading', {name: 'Formasi & Bezetting'}).waitFor();
        await page.locator('.hasil-formasi table').waitFor();
        assert.ok(await page.getByRole('row', {name: /Jumlah seluruhnya/}).isVisible());
        const [x] = await Promise.all([page.waitForEvent('download'),
            page.getByRole('link', {name: 'Unduh XLSX'}).click()]);
        assert.equal((await saved(x)).subarray(0, 2).toString(), 'PK');

        await page.goto(BASE + '/#/pegawai?q=a');
        await page.locator('.hasil-pegawai table').waitFor();
        const csvLink = page.getByRole('group', {name: 'Ekspor hasil pencarian'}).getByRole('link', {name: 'Unduh CSV'});
        assert.match(await csvLink.getAttribute('href'), /^\/api\/v1\/employees\?q=a&format=csv$/);
        const [csv] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
        const body = (await saved(csv)).toString('utf8');
        assert.ok(body.startsWith('\ufeffNIP,NIK,Nama'), 'CSV with BOM and header');

        await page.locator('.hasil-pegawai tbody a').first().click();
        const pdfLink = page.getByRole('link', {name: 'Unduh PDF'});
        await pdfLink.waitFor();
        const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
        assert.match(pdf.suggestedFilename(), /^riwayat-hidup-\d{18}\.pdf$/);
        assert.equal((await saved(pdf)).subarray(0, 5).toString(), '%PDF-');
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), []);
    } finally {
        await context.close();
    }

    const other = await newPage(browser);
    try {
        await login(other.page, 'pegawai.dinkes');
        assert.equal(await nav(other.page).getByRole('link', {name: 'DUK', exact: true}).count(), 0);
        assert.equal(await nav(other.page).getByRole('link', {name: 'Formasi & Bezetting'}).count(), 0);
    } finally {
        await other.context.close();
    }
});
