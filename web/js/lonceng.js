/* The bell in the page header: a link to the notifications page (#/notifikasi) with the
 * number of unread notifications (GET /api/v1/notifications?per_page=1 → "unread"). The count
 * is fetched again on every navigation (showShell) and every 60 s while logged in, never
 * faster; the notifications page sets it directly after marking read. */

import {get} from './api.js';
import {h} from './dom.js';

const REFRESH_MS = 60000;

let unread = 0;
let timer = null;
let link = null;

function label(n) {
    return n ? 'Notifikasi, ' + n + ' belum dibaca' : 'Notifikasi, tidak ada yang belum dibaca';
}

function draw() {
    if (!link)
        return;
    const badge = link.querySelector('.lonceng-jumlah');
    link.setAttribute('aria-label', label(unread));
    link.title = label(unread);
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = unread === 0;
}

/* Set the count (the notifications page knows it after each change). */
export function setUnread(n) {
    unread = Math.max(0, Number(n) || 0);
    draw();
}

export async function refreshUnread() {
    try {
        const res = await get('/notifications?per_page=1');
        setUnread(res && res.unread);
    } catch {
        /* the count stays as it was; the next navigation or tick tries again */
    }
}

/* The bell for the header; starts the 60-s refresh and fetches the count now. current: the
 * page being shown (the bell is marked when it is the notifications page). */
export function bell(current) {
    link = h('a', {class: 'lonceng', href: '#/notifikasi',
                   'aria-current': current === '/notifikasi' ? 'page' : null},
             h('span', {class: 'ikon-lonceng', 'aria-hidden': 'true'}),
             h('span', {class: 'lonceng-jumlah', 'aria-hidden': 'true'}));
    draw();
    if (!timer)
        timer = setInterval(refreshUnread, REFRESH_MS);
    refreshUnread();
    return link;
}

/* Logged out: stop refreshing and forget the count. */
export function stopBell() {
    if (timer)
        clearInterval(timer);
    timer = null;
    link = null;
    unread = 0;
}
