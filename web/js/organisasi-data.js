/* What the organisation pages share: labels for the API's unit and position kinds, and a
 * small form builder whose fields are API fields, so an error naming a field (422) shows
 * under that field and anything else above the button. Nothing typed is lost on an error. */

import {h, formField, showMessage} from './dom.js';

export const UNIT_KINDS = {
    pemerintah: 'Pemerintah daerah', sekretariat: 'Sekretariat', inspektorat: 'Inspektorat',
    dinas: 'Dinas', badan: 'Badan', satpol: 'Satuan Polisi Pamong Praja', kecamatan: 'Kecamatan',
    kelurahan: 'Kelurahan', bagian: 'Bagian', bidang: 'Bidang', subbagian: 'Subbagian',
    seksi: 'Seksi', uptd: 'UPTD', puskesmas: 'Puskesmas', sekolah: 'Sekolah', rsud: 'RSUD',
    kantor: 'Kantor',
};

export const POSITION_KINDS = {
    jpt_utama: 'JPT Utama', jpt_madya: 'JPT Madya', jpt_pratama: 'JPT Pratama',
    administrator: 'Administrator', pengawas: 'Pengawas', pelaksana: 'Pelaksana',
    ahli_pertama: 'Fungsional Ahli Pertama', ahli_muda: 'Fungsional Ahli Muda',
    ahli_madya: 'Fungsional Ahli Madya', ahli_utama: 'Fungsional Ahli Utama',
    pemula: 'Fungsional Pemula', terampil: 'Fungsional Terampil', mahir: 'Fungsional Mahir',
    penyelia: 'Fungsional Penyelia',
};

export const text = (attrs) => h('input', {type: 'text', autocomplete: 'off', ...attrs});
export const number = (attrs) => h('input', {type: 'number', inputmode: 'numeric', ...attrs});

export function select(options, value, first) {
    return h('select', null,
             first ? h('option', {value: ''}, first) : null,
             Object.entries(options).map(([k, label]) =>
                 h('option', {value: k, selected: k === value}, label)));
}

/* The unit forest as indented options (skip: ids left out, with their subtrees). */
export function unitOptions(units, skip, depth = 0, out = []) {
    for (const u of units || []) {
        if (skip && skip.has(u.id))
            continue;
        out.push(h('option', {value: String(u.id), disabled: !!u.closed_on},
                   '\u00a0\u00a0'.repeat(depth) + u.name + (u.closed_on ? ' (ditutup)' : '')));
        unitOptions(u.children, skip, depth + 1, out);
    }
    return out;
}

/* apiForm({id, fields: [{name, label, control, hint, read?}], submit, send(body) → promise,
 * done(result)}) → {form, fields}. read(control) turns the control's value into the body's
 * value (undefined leaves the field out); the default sends the trimmed text. */
export function apiForm({id, fields, submit, send, done, ctx}) {
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const button = h('button', {type: 'submit', class: 'tombol tombol-utama'}, submit);
    const byName = {};
    for (const f of fields) {
        f.control.name = f.name;
        byName[f.name] = {...f, ...formField(id + '-' + f.name, f.label, f.control, f.hint)};
    }

    async function onSubmit(ev) {
        ev.preventDefault();
        if (button.disabled)
            return;
        for (const f of Object.values(byName))
            f.setError('');
        showMessage(status, null);
        const body = {};
        for (const f of Object.values(byName)) {
            const v = f.read ? f.read(f.control) : f.control.value.trim();
            if (v !== undefined)
                body[f.name] = v;
        }
        button.disabled = true;
        form.setAttribute('aria-busy', 'true');
        try {
            const res = await send(body);
            if (ctx && !ctx.isCurrent())
                return;
            showMessage(status, 'sukses', 'Tersimpan.');
            if (done)
                done(res);
        } catch (e) {
            if (ctx && !ctx.isCurrent())
                return;
            const f = byName[e.field];
            if (f) {
                f.setError(e.message);
                showMessage(status, 'galat', 'Belum tersimpan: periksa isian yang ditandai.');
                f.control.focus();
            } else {
                showMessage(status, 'galat', e.message);
            }
        } finally {
            button.disabled = false;
            form.removeAttribute('aria-busy');
        }
    }

    const form = h('form', {class: 'formulir', novalidate: true, onsubmit: onSubmit},
                   Object.values(byName).map((f) => f.wrap), status,
                   h('div', {class: 'tombol-formulir'}, button));
    return {form, fields: byName};
}

/* A folded block with a form inside: <details><summary>label</summary>form</details>. */
export function folded(label, content, open = false) {
    return h('details', {class: 'lipatan', open}, h('summary', null, label), content);
}
