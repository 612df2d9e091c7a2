// Employee search and profile: two employees made through the API as bkpsdm (one in Dinas
// Kesehatan, one in Dinas Pendidikan; NIPs and names unique per run, since the suite may
// run twice on one database), then in the browser: admin.dinkes finds the DINKES one by a
// name fragment, the filters survive a reload, the profile shows NIP and retirement date;
// the DISDIK one is out of the admin's scope (empty result); pegawai.disdik opening the
// DINKES profile gets the not-found message; the 360-px layout does not scroll sideways;
// no console errors or CSP violations.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {BASE, apiAs, findUnit, launch, newPage, login, nav, until, cspViolations,
        unexpectedProblems} from './helpers.mjs';

let browser;
let dinkesEmp;
let disdikEmp;
let token;
let dinkesPosition;       // random letters in both names, so a search finds only this run's records

const seq3 = () => String(1 + Math.floor(Math.random() * 999)).padStart(3, '0');
const letters = (n) => Array.from({length: n}, () =>
    'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');

async function createEmployee(call, fields) {
    // a NIP taken by an earlier run (same random sequence) answers 409: try another one
    for (let i = 0; i < 10; i++) {
        const nip = fields.nipPrefix + seq3();
        const {nipPrefix, ...rest} = fields;
        const r = await call('POST', '/employees', {...rest, nip});
        if (r.status === 409)
            continue;
        assert.equal(r.status, 201, 'create employee: ' + JSON.stringify(r.body));
        return r.body;
    }
    assert.fail('no free NIP sequence found');
}

before(async () => {
    browser = await launch();
    const call = await apiAs('bkpsdm');
    const units = (await call('GET', '/units')).body.items;
    const dinkes = findUnit(units, 'DINKES');
    const disdik = findUnit(units, 'DISDIK');
    assert.ok(dinkes && disdik, 'demo units DINKES and DISDIK exist');

    const pos1 = await call('POST', '/positions', {unit_id: dinkes.id, name: 'Perawat Ahli Pertama',
                                                   kind: 'ahli_pertama', kelas_jabatan: 8});
    assert.equal(pos1.status, 201, JSON.stringify(pos1.body));
    const pos2 = await call('POST', '/positions', {unit_id: disdik.id, name: 'Guru Ahli Muda',
                                                   kind: 'ahli_muda', kelas_jabatan: 9});
    assert.equal(pos2.status, 201, JSON.stringify(pos2.body));

    dinkesPosition = pos1.body;
    token = 'Uji' + letters(6);
    // NIP: birth date 1985-03-15, TMT CPNS 2010-01, gender 2 (P), then a sequence.
    // NIK: region 127501, day 15 + 40 for a woman, 03, 85, sequence.
    dinkesEmp = await createEmployee(call, {
        nipPrefix: '198503152010012', nik: '1275015503850001',
        name: 'Sri Wahyuni ' + token, gelar_depan: 'Ns.', gelar_belakang: 'S.Kep.',
        birth_place: 'Medan', birth_date: '1985-03-15', gender: 'P', status: 'PNS',
        unit_id: dinkes.id, golongan: 'III/b', tmt_golongan: '2018-04-01', position_id: pos1.body.id,
    });
    // born 1990-07-02, TMT CPNS 2015-03, gender 1 (L)
    disdikEmp = await createEmployee(call, {
        nipPrefix: '199007022015031', nik: '1275010207900002',
        name: 'Agus Setiawan ' + token, birth_place: 'Binjai', birth_date: '1990-07-02',
        gender: 'L', status: 'PNS', unit_id: disdik.id, golongan: 'III/a',
        tmt_golongan: '2016-03-01', position_id: pos2.body.id,
    });
    assert.ok(dinkesEmp.retirement_date, 'the server derived a retirement date');
});
after(async () => { await browser?.close(); });

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
               'September', 'Oktober', 'November', 'Desember'];
function tanggal(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return d + ' ' + BULAN[m - 1] + ' ' + y;
}

// The browser logs every failed fetch as a console error; a 404 of the profile request is
// the expected answer out of scope, not a fault of the page.
function problemsExcept404(page) {
    return unexpectedProblems(page, ['/api/v1/auth/me']).filter((p) => !(
        p.kind === 'console' && /status of 404/.test(p.text) && /\/api\/v1\/employees\/\d+$/.test(p.url)));
}

