// Login, logout and what the browser keeps: the shell after login, the wrong-password
// message, keyboard-only login, empty storage after logout, and (with the login answer
// replaced in the browser, so no server counters move) the 429, TOTP and
// must-change-password paths.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {BASE, PASSWORD, WRONG_PASSWORD, launch, newPage, openLogin, submitLogin, login,
        logout, nav, until, unexpectedProblems} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('pegawai logs in, sees the shell with name and unit, no Audit item, and logs out', async () => {
    const {context, page} = await newPage(browser);
    try {
        const user = await login(page, 'pegawai.dinkes');
        assert.ok(user.name, 'login answer has the user name');
        assert.ok(user.unit_name, 'pegawai.dinkes has a unit');

        await page.getByRole('heading', {name: 'Selamat datang, ' + user.name}).waitFor();
        const header = page.getByRole('banner');
        const headerText = await header.textContent();
        assert.ok(headerText.includes('Abdi'), 'header shows the app name');
        assert.ok(headerText.includes(user.name), 'header shows the user name');
        assert.ok(headerText.includes(user.unit_name), 'header shows the unit name');

        const menu = nav(page);
        assert.ok(await menu.getByRole('link', {name: 'Beranda'}).isVisible(), 'Beranda in the menu');
        assert.equal(await menu.getByText('Audit').count(), 0, 'no Audit item for a pegawai');
        assert.ok(await menu.getByRole('link', {name: 'Ganti kata sandi'}).isVisible());
        assert.ok(await page.getByRole('main').getByText('Pegawai', {exact: true}).isVisible(),
                  'Beranda lists the role');

        await logout(page);
        await page.getByText('Anda telah keluar.').waitFor();
        assert.equal(await page.getByRole('banner').count(), 0, 'no header after logout');
        assert.equal(await page.getByText(user.name).count(), 0, 'no trace of the user after logout');
        const me = await page.request.get(BASE + '/api/v1/auth/me');
        assert.equal(me.status(), 401, 'the session ended on the server');
    } finally {
        await context.close();
    }
});

test('wrong password shows a clear alert and keeps the username', async () => {
    const {context, page} = await newPage(browser);
    try {
        await openLogin(page);
        const {status, body} = await submitLogin(page, 'atasan.dinkes', WRONG_PASSWORD);
        assert.equal(status, 401);
        assert.equal(body.error.code, 'invalid_credentials');
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.equal((await alert.textContent()).trim(), 'Nama pengguna atau kata sandi salah.');
        assert.equal(await page.getByLabel('Nama pengguna').inputValue(), 'atasan.dinkes');
        assert.equal(await page.getByRole('banner').count(), 0, 'still logged out');
        assert.equal(await page.getByRole('heading', {name: 'Masuk', exact: true}).count(), 1);

        // the right password then gets in (and clears the server's failure count, so
        // repeated runs never reach the throttle)
        await page.getByLabel('Kata sandi', {exact: true}).fill(PASSWORD);
        await page.getByRole('button', {name: 'Masuk', exact: true}).click();
        await page.getByRole('heading', {name: /^Selamat datang, /}).waitFor();
    } finally {
        await context.close();
    }
});

test('keyboard only: Tab reaches username, password, the button; Enter submits', async () => {
    const {context, page} = await newPage(browser);
    try {
        await openLogin(page);
        const active = () => page.evaluate(() => {
            const el = document.activeElement;
            return {tag: el.tagName, id: el.id, type: el.getAttribute('type'),
                    text: el.textContent.trim(), outline: getComputedStyle(el).outlineStyle};
        });
        let tabs = 0;
        let a;
        do {
            await page.keyboard.press('Tab');
            tabs++;
            a = await active();
        } while (a.id !== 'masuk-nama' && tabs < 3);
        assert.equal(a.id, 'masuk-nama', 'Tab from the start reaches the username field');
        assert.ok(tabs <= 2, 'at most the skip link comes before it');
        assert.notEqual(a.outline, 'none', 'focus is visible on the username field');
        await page.keyboard.type('pegawai.dinkes');

        await page.keyboard.press('Tab');
        a = await active();
        assert.equal(a.type, 'password', 'next Tab reaches the password field');
        await page.keyboard.type(PASSWORD);

        await page.keyboard.press('Tab');
        a = await active();
        assert.equal(a.tag, 'BUTTON');
        assert.equal(a.text, 'Masuk');
        assert.notEqual(a.outline, 'none', 'focus is visible on the button');

        await page.keyboard.press('Enter');
        await page.getByRole('heading', {name: /^Selamat datang, /}).waitFor();
    } finally {
        await context.close();
    }
});

