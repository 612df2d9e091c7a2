// Presensi (#/presensi, #/presensi/rekap): with Chromium's geolocation override, pegawai.dinkes
// checks in at the centre of the office fence the demo gives Dinas Kesehatan and is told "Di
// dalam area kerja"; pegawai.disdik checks in 1 km from the Dinas Pendidikan fence, is told it
// is outside and flagged, and bkpsdm sees the flagged record on the recap page next to the
// chart (plain SVG). Without a location permission the page says so and offers to send
// without a location. No console errors or CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {apiAs, cspViolations, launch, login, nav, newPage, unexpectedProblems} from './helpers.mjs';

let browser;

before(async () => {
    browser = await launch();
});

after(async () => {
    await browser?.close();
});

async function fenceOf(username) {
    const call = await apiAs(username);
    const day = await call('GET', '/attendance/today');
    assert.equal(day.status, 200, JSON.stringify(day.body));
    assert.ok(day.body.geofences.length > 0, 'the demo gives the unit a fence');
    return {fence: day.body.geofences[0], record: day.body.record};
}

async function checkIn(username, geolocation) {
    const {context, page} = await newPage(browser, {geolocation, permissions: ['geolocation']});
    await login(page, username);
    await nav(page).getByRole('link', {name: 'Presensi', exact: true}).click();
    await page.getByRole('heading', {name: 'Presensi', exact: true}).waitFor();
    await page.getByText(/Tanpa lokasi, presensi tetap tercatat/).waitFor();
    const button = page.getByRole('button', {name: 'Presensi masuk'});
    await button.click();
    return {context, page};
}

test('check in inside the fence', async () => {
    const {fence, record} = await fenceOf('pegawai.dinkes');
    assert.equal(record, null, 'no record yet today');
    const {context, page} = await checkIn('pegawai.dinkes', {latitude: fence.lat, longitude: fence.lon, accuracy: 15});
    try {
        await page.getByText(/Presensi masuk tercatat pukul .* Di dalam area kerja\./).waitFor();
        await page.getByRole('button', {name: 'Presensi pulang'}).waitFor();
        await page.locator('[data-field="masuk"]').getByText(/di dalam area/).waitFor();
        assert.deepEqual(unexpectedProblems(page, ['/auth/me']), []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
    const after = await fenceOf('pegawai.dinkes');
    assert.equal(after.record.inside_geofence, true);
    assert.equal(after.record.flagged, false);
});

test('check in 1 km outside the fence: told, kept and flagged; the recap shows it', async () => {
    const {fence} = await fenceOf('pegawai.disdik');
    const lat = fence.lat + 1000 / 111195;
    const {context, page} = await checkIn('pegawai.disdik', {latitude: lat, longitude: fence.lon, accuracy: 10});
    try {
        const msg = page.getByText(/Presensi masuk tercatat pukul .* Di luar area kerja \((\d+) m dari batas\): tercatat dan ditandai untuk atasan\./);
        await msg.waitFor();
        const metres = Number(/\((\d+) m dari batas\)/.exec(await msg.textContent())[1]);
        assert.ok(Math.abs(metres - (1000 - fence.radius_m)) <= 2, `distance ${metres}`);
        await page.locator('[data-field="masuk"]').getByText(/ditandai/).waitFor();
        assert.deepEqual(unexpectedProblems(page, ['/auth/me']), []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
    const {context: c2, page: p2} = await newPage(browser);
    try {
        await login(p2, 'bkpsdm');
        await nav(p2).getByRole('link', {name: 'Rekap presensi', exact: true}).click();
        await p2.getByRole('heading', {name: 'Rekap presensi', exact: true}).waitFor();
        const flagged = p2.locator('li[data-presensi]').filter({hasText: 'Nurhayati'});
        await flagged.getByText(/di luar area/).waitFor();
        await p2.locator('svg.grafik-presensi rect[data-seri="hadir"]').first().waitFor();
        await p2.getByRole('link', {name: 'Unduh XLSX'}).waitFor();
        assert.deepEqual(unexpectedProblems(p2, ['/auth/me']), []);
        assert.deepEqual(await cspViolations(p2), []);
    } finally {
        await c2.close();
    }
});

test('without the location permission the page explains and can send without it', async () => {
    const {context, page} = await newPage(browser, {permissions: []});
    try {
        await login(page, 'atasan.dinkes');
        await page.goto(page.url().replace(/#.*$/, '#/presensi'));
        await page.getByRole('button', {name: 'Presensi masuk'}).click();
        await page.getByText(/Izin lokasi ditolak|Lokasi tidak/).waitFor();
        await page.getByRole('button', {name: 'Kirim tanpa lokasi'}).click();
        await page.getByText(/Tanpa lokasi: tercatat dan ditandai untuk atasan\./).waitFor();
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
});
