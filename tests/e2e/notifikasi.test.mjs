// The bell and the Notifikasi page: the header's bell shows the unread count (from
// GET /notifications), the page lists the notifications newest first, "Tandai dibaca" and
// "Tandai semua dibaca" mark them and the bell follows, all at 360 px without sideways scrolling
// and without console errors. Notifications are made with the superadmin's test route.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {launch, newPage, login, apiAs, until, cspViolations, unexpectedProblems} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('bell count, list, mark one and mark all read', async () => {
    const asPegawai = await apiAs('pegawai.dinkes');
    const me = await asPegawai('GET', '/auth/me');
    assert.equal(me.status, 200);
    const asAdmin = await apiAs('superadmin');
    for (let i = 0; i < 2; i++) {
        const r = await asAdmin('POST', '/notifications/test', {user_id: me.body.user.id});
        assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const unread = (await asPegawai('GET', '/notifications?per_page=1')).body.unread;
    assert.ok(unread >= 2);

    const {context, page} = await newPage(browser, {viewport: {width: 360, height: 740}, isMobile: true,
                                                    hasTouch: true});
    try {
        await login(page, 'pegawai.dinkes');
        const bell = page.locator('a.lonceng');
        await until(async () => (await bell.getAttribute('aria-label')) === `Notifikasi, ${unread} belum dibaca`,
                    'the bell shows the unread count');
        assert.equal(await bell.locator('.lonceng-jumlah').textContent(), String(unread));

        await bell.click();
        await page.getByRole('heading', {name: 'Notifikasi', exact: true}).waitFor();
        const items = page.locator('.daftar-kartu > li');
        await items.first().waitFor();
        assert.equal(await items.first().locator('h2').textContent(), 'Belum dibaca: Notifikasi uji Abdi');
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'fits 360 px');

        await items.first().getByRole('button', {name: /^Tandai dibaca/}).click();
        await page.getByText('Notifikasi ditandai sudah dibaca.').waitFor();
        await until(async () => (await bell.getAttribute('aria-label')) === `Notifikasi, ${unread - 1} belum dibaca`,
                    'the bell follows a mark');

        await page.getByRole('button', {name: 'Tandai semua dibaca'}).click();
        await page.getByText(`${unread - 1} notifikasi ditandai sudah dibaca.`).waitFor();
        await until(async () => (await bell.getAttribute('aria-label')) === 'Notifikasi, tidak ada yang belum dibaca',
                    'the bell shows none');
        assert.equal(await bell.locator('.lonceng-jumlah').isVisible(), false);
        assert.equal((await asPegawai('GET', '/notifications?per_page=1')).body.unread, 0);

        await page.getByLabel('Hanya yang belum dibaca').check();
        await page.getByText('Tidak ada notifikasi yang belum dibaca.').waitFor();
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']), []);
    } finally {
        await context.close();
    }
});