test('admin.dinkes finds an employee by name, keeps the filters on reload, opens the profile', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await nav(page).getByRole('link', {name: 'Pegawai', exact: true}).click();
        await page.getByRole('heading', {name: 'Pegawai', exact: true}).waitFor();

        // search by a fragment of the name, with the keyboard
        await page.getByLabel('Nama atau NIP').fill(token.slice(0, 7).toLowerCase());
        await page.getByLabel('Nama atau NIP').press('Enter');
        const table = page.locator('.hasil-pegawai table');
        await table.waitFor();
        await until(async () => /#\/pegawai\?q=/.test(page.url()), 'the query is in the hash');
        assert.equal(await page.locator('.jumlah-hasil').textContent(), 'Menampilkan 1–1 dari 1 pegawai',
                     'only the DINKES employee is in the admin\'s scope');
        const link = table.getByRole('link', {name: 'Ns. Sri Wahyuni ' + token + ', S.Kep.'});
        assert.ok(await link.isVisible(), 'the name with titles links to the profile');
        assert.ok(await table.getByText(dinkesEmp.nip, {exact: true}).isVisible(), 'NIP shown');
        assert.ok(await table.getByText('Perawat Ahli Pertama').isVisible(), 'position shown');
        assert.equal(await table.getByText(/\*{4}/).count(), 0, 'no NIK in the list');

        // reload keeps what was typed, and the result
        await page.reload();
        await page.locator('.hasil-pegawai table').waitFor();
        assert.equal(await page.getByLabel('Nama atau NIP').inputValue(), token.slice(0, 7).toLowerCase());
        assert.doesNotMatch(await page.getByRole('main').textContent(), /\bnull\b|undefined/);

        // the DISDIK namesake is outside the admin's subtree: a clear empty state
        await page.getByLabel('Nama atau NIP').fill('Agus Setiawan ' + token);
        await page.getByRole('button', {name: 'Cari', exact: true}).click();
        await page.getByText('Tidak ada pegawai yang cocok.').waitFor();

        // Back returns to the earlier search
        await page.goBack();
        await page.locator('.hasil-pegawai table').waitFor();
        await page.locator('.hasil-pegawai').getByRole('link', {name: /Sri Wahyuni/}).click();

        await page.getByRole('heading', {name: 'Ns. Sri Wahyuni ' + token + ', S.Kep.'}).waitFor();
        assert.equal(await page.locator('[data-field="nip"]').textContent(), dinkesEmp.nip);
        assert.equal(await page.locator('[data-field="retirement_date"]').textContent(),
                     tanggal(dinkesEmp.retirement_date));
        assert.match(tanggal(dinkesEmp.retirement_date), /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        assert.ok(await page.getByText('15 Maret 1985').first().isVisible(), 'birth date in Indonesian');
        // the DINKES admin may see the whole NIK (docs/api-employees.md)
        assert.equal(await page.locator('[data-field="nik"]').textContent(), '1275015503850001');
        assert.equal(await nav(page).getByRole('link', {name: 'Pegawai', exact: true}).getAttribute('aria-current'),
                     'page');

        assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
        assert.deepEqual(problemsExcept404(page), [], 'no console errors or page errors');
    } finally {
        await context.close();
    }
});

test('the unit filter narrows to a unit and its sub-units; a pegawai outside sees not-found', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'bkpsdm');
        await page.goto(BASE + '/#/pegawai?q=' + token);
        await page.locator('.hasil-pegawai table').waitFor();
        assert.equal(await page.locator('.jumlah-hasil').textContent(), 'Menampilkan 1–2 dari 2 pegawai');
        await until(async () => await page.getByLabel('Unit kerja').locator('option').count() > 5,
                    'the unit list loaded');
        const disdikValue = await page.getByLabel('Unit kerja').evaluate((sel) =>
            [...sel.options].find((o) => o.textContent.trim() === 'Dinas Pendidikan').value);
        await page.getByLabel('Unit kerja').selectOption(disdikValue);
        await page.getByRole('button', {name: 'Cari', exact: true}).click();
        await until(async () => /unit_id=\d+/.test(page.url()), 'unit_id in the hash');
        await page.getByText('Menampilkan 1–1 dari 1 pegawai').waitFor();
        assert.ok(await page.getByRole('link', {name: 'Agus Setiawan ' + token}).isVisible());
        await page.reload();
        await page.getByText('Menampilkan 1–1 dari 1 pegawai').waitFor();
        await until(async () => (await page.getByLabel('Unit kerja').locator('option:checked').textContent())
                        .trim() === 'Dinas Pendidikan', 'the unit choice survives a reload');
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(problemsExcept404(page), []);
    } finally {
        await context.close();
    }

    const other = await newPage(browser);
    try {
        await login(other.page, 'pegawai.disdik');
        assert.equal(await nav(other.page).getByRole('link', {name: 'Pegawai', exact: true}).count(), 0,
                     'no employee search for a plain pegawai');
        await other.page.goto(BASE + '/#/pegawai/' + dinkesEmp.id);
        await other.page.getByText('Data pegawai tidak ditemukan atau di luar cakupan Anda.').waitFor();
        assert.equal(await other.page.getByText(dinkesEmp.nip).count(), 0, 'nothing of the record shown');
        assert.deepEqual(await cspViolations(other.page), []);
        assert.deepEqual(problemsExcept404(other.page), []);
    } finally {
        await other.context.close();
    }
});

