// Organisation page: admin.dinkes makes a unit under Dinas Kesehatan through the API (name
// and code unique per run, since the suite may run twice on one database), then in the
// browser picks it in the tree, renames it and sees the new name in the tree and the
// heading; a taken code shows its error under the code field and changes nothing; DINKES's
// positions table shows the head post and the supervising posts; no console errors other
// than the refused request, no CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {apiAs, findUnit, launch, newPage, login, nav, until, cspViolations,
        unexpectedProblems} from './helpers.mjs';

let browser;
let unit;
const suffix = Array.from({length: 5}, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(Math.random() * 24)]).join('');

before(async () => {
    browser = await launch();
    const call = await apiAs('admin.dinkes');
    const dinkes = findUnit((await call('GET', '/units')).body.items, 'DINKES');
    assert.ok(dinkes, 'demo unit DINKES');
    const r = await call('POST', '/units', {parent_id: dinkes.id, code: 'E2E.' + suffix,
                                            name: 'Bidang Uji ' + suffix, kind: 'bidang'});
    assert.equal(r.status, 201, JSON.stringify(r.body));
    unit = r.body;
});

after(async () => {
    await browser?.close();
});

test('an admin renames a unit and sees it in the tree; a taken code is refused', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Organisasi'}).click();
        await page.getByRole('heading', {name: 'Organisasi', level: 1}).waitFor();
        const tree = page.locator('.pohon-unit');
        await tree.getByRole('button', {name: 'Bidang Uji ' + suffix, exact: true}).click();
        await page.getByRole('heading', {name: 'Bidang Uji ' + suffix, level: 2, exact: true}).waitFor();
        assert.match(page.url(), new RegExp('#/organisasi\\?unit=' + unit.id + '$'));

        // a code another unit has: the error shows under the field, nothing changes
        await page.getByText('Ubah nama atau kode', {exact: true}).click();
        const code = page.getByLabel('Kode unit', {exact: true});
        await code.fill('DINKES');
        await page.getByRole('button', {name: 'Simpan perubahan'}).click();
        await until(async () => (await code.getAttribute('aria-invalid')) === 'true', 'code field marked invalid');
        await page.getByText('Kode unit sudah dipakai').waitFor();
        await code.fill('E2E.' + suffix);

        // the rename
        const name = page.getByLabel('Nama unit', {exact: true});
        await name.fill('Bidang Berganti ' + suffix);
        await page.getByRole('button', {name: 'Simpan perubahan'}).click();
        await page.getByText('Perubahan unit tersimpan.').waitFor();
        await page.getByRole('heading', {name: 'Bidang Berganti ' + suffix, level: 2, exact: true}).waitFor();
        await tree.getByRole('button', {name: 'Bidang Berganti ' + suffix, exact: true}).waitFor();
        assert.equal(await tree.getByRole('button', {name: 'Bidang Uji ' + suffix, exact: true}).count(), 0);
        const current = tree.locator('[aria-current="true"]');
        assert.equal(await current.textContent(), 'Bidang Berganti ' + suffix);

        // after a reload the tree still shows the new name (it is the server's, not the page's)
        await page.reload();
        await tree.getByRole('button', {name: 'Bidang Berganti ' + suffix, exact: true}).waitFor();

        // DINKES: the positions table with the head post and supervising posts
        await tree.getByRole('button', {name: 'Dinas Kesehatan', exact: true}).click();
        await page.getByRole('heading', {name: 'Jabatan di Dinas Kesehatan'}).waitFor();
        const table = page.locator('.tabel-jabatan');
        const head = table.getByRole('row').filter({hasText: 'Kepala Dinas Kesehatan'});
        await head.first().waitFor();
        assert.match(await head.first().textContent(), /JPT Pratama/);
        const staff = table.getByRole('row').filter({hasText: 'Pengadministrasi Perkantoran'});
        assert.match(await staff.first().textContent(), /Kepala Subbagian Umum dan Kepegawaian/);

        const problems = unexpectedProblems(page, ['/api/v1/auth/me'])
            .filter((p) => !(p.kind === 'console' && /status of 409/.test(p.text)));
        assert.deepEqual(problems, []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
});
