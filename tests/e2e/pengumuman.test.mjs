// Pengumuman: admin.dinkes opens "Pengumuman" from the menu and posts an announcement to its
// unit (the form's unit defaults to the admin's own); the list shows "dibaca 0 dari N".
// pegawai.dinkes sees it on the home page (Beranda) marked "Baru", the text shown as plain
// text (the "<b>" stays literal, no element is made), taps "Tandai dibaca" and it shows
// "Sudah dibaca"; the admin's list then says "dibaca 1 dari N". pegawai.disdik's home page
// does not show it. The employee's pages at 360 px without sideways scrolling; no console
// errors, no CSP violations. The title is random per run; an `after` withdraws it through the API.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {apiAs, cspViolations, launch, login, nav, newPage, unexpectedProblems, until} from './helpers.mjs';

let browser;
let admin;
const title = 'Pengumuman Uji ' + Math.random().toString(36).slice(2, 8);
const body = 'Rapat koordinasi pukul 09.00.\nBawa <b>laptop</b> & data presensi.';
const MOBILE = {viewport: {width: 360, height: 740}, isMobile: true, hasTouch: true};

before(async () => {
    browser = await launch();
    admin = await apiAs('admin.dinkes');
});

after(async () => {
    const list = await admin('GET', '/announcements?view=manage&per_page=200');
    for (const x of (list.body.items || []).filter((i) => i.title === title))
        await admin('DELETE', '/announcements/' + x.id);
    await browser?.close();
});

async function readLine(page) {
    const row = page.locator('tr', {hasText: title});
    await row.waitFor();
    return (await row.locator('td.dibaca').textContent()).trim();
}

test('admin posts, the employee sees it on the home page and marks it read', async () => {
    const {context, page} = await newPage(browser);
    let audience;
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Pengumuman', exact: true}).click();
        await page.getByRole('heading', {name: 'Pengumuman', exact: true}).waitFor();
        await page.getByRole('option', {name: /Dinas Kesehatan/}).first().waitFor({state: 'attached'});
        // a window that ends before it starts: the server's 422 at the field
        await page.getByLabel('Judul').fill(title);
        await page.getByLabel('Isi pengumuman').fill(body);
        const from = await page.getByLabel('Berlaku dari').inputValue();
        await page.getByLabel('Berlaku sampai').fill('2000-01-01');
        await page.getByRole('button', {name: 'Terbitkan'}).click();
        await page.getByText('Tanggal akhir tidak boleh sebelum tanggal mulai').waitFor();
        await page.getByLabel('Berlaku sampai').fill(from);
        await page.getByRole('button', {name: 'Terbitkan'}).click();
        await page.getByText(`Pengumuman “${title}” diterbitkan.`).waitFor();
        const line = await readLine(page);
        const m = /^dibaca 0 dari (\d+)$/.exec(line);
        assert.ok(m, `read count line: ${line}`);
        audience = Number(m[1]);
        assert.ok(audience >= 3, 'DINKES has several accounts');
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) => !/status of 422/.test(p.text)), [],
                         'no console errors other than the expected 422');
    } finally {
        await context.close();
    }

    const emp = await newPage(browser, MOBILE);
    try {
        await login(emp.page, 'pegawai.dinkes');
        const card = emp.page.locator('article.pengumuman', {hasText: title});
        await card.waitFor();
        assert.equal(await card.getAttribute('class'), 'pengumuman belum-dibaca');
        assert.equal((await card.locator('h3').textContent()).trim(), `Baru ${title}`);
        assert.equal(await card.locator('.teks-pengumuman').textContent(), body, 'plain text, as written');
        assert.equal(await card.locator('.teks-pengumuman b').count(), 0, 'no HTML element made');
        await card.getByRole('button', {name: `Tandai dibaca: ${title}`}).click();
        await until(async () => (await card.getAttribute('class')) === 'pengumuman sudah-dibaca',
                    'the card turns read');
        await card.getByText('Sudah dibaca').waitFor();
        assert.equal(await card.getByRole('button', {name: /Tandai dibaca/}).count(), 0);
        assert.ok(await emp.page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'fits 360 px');
        assert.deepEqual(await cspViolations(emp.page), []);
        assert.deepEqual(unexpectedProblems(emp.page, ['/api/v1/auth/me']), []);
    } finally {
        await emp.context.close();
    }

    const other = await newPage(browser, MOBILE);
    try {
        await login(other.page, 'pegawai.disdik');
        await other.page.getByRole('heading', {name: /^Pengumuman/}).waitFor();
        await other.page.locator('section[aria-labelledby="judul-pengumuman"] [aria-busy]').waitFor({state: 'detached'});
        assert.equal(await other.page.locator('article.pengumuman', {hasText: title}).count(), 0,
                     'DISDIK does not see a DINKES announcement');
    } finally {
        await other.context.close();
    }

    const again = await newPage(browser);
    try {
        await login(again.page, 'admin.dinkes');
        await nav(again.page).getByRole('link', {name: 'Pengumuman', exact: true}).click();
        assert.equal(await readLine(again.page), `dibaca 1 dari ${audience}`);
    } finally {
        await again.context.close();
    }
});
