// Histories on the profile: admin.dinkes opens the profile of pegawai.dinkes's record (DINKES),
// switches to the Keluarga tab, sees the demo spouse, adds a child through the tab's form and
// sees it listed (name unique per run); a bad date shows under its field; pegawai.dinkes sees
// the own tabs without any add form; admin.dinkes records a predikat kinerja below the bar on
// the Kinerja tab and the profile shows the salary step postponed. No console errors or CSP
// violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {BASE, PASSWORD, launch, newPage, login, until, cspViolations,
        unexpectedProblems, apiAs} from './helpers.mjs';

let browser;
let empId;

before(async () => {
    browser = await launch();
    const res = await fetch(BASE + '/api/v1/auth/login', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({username: 'pegawai.dinkes', password: PASSWORD}),
    });
    assert.equal(res.status, 200);
    empId = (await res.json()).user.employee_id;
    assert.ok(empId > 0, 'pegawai.dinkes has a record');
});

after(async () => {
    await browser?.close();
});

test('admin.dinkes adds a child on the Keluarga tab and sees it listed', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes', PASSWORD);
        await page.goto(BASE + '/#/pegawai/' + empId);
        await page.getByRole('tab', {name: 'Pangkat'}).waitFor();
        await page.getByRole('tab', {name: 'Keluarga'}).click();
        const panel = page.locator('#panel-family');
        await until(async () => (await panel.locator('tbody tr').count()) > 0, 'the family rows load');
        assert.equal(await page.getByRole('tab', {name: 'Keluarga'}).getAttribute('aria-selected'), 'true');
        assert.match(await panel.textContent(), /Istri/, 'the demo spouse is listed');
        await panel.getByText('Tambah riwayat keluarga').click();
        const name = 'Anak Uji ' + Math.random().toString(36).slice(2, 8);
        await panel.getByLabel('Hubungan').selectOption('anak');
        await panel.getByLabel('Nama', {exact: true}).fill(name);
        await panel.getByLabel('Tanggal lahir').fill('2099-05-05');
        await panel.getByLabel('Jenis kelamin').selectOption('P');
        await panel.getByLabel('Status anak (anak)').selectOption('kandung');
        await panel.getByRole('button', {name: 'Simpan'}).click();
        await until(async () => /masa depan/.test(await panel.locator('#rw-family-birth_date-galat').textContent()),
                    'the future birth date is refused under its field');
        await panel.getByLabel('Tanggal lahir').fill('2015-05-05');
        await panel.getByRole('button', {name: 'Simpan'}).click();
        await until(async () => (await panel.getByRole('cell', {name}).count()) === 1, 'the new child is listed');
        assert.match(await panel.textContent(), /tersimpan/);
        assert.deepEqual(await cspViolations(page), []);
        // the refused POST is the one expected failed request
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) => !/status of 422/.test(p.text)), []);
    } finally {
        await context.close();
    }
});

test('pegawai.dinkes sees the own histories without an add form', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'pegawai.dinkes', PASSWORD);
        await page.goto(BASE + '/#/pegawai/' + empId);
        await page.getByRole('tab', {name: 'Diklat'}).click();
        const panel = page.locator('#panel-training');
        await until(async () => (await panel.locator('tbody tr').count()) > 0, 'the demo trainings load');
        assert.equal(await panel.getByText('Tambah riwayat diklat').count(), 0);
        await page.getByRole('tab', {name: 'Diklat'}).press('ArrowRight');
        assert.equal(await page.getByRole('tab', {name: 'Penghargaan'}).getAttribute('aria-selected'), 'true');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), []);
    } finally {
        await context.close();
    }
});

test('admin.dinkes records a predikat kinerja on the Kinerja tab; the profile shows the salary step postponed', async () => {
    const api = await apiAs('admin.dinkes');
    const rec = (await api('GET', '/employees/' + empId)).body;
    assert.ok(rec.salary_step_due_date, 'the record has a salary step');
    // the year the due step reads; when that year is still to come (the step is due in two
    // years), last year's: the year the step before it read, postponing that one a year
    const thisYear = new Date().getUTCFullYear();
    const readYear = Number(rec.salary_step_due_date.slice(0, 4)) - 1;
    const year = readYear <= thisYear ? readYear : thisYear - 1;
    assert.equal(rec.salary_step_postponed, false);
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes', PASSWORD);
        await page.goto(BASE + '/#/pegawai/' + empId);
        await page.getByRole('tab', {name: 'Kinerja'}).click();
        const panel = page.locator('#panel-kinerja');
        await until(async () => /Belum ada riwayat kinerja|Tahun/.test(await panel.textContent()), 'the tab loads');
        await panel.getByText('Tambah riwayat kinerja').click();
        await panel.getByLabel('Tahun penilaian').fill(String(year));
        await panel.getByLabel('Predikat kinerja').selectOption('3');
        await panel.getByLabel('Rating hasil kerja (bila ada)').selectOption('3');
        await panel.getByRole('button', {name: 'Simpan'}).click();
        await until(async () => (await panel.getByRole('cell', {name: 'Butuh Perbaikan'}).count()) === 1,
                    'the new appraisal is listed');
        assert.match(await panel.textContent(), /Di bawah ekspektasi/);
        const after = (await api('GET', '/employees/' + empId)).body;
        assert.equal(after.salary_step_postponed, true, JSON.stringify(after));
        assert.equal(after.salary_step_due_date.slice(0, 4), String(year + 1));
        await page.reload();
        await page.locator('[data-field="next_salary_step_date"]').waitFor();
        assert.match(await page.locator('[data-field="salary_step_postponed"]').textContent(),
                     new RegExp('Ditunda .*tahun ' + year));
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), []);
    } finally {
        await context.close();
    }
});
