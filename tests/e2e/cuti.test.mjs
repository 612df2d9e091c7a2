// Leave (cuti) in the browser, the scenario of issue 4: pegawai.dinkes opens "Cuti saya",
// notes the annual balance, asks for 3 working days through "Ajukan cuti" (the form counts 3
// working days and shows the balance after the request before sending), atasan.dinkes
// approves it from "Persetujuan cuti" in one click, the authorised official (whoever the
// chain names: found through the inbox of the demo accounts) approves it, and the employee
// sees it approved, downloads the letter (a real PDF: %PDF-, more than 2 KB, named after the
// NIP) and sees the balance drop by exactly 3. Then the unit leave calendar of atasan.dinkes
// lists the leave. No console errors or CSP violations on any page.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {launch, newPage, login, logout, nav, until, apiAs, cspViolations,
        unexpectedProblems} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const iso = (d) => d.toISOString().slice(0, 10);

// A Monday at least 14 days ahead whose Wednesday is in the same year (3 working days in a
// row, Monday to Wednesday), preferring this year. The API's dry run confirms it below.
function mondayAhead(offsetWeeks = 0) {
    const d = new Date();
    d.setUTCHours(0, 0, 0, 0);
    d.setUTCDate(d.getUTCDate() + 14 + 7 * offsetWeeks);
    while (d.getUTCDay() !== 1)
        d.setUTCDate(d.getUTCDate() + 1);
    const wed = new Date(d);
    wed.setUTCDate(d.getUTCDate() + 2);
    return [iso(d), iso(wed)];
}

async function clean(page) {
    assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
    assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [], 'no console errors or page errors');
}

async function available(page) {
    const el = page.locator('[data-field="available"]');
    await el.waitFor();
    return parseInt(await el.textContent(), 10);
}

