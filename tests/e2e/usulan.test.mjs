// Self-service proposal in the browser: pegawai.dinkes opens "Data saya", proposes a new
// address with a PDF as evidence; the record keeps the old address while the proposal waits;
// admin.dinkes opens "Verifikasi", sees the current and the proposed address side by side and
// approves; pegawai.dinkes then sees the new address and the proposal marked approved. Then a
// newborn child proposed from the "Usulkan anggota keluarga" form with the birth certificate:
// the verifier reads it field by field, approves, and the child is in the family history. No
// console errors or CSP violations on the way.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {launch, newPage, login, nav, until, cspViolations, unexpectedProblems} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const address = 'Jl. Sisingamangaraja No. ' + (100 + Math.floor(Math.random() * 900)) + ', Medan';
const PDF = Buffer.from('%PDF-1.4\n% bukti domisili ' + Date.now() + '\n');

async function clean(page) {
    assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
    assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors or page errors');
}

test('pegawai.dinkes proposes a new address, admin.dinkes approves, the record shows it', async () => {
    let old;
    const p1 = await newPage(browser);
    try {
        const {page} = p1;
        await login(page, 'pegawai.dinkes');
        await nav(page).getByRole('link', {name: 'Data saya', exact: true}).click();
        await page.getByRole('heading', {name: 'Ajukan perubahan'}).waitFor();
        await page.locator('[data-field="address"]').waitFor();
        old = (await page.locator('[data-field="address"]').textContent()).trim();
        assert.notEqual(old, address);
        await page.getByLabel('Alamat', {exact: true}).fill(address);
        await page.getByLabel('Bukti pendukung (opsional)').setInputFiles(
            {name: 'bukti-domisili.pdf', mimeType: 'application/pdf', buffer: PDF});
        await page.getByRole('button', {name: 'Ajukan perubahan'}).click();
        await page.getByText('Usulan terkirim.', {exact: false}).waitFor();
        const item = page.locator('[data-usulan]').filter({hasText: address});
        await item.waitFor();
        assert.equal((await item.locator('[data-field="status"]').textContent()).trim(), 'Menunggu verifikasi');
        await page.reload();
        await page.locator('[data-field="address"]').waitFor();
        assert.equal((await page.locator('[data-field="address"]').textContent()).trim(), old,
                     'the record changed before approval');
        await clean(page);
    } finally {
        await p1.context.close();
    }

    const p2 = await newPage(browser);
    try {
        const {page} = p2;
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Verifikasi', exact: true}).click();
        await page.getByRole('heading', {name: 'Verifikasi usulan'}).waitFor();
        const item = page.locator('[data-usulan]').filter({hasText: address});
        await item.waitFor();
        const row = item.locator('tr[data-kolom="address"]');
        assert.equal((await row.locator('[data-field="proposed"]').textContent()).trim(), address);
        assert.equal((await row.locator('[data-field="current"]').textContent()).trim(), old);
        assert.ok(await item.getByRole('link', {name: /^dokumen \d+$/}).isVisible(), 'evidence linked');
        await item.getByRole('button', {name: 'Setujui'}).click();
        await page.getByText('Usulan disetujui', {exact: false}).waitFor();
        await until(async () => await page.locator('[data-usulan]').filter({hasText: address}).count() === 0,
                    'the approved proposal left the queue');
        await clean(page);
    } finally {
        await p2.context.close();
    }

    const p3 = await newPage(browser);
    try {
        const {page} = p3;
        await login(page, 'pegawai.dinkes');
        await nav(page).getByRole('link', {name: 'Data saya', exact: true}).click();
        await page.locator('[data-field="address"]').waitFor();
        await until(async () => (await page.locator('[data-field="address"]').textContent()).trim() === address,
                    'the new address is in the record');
        const item = page.locator('[data-usulan]').filter({hasText: address});
        await item.waitFor();
        assert.equal((await item.locator('[data-field="status"]').textContent()).trim(), 'Disetujui');
        await clean(page);
    } finally {
        await p3.context.close();
    }
});

test('pegawai.dinkes proposes a newborn child, admin.dinkes approves, the family history has it', async () => {
    const name = 'Putri Usulan ' + (1000 + Math.floor(Math.random() * 9000));
    const born = new Date(Date.now() - 40 * 86400 * 1000).toISOString().slice(0, 10);
    const p1 = await newPage(browser);
    try {
        const {page} = p1;
        await login(page, 'pegawai.dinkes');
        await nav(page).getByRole('link', {name: 'Data saya', exact: true}).click();
        const box = page.locator('details[data-usul="family"]');
        await box.locator('summary').click();
        await box.getByLabel('Hubungan').selectOption('anak');
        await box.getByLabel('Nama', {exact: true}).fill(name);
        await box.getByLabel('Tanggal lahir').fill(born);
        await box.getByLabel('Jenis kelamin').selectOption('P');
        await box.getByLabel('Status anak (anak)').selectOption('kandung');
        await box.getByLabel('Masuk tunjangan keluarga').selectOption('1');
        await box.getByLabel(/^Bukti/).setInputFiles(
            {name: 'akta-kelahiran.pdf', mimeType: 'application/pdf', buffer: PDF});
        await box.getByRole('button', {name: 'Ajukan usulan'}).click();
        await box.getByText('Usulan terkirim.', {exact: false}).waitFor();
        const item = page.locator('[data-usulan][data-kind="family"]').filter({hasText: name});
        await item.waitFor();
        assert.match(await item.textContent(), /Anggota keluarga baru/);
        assert.equal((await item.locator('[data-field="status"]').textContent()).trim(), 'Menunggu verifikasi');
        await clean(page);
    } finally {
        await p1.context.close();
    }

    const p2 = await newPage(browser);
    try {
        const {page} = p2;
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Verifikasi', exact: true}).click();
        const item = page.locator('[data-usulan]').filter({hasText: name});
        await item.waitFor();
        const text = await item.textContent();
        for (const want of ['Anggota keluarga baru', 'Hubungan', 'Anak', 'Perempuan', 'kandung'])
            assert.ok(text.includes(want), `the verifier reads "${want}"`);
        await item.getByRole('button', {name: 'Setujui'}).click();
        await page.getByText('Usulan disetujui', {exact: false}).waitFor();
        await clean(page);
    } finally {
        await p2.context.close();
    }

    const p3 = await newPage(browser);
    try {
        const {page} = p3;
        await login(page, 'pegawai.dinkes');
        await nav(page).getByRole('link', {name: 'Data saya', exact: true}).click();
        await page.getByRole('tab', {name: 'Keluarga'}).click();
        await page.locator('#panel-keluarga, #panel-family').getByText(name).waitFor();
        const item = page.locator('[data-usulan]').filter({hasText: name});
        assert.equal((await item.locator('[data-field="status"]').textContent()).trim(), 'Disetujui');
        await clean(page);
    } finally {
        await p3.context.close();
    }
});
