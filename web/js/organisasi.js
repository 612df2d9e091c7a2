/* Organisasi: the unit tree in the admin's scope, with unit codes. Positions, vacancies
 * and transfers join this page when the org module's API exists. */

import {h, pageTitle} from './dom.js';
import {loadUnits} from './beranda.js';

function render(root, ctx) {
    const units = h('div', {class: 'isi-unit', 'aria-live': 'polite'});
    root.append(pageTitle('Organisasi'),
                h('section', {class: 'kartu', 'aria-labelledby': 'judul-struktur'},
                  h('h2', {id: 'judul-struktur'}, 'Struktur unit kerja'),
                  units));
    loadUnits(units, ctx, {showCode: true});
}

export default {render};
