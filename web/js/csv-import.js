/* The one CSV import form of the web UI (employees, holidays, device attendance, the SIASN file,
 * reference lists): a file (or pasted text where allowed), "Periksa (uji coba)" for the dry run
 * and a button that writes, the upload's progress, the summary and the table of bad rows. Every
 * import endpoint answers the same report ({rows, errors, errors_total, warnings, ...}); only
 * what really differs comes in options. What the person chose or typed stays after an error. */

import {get, query, upload} from './api.js';
import {formField, h, showMessage} from './dom.js';

const number = new Intl.NumberFormat('id-ID');
const n = (x) => number.format(x || 0);

/* The table of an import's errors or warnings; labels names a CSV column for people. */
function issuesTable(caption, issues, total, labels) {
    const more = total > issues.length ? ` (${n(issues.length)} pertama dari ${n(total)})` : '';
    const column = (c) => (!c ? '—' : labels && labels[c] ? `${labels[c]} (${c})` : c);
    return h('div', {class: 'wadah-tabel'},
             h('table', {class: 'tabel tabel-impor'},
               h('caption', null, caption + more),
               h('thead', null, h('tr', null, ['Baris', 'Kolom', 'Pesan'].map((t) => h('th', {scope: 'col'}, t)))),
               h('tbody', null, issues.map((e) => h('tr', null,
                   h('td', {class: 'nomor'}, String(e.line)), h('td', null, column(e.column)),
                   h('td', null, e.message))))));
}

/* csvImportForm(ctx, opts) → the form's card with the result below it. opts:
 *   id          prefix of the element ids (ID-berkas, ID-tempel, ID-progres-label, ID-judul)
 *   path        the endpoint, or () → the endpoint; params() → more query parameters
 *   title       the card's h2 (with intro, a paragraph); without it, label names the card
 *   fileLabel, fileHint   the file field ('Berkas CSV'); paste: true adds a textarea
 *   before, after         controls above the file and below it (disabled with the rest while
 *                         the upload runs)
 *   runLabel    the button that writes ('Impor'); columns: {column: label} for the tables
 *   counts(rep) what the file does ('2 baru, 1 tetap'), told after the dry run and the import
 *   imported    what rep.imported counts ('pegawai ditambahkan'), told after the import
 *   more(rep, dryRun)     nodes below the tables when no row is bad
 *   progressPath          polled while the server works ({active, phase, done, total})
 *   sample      {name, text}: an example file to download; onImported(rep) after an import */
