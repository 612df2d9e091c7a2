// Impor SIASN (#/siasn): bkpsdm uploads a made-up "Export Data ASN" file of two people, the dry
// run reports two new employees and writes nothing, the import creates them; a second file
// with a changed name lists the difference (not overwritten), and "Ambil SIASN" in the
// reconciliation takes it. NIPs are random per run (the suite may run twice on one database).
// No console errors, no CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {launch, newPage, login, nav, cspViolations, unexpectedProblems, apiAs} from './helpers.mjs';

let browser;
const seq = 1 + Math.floor(Math.random() * 997);
const HEADER = 'pns_id;nip_baru;nama;tempat_lahir_nama;tanggal_lahir;jenis_kelamin;nik;' +
    'gol_akhir_id;tmt_golongan;jabatan_nama;unor_id;unor_nama';

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Born 31 October 1987, CPNS May 2012, men; the unit is new to Abdi.
function nip(i) {
    return '198710312012051' + String(seq + i).padStart(3, '0');
}
function csv(firstName) {
    const rows = [0, 1].map((i) => [
        `E2E-${nip(i)}`, `'${nip(i)}`, i === 0 ? firstName : `PESERTA E2E ${seq + i}`, 'Medan',
        '31-10-1987', 'M', '127501311087' + String(seq + i).padStart(4, '0'), '31', '01-06-2016',
        'Pengelola Uji E2E', 'E2E-UNOR-1', 'Bidang Uji E2E'].join(';'));
    return '\ufeff' + HEADER + '\r\n' + rows.join('\r\n') + '\r\n';
}

test('dry run, import, a changed name listed and taken from SIASN', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'bkpsdm');
        await nav(page).getByRole('link', {name: 'Impor SIASN', exact: true}).click();
        await page.getByRole('heading', {name: 'Impor SIASN', exact: true}).waitFor();
        const file = page.getByLabel('Berkas Export Data ASN (CSV)');
        await file.setInputFiles({name: 'siasn.csv', mimeType: 'text/csv',
                                  buffer: Buffer.from(csv(`PESERTA E2E ${seq}`))});
        await page.getByRole('button', {name: 'Periksa (uji coba)'}).click();
        await page.getByText(/Uji coba berhasil: 2 baris data benar semua\. Bila diimpor: 2 pegawai baru/).waitFor();
        const api = await apiAs('bkpsdm');
        const found = await api('GET', `/employees?q=${nip(0)}`);
        assert.equal(found.body.total, 0, 'the dry run wrote nothing');

        await page.getByRole('button', {name: 'Impor', exact: true}).click();
        await page.getByText(/Impor berhasil: 2 pegawai baru/).waitFor();
        assert.equal(await file.evaluate((el) => el.files.length), 0, 'an import that wrote clears the form');
        assert.equal((await api('GET', `/employees?q=${nip(0)}`)).body.total, 1);

        await file.setInputFiles({name: 'siasn.csv', mimeType: 'text/csv',
                                  buffer: Buffer.from(csv(`PESERTA E2E BARU ${seq}`))});
        await page.getByRole('button', {name: 'Impor', exact: true}).click();
        await page.getByText(/Impor berhasil: 0 pegawai baru, 0 diperbarui, 1 tetap, 1 berbeda/).waitFor();
        await page.getByRole('table', {name: /Perbedaan \(tidak ditimpa/}).waitFor();

        await page.getByLabel('Saring NIP').fill(nip(0));
        await page.getByLabel('Saring NIP').press('Enter');
        const take = page.getByRole('button', {name: `Ambil nilai SIASN untuk Nama ${nip(0)}`});
        await take.waitFor();
        await take.click();
        await page.getByText(`Nama ${nip(0)}: nilai SIASN diambil.`).waitFor();
        await page.getByText('Tidak ada perbedaan yang menunggu keputusan.').waitFor();
        const rec = await api('GET', `/employees?q=${nip(0)}`);
        assert.equal(rec.body.items[0].name, `PESERTA E2E BARU ${seq}`);

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors');
    } finally {
        await context.close();
    }
});
