/* Abdi web UI entry point: who is logged in (asked of GET /api/v1/auth/me at load, kept
 * in memory only), hash routing between the screens of js/routes.js, the header of
 * js/shell.js, logout, and the way back to the login page when a session ends.
 * Nothing personal is written to localStorage or sessionStorage. */

import {get, post, startSession, endSession, onSessionLost} from './js/api.js';
import {h, message, pageTitle} from './js/dom.js';
import {HOME, LOGIN, PASSWORD, findRoute, hasAnyRole, parseHash} from './js/routes.js';
import {showShell, hideShell} from './js/shell.js';

const main = document.getElementById('isi');

const state = {
    user: null,
    flash: null,        /* {kind, text} shown once on the next page */
    next: null,         /* where to go after logging in */
    renderSeq: 0,
    firstRender: true,
};

function currentHash() {
    return parseHash(location.hash);
}

/* Go to path. replace=true rewrites the history entry (redirects). */
function navigate(path, replace = false) {
    const target = '#' + path;
    if (location.hash === target) {
        render();
    } else if (replace) {
        history.replaceState(null, '', target);
        render();
    } else {
        location.hash = target;   /* hashchange renders */
    }
}

function setFlash(kind, text) {
    state.flash = {kind, text};
}

function wipeBrowserStorage() {
    try {
        localStorage.clear();
        sessionStorage.clear();
    } catch {
        /* storage disabled: nothing to wipe */
    }
}

/* A user (from login or /auth/me) is now logged in. */
function signedIn(user, csrfToken) {
    state.user = user;
    startSession(csrfToken);
}

function signedOut() {
    state.user = null;
    endSession();
    hideShell();
    wipeBrowserStorage();
}

async function logout() {
    try {
        await post('/auth/logout', undefined, {sessionCheck: false});
    } catch {
        /* the session may already be gone; either way we are out */
    }
    signedOut();
    state.next = null;
    setFlash('info', 'Anda telah keluar.');
    navigate(LOGIN);
}

onSessionLost(() => {
    if (!state.user)
        return;
    const {path} = currentHash();
    signedOut();
    state.next = path && path !== LOGIN ? location.hash.slice(1) : null;
    setFlash('peringatan', 'Sesi berakhir, silakan masuk lagi.');
    navigate(LOGIN, true);
});

/* What pages get: the user, navigation, and a way to report login or user changes. */
function context(route, params, query, isCurrent) {
    return {
        user: state.user,
        params,
        query,
        isCurrent,
        navigate,
        /* a page that logs in or refreshes the user calls this */
        setUser(user, csrfToken) {
            signedIn(user, csrfToken === undefined ? null : csrfToken);
        },
        afterLogin() {
            const next = state.next;
            state.next = null;
            if (state.user.must_change_password) {
                setFlash('peringatan', 'Anda harus mengganti kata sandi sebelum melanjutkan.');
                navigate(PASSWORD);
            } else {
                navigate(next && parseHash('#' + next).path !== LOGIN ? next : HOME);
            }
        },
        flash: setFlash,
    };
}

function problemPage(root, title, text) {
    root.append(pageTitle(title), h('p', null, text),
                h('p', null, h('a', {href: '#' + HOME}, 'Kembali ke Beranda')));
}

async function render() {
    const seq = ++state.renderSeq;
    const {path, query} = currentHash();
    const found = findRoute(path);
    const user = state.user;

    if (!user) {
        if (!found || !found.route.public) {
            if (path && path !== LOGIN)
                state.next = location.hash.slice(1);
            navigate(LOGIN, true);
            return;
        }
    } else if (!found && path === '') {
        navigate(HOME, true);
        return;
    } else if (found && found.route.public) {
        navigate(HOME, true);
        return;
    } else if (user.must_change_password && path !== PASSWORD) {
        navigate(PASSWORD, true);
        return;
    }

    const root = h('div', {class: 'halaman'});
    main.replaceChildren(root);
    main.setAttribute('aria-busy', 'true');
    const isCurrent = () => seq === state.renderSeq;

    if (user)
        showShell(user, path, logout);
    else
        hideShell();

    const flash = state.flash;
    state.flash = null;
    root.append(h('div', {class: 'wadah-pesan-kilat'}, flash ? message(flash.kind, flash.text) : null));

    if (!found) {
        document.title = 'Halaman tidak ditemukan — Abdi';
        problemPage(root, 'Halaman tidak ditemukan', 'Alamat yang Anda buka tidak ada di Abdi.');
    } else if (!hasAnyRole(user, found.route.roles)) {
        document.title = 'Tidak berwenang — Abdi';
        problemPage(root, 'Tidak berwenang', 'Peran Anda tidak mencakup halaman ini.');
    } else {
        document.title = found.route.title + ' — Abdi';
        let mod;
        try {
            mod = await found.route.load();
        } catch {
            if (!isCurrent())
                return;
            root.append(pageTitle(found.route.title),
                        message('galat', 'Halaman gagal dimuat. Periksa koneksi internet Anda.'),
                        h('button', {type: 'button', class: 'tombol', onclick: () => render()},
                          'Coba lagi'));
            main.removeAttribute('aria-busy');
            return;
        }
        if (!isCurrent())
            return;
        mod.default.render(root, context(found.route, found.params, query, isCurrent));
    }
    main.removeAttribute('aria-busy');

    /* Move focus to the new page's heading so keyboard and screen-reader users start
     * there; not on the very first load, where the browser's own start is expected. */
    if (!state.firstRender) {
        const title = root.querySelector('h1');
        if (title)
            title.focus({preventScroll: false});
    }
    state.firstRender = false;
}

async function boot() {
    document.getElementById('lompat').addEventListener('click', (ev) => {
        ev.preventDefault();
        main.focus();
        main.scrollIntoView();
    });
    try {
        const me = await get('/auth/me', {sessionCheck: false});
        if (me && me.user)
            signedIn(me.user, me.csrf_token);
    } catch (e) {
        if (e.status !== 401) {
            /* the server is unreachable or failing: say so, offer a retry */
            main.replaceChildren(h('div', {class: 'halaman'},
                pageTitle('Abdi'),
                message('galat', e.message),
                h('button', {type: 'button', class: 'tombol', onclick: () => location.reload()},
                  'Muat ulang')));
            return;
        }
    }
    window.addEventListener('hashchange', () => render());
    render();
}

boot();
