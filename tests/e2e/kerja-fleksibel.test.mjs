// Kerja fleksibel (#/kerja, #/kerja/rencana, #/kerja/kebijakan): pegawai.dinkes asks for a day
// from home through the form of "Jadwal kerja saya" and sees it waiting; with the unit's
// minimum on-site count set to exactly the people on site that day, atasan.dinkes approves it
// on "Rencana kerja mingguan" and sees the server's refusal naming the day and "kurang 1
// orang" (the request stays pending); with the minimum one lower the same approval goes
// through and the plan shows WFH for that day. admin.dinkes checks a point against the office
// geofence on the policy page (distance, inside/outside). The day is a free working day of a
// random week far ahead, so the suite can run twice on one database. No console errors or CSP
// violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {apiAs, cspViolations, findUnit, launch, login, nav, newPage, unexpectedProblems} from './helpers.mjs';

let browser;
let admin;
let dinkes;
let pegawai; // {id, position_id}
let date;    // the requested day, 'YYYY-MM-DD'

const dayText = (d) => new Date(d * 86400000).toISOString().slice(0, 10);

function isoWeek(iso) {
    const t = new Date(iso + 'T00:00:00Z');
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const y = t.getUTCFullYear();
    return y + '-W' + String(Math.ceil(((t - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7)).padStart(2, '0');
}

async function policy(extra) {
    const r = await admin('PUT', '/units/' + dinkes.id + '/work-policy', {
        flexible_allowed: true, min_onsite_ratio: 0, min_onsite_count: 0, max_remote_days: 2,
        start_window: ['07:00', '09:00'], core_hours: ['09:00', '15:00'], timezone: 'Asia/Jakarta',
        geofences: [{lat: 2.9667, lon: 99.8, radius_m: 150}], flexible_positions: [pegawai.position_id],
        ...extra,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
}

before(async () => {
    browser = await launch();
    admin = await apiAs('admin.dinkes');
    dinkes = findUnit((await admin('GET', '/units')).body.items, 'DINKES');
    const me = await apiAs('pegawai.dinkes');
    const id = (await me('GET', '/auth/me')).body.user.employee_id;
    pegawai = (await me('GET', '/employees/' + id)).body;
    await policy({});
    // a Tuesday of a random week 3..60 weeks ahead without any request of this employee
    const mine = (await me('GET', '/work-requests?per_page=200')).body.items.map((r) => r.date);
    const today = Math.floor(Date.now() / 86400000);
    for (let tries = 0; tries < 50 && !date; tries++) {
        let d = today + 21 + Math.floor(Math.random() * 400);
        while (new Date(d * 86400000).getUTCDay() !== 2)
            d++;
        const week = [...Array(7)].map((_, i) => dayText(d - 1 + i));
        const w = await me('GET', `/calendar/working-days?unit_id=${dinkes.id}&from=${dayText(d)}&to=${dayText(d)}`);
        if (w.body.working_days === 1 && !week.some((x) => mine.includes(x)))
            date = dayText(d);
    }
    assert.ok(date, 'a free working day');
});

after(async () => {
    await policy({min_onsite_ratio: 0.5}).catch(() => {});
    await browser?.close();
});

test('a WFH day is refused while the unit would be short on site, accepted when not', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'pegawai.dinkes');
        await nav(page).getByRole('link', {name: 'Jadwal kerja saya', exact: true}).click();
        await page.getByRole('heading', {name: 'Jadwal kerja saya', exact: true}).waitFor();
        await page.getByLabel('Tanggal', {exact: true}).fill(date);
        await page.getByLabel('Bekerja dari').selectOption('WFH');
        await page.getByLabel('Alasan', {exact: true}).fill('Menyusun laporan bulanan');
        await page.getByRole('button', {name: 'Ajukan', exact: true}).click();
        await page.getByText(/terkirim ke atasan langsung/).waitFor();
        const row = page.locator('[data-list="permintaan"] li').filter({has: page.locator('[data-status="pending"]')}).first();
        await row.waitFor();
        // a second request for the same day: the server's 409 at the form
        await page.getByLabel('Tanggal', {exact: true}).fill(date);
        await page.getByRole('button', {name: 'Ajukan', exact: true}).click();
        await page.getByText('Sudah ada permintaan untuk tanggal ini').waitFor();
        assert.deepEqual(unexpectedProblems(page, ['/auth/me']).filter((p) => !/status of 409/.test(p.text)), []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }

    // exactly the people on site that day are required: one more at home breaks it by 1
    const plan = await admin('GET', `/units/${dinkes.id}/week-plan?from=${date}`);
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    const onsite = plan.body.days[0].onsite;
    assert.ok(onsite >= 2, 'DINKES has staff on site');
    await policy({min_onsite_count: onsite});

    const {context: c2, page: p2} = await newPage(browser);
    try {
        await login(p2, 'atasan.dinkes');
        await nav(p2).getByRole('link', {name: 'Rencana kerja mingguan', exact: true}).click();
        await p2.getByRole('heading', {name: 'Rencana kerja mingguan', exact: true}).waitFor();
        await p2.goto(`${p2.url().split('#')[0]}#/kerja/rencana?unit_id=${dinkes.id}&week=${isoWeek(date)}`);
        await p2.locator(`tfoot td[data-date="${date}"]`).waitFor();
        const item = p2.locator('li[data-request]').filter({hasText: 'Menyusun laporan bulanan'}).first();
        await item.getByRole('button', {name: 'Setujui'}).click();
        const refusal = p2.getByText(new RegExp(`Tanggal ${date}: .*kurang 1 orang`));
        await refusal.waitFor();
        assert.equal(await p2.getByRole('alert').filter({hasText: date}).count(), 1);

        await policy({min_onsite_count: onsite - 1});
        await item.getByRole('button', {name: 'Setujui'}).click();
        await p2.getByText(/disetujui\.$/).waitFor();
        const cell = p2.locator(`tr[data-employee="${pegawai.id}"] td`).nth(1);
        await p2.waitForFunction((sel) => {
            const td = document.querySelectorAll(sel)[1];
            return td && td.textContent === 'WFH';
        }, `tr[data-employee="${pegawai.id}"] td`);
        assert.equal(await cell.textContent(), 'WFH');
        assert.equal(await p2.locator(`tfoot td[data-date="${date}"]`).getAttribute('data-short'), '0');
        assert.deepEqual(unexpectedProblems(p2, ['/auth/me']).filter((p) => !/status of 409/.test(p.text)), []);
        assert.deepEqual(await cspViolations(p2), []);
    } finally {
        await c2.close();
    }
});

test('the admin checks a point against the office geofence', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Kebijakan kerja', exact: true}).click();
        await page.getByRole('heading', {name: 'Kebijakan kerja fleksibel', exact: true}).waitFor();
        // the admin's own unit opens first
        await page.getByRole('button', {name: 'Simpan kebijakan'}).waitFor();
        await page.getByLabel('Lintang', {exact: true}).last().fill('2.9677');
        await page.getByLabel('Bujur', {exact: true}).last().fill('99.8');
        await page.getByRole('button', {name: 'Periksa jarak'}).click();
        await page.getByText(/Titik kantor 1: 111 m — di dalam radius 150 m/).waitFor();
        await page.getByLabel('Lintang', {exact: true}).last().fill('2.9697');
        await page.getByRole('button', {name: 'Periksa jarak'}).click();
        await page.getByText(/Titik kantor 1: 334 m — di luar radius 150 m/).waitFor();
        assert.deepEqual(unexpectedProblems(page, ['/auth/me']), []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
});
