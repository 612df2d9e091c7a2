// Organisation page: admin.dinkes makes a unit under Dinas Kesehatan through the API (name
// and code unique per run, since the suite may run twice on one database), then in the
// browser picks it in the tree, renames it and sees the new name in the tree and the
// heading; a taken code shows its error under the code field and changes nothing; DINKES's
// positions table shows the head post and the supervising posts; no console errors other
// than the refused request, no CSP violations. A move that would strand a post's supervising
// post lists that post in the move form, and the button there moves it clearing the link.
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

test('a move that strands a supervising post lists it; the admin detaches and moves', async () => {
    const call = await apiAs('admin.dinkes');
    const dinkes = findUnit((await call('GET', '/units')).body.items, 'DINKES');
    const mk = async (parent, code, name, kind) => {
        const r = await call('POST', '/units', {parent_id: parent.id, code: 'E2E.' + suffix + code, name: name + ' ' + suffix, kind});
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body;
    };
    const x = await mk(dinkes, 'X', 'Bidang Asal', 'bidang');
    const y = await mk(dinkes, 'Y', 'Bidang Tujuan', 'bidang');
    const s = await mk(x, 'S', 'Seksi Pindah', 'seksi');
    const head = await call('POST', '/positions', {unit_id: x.id, name: 'Kepala Bidang Asal ' + suffix, kind: 'administrator', kelas_jabatan: 11});
    assert.equal(head.status, 201, JSON.stringify(head.body));
    const staff = await call('POST', '/positions', {unit_id: s.id, name: 'Pelaksana Seksi ' + suffix, kind: 'pelaksana', kelas_jabatan: 6, parent_position_id: head.body.id});
    assert.equal(staff.status, 201, JSON.stringify(staff.body));

    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await page.goto(new URL('#/organisasi?unit=' + s.id, page.url()).href);
        await page.getByRole('heading', {name: 'Seksi Pindah ' + suffix, level: 2, exact: true}).waitFor();
        await page.getByText('Pindahkan ke unit lain', {exact: true}).click();
        await page.getByLabel('Unit induk yang baru', {exact: true}).selectOption(String(y.id));
        await page.getByRole('button', {name: 'Pindahkan', exact: true}).click();
        const table = page.locator('.tabel-terputus');
        const row = table.getByRole('row').filter({hasText: 'Pelaksana Seksi ' + suffix});
        await row.waitFor();
        assert.match(await row.textContent(), new RegExp('Kepala Bidang Asal ' + suffix + ' \\(Bidang Asal ' + suffix + '\\)'));
        await page.getByText(/1 jabatan akan kehilangan atasan langsungnya/).waitFor();
        assert.equal((await call('GET', '/units/' + s.id)).body.parent_id, x.id, 'the refused move changed nothing');

        await page.getByRole('button', {name: 'Lepaskan tautan atasan dan pindahkan'}).click();
        await page.getByText(/Unit dipindahkan; 1 jabatan kini tanpa jabatan atasan/).waitFor();
        assert.equal((await call('GET', '/units/' + s.id)).body.parent_id, y.id);
        assert.equal((await call('GET', '/positions/' + staff.body.id)).body.parent_position_id, null);

        const problems = unexpectedProblems(page, ['/api/v1/auth/me'])
            .filter((p) => !(p.kind === 'console' && /status of 409/.test(p.text)));
        assert.deepEqual(problems, []);
        assert.deepEqual(await cspViolations(page), []);
    } finally {
        await context.close();
    }
});
