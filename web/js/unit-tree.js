/* The unit tree (GET /api/v1/units returns a forest, each unit with its children) as
 * nested lists. Branches are <details> so a long tree folds; the top two levels start
 * open, and all of it when the tree is small. A closed unit (closed_on) carries a
 * "ditutup" badge. With onSelect, each unit's name is a button that picks it (the
 * organisation page); the picked one is marked with aria-current and its branch opens. */

import {h} from './dom.js';

const SMALL_TREE = 80;   /* units; at or below this everything starts unfolded */

function count(units) {
    let n = 0;
    for (const u of units || [])
        n += 1 + count(u.children);
    return n;
}

function holds(unit, id) {
    return unit.id === id || (unit.children || []).some((c) => holds(c, id));
}

function node(unit, depth, o) {
    const name = o.onSelect
        ? h('button', {type: 'button', class: 'pilih-unit', 'aria-current': unit.id === o.selectedId ? 'true' : null,
                       onclick: (ev) => {
                           ev.preventDefault();   /* inside <summary>: pick, do not fold */
                           o.onSelect(unit);
                       }}, unit.name)
        : h('span', {class: 'unit-nama'}, unit.name);
    const label = [name];
    if (o.showCode && unit.code)
        label.push(' ', h('span', {class: 'unit-kode'}, unit.code));
    if (unit.closed_on)
        label.push(' ', h('span', {class: 'lencana lencana-tutup', title: 'Ditutup sejak ' + unit.closed_on},
                          'ditutup'));
    const kids = Array.isArray(unit.children) ? unit.children : [];
    if (kids.length === 0)
        return h('li', {class: 'unit'}, h('span', {class: 'unit-daun'}, label));
    const open = o.openAll || depth < 2 || (o.selectedId && holds(unit, o.selectedId));
    return h('li', {class: 'unit'},
             h('details', {open},
               h('summary', null, label, ' ', h('span', {class: 'unit-jumlah'}, '(' + kids.length + ')')),
               list(kids, depth + 1, o)));
}

function list(units, depth, o) {
    return h('ul', {class: depth === 0 ? 'pohon-unit' : 'pohon-cabang'},
             units.map((u) => node(u, depth, o)));
}

/* → element; units: the "items" array. Options: showCode, onSelect(unit), selectedId. */
export function unitTree(units, {showCode = false, onSelect = null, selectedId = null} = {}) {
    const total = count(units);
    if (total === 0)
        return h('p', {class: 'kosong'}, 'Tidak ada unit kerja dalam cakupan Anda.');
    return h('div', {class: 'wadah-pohon'},
             h('p', {class: 'keterangan'}, total + ' unit kerja dalam cakupan Anda.'),
             list(units, 0, {openAll: total <= SMALL_TREE, showCode, onSelect, selectedId}));
}

/* The unit forest flattened to <option>s for a unit picker, indented by depth. */
export function unitOptions(units, depth = 0, out = []) {
    for (const u of units || []) {
        out.push(h('option', {value: String(u.id)}, '\u00a0\u00a0'.repeat(depth) + u.name));
        unitOptions(u.children, depth + 1, out);
    }
    return out;
}