export function csvImportForm(ctx, opts) {
    const runLabel = opts.runLabel || 'Impor';
    const file = h('input', {type: 'file', accept: '.csv,text/csv'});
    const fFile = formField(opts.id + '-berkas', opts.fileLabel || 'Berkas CSV', file, opts.fileHint);
    const paste = opts.paste ? h('textarea', {rows: '6', spellcheck: 'false', autocomplete: 'off'}) : null;
    const fPaste = paste && formField(opts.id + '-tempel', 'Atau tempel isi CSV di sini', paste,
                                      'Dipakai bila tidak ada berkas yang dipilih.');
    const check = h('button', {type: 'button', class: 'tombol'}, 'Periksa (uji coba)');
    const run = h('button', {type: 'button', class: 'tombol tombol-utama'}, runLabel);
    const barLabel = h('p', {class: 'keterangan', id: opts.id + '-progres-label'});
    const bar = h('progress', {max: '100', 'aria-labelledby': opts.id + '-progres-label'});
    const progressBox = h('div', {class: 'progres', 'aria-live': 'polite'}, barLabel, bar);
    progressBox.hidden = true;
    const status = h('div', {class: 'wadah-pesan', 'aria-live': 'polite'});
    const result = h('div', {class: 'hasil-impor'});
    const sample = opts.sample && h('p', null,
        h('a', {href: URL.createObjectURL(new Blob(['\ufeff' + opts.sample.text], {type: 'text/csv'})),
                download: opts.sample.name}, 'Unduh contoh berkas'));
    const card = h('section', {class: 'kartu kartu-formulir',
                               'aria-labelledby': opts.title ? opts.id + '-judul' : null,
                               'aria-label': opts.title ? null : opts.label},
                   opts.title ? h('h2', {id: opts.id + '-judul'}, opts.title) : null,
                   opts.intro ? h('p', {class: 'keterangan'}, opts.intro) : null,
                   opts.before, fFile.wrap, fPaste && fPaste.wrap, opts.after,
                   h('div', {class: 'tombol-formulir'}, check, run),
                   progressBox, status, sample);

    function busy(on) {
        for (const c of card.querySelectorAll('input, textarea, select, button'))
            c.disabled = on;
        card.setAttribute('aria-busy', on ? 'true' : 'false');
    }

    function summary(rep, nerr, dryRun) {
        if (nerr)
            return (dryRun ? 'Uji coba: ' : 'Impor dibatalkan: ') +
                `${n(nerr)} galat pada ${n(rep.rows)} baris data. Tidak ada data yang disimpan; ` +
                'perbaiki baris yang disebut lalu coba lagi.';
        const counts = opts.counts ? opts.counts(rep) : '';
        if (dryRun)
            return `Uji coba berhasil: ${n(rep.rows)} baris data benar semua.` +
                (counts ? ` Bila diimpor: ${counts}.` : '') +
                ` Tidak ada data yang disimpan; tekan “${runLabel}” untuk menyimpan.`;
        return `Impor berhasil: ${opts.imported ? n(rep.imported) + ' ' + opts.imported : counts}.`;
    }

    /* → the number of bad rows */
    function show(rep, dryRun) {
        const nerr = rep.errors_total || rep.errors.length;
        showMessage(status, nerr ? 'galat' : 'sukses', summary(rep, nerr, dryRun));
        const parts = [];
        if (rep.errors.length)
            parts.push(issuesTable('Baris yang salah', rep.errors, nerr, opts.columns));
        if (rep.warnings && rep.warnings.length)
            parts.push(issuesTable('Peringatan (tidak menghalangi impor)', rep.warnings,
                                   rep.warnings_total || 0, opts.columns));
        if (!nerr && opts.more)
            parts.push(opts.more(rep, dryRun));
        result.replaceChildren(...parts.filter(Boolean));
        (nerr ? status : result).scrollIntoView({block: 'nearest'});
        return nerr;
    }

    /* the server's own progress (opts.progressPath) while it works on the file */
    let poll = 0;
    async function serverProgress() {
        try {
            const p = await get(opts.progressPath);
            if (!poll || !p.active || !p.total)
                return;
            bar.value = Math.min(100, Math.round(p.done * 100 / p.total));
            barLabel.textContent = p.phase === 'menyimpan'
                ? `Server menyimpan… ${n(p.done)} dari ${n(p.total)} baris`
                : `Server memeriksa… ${bar.value}%`;
        } catch {
            /* a missed poll only leaves the bar where it was */
        }
    }

    async function send(dryRun) {
        const data = file.files && file.files[0] ? file.files[0]
            : paste && paste.value.trim() ? paste.value : null;
        fFile.setError('');
        showMessage(status, null);
        result.replaceChildren();
        if (!data) {
            fFile.setError(paste ? 'Pilih berkas CSV atau tempel isinya terlebih dahulu.'
                                 : 'Pilih berkas CSV terlebih dahulu.');
            file.focus();
            return;
        }
        const path = typeof opts.path === 'function' ? opts.path() : opts.path;
        const params = {dry_run: dryRun ? 'true' : 'false', ...(opts.params ? opts.params() : {})};
        busy(true);
        progressBox.hidden = false;
        bar.value = 0;
        barLabel.textContent = 'Mengunggah…';
        let rep;
        try {
            rep = await upload(path + query(params), data, 'text/csv; charset=utf-8', {
                onProgress(loaded, total) {
                    if (total) {
                        bar.value = Math.round(loaded * 100 / total);
                        barLabel.textContent = `Mengunggah… ${bar.value}%`;
                    }
                },
                onSent() {
                    bar.removeAttribute('value'); /* indeterminate while the server works */
                    barLabel.textContent = dryRun ? 'Server memeriksa setiap baris…'
                                                  : 'Server memeriksa dan menyimpan…';
                    if (opts.progressPath)
                        poll = setInterval(serverProgress, 400);
                },
            });
        } catch (e) {
            if (ctx.isCurrent())
                showMessage(status, 'galat', e.status === 413
                    ? 'Berkas terlalu besar untuk sekali impor (maksimal 64 MiB).' : e.message);
            return;
        } finally {
            clearInterval(poll);
            poll = 0;
            busy(false);
            progressBox.hidden = true;
        }
        if (!ctx.isCurrent())
            return;
        if (show(rep, dryRun) || dryRun)
            return;
        file.value = '';
        if (paste)
            paste.value = '';
        if (opts.onImported)
            opts.onImported(rep);
    }

    check.addEventListener('click', () => send(true));
    run.addEventListener('click', () => send(false));
    return h('div', null, card, result);
}
