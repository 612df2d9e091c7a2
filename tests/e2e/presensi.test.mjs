// Presensi (#/presensi, #/presensi/rekap): with Chromium's geolocation override, pegawai.dinkes
// checks in at the centre of the office fence the demo gives Dinas Kesehatan and is told "Di
// dalam area kerja"; pegawai.disdik checks in 1 km from the Dinas Pendidikan fence, is told it
// is outside and flagged, and bkpsdm sees the flagged record on the recap page next to the
// chart (plain SVG). Without a location permission the page says so and offers to send
// without a location. admin.dinkes maps a device's user number to an employee on the device
// import page (field errors under the field), finds it in the list filtered by device, imports
// a CSV row that uses the number, and deletes the mapping after a second click. No console
// errors or CSP violations.
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

test('device-user mapping: add with field errors, list, import a row by number, delete', async () => {
    const call = await apiAs('admin.dinkes');
    const emps = await call('GET', '/employees?per_page=5');
    assert.equal(emps.status, 200, JSON.stringify(emps.body));
    const emp = emps.body.items[0];
    const tag = String(Date.now()).slice(-7);
    const device = 'E2E-FP-' + tag;
    const code = '7' + tag.slice(-4);
    const day = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 10);
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Impor presensi', exact: true}).click();
        await page.getByRole('heading', {name: 'Impor presensi mesin', level: 1}).waitFor();
        const filter = page.getByRole('form', {name: 'Saring pemetaan menurut mesin'});
        await filter.getByLabel('Mesin', {exact: true}).fill(device);
        await filter.getByRole('button', {name: 'Tampilkan'}).click();
        await page.getByText('Belum ada pemetaan pada mesin ini.').waitFor();

        // field errors: a short NIP (checked here), a blank device (the server's 422 device)
        const form = page.getByRole('form', {name: 'Tambah pemetaan pengguna mesin'});
        const nip = form.getByLabel('NIP pegawai', {exact: true});
        const dev = form.getByLabel('Mesin', {exact: true});
        const num = form.getByLabel('Nomor pengguna di mesin', {exact: true});
        await nip.fill('1987');
        await num.fill(code);
        await form.getByRole('button', {name: 'Tambah pemetaan'}).click();
        await form.getByText('NIP harus 18 angka.').waitFor();
        assert.equal(await nip.getAttribute('aria-invalid'), 'true');
        await nip.fill(emp.nip);
        assert.equal(await dev.inputValue(), device, 'the filtered device is the default');
        await dev.fill('');
        await form.getByRole('button', {name: 'Tambah pemetaan'}).click();
        await form.locator('#pemetaan-mesin-galat').getByText('Kolom wajib diisi').waitFor();
        assert.equal(await dev.getAttribute('aria-invalid'), 'true');

        // the mapping, listed with the employee's NIP and name
        await dev.fill(device);
        await form.getByRole('button', {name: 'Tambah pemetaan'}).click();
        await form.getByText(`Nomor ${code} pada mesin ${device} dipetakan ke ${emp.name}.`).waitFor();
        const row = page.locator('.tabel-pemetaan tbody tr').filter({hasText: emp.nip});
        await row.waitFor();
        assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 4), [device, code, emp.nip, emp.name]);
        // the same number again: 409 under the number field
        await nip.fill(emp.nip);
        await num.fill(code);
        await form.getByRole('button', {name: 'Tambah pemetaan'}).click();
        await form.getByText('Nomor pengguna ini sudah dipetakan pada mesin tersebut').waitFor();
        assert.equal(await num.getAttribute('aria-invalid'), 'true');

        // the import reads the mapping: an unmapped number is a row error, the mapped one imports
        const paste = page.getByLabel('Atau tempel isi CSV di sini');
        await paste.fill(`device_user_id;timestamp;device\n9${code};${day} 07:31;${device}\n`);
        await page.getByRole('button', {name: 'Periksa (uji coba)'}).click();
        await page.locator('.tabel-impor').getByText(/belum dipetakan ke pegawai/).waitFor();
        await paste.fill(`device_user_id;timestamp;device\n${code};${day} 07:31;${device}\n${code};${day} 16:02;${device}\n`);
        await page.getByRole('button', {name: 'Impor presensi'}).click();
        await page.getByText('Impor berhasil: 2 catatan mesin disimpan.').waitFor();

        // delete: the first click asks, the second deletes
        const del = row.getByRole('button', {name: /^Hapus pemetaan/});
        await del.click();
        await row.getByRole('button', {name: 'Yakin hapus pemetaan ' + device + ' nomor ' + code + '?'}).click();
        await page.getByText(`Pemetaan ${device} nomor ${code} (${emp.name}) dihapus.`).waitFor();
        await page.getByText('Belum ada pemetaan pada mesin ini.').waitFor();
        const left = await call('GET', '/attendance/device-users?device=' + encodeURIComponent(device));
        assert.equal(left.body.total, 0);
        const problems = unexpectedProblems(page, ['/auth/me'])
            .filter((p) => !(p.kind === 'console' && /status of (409|422)/.test(p.text)));
        assert.deepEqual(problems, []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
});
