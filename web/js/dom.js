/* DOM building for every page: elements from tag, properties and children, text always
 * as text nodes. Nothing here (or anywhere in web/) may use innerHTML, outerHTML,
 * insertAdjacentHTML or document.write with data, nor set a style attribute (the CSP
 * refuses inline styles): look and state go through classes and the stylesheet. */

function append(el, child) {
    if (child === null || child === undefined || child === false)
        return;
    if (Array.isArray(child)) {
        for (const c of child)
            append(el, c);
        return;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
}

/* h('p', {class: 'x', 'aria-live': 'polite', onclick: fn}, 'text', otherNode, [more]) */
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === null || value === undefined || value === false)
            continue;
        if (key === 'class')
            el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
        else if (key.startsWith('on') && typeof value === 'function')
            el.addEventListener(key.slice(2), value);
        else if (key === 'style')
            throw new Error('inline style is refused by the CSP; use a class');
        else if (key === 'value' || key === 'checked')
            el[key] = value;
        else
            el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
}

/* A message box. kind: 'galat' (error, role=alert), 'sukses' or 'info' or
 * 'peringatan' (role=status). */
export function message(kind, text) {
    return h('p', {class: ['pesan', 'pesan-' + kind], role: kind === 'galat' ? 'alert' : 'status'},
             text);
}

/* Replace what a container shows with one message (or nothing). */
export function showMessage(container, kind, text) {
    container.replaceChildren(text ? message(kind, text) : '');
}

/* The page heading: focusable so that navigation can move focus to it. */
export function pageTitle(text) {
    return h('h1', {tabindex: '-1', class: 'judul-halaman'}, text);
}

/* Format an RFC 3339 timestamp for people, in the browser's time zone. */
const dateTimeFmt = new Intl.DateTimeFormat('id-ID', {dateStyle: 'medium', timeStyle: 'short'});
export function timeEl(iso) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime()))
        return h('span', null, iso || '—');
    return h('time', {datetime: iso}, dateTimeFmt.format(d));
}

/* Length in Unicode code points, the way the server counts password length. */
export function codePoints(s) {
    return [...s].length;
}

/* A labelled form field with an optional hint and room for its error message, linked by
 * aria-describedby; control is the input or select (its id becomes id). setError(text)
 * shows or clears the message and aria-invalid. */
export function formField(id, label, control, hint) {
    control.id = id;
    const hintEl = hint ? h('p', {class: 'petunjuk', id: id + '-petunjuk'}, hint) : null;
    const errorEl = h('p', {class: 'galat-bidang', id: id + '-galat'});
    errorEl.hidden = true;
    const wrap = h('div', {class: 'bidang'}, h('label', {for: id}, label), hintEl, control, errorEl);

    function describe() {
        const ids = [hintEl && hintEl.id, !errorEl.hidden && errorEl.id].filter(Boolean);
        if (ids.length)
            control.setAttribute('aria-describedby', ids.join(' '));
        else
            control.removeAttribute('aria-describedby');
    }
    describe();
    return {
        wrap, control,
        setError(text) {
            errorEl.textContent = text || '';
            errorEl.hidden = !text;
            if (text)
                control.setAttribute('aria-invalid', 'true');
            else
                control.removeAttribute('aria-invalid');
            describe();
        },
    };
}
