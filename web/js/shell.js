/* The frame around every page once logged in: the header with the app name, who is
 * logged in and in which unit, the role-dependent menu, "Ganti kata sandi" and
 * "Keluar". On narrow screens the menu folds behind a button (aria-expanded). */

import {h} from './dom.js';
import {NAV, HOME, hasAnyRole} from './routes.js';
import {bell, stopBell} from './lonceng.js';

const header = () => document.getElementById('kepala');

function closeMenu(returnFocus) {
    const btn = document.getElementById('tombol-menu');
    const nav = document.getElementById('nav-utama');
    if (!btn || !nav)
        return;
    btn.setAttribute('aria-expanded', 'false');
    nav.classList.remove('terbuka');
    if (returnFocus)
        btn.focus();
}

function toggleMenu() {
    const btn = document.getElementById('tombol-menu');
    const nav = document.getElementById('nav-utama');
    const open = btn.getAttribute('aria-expanded') !== 'true';
    btn.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('terbuka', open);
}

function navLink(label, path, current) {
    /* a sub-page (#/pegawai/12) marks its section's item too */
    const here = current === path || (current || '').startsWith(path + '/');
    return h('a', {href: '#' + path, 'aria-current': here ? 'page' : null,
                   onclick: () => closeMenu(false)}, label);
}

/* Draw (or redraw) the header for user; currentPath marks the active menu item.
 * onLogout runs when "Keluar" is pressed. */
export function showShell(user, currentPath, onLogout) {
    const el = header();
    const restricted = !!user.must_change_password;
    const items = NAV.filter((item) => hasAnyRole(user, item.roles)).map((item) => {
        if (!item.path)
            return h('li', null, h('span', {class: 'nav-segera'}, item.label, ' ',
                                   h('span', {class: 'lencana'}, 'segera')));
        if (restricted)
            return h('li', null, h('span', {class: 'nav-segera'}, item.label));
        return h('li', null, navLink(item.label, item.path, currentPath));
    });

    const menuBtn = h('button', {type: 'button', id: 'tombol-menu', class: 'tombol-menu',
                                 'aria-expanded': 'false', 'aria-controls': 'nav-utama',
                                 onclick: toggleMenu},
                      h('span', {class: 'ikon-menu', 'aria-hidden': 'true'}), 'Menu');

    const account = h('ul', {class: 'nav-akun'},
                      h('li', null, navLink('Ganti kata sandi', '/sandi', currentPath)),
                      restricted ? null : h('li', null, navLink('Sesi aktif', '/sesi', currentPath)),
                      h('li', null, h('button', {type: 'button', class: 'tombol-keluar',
                                                 onclick: onLogout}, 'Keluar')));

    const nav = h('nav', {id: 'nav-utama', class: 'nav-utama', 'aria-label': 'Menu utama',
                          onkeydown: (ev) => { if (ev.key === 'Escape') closeMenu(true); }},
                  h('ul', {class: 'nav-modul'}, items), account);

    el.replaceChildren(
        h('div', {class: 'kepala-baris'},
          h('a', {class: 'merek', href: '#' + HOME}, 'Abdi'),
          h('p', {class: 'pengguna'},
            h('span', {class: 'pengguna-nama', title: user.name || user.username},
              user.name || user.username),
            h('span', {class: 'pengguna-unit', title: user.unit_name || null},
              user.unit_name || 'Tanpa unit kerja')),
          restricted ? null : bell(currentPath),
          menuBtn),
        nav);
    el.hidden = false;
}

/* Logged out: no header, nothing of the last user left in the DOM. */
export function hideShell() {
    const el = header();
    stopBell();
    el.replaceChildren();
    el.hidden = true;
}
