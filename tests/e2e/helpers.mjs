// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, one
// fresh browser context per test, the server at ABDI_URL with the demo accounts (password
// ABDI_PASSWORD). Each page records console errors, uncaught exceptions and CSP
// violations so any test can assert that none happened.
import assert from 'node:assert/strict';
import {chromium} from 'playwright-core';

export const BASE = (process.env.ABDI_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const PASSWORD = process.env.ABDI_PASSWORD || '';
if (!PASSWORD)
    throw new Error('set ABDI_PASSWORD to the demo accounts\' password');

export const WRONG_PASSWORD = 'Bukan-Sandi-Yang-Benar-42';
const TIMEOUT_MS = 15000;

export async function launch() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
}

// A fresh context and page. page.problems lists what went wrong in the page:
// console errors, page errors, CSP violations (as strings).
export async function newPage(browser, options = {}) {
    const context = await browser.newContext({locale: 'id-ID', ...options});
    context.setDefaultTimeout(TIMEOUT_MS);
    await context.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
            window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
        });
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
        if (msg.type() === 'error')
            problems.push({kind: 'console', text: msg.text(), url: msg.location().url || ''});
    });
    page.on('pageerror', (err) => problems.push({kind: 'pageerror', text: String(err), url: ''}));
    page.on('dialog', (d) => {
        problems.push({kind: 'dialog', text: d.message(), url: ''});
        d.dismiss().catch(() => {});
    });
    page.problems = problems;
    return {context, page};
}

export async function cspViolations(page) {
    return page.evaluate(() => window.__csp || []);
}

// Poll fn until it returns a truthy value; fail with msg after the timeout.
export async function until(fn, msg, timeoutMs = TIMEOUT_MS) {
    const end = Date.now() + timeoutMs;
    let last;
    for (;;) {
        try {
            last = await fn();
            if (last)
                return last;
        } catch (e) {
            last = e;
        }
        if (Date.now() > end)
            assert.fail(msg + ' (last: ' + String(last) + ')');
        await new Promise((r) => setTimeout(r, 50));
    }
}

export async function openLogin(page) {
    await page.goto(BASE + '/');
    await page.getByRole('heading', {name: 'Masuk', exact: true}).waitFor();
}

// Fill and submit the login form; resolves with the parsed login response.
export async function submitLogin(page, username, password) {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi', {exact: true}).fill(password);
    const [resp] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', {name: 'Masuk', exact: true}).click(),
    ]);
    let body = null;
    try {
        body = await resp.json();
    } catch {
        body = null;
    }
    return {status: resp.status(), body};
}

// Log in through the UI and wait for the home page; → the user object.
export async function login(page, username, password = PASSWORD) {
    await openLogin(page);
    const {status, body} = await submitLogin(page, username, password);
    assert.equal(status, 200, `login as ${username} answered ${status}: ${JSON.stringify(body)}`);
    await page.getByRole('heading', {name: /^Selamat datang, /}).waitFor();
    return body.user;
}

export function nav(page) {
    return page.getByRole('navigation', {name: 'Menu utama'});
}

export async function logout(page) {
    await page.getByRole('button', {name: 'Keluar'}).click();
    await page.getByRole('heading', {name: 'Masuk', exact: true}).waitFor();
}

// The problems of a page except the expected "401" of GET /auth/me when nobody is
// logged in yet (the browser logs every failed fetch as a console error).
export function unexpectedProblems(page, allowed = []) {
    return page.problems.filter((p) => !(
        p.kind === 'console' && /status of 401/.test(p.text) &&
        allowed.some((suffix) => p.url.endsWith(suffix))));
}

// An API client logged in as username (cookie + CSRF), for setting up data a page test needs:
// (method, path under /api/v1, body?) → {status, body}.
export async function apiAs(username) {
    const res = await fetch(BASE + '/api/v1/auth/login', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({username, password: PASSWORD}),
    });
    assert.equal(res.status, 200, 'API login as ' + username);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const {csrf_token: csrf} = await res.json();
    return async (method, path, body) => {
        const r = await fetch(BASE + '/api/v1' + path, {
            method,
            headers: {Cookie: cookie, 'X-CSRF-Token': csrf, Accept: 'application/json',
                      ...(body ? {'Content-Type': 'application/json'} : {})},
            body: body ? JSON.stringify(body) : undefined,
        });
        return {status: r.status, body: r.status === 204 ? null : await r.json()};
    };
}

// The unit with this code in a units forest (GET /api/v1/units), or null.
export function findUnit(units, code) {
    for (const u of units || []) {
        if (u.code === code)
            return u;
        const f = findUnit(u.children, code);
        if (f)
            return f;
    }
    return null;
}
