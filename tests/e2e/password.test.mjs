// Password change through the UI (pegawai.disdik, used by no other test): client-side
// checks, the server's field error under the field it names, a real change after which
// the old password no longer logs in, and the change back to ABDI_PASSWORD (also done in
// a finally block through the API, so a failing run leaves the account usable).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {request} from 'playwright-core';
import {BASE, PASSWORD, launch, newPage, openLogin, submitLogin, login, logout, nav,
        until} from './helpers.mjs';

const USER = 'pegawai.disdik';
const NEW_PASSWORD = 'Kopi Pagi Hujan Gerimis ' + Math.floor(Math.random() * 1e6);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function changeViaApi(from, to) {
    const ctx = await request.newContext({baseURL: BASE});
    try {
        const res = await ctx.post('/api/v1/auth/login', {data: {username: USER, password: from}});
        if (res.status() !== 200)
            return false;
        const {csrf_token: csrf} = await res.json();
        const ch = await ctx.post('/api/v1/auth/password', {
            data: {old_password: from, new_password: to}, headers: {'X-CSRF-Token': csrf}});
        await ctx.post('/api/v1/auth/logout', {headers: {'X-CSRF-Token': csrf}});
        return ch.status() === 204;
    } finally {
        await ctx.dispose();
    }
}

async function fillChange(page, oldPw, newPw, repeat) {
    await page.getByLabel('Kata sandi lama').fill(oldPw);
    await page.getByLabel('Kata sandi baru', {exact: true}).fill(newPw);
    await page.getByLabel('Ulangi kata sandi baru').fill(repeat);
    await page.getByRole('button', {name: 'Simpan kata sandi'}).click();
}

test('password change through the UI; the old password then fails', async () => {
    const {context, page} = await newPage(browser);
    let changed = false;
    const sent = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/v1/auth/password')) sent.push(r); });
    try {
        await login(page, USER);
        await nav(page).getByRole('link', {name: 'Ganti kata sandi'}).click();
        await page.getByRole('heading', {name: 'Ganti kata sandi'}).waitFor();

        // client-side checks: nothing is sent
        await fillChange(page, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + 'x');
        await page.getByText('Kedua kata sandi baru tidak sama.').waitFor();
        assert.equal(await page.getByLabel('Ulangi kata sandi baru').getAttribute('aria-invalid'), 'true');
        await fillChange(page, PASSWORD, 'pendek', 'pendek');
        await page.getByText(/minimal 12 karakter/).waitFor();
        assert.equal(await page.getByLabel('Kata sandi baru', {exact: true}).getAttribute('aria-invalid'), 'true');
        assert.equal(sent.length, 0, 'invalid input is not sent');

        // the server's field error appears under the field it names
        await fillChange(page, 'Bukan-Sandi-Lama-Saya-1', NEW_PASSWORD, NEW_PASSWORD);
        const oldField = page.getByLabel('Kata sandi lama');
        await until(async () => (await oldField.getAttribute('aria-invalid')) === 'true',
                    'wrong old password marks the old-password field');
        const describedBy = await oldField.getAttribute('aria-describedby');
        assert.ok(describedBy, 'the field error is tied to the field');
        const fieldError = page.locator('#' + describedBy.split(' ').pop());
        assert.ok((await fieldError.textContent()).trim().length > 0, 'the server message is shown');
        assert.equal(sent.length, 1);

        // the real change
        await fillChange(page, PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        await page.getByRole('status').filter({hasText: 'Kata sandi berhasil diganti.'}).waitFor();
        changed = true;
        assert.equal(await page.getByLabel('Kata sandi lama').inputValue(), '', 'the form is cleared');

        await logout(page);
        const {status, body} = await submitLogin(page, USER, PASSWORD);
        assert.equal(status, 401, 'the old password no longer logs in');
        assert.equal(body.error.code, 'invalid_credentials');
        await page.getByRole('alert').filter({hasText: 'Nama pengguna atau kata sandi salah.'}).waitFor();

        await login(page, USER, NEW_PASSWORD);

        // and back, through the UI
        await nav(page).getByRole('link', {name: 'Ganti kata sandi'}).click();
        await page.getByRole('heading', {name: 'Ganti kata sandi'}).waitFor();
        await fillChange(page, NEW_PASSWORD, PASSWORD, PASSWORD);
        await page.getByRole('status').filter({hasText: 'Kata sandi berhasil diganti.'}).waitFor();
        changed = false;
        await logout(page);
        await login(page, USER, PASSWORD);
    } finally {
        await context.close();
        if (changed)
            assert.ok(await changeViaApi(NEW_PASSWORD, PASSWORD), 'password restored through the API');
    }
});