test('pegawai asks for 3 days, atasan and the official approve, the letter downloads, the balance drops by 3', async () => {
    const pegawai = await apiAs('pegawai.dinkes');
    const meRes = await pegawai('GET', '/auth/me');
    const me = meRes.body.user || meRes.body;
    assert.ok(me.employee_id, 'pegawai.dinkes has an employee record');
    // dates the server accepts for this employee (a dry run writes nothing)
    let start, end;
    for (let w = 0; w < 8 && !start; w++) {
        const [s, e] = mondayAhead(w);
        const dry = await pegawai('POST', '/leave-requests?dry_run=true', {
            type: 'tahunan', start_date: s, end_date: e, reason: 'Uji', address: 'Jl. Uji 1', phone: '081234567890'});
        if (dry.status === 200 && dry.body.working_days === 3)
            [start, end] = [s, e];
    }
    assert.ok(start, 'a Monday–Wednesday the server counts as 3 working days');
    const year = start.slice(0, 4);
    const sameYear = year === String(new Date().getFullYear());
    const before = (await pegawai('GET', `/leave-balances/${me.employee_id}?year=${year}`)).body;
    assert.ok(before.available >= 3, 'enough balance: ' + JSON.stringify(before));

    // 1. the employee files the request through the form
    let id;
    {
        const {context, page} = await newPage(browser);
        try {
            await login(page, 'pegawai.dinkes');
            await nav(page).getByRole('link', {name: 'Cuti saya', exact: true}).click();
            await page.getByRole('heading', {name: 'Cuti saya', exact: true}).waitFor();
            if (sameYear)
                assert.equal(await available(page), before.available, 'Cuti saya shows the balance');
            await page.getByRole('link', {name: 'Ajukan cuti'}).click();
            await page.getByRole('heading', {name: 'Ajukan cuti', exact: true}).waitFor();
            await page.getByLabel('Jenis cuti').selectOption('tahunan');
            await page.getByLabel('Alasan cuti').fill('Menghadiri pernikahan saudara');
            await page.getByLabel('Alamat selama menjalankan cuti').fill('Jl. Sisingamangaraja No. 10, Medan');
            await page.getByLabel('Nomor telepon yang dapat dihubungi').fill('081234567890');
            await page.getByLabel('Tanggal mulai').fill(start);
            await page.getByLabel('Tanggal selesai').fill(end);
            const box = page.locator('#hitung-cuti');
            await until(async () => (await box.locator('[data-field="working_days"]').textContent()) === '3',
                        'the form counts 3 working days');
            await until(async () => (await box.locator('[data-field="available_after"]').count()) === 1 &&
                                    parseInt(await box.locator('[data-field="available_after"]').textContent(), 10) ===
                                    before.available - 3,
                        'the form shows the balance after the request');
            const [resp] = await Promise.all([
                page.waitForResponse((r) => r.url().endsWith('/api/v1/leave-requests') && r.request().method() === 'POST'),
                page.getByRole('button', {name: 'Ajukan', exact: true}).click(),
            ]);
            assert.equal(resp.status(), 201);
            id = (await resp.json()).id;
            await page.getByRole('heading', {name: 'Permohonan cuti', exact: true}).waitFor();
            await page.locator(`[data-cuti="${id}"] [data-status="pending_supervisor"]`).waitFor();
            await page.getByText('Permohonan cuti diajukan: 3 hari kerja').waitFor();
            await clean(page);
            await logout(page);
        } finally {
            await context.close();
        }
    }

    // 2. the direct supervisor approves in one click from the inbox
    {
        const {context, page} = await newPage(browser);
        try {
            await login(page, 'atasan.dinkes');
            await nav(page).getByRole('link', {name: 'Persetujuan cuti', exact: true}).click();
            await page.getByRole('heading', {name: 'Persetujuan cuti', exact: true}).waitFor();
            const card = page.locator(`li[data-cuti="${id}"]`);
            await card.waitFor();
            await card.getByText('Menghadiri pernikahan saudara').waitFor();
            await card.getByRole('button', {name: 'Setujui'}).click();
            await page.getByText(/Cuti .* disetujui/).waitFor();
            await until(async () => (await page.locator(`li[data-cuti="${id}"]`).count()) === 0,
                        'the request left the inbox');
            await clean(page);
        } finally {
            await context.close();
        }
    }
    const afterSupervisor = (await pegawai('GET', `/leave-requests/${id}`)).body;
    assert.equal(afterSupervisor.status, 'pending_official', JSON.stringify(afterSupervisor));

    // 3. the authorised official: the demo account whose inbox holds the request
    let official = null;
    for (const u of ['pimpinan', 'bkpsdm', 'admin.dinkes', 'atasan.dinkes']) {
        const inbox = await (await apiAs(u))('GET', '/leave-requests?inbox=true&per_page=200');
        if (inbox.status === 200 && inbox.body.items.some((r) => r.id === id)) {
            official = u;
            break;
        }
    }
    assert.ok(official, 'a demo account must decide next: ' + JSON.stringify(afterSupervisor.approver));
    {
        const {context, page} = await newPage(browser);
        try {
            await login(page, official);
            await page.goto(page.url().replace(/#.*$/, '') + '#/cuti/persetujuan');
            await page.getByRole('heading', {name: 'Persetujuan cuti', exact: true}).waitFor();
            const card = page.locator(`li[data-cuti="${id}"]`);
            await card.waitFor();
            await card.getByRole('button', {name: 'Setujui'}).click();
            await page.getByText(/Cuti .* disetujui\.$/).waitFor();
            await clean(page);
        } finally {
            await context.close();
        }
    }

    // 4. the employee sees it approved, downloads the letter, and the balance is 3 lower
    {
        const {context, page} = await newPage(browser, {acceptDownloads: true});
        try {
            await login(page, 'pegawai.dinkes');
            await nav(page).getByRole('link', {name: 'Cuti saya', exact: true}).click();
            const item = page.locator(`li[data-cuti="${id}"]`);
            await item.locator('[data-status="approved"]').waitFor();
            if (sameYear)
                await until(async () => await available(page) === before.available - 3, 'the balance dropped by 3');
            const link = item.getByRole('link', {name: 'Unduh surat izin cuti (PDF)'});
            const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
            assert.match(dl.suggestedFilename(), new RegExp(`^surat-izin-cuti-\\d{18}-${id}\\.pdf$`));
            const pdf = fs.readFileSync(await dl.path());
            assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
            assert.ok(pdf.length > 2000, 'a real letter, not an error body: ' + pdf.length + ' bytes');
            assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF/);
            await clean(page);
        } finally {
            await context.close();
        }
    }
    const after = (await pegawai('GET', `/leave-balances/${me.employee_id}?year=${year}`)).body;
    assert.equal(after.available, before.available - 3);
    assert.equal(after.taken, before.taken + 3);

    // 5. the unit leave calendar of the supervisor lists it
    {
        const {context, page} = await newPage(browser);
        try {
            await login(page, 'atasan.dinkes');
            await nav(page).getByRole('link', {name: 'Kalender cuti', exact: true}).click();
            await page.getByRole('heading', {name: 'Kalender cuti', exact: true}).waitFor();
            await page.getByLabel('Bulan', {exact: true}).fill(start.slice(0, 7));
            await page.getByRole('button', {name: 'Tampilkan'}).click();
            const row = page.locator(`tr[data-cuti="${id}"]`);
            await row.waitFor();
            await row.locator('[data-status="approved"]').waitFor();
            assert.equal(await page.locator(`tr[data-date="${start}"] [data-field="away"]`).textContent(), '1');
            await clean(page);
        } finally {
            await context.close();
        }
    }
});

// A 3-working-day annual leave request of pegawai.dinkes pending with atasan.dinkes, Monday to
// Wednesday of the first of 10 weeks from `fromWeek` that has no holiday in it (others cancelled).
async function threeDayRequest(pegawai, fromWeek, reason) {
    let r = null;
    for (let w = fromWeek; w < fromWeek + 10 && !r; w++) {
        const [s, e] = mondayAhead(w);
        const res = await pegawai('POST', '/leave-requests', {
            type: 'tahunan', start_date: s, end_date: e, reason, address: 'Jl. Uji 1', phone: '081234567890'});
        if (res.status === 201 && res.body.working_days === 3)
            r = res.body;
        else if (res.status === 201)
            await pegawai('POST', `/leave-requests/${res.body.id}/cancel`, {});
    }
    assert.ok(r, 'a 3-day request pending with atasan.dinkes');
    return r;
}

// The approver's "Ubah" decision: atasan.dinkes grants 1 of the 3 requested days from the
// inbox (a reason is required, the dates stay inside the requested period); the request moves
// on to the official with the changed period.
test('atasan changes a request to fewer days from the inbox', async () => {
    const pegawai = await apiAs('pegawai.dinkes');
    const r = await threeDayRequest(pegawai, 10, 'Uji ubah');
    try {
        const {context, page} = await newPage(browser);
        try {
            await login(page, 'atasan.dinkes');
            await nav(page).getByRole('link', {name: 'Persetujuan cuti', exact: true}).click();
            const card = page.locator(`li[data-cuti="${r.id}"]`);
            await card.waitFor();
            await card.getByRole('button', {name: 'Ubah', exact: true}).click();
            await card.getByLabel('Tanggal selesai baru').fill(r.start_date);
            await card.getByRole('button', {name: 'Setujui dengan perubahan'}).click();
            // the reason is required for a change: nothing is sent without it
            await card.getByText('Alasan wajib diisi untuk mengubah tanggal.').waitFor();
            await card.getByLabel(/^Alasan/).fill('Kebutuhan dinas: cukup 1 hari');
            await card.getByRole('button', {name: 'Setujui dengan perubahan'}).click();
            await page.getByText(/disetujui dengan perubahan menjadi/).waitFor();
            await clean(page);
        } finally {
            await context.close();
        }
        const now = (await pegawai('GET', `/leave-requests/${r.id}`)).body;
        assert.equal(now.status, 'pending_official', JSON.stringify(now));
        assert.equal(now.start_date, r.start_date);
        assert.equal(now.end_date, r.start_date);
        assert.equal(now.working_days, 1);
        assert.equal(now.requested_end_date, r.end_date);
    } finally {
        await pegawai('POST', `/leave-requests/${r.id}/cancel`, {});
    }
});

// "Ubah" is not limited to the requested period: atasan.dinkes moves a request to the same days
// a week later (the inputs carry no min/max; the API checks other dates like a new request).
test('atasan moves a request to other dates from the inbox', async () => {
    const pegawai = await apiAs('pegawai.dinkes');
    const r = await threeDayRequest(pegawai, 20, 'Uji pindah');
    const later = (d) => new Date(Date.parse(d + 'T00:00:00Z') + 7 * 86400000).toISOString().slice(0, 10);
    try {
        const {context, page} = await newPage(browser);
        try {
            await login(page, 'atasan.dinkes');
            await nav(page).getByRole('link', {name: 'Persetujuan cuti', exact: true}).click();
            const card = page.locator(`li[data-cuti="${r.id}"]`);
            await card.waitFor();
            await card.getByRole('button', {name: 'Ubah', exact: true}).click();
            const from = card.getByLabel('Tanggal mulai baru');
            assert.equal(await from.getAttribute('max'), null, 'no upper limit on the new start');
            assert.equal(await card.getByLabel('Tanggal selesai baru').getAttribute('min'), null);
            await card.getByLabel('Tanggal selesai baru').fill(later(r.end_date));
            await from.fill(later(r.start_date));
            await card.getByLabel(/^Alasan/).fill('Kebutuhan dinas: minggu berikutnya');
            await card.getByRole('button', {name: 'Setujui dengan perubahan'}).click();
            await page.getByText(/disetujui dengan perubahan menjadi/).waitFor();
            await clean(page);
        } finally {
            await context.close();
        }
        const now = (await pegawai('GET', `/leave-requests/${r.id}`)).body;
        assert.equal(now.status, 'pending_official', JSON.stringify(now));
        assert.equal(now.start_date, later(r.start_date));
        assert.equal(now.end_date, later(r.end_date));
        assert.equal(now.requested_start_date, r.start_date);
    } finally {
        await pegawai('POST', `/leave-requests/${r.id}/cancel`, {});
    }
});

// A PPPK before 1 year of service (PP 49/2018): annual leave only for one of three reasons, at
// most 6 days. The page reads the employee's status and appointed_on from GET /employees/{id};
// the test answers that one request as if pegawai.dinkes were a PPPK appointed a month ago, so
// the form offers the reason and explains the limit, and the real server (pegawai.dinkes is a
// PNS) refuses it with 422 early_reason, shown under the field; nothing is filed.
test('a PPPK before 1 year sees the early_reason choice; the API\'s 422 shows under it', async () => {
    const pegawai = await apiAs('pegawai.dinkes');
    const me = (await pegawai('GET', '/auth/me')).body;
    const empId = (me.user || me).employee_id;
    const before = (await pegawai('GET', '/leave-requests?mine=true&per_page=200')).body.total;
    const [start, end] = mondayAhead(40);
    const {context, page} = await newPage(browser);
    try {
        await page.route(`**/api/v1/employees/${empId}`, async (route) => {
            const res = await route.fetch();
            const body = await res.json();
            body.status = 'PPPK';
            body.appointed_on = iso(new Date(Date.now() - 30 * 86400000));
            await route.fulfill({response: res, json: body});
        });
        await login(page, 'pegawai.dinkes');
        await page.goto(page.url().replace(/#.*$/, '') + '#/cuti/baru');
        await page.getByRole('heading', {name: 'Ajukan cuti', exact: true}).waitFor();
        const reason = page.getByLabel('Keperluan cuti sebelum masa kerja 1 tahun');
        await reason.waitFor();
        assert.match(await page.locator('#cuti-alasan-awal-petunjuk').textContent(), /paling banyak 6 hari kerja/);
        assert.deepEqual(await reason.locator('option').evaluateAll((os) => os.map((o) => o.value)),
                         ['', 'keluarga_sakit_keras', 'keluarga_meninggal', 'perkawinan_pertama']);
        await page.getByLabel('Alasan cuti', {exact: true}).fill('Pernikahan');
        await page.getByLabel('Alamat selama menjalankan cuti').fill('Jl. Sisingamangaraja No. 10, Medan');
        await page.getByLabel('Nomor telepon yang dapat dihubungi').fill('081234567890');
        await page.getByLabel('Tanggal mulai').fill(start);
        await page.getByLabel('Tanggal selesai').fill(end);
        await page.locator('#hitung-cuti [data-field="early"]').waitFor();
        // no reason chosen: asked for before anything is sent
        await page.getByRole('button', {name: 'Ajukan', exact: true}).click();
        await page.locator('#cuti-alasan-awal-galat').getByText('Pilih alasan').waitFor();
        await reason.selectOption('perkawinan_pertama');
        const [resp] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith('/api/v1/leave-requests') && r.request().method() === 'POST'),
            page.getByRole('button', {name: 'Ajukan', exact: true}).click(),
        ]);
        assert.equal(resp.status(), 422);
        assert.equal((await resp.json()).error.field, 'early_reason');
        await until(async () => (await page.locator('#cuti-alasan-awal-galat').textContent()) ===
                                (await resp.json()).error.message, 'the API\'s message under the field');
        assert.equal(await reason.getAttribute('aria-invalid'), 'true');
        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) =>
            !(p.kind === 'console' && /status of 422/.test(p.text) && /\/api\/v1\/leave-requests/.test(p.url))),
        [], 'no console errors or page errors but the expected 422');
    } finally {
        await context.close();
    }
    assert.equal((await pegawai('GET', '/leave-requests?mine=true&per_page=200')).body.total, before, 'nothing filed');
});