test('nothing is kept in localStorage or sessionStorage, during the session and after logout', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'pimpinan');
        await nav(page).getByRole('link', {name: 'Ganti kata sandi'}).click();
        await page.getByRole('heading', {name: 'Ganti kata sandi'}).waitFor();
        const during = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
        assert.deepEqual(during, [0, 0], 'no storage while logged in');
        await logout(page);
        const storage = await page.evaluate(() => ({
            local: Object.keys(localStorage), session: Object.keys(sessionStorage)}));
        assert.deepEqual(storage, {local: [], session: []});
        const cookies = await context.cookies();
        assert.ok(!cookies.some((c) => c.name.includes('session') && c.value),
                  'no session cookie left: ' + JSON.stringify(cookies.map((c) => c.name)));
    } finally {
        await context.close();
    }
});

test('429 too_many_attempts shows the waiting message and keeps what was typed', async () => {
    const {context, page} = await newPage(browser);
    try {
        await page.route('**/api/v1/auth/login', (route) => route.fulfill({
            status: 429, contentType: 'application/json', headers: {'Retry-After': '600'},
            body: JSON.stringify({error: {code: 'too_many_attempts', message: 'x', field: null}}),
        }));
        await openLogin(page);
        await submitLogin(page, 'pegawai.dinkes', PASSWORD);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.match(await alert.textContent(), /Terlalu banyak percobaan masuk.*10 menit/);
        assert.equal(await page.getByLabel('Nama pengguna').inputValue(), 'pegawai.dinkes');
        assert.equal(await page.getByLabel('Kata sandi', {exact: true}).inputValue(), PASSWORD);
    } finally {
        await context.close();
    }
});

test('totp_required shows a code field and the next attempt sends "totp"', async () => {
    const {context, page} = await newPage(browser);
    const bodies = [];
    try {
        await page.route('**/api/v1/auth/login', (route) => {
            const body = route.request().postDataJSON();
            bodies.push(body);
            const code = body.totp ? 'invalid_totp' : 'totp_required';
            return route.fulfill({status: 401, contentType: 'application/json',
                                  body: JSON.stringify({error: {code, message: 'Kode salah', field: null}})});
        });
        await openLogin(page);
        assert.equal(await page.getByLabel('Kode verifikasi (6 digit)').isVisible(), false,
                     'no code field at first');
        await submitLogin(page, 'bkpsdm', PASSWORD);
        const code = page.getByLabel('Kode verifikasi (6 digit)');
        await code.waitFor();
        assert.match(await page.getByRole('alert').textContent(), /kode 6 digit/);
        await until(() => code.evaluate((el) => el === document.activeElement), 'focus moves to the code field');

        await code.fill('12345');
        await page.getByRole('button', {name: 'Masuk', exact: true}).click();
        assert.match(await page.getByRole('alert').textContent(), /6 angka/);
        assert.equal(bodies.length, 1, 'a 5-digit code is not sent');

        await code.fill('123456');
        await Promise.all([
            page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
            page.getByRole('button', {name: 'Masuk', exact: true}).click(),
        ]);
        assert.deepEqual(bodies[1], {username: 'bkpsdm', password: PASSWORD, totp: '123456'});
        await until(async () => (await page.getByRole('alert').textContent()) === 'Kode salah',
                    'the server message for invalid_totp is shown');
        assert.equal(await page.getByLabel('Nama pengguna').inputValue(), 'bkpsdm');
    } finally {
        await context.close();
    }
});

test('must_change_password sends the user straight to the password page', async () => {
    const {context, page} = await newPage(browser);
    try {
        const force = async (route) => {
            const res = await route.fetch();
            const body = await res.json();
            if (body && body.user)
                body.user.must_change_password = true;
            await route.fulfill({response: res, body: JSON.stringify(body)});
        };
        await page.route('**/api/v1/auth/login', force);
        await page.route('**/api/v1/auth/me', force);
        await openLogin(page);
        const {status} = await submitLogin(page, 'pegawai.dinkes', PASSWORD);
        assert.equal(status, 200);
        await page.getByRole('heading', {name: 'Ganti kata sandi'}).waitFor();
        await page.getByText('Anda harus mengganti kata sandi sebelum melanjutkan.').waitFor();
        assert.equal(await nav(page).getByRole('link', {name: 'Beranda'}).count(), 0,
                     'other pages are not offered before the change');
        await page.goto(BASE + '/#/beranda');
        await page.getByRole('heading', {name: 'Ganti kata sandi'}).waitFor();
        assert.ok(page.url().endsWith('#/sandi'), 'Beranda redirects to the password page');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), []);
    } finally {
        await context.close();
    }
});
