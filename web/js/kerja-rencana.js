/* Rencana kerja mingguan (#/kerja/rencana?unit_id=&week=YYYY-Www): for supervisors, pimpinan
 * and admins, who of a unit works where each day of a week (GET /units/{id}/week-plan), the
 * on-site count against the unit's minimum with the days that fall short highlighted, and
 * the one-off requests waiting for the caller's decision (GET /work-requests?inbox=1). An
 * approval that would leave the unit short on site is refused by the server, which says the
 * day and by how many; the page shows that message. */

import {get, query} from './api.js';
import {h, message, pageTitle} from './dom.js';
import {formatTanggal} from './tanggal.js';
import {HARI, MODE, arrangementText, decisionForm, isoWeek, requestDecision} from './kerja.js';
import {unitOptions} from './unit-tree.js';

function planTable(res) {
    const working = res.days.map((d) => d.working);
    return h('div', {class: 'wadah-tabel', tabindex: '0', role: 'region', 'aria-label': 'Rencana kerja mingguan'},
             h('table', {class: 'tabel tabel-rencana'},
               h('caption', null, 'Di mana setiap pegawai bekerja, ' + formatTanggal(res.from) + ' – ' + formatTanggal(res.to)),
               h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Pegawai'),
                   res.days.map((d) => h('th', {scope: 'col', class: d.working ? null : 'akhir-pekan'},
                                         HARI[d.weekday - 1], h('br'), formatTanggal(d.date))))),
               h('tbody', null, res.people.map((p) => h('tr', {'data-employee': String(p.employee_id)},
                   h('th', {scope: 'row', class: 'sel-nama'}, p.name, h('span', {class: 'sel-nip'}, ' ', p.nip)),
                   p.days.map((d, i) => h('td', {class: ['mode-' + d.mode.toLowerCase(), working[i] ? null : 'akhir-pekan'],
                                                 title: d.place || null},
                                          working[i] ? d.mode : '—'))))),
               h('tfoot', null, h('tr', null, h('th', {scope: 'row'}, 'Di kantor / minimum'),
                   res.days.map((d) => h('td', {class: ['angka', d.short ? 'kurang' : null], 'data-date': d.date,
                                                'data-short': String(d.short)},
                                         d.working ? d.onsite + ' / ' + d.required + (d.short ? ' (kurang ' + d.short + ')' : '') : '—'))))));
}

function inboxList(items, status, reload) {
    if (!items.length)
        return h('p', {class: 'kosong'}, 'Tidak ada permintaan yang menunggu keputusan Anda.');
    return h('ul', {class: 'daftar-kartu'}, items.map((r) =>
        h('li', {class: 'kartu kartu-baris', 'data-request': String(r.id)},
          h('h3', null, r.employee_name + ' · ' + formatTanggal(r.date)),
          h('p', null, MODE[r.mode] || r.mode, r.place ? ' — ' + r.place : '',
            r.reason ? ' · Alasan: ' + r.reason : ''),
          requestDecision(r, status, reload))));
}

function proposalsList(items, status, reload) {
    if (!items.length)
        return h('p', {class: 'kosong'}, 'Tidak ada usulan pengaturan kerja yang menunggu keputusan Anda.');
    return h('ul', {class: 'daftar-kartu'}, items.map((x) =>
        h('li', {class: 'kartu kartu-baris', 'data-proposal': String(x.id)},
          h('h3', null, x.employee_name + ' · mulai ' + formatTanggal(x.valid_from) +
                        (x.valid_to ? ' s.d. ' + formatTanggal(x.valid_to) : '')),
          h('p', null, arrangementText(x)),
          x.note ? h('p', {class: 'petunjuk'}, 'Catatan: ', x.note) : null,
          decisionForm('usulan-' + x.id, '/work-arrangements/' + encodeURIComponent(x.employee_id) + '/decision',
                       'Usulan pengaturan kerja ' + x.employee_name, status, reload))));
}

function render(root, ctx) {
    const me = ctx.user || {};
    const chosen = ctx.query.get('unit_id') || (me.unit_id ? String(me.unit_id) : '');
    const week = /^\d{4}-W\d{2}$/.test(ctx.query.get('week') || '') ? ctx.query.get('week') : isoWeek(new Date());
    const unit = h('select', {id: 'rencana-unit', name: 'unit_id'},
                   chosen ? h('option', {value: chosen, selected: true}, me.unit_name || 'Unit #' + chosen) : null);
    const weekIn = h('input', {type: 'week', id: 'rencana-minggu', value: week});
    const status = h('div', {'aria-live': 'polite'});
    const box = h('div', {'aria-live': 'polite'});
    const inbox = h('div', {'aria-live': 'polite'});
    const proposals = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'formulir', novalidate: true, 'aria-label': 'Pilih unit dan minggu',
                            onsubmit: (ev) => {
                                ev.preventDefault();
                                ctx.navigate('/kerja/rencana' + query({unit_id: unit.value, week: weekIn.value}));
                            }},
                   h('div', {class: 'bidang'}, h('label', {for: 'rencana-unit'}, 'Unit kerja'), unit),
                   h('div', {class: 'bidang'}, h('label', {for: 'rencana-minggu'}, 'Minggu'), weekIn),
                   h('div', {class: 'tombol-formulir'}, h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Tampilkan')));
    root.append(pageTitle('Rencana kerja mingguan'), h('section', {class: 'kartu'}, form), box,
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-menunggu'},
                  h('h2', {id: 'judul-menunggu'}, 'Permintaan menunggu keputusan'), status, inbox,
                  h('h2', null, 'Usulan pengaturan mingguan'), proposals));

    get('/units').then((res) => {
        if (!ctx.isCurrent() || !res || !res.items || !res.items.length)
            return;
        unit.replaceChildren(...unitOptions(res.items));
        if (chosen)
            unit.value = chosen;
    }).catch(() => { /* the own unit stays the only choice */ });

    async function loadPlan() {
        if (!chosen) {
            box.replaceChildren(message('info', 'Pilih unit kerja.'));
            return;
        }
        box.setAttribute('aria-busy', 'true');
        try {
            const res = await get('/units/' + encodeURIComponent(chosen) + '/week-plan' + query({week}));
            if (!ctx.isCurrent())
                return;
            const gaps = res.days.filter((d) => d.short);
            box.replaceChildren(
                gaps.length ? message('peringatan', 'Kurang pegawai di kantor pada ' +
                                      gaps.map((d) => formatTanggal(d.date) + ' (' + d.short + ')').join(', ') + '.')
                            : message('info', 'Setiap hari kerja memenuhi minimum pegawai di kantor.'),
                res.people.length ? planTable(res) : h('p', {class: 'kosong'}, 'Unit ini belum punya pegawai.'));
        } catch (e) {
            if (ctx.isCurrent())
                box.replaceChildren(message('galat', e.status === 404
                    ? 'Unit kerja tidak ditemukan atau di luar cakupan Anda.' : e.message));
        } finally {
            box.removeAttribute('aria-busy');
        }
    }

    async function loadInbox() {
        try {
            const [res, props] = await Promise.all([
                get('/work-requests' + query({inbox: '1', status: 'pending', per_page: 50})),
                get('/work-arrangements' + query({inbox: '1'})),
            ]);
            if (!ctx.isCurrent())
                return;
            inbox.replaceChildren(inboxList(res.items, status, reload));
            proposals.replaceChildren(proposalsList(props.items, status, reload));
        } catch (e) {
            if (ctx.isCurrent())
                inbox.replaceChildren(message('galat', e.message));
        }
    }

    function reload() {
        loadPlan();
        loadInbox();
    }
    reload();
}

export default {render};
