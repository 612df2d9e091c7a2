// The logged-in layout: role-dependent menu and the unit tree for an admin, the 360-px
// phone layout and its menu button, a clean console (no errors, no CSP violations) across
// every page, the way back to login when the session ends, and data shown as text only.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {BASE, PASSWORD, launch, newPage, openLogin, submitLogin, login, logout, nav, until,
        cspViolations, unexpectedProblems} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('admin_bkpsdm sees the Audit item, the unit tree with Dinas Kesehatan, and the audit log', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'bkpsdm');
        const menu = nav(page);
        assert.ok(await menu.getByRole('link', {name: 'Audit'}).isVisible(), 'Audit in the menu');
        assert.ok(await menu.getByRole('link', {name: 'Organisasi'}).isVisible(), 'Organisasi in the menu');

        const tree = page.locator('.pohon-unit');
        await tree.waitFor();
        const dinkes = tree.getByText('Dinas Kesehatan', {exact: true}).first();
        assert.ok(await dinkes.isVisible(), 'the unit tree shows Dinas Kesehatan');
        assert.ok(await tree.locator('ul.pohon-cabang').count() > 0, 'the tree is nested');

        await menu.getByRole('link', {name: 'Audit'}).click();
        await page.getByRole('heading', {name: 'Audit', exact: true}).waitFor();
        await page.getByText(/^\d+ catatan\.$/).waitFor();
        assert.equal(await page.getByRole('alert').count(), 0, 'the audit log loaded without error');
        assert.equal(await menu.getByRole('link', {name: 'Audit'}).getAttribute('aria-current'), 'page');
    } finally {
        await context.close();
    }
});

test('at 360x740 nothing scrolls sideways and the menu button toggles the menu', async () => {
    const {context, page} = await newPage(browser, {viewport: {width: 360, height: 740},
                                                    isMobile: true, hasTouch: true,
                                                    deviceScaleFactor: 2});
    const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    try {
        await openLogin(page);
        assert.ok(await scrollWidth() <= 360, 'login page fits: ' + await scrollWidth());

        await login(page, 'admin.dinkes');
        await page.locator('.pohon-unit').waitFor();
        assert.ok(await scrollWidth() <= 360, 'Beranda fits: ' + await scrollWidth());

        const button = page.getByRole('button', {name: 'Menu'});
        const beranda = nav(page).getByRole('link', {name: 'Beranda'});
        assert.equal(await button.getAttribute('aria-expanded'), 'false');
        assert.equal(await beranda.isVisible(), false, 'menu folded at first');

        await button.click();
        assert.equal(await button.getAttribute('aria-expanded'), 'true');
        await beranda.waitFor({state: 'visible'});
        assert.ok(await page.getByRole('button', {name: 'Keluar'}).isVisible());
        assert.ok(await scrollWidth() <= 360, 'open menu fits: ' + await scrollWidth());

        await button.click();
        assert.equal(await button.getAttribute('aria-expanded'), 'false');
        await beranda.waitFor({state: 'hidden'});

        await button.click();
        await nav(page).getByRole('link', {name: 'Organisasi'}).click();
        await page.getByRole('heading', {name: 'Organisasi', exact: true}).waitFor();
        assert.equal(await button.getAttribute('aria-expanded'), 'false', 'menu folds after choosing');
        await page.locator('.pohon-unit').waitFor();
        assert.ok(await scrollWidth() <= 360, 'Organisasi fits: ' + await scrollWidth());

        await page.goto(BASE + '/#/sandi');
        await page.getByRole('heading', {name: 'Ganti kata sandi'}).waitFor();
        assert.ok(await scrollWidth() <= 360, 'password page fits: ' + await scrollWidth());
    } finally {
        await context.close();
    }
});

test('no console errors, page errors or CSP violations on any page', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'superadmin');
        await page.locator('.pohon-unit').waitFor();
        for (const [name, heading, ready] of [
            ['Organisasi', 'Organisasi', '.pohon-unit'],
            ['Audit', 'Audit', '.daftar-kartu, .kosong'],
            ['Ganti kata sandi', 'Ganti kata sandi', 'form'],
            ['Sesi aktif', 'Sesi aktif', '.daftar-kartu'],
            ['Beranda', /^Selamat datang, /, '.pohon-unit'],
        ]) {
            await nav(page).getByRole('link', {name, exact: true}).click();
            await page.getByRole('heading', {name: heading}).waitFor();
            await page.locator(ready).first().waitFor();
        }
        await page.goto(BASE + '/#/tidak-ada');
        await page.getByRole('heading', {name: 'Halaman tidak ditemukan'}).waitFor();
        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        await logout(page);
        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), [],
                         'no console errors or page errors');
    } finally {
        await context.close();
    }
});

test('a session that ends on the server leads back to login, then to the page asked for', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await context.clearCookies();
        await nav(page).getByRole('link', {name: 'Organisasi'}).click();
        await page.getByRole('heading', {name: 'Masuk', exact: true}).waitFor();
        await page.getByText('Sesi berakhir, silakan masuk lagi.').waitFor();
        assert.equal(await page.getByRole('banner').count(), 0);

        const {status} = await submitLogin(page, 'admin.dinkes', PASSWORD);
        assert.equal(status, 200);
        await page.getByRole('heading', {name: 'Organisasi', exact: true}).waitFor();
    } finally {
        await context.close();
    }
});

test('names from the server are shown as text, never as markup', async () => {
    const {context, page} = await newPage(browser);
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    try {
        await page.route('**/api/v1/units', (route) => route.fulfill({
            status: 200, contentType: 'application/json',
            body: JSON.stringify({items: [{id: 1, parent_id: null, code: '<b>K</b>', name: evil, kind: 'x',
                                           children: [{id: 2, parent_id: 1, code: 'C', name: 'Anak ' + evil,
                                                       kind: 'x', children: []}]}]}),
        }));
        await login(page, 'pegawai.dinkes');
        const tree = page.locator('.pohon-unit');
        await tree.waitFor();
        assert.equal(await tree.locator('img, script, b').count(), 0, 'no element came from the data');
        assert.equal(await tree.locator('.unit-nama').first().textContent(), evil);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(page.problems.filter((p) => p.kind === 'dialog').length, 0, 'no script ran');
    } finally {
        await context.close();
    }
});
