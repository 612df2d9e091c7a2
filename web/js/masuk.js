/* The login page: username and password, and a 6-digit TOTP code when the server asks
 * for one. Errors show in a role=alert box; what the user typed stays (the password is
 * cleared only when it was wrong). */

import {post} from './api.js';
import {h, showMessage, pageTitle} from './dom.js';

const MESSAGES = {
    invalid_credentials: 'Nama pengguna atau kata sandi salah.',
    too_many_attempts: 'Terlalu banyak percobaan masuk yang gagal. Tunggu beberapa menit, lalu coba lagi.',
    totp_required: 'Akun ini memakai verifikasi dua langkah. Masukkan kode 6 digit dari aplikasi autentikator Anda.',
    invalid_totp: 'Kode verifikasi salah atau sudah pernah dipakai. Masukkan kode yang baru.',
};

function field(id, label, input, hint) {
    const hintEl = hint ? h('p', {class: 'petunjuk', id: id + '-petunjuk'}, hint) : null;
    if (hintEl)
        input.setAttribute('aria-describedby', hintEl.id);
    return h('div', {class: 'bidang'}, h('label', {for: id}, label), hintEl, input);
}

function tooManyMessage(e) {
    if (e.retryAfterSeconds) {
        const minutes = Math.max(1, Math.ceil(e.retryAfterSeconds / 60));
        return 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ' + minutes + ' menit.';
    }
    return MESSAGES.too_many_attempts;
}

function render(root, ctx) {
    const alertBox = h('div', {class: 'wadah-pesan'});
    const username = h('input', {id: 'masuk-nama', name: 'username', type: 'text',
                                 autocomplete: 'username', autocapitalize: 'none',
                                 autocorrect: 'off', spellcheck: 'false', required: true,
                                 maxlength: '128'});
    const password = h('input', {id: 'masuk-sandi', name: 'password', type: 'password',
                                 autocomplete: 'current-password', required: true,
                                 maxlength: '1024'});
    const totp = h('input', {id: 'masuk-totp', name: 'totp', type: 'text', inputmode: 'numeric',
                             autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6',
                             disabled: true});
    const totpField = field('masuk-totp', 'Kode verifikasi (6 digit)', totp,
                            'Kode dari aplikasi autentikator di ponsel Anda.');
    totpField.hidden = true;
    const submit = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Masuk');

    function showTotp() {
        totpField.hidden = false;
        totp.disabled = false;
        totp.required = true;
    }

    function fail(text, focusEl, invalidEl) {
        showMessage(alertBox, 'galat', text);
        for (const el of [username, password, totp])
            el.removeAttribute('aria-invalid');
        if (invalidEl)
            invalidEl.setAttribute('aria-invalid', 'true');
        if (focusEl)
            focusEl.focus();
    }

    async function onSubmit(ev) {
        ev.preventDefault();
        if (submit.disabled)
            return;
        const flash = root.querySelector('.wadah-pesan-kilat');
        if (flash)
            flash.replaceChildren();
        const body = {username: username.value.trim(), password: password.value};
        if (!body.username)
            return fail('Isi nama pengguna.', username, username);
        if (!body.password)
            return fail('Isi kata sandi.', password, password);
        if (!totpField.hidden) {
            const code = totp.value.replace(/\s+/g, '');
            if (!/^[0-9]{6}$/.test(code))
                return fail('Kode verifikasi terdiri dari 6 angka.', totp, totp);
            body.totp = code;
        }

        submit.disabled = true;
        form.setAttribute('aria-busy', 'true');
        submit.textContent = 'Memproses…';
        try {
            const res = await post('/auth/login', body, {sessionCheck: false});
            if (!ctx.isCurrent())
                return;
            ctx.setUser(res.user, res.csrf_token);
            ctx.afterLogin();
            return;
        } catch (e) {
            if (!ctx.isCurrent())
                return;
            switch (e.code) {
            case 'invalid_credentials':
                password.value = '';
                fail(MESSAGES.invalid_credentials, password, null);
                break;
            case 'too_many_attempts':
                fail(tooManyMessage(e), null, null);
                break;
            case 'totp_required':
                showTotp();
                fail(MESSAGES.totp_required, totp, null);
                break;
            case 'invalid_totp':
                showTotp();
                totp.value = '';
                fail(e.message || MESSAGES.invalid_totp, totp, totp);
                break;
            default: {
                const byField = {username, password, totp}[e.field];
                fail(e.message, byField || null, byField || null);
            }
            }
        } finally {
            submit.disabled = false;
            form.removeAttribute('aria-busy');
            submit.textContent = 'Masuk';
        }
    }

    const form = h('form', {class: 'formulir', novalidate: true, onsubmit: onSubmit},
                   field('masuk-nama', 'Nama pengguna', username),
                   field('masuk-sandi', 'Kata sandi', password),
                   totpField,
                   submit);

    root.classList.add('halaman-masuk');
    root.append(h('div', {class: 'kartu kartu-masuk'},
                  h('p', {class: 'merek-besar'}, 'Abdi'),
                  pageTitle('Masuk'),
                  h('p', {class: 'keterangan'}, 'Sistem informasi manajemen kepegawaian'),
                  alertBox,
                  form));
}

export default {render};
