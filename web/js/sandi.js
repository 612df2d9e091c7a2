/* Ganti kata sandi: old password, new password twice. Checked here first (the two new
 * ones match, 12..128 characters counted as the server counts them, in code points),
 * then POST /api/v1/auth/password; a server error naming a field shows under that field. */

import {get, post} from './api.js';
import {h, showMessage, pageTitle, codePoints, formField} from './dom.js';
import {HOME} from './routes.js';

const MIN_CHARS = 12;
const MAX_CHARS = 128;

function passwordField(id, name, label, autocomplete, hint) {
    const input = h('input', {id, name, type: 'password', autocomplete, required: true});
    return formField(id, label, input, hint);
}

function render(root, ctx) {
    const status = h('div', {class: 'wadah-pesan'});
    const oldPw = passwordField('sandi-lama', 'old_password', 'Kata sandi lama', 'current-password');
    const newPw = passwordField('sandi-baru', 'new_password', 'Kata sandi baru', 'new-password',
                                'Minimal 12 karakter. Jangan memakai nama pengguna atau kata yang mudah ditebak; ' +
                                'kalimat pendek yang hanya Anda ketahui mudah diingat dan sulit ditebak.');
    const repeatPw = passwordField('sandi-ulang', 'repeat_password', 'Ulangi kata sandi baru', 'new-password');
    const fields = {old_password: oldPw, new_password: newPw, repeat_password: repeatPw};
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Simpan kata sandi');

    function clearErrors() {
        for (const f of Object.values(fields))
            f.setError('');
        showMessage(status, null);
    }

    function check() {
        const errors = [];
        const n = codePoints(newPw.control.value);
        if (!oldPw.control.value)
            errors.push(['old_password', 'Isi kata sandi lama.']);
        if (n < MIN_CHARS)
            errors.push(['new_password', 'Kata sandi baru minimal ' + MIN_CHARS + ' karakter (sekarang ' + n + ').']);
        else if (n > MAX_CHARS)
            errors.push(['new_password', 'Kata sandi baru paling banyak ' + MAX_CHARS + ' karakter.']);
        if (newPw.control.value !== repeatPw.control.value)
            errors.push(['repeat_password', 'Kedua kata sandi baru tidak sama.']);
        return errors;
    }

    async function onSubmit(ev) {
        ev.preventDefault();
        if (submit.disabled)
            return;
        const flash = root.querySelector('.wadah-pesan-kilat');
        clearErrors();
        const errors = check();
        if (errors.length) {
            for (const [name, text] of errors)
                fields[name].setError(text);
            showMessage(status, 'galat', 'Periksa kembali isian yang ditandai.');
            fields[errors[0][0]].control.focus();
            return;
        }
        submit.disabled = true;
        form.setAttribute('aria-busy', 'true');
        const wasForced = !!ctx.user.must_change_password;
        try {
            await post('/auth/password', {old_password: oldPw.control.value,
                                          new_password: newPw.control.value});
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            const f = fields[e.field];
            if (f) {
                f.setError(e.message);
                showMessage(status, 'galat', 'Kata sandi belum diganti: periksa isian yang ditandai.');
                f.control.focus();
            } else {
                showMessage(status, 'galat', e.message);
            }
            return;
        } finally {
            submit.disabled = false;
            form.removeAttribute('aria-busy');
        }
        if (flash)
            flash.replaceChildren();
        form.reset();
        /* the user record (must_change_password) and maybe the token changed */
        try {
            const me = await get('/auth/me');
            if (me && me.user)
                ctx.setUser(me.user, me.csrf_token);
        } catch {
            /* a 401 here already took us to the login page */
            return;
        }
        const done = 'Kata sandi berhasil diganti. Sesi Anda di perangkat lain telah diakhiri.';
        if (wasForced && ctx.isCurrent()) {
            ctx.flash('sukses', done);
            ctx.navigate(HOME);
            return;
        }
        if (ctx.isCurrent())
            showMessage(status, 'sukses', done);
    }

    const form = h('form', {class: 'formulir', novalidate: true, onsubmit: onSubmit},
                   oldPw.wrap, newPw.wrap, repeatPw.wrap, submit);

    root.append(h('div', {class: 'kartu kartu-sempit'}, pageTitle('Ganti kata sandi'), status, form));
}

export default {render};