test('at 360 px the search results, the profile and the add form do not scroll the page sideways', async () => {
    const {context, page} = await newPage(browser, {viewport: {width: 360, height: 740},
                                                    isMobile: true, hasTouch: true,
                                                    deviceScaleFactor: 2});
    const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    try {
        await login(page, 'superadmin');
        await page.goto(BASE + '/#/pegawai?q=' + token);
        await page.locator('.hasil-pegawai table').waitFor();
        assert.ok(await scrollWidth() <= 360, 'search page fits: ' + await scrollWidth());
        const box = page.locator('.wadah-tabel');
        assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth),
                  'the table scrolls inside its own box');
        await page.goto(BASE + '/#/pegawai/' + dinkesEmp.id);
        await page.locator('[data-field="retirement_date"]').waitFor();
        assert.ok(await scrollWidth() <= 360, 'profile fits: ' + await scrollWidth());
        await page.goto(BASE + '/#/pegawai/baru');
        await page.getByRole('heading', {name: 'Tambah pegawai'}).waitFor();
        await until(async () => await page.getByLabel('Unit kerja').locator('option').count() > 1, 'units loaded');
        assert.ok(await scrollWidth() <= 360, 'the add form fits: ' + await scrollWidth());
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(problemsExcept404(page), []);
    } finally {
        await context.close();
    }
});

test('admin.dinkes adds an employee: a server error shows at its field and keeps the input', async () => {
    const {context, page} = await newPage(browser);
    try {
        await login(page, 'admin.dinkes');
        await page.goto(BASE + '/#/pegawai');
        await page.getByRole('link', {name: 'Tambah pegawai'}).click();
        await page.getByRole('heading', {name: 'Tambah pegawai'}).waitFor();
        const name = 'Dewi Lestari ' + token;
        // NIP: born 1992-11-20, TMT CPNS 2019-02, P; the birth date typed disagrees with it
        await page.getByLabel('NIK', {exact: true}).fill('1275016011920003');
        await page.getByLabel('Gelar depan (bila ada)').fill('dr.');
        await page.getByLabel('Nama lengkap').fill(name);
        await page.getByLabel('Tempat lahir').fill('Pematangsiantar');
        await page.getByLabel('Tanggal lahir', {exact: true}).fill('1992-11-21');
        await page.getByLabel('Jenis kelamin').selectOption('P');
        await page.getByLabel('Status kepegawaian').selectOption('PNS');
        const unit = page.getByLabel('Unit kerja');
        await until(async () => await unit.locator('option').count() > 1, 'units loaded');
        const unitValue = await unit.evaluate((sel) =>
            [...sel.options].find((o) => o.textContent.trim() === 'Dinas Kesehatan').value);
        await unit.selectOption(unitValue);
        const position = page.getByLabel('Jabatan', {exact: true});
        await until(async () => await position.locator(`option[value="${dinkesPosition.id}"]`).count() === 1,
                    'positions of the unit loaded');
        await position.selectOption(String(dinkesPosition.id));
        await page.getByLabel('Golongan', {exact: true}).selectOption('III/b');
        await page.getByLabel('TMT golongan').fill('2023-04-01');

        let created = false;
        for (let i = 0; i < 5 && !created; i++) {
            await page.getByLabel('NIP / NI PPPK').fill('199211202019022' + seq3());
            await page.getByRole('button', {name: 'Simpan pegawai'}).click();
            const nipError = page.locator('#pb-nip-galat');
            await nipError.waitFor();
            if (/sudah/i.test(await nipError.textContent()))
                continue;   // that NIP was taken by an earlier run
            assert.match(await nipError.textContent(), /tanggal lahir/i, 'the NIP error is shown at the NIP');
            assert.equal(await page.getByLabel('NIP / NI PPPK').getAttribute('aria-invalid'), 'true');
            assert.equal(await page.getByLabel('Nama lengkap').inputValue(), name, 'what was typed stays');
            assert.equal(await position.inputValue(), String(dinkesPosition.id));
            await page.getByLabel('Tanggal lahir', {exact: true}).fill('1992-11-20');
            await page.getByRole('button', {name: 'Simpan pegawai'}).click();
            await until(async () => /#\/pegawai\/\d+$/.test(page.url()) ||
                                    await page.locator('#pb-nip-galat:visible').count() > 0,
                        'saved or refused');
            created = /#\/pegawai\/\d+$/.test(page.url());
        }
        assert.ok(created, 'the employee was saved');
        await page.getByRole('heading', {name: 'dr. ' + name}).waitFor();
        await page.getByText('Data pegawai tersimpan.').waitFor();
        assert.equal(await page.locator('[data-field="nik"]').textContent(), '1275016011920003');
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(problemsExcept404(page).filter((p) => !/status of (422|409)/.test(p.text)), [],
                         'no console errors besides the refused POST');
    } finally {
        await context.close();
    }
});
