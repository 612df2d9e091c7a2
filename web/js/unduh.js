/* Download links for the report and export endpoints: plain links to the API with the
 * `download` attribute, so the browser saves what the server names in Content-Disposition
 * (the session cookie goes along, same origin). Nothing is built from HTML. */

import {query} from './api.js';
import {h} from './dom.js';

/* → <a> to /api/v1<path>?<params>&format=<format> */
export function downloadLink(path, params, format, label) {
    return h('a', {href: '/api/v1' + path + query({...params, format}), download: true,
                   class: 'tombol tombol-kecil', 'data-format': format}, label);
}

/* A labelled group of links, one per [format, label]. */
export function downloadLinks(path, params, formats, label) {
    return h('p', {class: 'tombol-unduh', role: 'group', 'aria-label': label},
             formats.map(([format, text]) => downloadLink(path, params, format, text)));
}
