// Impor pegawai: admin.dinkes uploads a CSV file with one bad row (an invalid NIK), the dry run
// shows it in the error table (line, column, message) and nothing is saved; the corrected text
// pasted instead imports both rows, the success message gives the count, and the employee
// search finds them. Names and NIPs are random per run (the suite may run twice on one
// database). No console errors, no CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {BASE, PASSWORD, launch, newPage, login, nav, until, cspViolations,
        unexpectedProblems} from './helpers.mjs';

let browser;
let token;
let positionName;
const seq = 1 + Math.floor(Math.random() * 998); // this run's two NIP sequences: seq, seq + 1

const letters = (n) => Array.from({length: n}, () =>
    'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');

before(async () => {
    browser = await launch();
    const res = await fetch(BASE + '/api/v1/auth/login', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({username: 'admin.dinkes', password: PASSWORD}),
    });
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const {csrf_token: csrf, user} = await res.json();
    token = 'Impor' + letters(6);
    positionName = 'Pengadministrasi ' + token;
    const pos = await fetch(BASE + '/api/v1/positions', {
        method: 'POST',
        headers: {Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json'},
        body: JSON.stringify({unit_id: user.unit_id, name: positionName, kind: 'pelaksana', kelas_jabatan: 6}),
    });
    assert.equal(pos.status, 201, await pos.text());
});
after(async () => { await browser?.close(); });

// Born 1991-05-31 (a day the demo data never uses), TMT CPNS 2016-01, a man.
function csv(badNik) {
    const rows = [0, 1].map((i) => {
        const s = String(seq + i).padStart(3, '0');
        const nik = i === 1 && badNik ? '12345' : '1275013105910' + s;
        return ['199105312016011' + s, nik, `"Pegawai ${token} ${i + 1}, S.E."`, 'Medan', '1991-05-31',
                'L', 'PNS', 'DINKES', 'III/a', '2020-01-01', positionName].join(';');
    });
    return '\ufeffnip;nik;name;birth_place;birth_date;gender;status;unit;golongan;tmt_golongan;position\r\n' +
        rows.join('\r\n') + '\r\n';
}

test('a file with one bad row: the error table; fixed and imported; found in the search', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Impor Pegawai', exact: true}).click();
        await page.getByRole('heading', {name: 'Impor Pegawai', exact: true}).waitFor();

        await page.getByLabel('Berkas CSV').setInputFiles({
            name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(true)),
        });
        await page.getByRole('button', {name: 'Periksa (uji coba)'}).click();
        const table = page.getByRole('table', {name: /Baris yang salah/});
        await table.waitFor();
        const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
        assert.equal(cells[0], '3', 'the line of the bad row (the header is line 1)');
        assert.equal(cells[1], 'NIK (nik)');
        assert.ok(cells[2].length > 5, 'a message: ' + cells[2]);
        assert.equal(await table.locator('tbody tr').count(), 1, 'only the bad row');
        await page.locator('[aria-live="polite"]').getByText(/Uji coba: 1 galat pada 2 baris data/).waitFor();

        // "Impor" of the same file is refused as a whole; the chosen file stays for the next try
        await page.getByRole('button', {name: 'Impor', exact: true}).click();
        await page.getByText(/Impor dibatalkan: 1 galat/).waitFor();
        assert.equal(await page.getByLabel('Berkas CSV').evaluate((el) => el.files.length), 1, 'the file stays');

        // the corrected text, pasted instead of the file
        await page.getByLabel('Berkas CSV').setInputFiles([]);
        await page.getByLabel('Atau tempel isi CSV di sini').fill(csv(false));
        await page.getByRole('button', {name: 'Periksa (uji coba)'}).click();
        await page.getByText(/Uji coba berhasil: 2 baris data benar semua/).waitFor();
        assert.equal(await page.getByRole('table', {name: /Baris yang salah/}).count(), 0);
        await page.getByRole('button', {name: 'Impor', exact: true}).click();
        await page.getByText('Impor berhasil: 2 pegawai ditambahkan.').waitFor();
        assert.equal(await page.getByLabel('Atau tempel isi CSV di sini').inputValue(), '', 'the form is cleared');

        await page.getByRole('link', {name: 'Lihat daftar pegawai'}).click();
        await page.getByRole('heading', {name: 'Pegawai', exact: true}).waitFor();
        await page.getByLabel('Nama atau NIP').fill(token);
        await page.getByLabel('Nama atau NIP').press('Enter');
        await page.locator('.hasil-pegawai table').waitFor();
        await until(async () => (await page.locator('.jumlah-hasil').textContent()) ===
                    'Menampilkan 1–2 dari 2 pegawai', 'both imported employees are found');
        assert.ok(await page.getByText(`Pegawai ${token} 1, S.E.`).isVisible());

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors');
    } finally {
        await context.close();
    }
});
