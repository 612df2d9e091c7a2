/* The unit tree (GET /api/v1/units returns a forest, each unit with its children) as
 * nested lists. Branches are <details> so a long tree folds; the top two levels start
 * open, and all of it when the tree is small. */

import {h} from './dom.js';

const SMALL_TREE = 80;   /* units; at or below this everything starts unfolded */

function count(units) {
    let n = 0;
    for (const u of units || [])
        n += 1 + count(u.children);
    return n;
}

function node(unit, depth, openAll, showCode) {
    const label = [h('span', {class: 'unit-nama'}, unit.name)];
    if (showCode && unit.code)
        label.push(' ', h('span', {class: 'unit-kode'}, unit.code));
    const kids = Array.isArray(unit.children) ? unit.children : [];
    if (kids.length === 0)
        return h('li', {class: 'unit'}, h('span', {class: 'unit-daun'}, label));
    return h('li', {class: 'unit'},
             h('details', {open: openAll || depth < 2},
               h('summary', null, label, ' ', h('span', {class: 'unit-jumlah'}, '(' + kids.length + ')')),
               list(kids, depth + 1, openAll, showCode)));
}

function list(units, depth, openAll, showCode) {
    return h('ul', {class: depth === 0 ? 'pohon-unit' : 'pohon-cabang'},
             units.map((u) => node(u, depth, openAll, showCode)));
}

/* → element; units: the "items" array. */
export function unitTree(units, {showCode = false} = {}) {
    const total = count(units);
    if (total === 0)
        return h('p', {class: 'kosong'}, 'Tidak ada unit kerja dalam cakupan Anda.');
    return h('div', {class: 'wadah-pohon'},
             h('p', {class: 'keterangan'}, total + ' unit kerja dalam cakupan Anda.'),
             list(units, 0, total <= SMALL_TREE, showCode));
}

/* The unit forest flattened to <option>s for a unit picker, indented by depth. */
export function unitOptions(units, depth = 0, out = []) {
    for (const u of units || []) {
        out.push(h('option', {value: String(u.id)}, '\u00a0\u00a0'.repeat(depth) + u.name));
        unitOptions(u.children, depth + 1, out);
    }
    return out;
}
