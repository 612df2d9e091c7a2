/* Permohonan cuti (#/cuti/<id>, the link of the leave notifications): one request with its
 * facts, where it stands, the step history, "Batalkan" while it has not started, the letter
 * of an approved request, and the decision form when the reader must decide now. */

import {get} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {JENIS_CUTI, letterLink, periode, riwayatLangkah, ringkasan, statusBadge} from './cuti.js';
import {cancelButton} from './cuti-saya.js';
import {decisionForm} from './cuti-persetujuan.js';

function render(root, ctx) {
    const id = ctx.params.id;
    const status = h('div', {'aria-live': 'polite'});
    const box = h('div', {'aria-live': 'polite'});
    root.append(pageTitle('Permohonan cuti'), status, box);

    async function load() {
        box.setAttribute('aria-busy', 'true');
        try {
            const r = await get('/leave-requests/' + encodeURIComponent(id));
            if (!ctx.isCurrent())
                return;
            const mine = ctx.user && r.employee_id === ctx.user.employee_id;
            box.replaceChildren(
                h('section', {class: 'kartu', 'data-cuti': String(r.id)},
                  h('h2', null, (JENIS_CUTI[r.type] || r.type) + ', ' + periode(r)),
                  h('p', null, statusBadge(r.status)),
                  ringkasan(r, !mine),
                  h('div', {class: 'baris-tombol'}, letterLink(r), ' ', cancelButton(r, status, load))),
                r.can_decide ? decisionForm(r, status, load) : '',
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-langkah'},
                  h('h2', {id: 'judul-langkah'}, 'Riwayat'), riwayatLangkah(r.steps) || h('p', {class: 'kosong'}, '—')),
                h('p', null, h('a', {href: mine ? '#/cuti' : '#/cuti/persetujuan', class: 'tautan-kembali'},
                               mine ? '‹ Cuti saya' : '‹ Persetujuan cuti')));
        } catch (e) {
            box.replaceChildren(message('galat', e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }
    load();
}

export default {render};
