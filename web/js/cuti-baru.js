/* Ajukan cuti (#/cuti/baru): the request form. As the dates change it shows the working days
 * the calendar counts for the employee's unit (GET /calendar/working-days) and the annual
 * balance of the start year before and after the request (GET /leave-balances); once every
 * field is filled it asks the server for a dry run (POST /leave-requests?dry_run=true) so that
 * an overlap, a short balance or a missing document shows before sending. The fields of a
 * type (travel days, doctor, birth order, first hajj) appear only for that type. A sick leave
 * needs a doctor's letter: the file is uploaded to the own record first
 * (POST /employees/{id}/documents), then its id goes with the request. A PPPK with less than
 * 1 year of service (appointed_on from GET /employees/{id}) on the start date may take annual
 * leave only for one of the reasons of PP 49/2018 (early_reason), at most 6 working days in all,
 * taken later from the first year's entitlement: the form asks for the reason and says so. */

import {get, post} from './api.js';
import {h, formField, message, pageTitle} from './dom.js';
import {uploadFile} from './dokumen.js';
import {ALASAN_AWAL, JENIS_CUTI} from './cuti.js';
import {formatTanggal} from './tanggal.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function select(options, value) {
    return h('select', null, options.map(([v, label]) => h('option', {value: v, selected: v === value}, label)));
}

function render(root, ctx) {
    const me = ctx.user || {};
    root.append(pageTitle('Ajukan cuti'));
    if (!me.employee_id) {
        root.append(message('info', 'Akun Anda tidak terhubung dengan data pegawai.'));
        return;
    }
    const f = {
        type: formField('cuti-jenis', 'Jenis cuti', select(Object.entries(JENIS_CUTI), 'tahunan')),
        start_date: formField('cuti-mulai', 'Tanggal mulai', h('input', {type: 'date', required: true})),
        end_date: formField('cuti-selesai', 'Tanggal selesai', h('input', {type: 'date', required: true})),
        reason: formField('cuti-alasan', 'Alasan cuti', h('textarea', {rows: '2', maxlength: '500', required: true})),
        address: formField('cuti-alamat', 'Alamat selama menjalankan cuti',
                           h('textarea', {rows: '2', maxlength: '300', required: true})),
        phone: formField('cuti-telepon', 'Nomor telepon yang dapat dihubungi',
                         h('input', {type: 'tel', inputmode: 'tel', maxlength: '20', autocomplete: 'tel', required: true}),
                         'Contoh: 0812 3456 7890'),
        travel_days: formField('cuti-perjalanan', 'Tambahan hari perjalanan (hari kalender)',
                               h('input', {type: 'number', min: '0', max: '12', value: '0'}),
                               'Untuk cuti di tempat yang sulit dijangkau; tidak mengurangi hak cuti.'),
        doctor_kind: formField('cuti-dokter', 'Surat keterangan dokter dari',
                               select([['swasta', 'Dokter swasta'], ['pemerintah', 'Dokter pemerintah']], 'swasta')),
        sick_kind: formField('cuti-jenis-sakit', 'Keadaan',
                             select([['biasa', 'Sakit'], ['keguguran', 'Gugur kandungan'],
                                     ['kecelakaan_kerja', 'Kecelakaan kerja']], 'biasa')),
        document_id: formField('cuti-surat-dokter', 'Surat keterangan dokter (PDF, JPEG atau PNG, paling besar 2 MB)',
                               h('input', {type: 'file', accept: 'application/pdf,image/jpeg,image/png'})),
        early_reason: formField('cuti-alasan-awal', 'Keperluan cuti sebelum masa kerja 1 tahun',
                                select([['', 'Pilih alasan'], ...Object.entries(ALASAN_AWAL)], ''),
                                'Masa kerja Anda sebagai PPPK belum 1 tahun: cuti tahunan hanya boleh untuk salah ' +
                                'satu alasan ini, paling banyak 6 hari kerja seluruhnya, dan dipotong dari hak ' +
                                'cuti tahunan pertama Anda.'),
        birth_order: formField('cuti-anak-ke', 'Persalinan ke- (selama menjadi ASN)',
                               h('input', {type: 'number', min: '1', max: '20', value: '1'})),
    };
    const hardToReach = h('input', {type: 'checkbox', id: 'cuti-sulit'});
    const firstHajj = h('input', {type: 'checkbox', id: 'cuti-haji'});
    const groups = {
        tahunan: h('div', null, f.early_reason.wrap, h('div', {class: 'bidang bidang-centang'}, hardToReach,
                                  h('label', {for: 'cuti-sulit'}, 'Cuti di tempat yang sulit dijangkau')),
                   f.travel_days.wrap),
        sakit: h('div', null, f.sick_kind.wrap, f.doctor_kind.wrap, f.document_id.wrap),
        melahirkan: h('div', null, f.birth_order.wrap),
        besar: h('div', {class: 'bidang bidang-centang'}, firstHajj,
                 h('label', {for: 'cuti-haji'}, 'Untuk menunaikan ibadah haji yang pertama')),
    };
    const hitung = h('div', {class: 'kartu hitung-cuti', 'aria-live': 'polite', id: 'hitung-cuti'});
    const status = h('div', {'aria-live': 'polite'});
    const send = h('button', {type: 'submit', class: 'tombol tombol-utama'}, 'Ajukan');
    const form = h('form', {class: 'kartu kartu-formulir', novalidate: true},
                   f.type.wrap, f.start_date.wrap, f.end_date.wrap, Object.values(groups),
                   hitung, f.reason.wrap, f.address.wrap, f.phone.wrap, status,
                   h('div', {class: 'baris-tombol'}, send, ' ', h('a', {href: '#/cuti', class: 'tombol'}, 'Batal')));
    root.append(form);

    const balances = {};  /* year → balance (or a failed promise's null) */
    let seq = 0;
    let appointedPppk = null;  /* a PPPK's appointed_on ('YYYY-MM-DD'), else null */

    /* A PPPK before 1 year of service on the start date (today while it is empty). */
    function early() {
        if (!appointedPppk)
            return false;
        const m = /^(\d{4})(-\d{2}-\d{2})$/.exec(appointedPppk);
        const day = f.start_date.control.value || new Date().toISOString().slice(0, 10);
        return !!m && day < String(+m[1] + 1) + m[2];
    }

    function showGroups() {
        const t = f.type.control.value;
        for (const [k, el] of Object.entries(groups))
            el.hidden = k !== t;
        f.travel_days.wrap.hidden = !hardToReach.checked;
        f.early_reason.wrap.hidden = !early();
    }

    function body(documentId) {
        const t = f.type.control.value;
        const b = {type: t, start_date: f.start_date.control.value, end_date: f.end_date.control.value,
                   reason: f.reason.control.value.trim(), address: f.address.control.value.trim(),
                   phone: f.phone.control.value.trim()};
        if (t === 'tahunan' && early() && f.early_reason.control.value)
            b.early_reason = f.early_reason.control.value;
        if (t === 'tahunan' && hardToReach.checked) {
            b.hard_to_reach = true;
            b.travel_days = parseInt(f.travel_days.control.value || '0', 10) || 0;
        }
        if (t === 'sakit') {
            b.sick_kind = f.sick_kind.control.value;
            b.doctor_kind = f.doctor_kind.control.value;
            if (documentId)
                b.document_id = documentId;
        }
        if (t === 'melahirkan')
            b.birth_order = parseInt(f.birth_order.control.value || '0', 10) || 0;
        if (t === 'besar' && firstHajj.checked)
            b.first_hajj = true;
        return b;
    }

    function clearErrors() {
        for (const field of Object.values(f))
            field.setError('');
    }

    function showError(e) {
        const field = e.field && f[e.field];
        if (field) {
            field.setError(e.message);
            field.control.focus();
        } else {
            status.replaceChildren(message('galat', e.message));
        }
    }

    async function balanceOf(year) {
        if (!(year in balances))
            balances[year] = get('/leave-balances/' + encodeURIComponent(me.employee_id) + '?year=' + year)
                .catch(() => null);
        return balances[year];
    }

    /* The count and the balance for the dates as they are now. */
    async function recount() {
        const mine = ++seq;
        const from = f.start_date.control.value, to = f.end_date.control.value;
        const t = f.type.control.value;
        if (!DATE_RE.test(from) || !DATE_RE.test(to)) {
            hitung.replaceChildren(h('p', {class: 'petunjuk'}, 'Isi tanggal mulai dan selesai untuk melihat jumlah hari kerja.'));
            return;
        }
        if (to < from) {
            hitung.replaceChildren(message('peringatan', 'Tanggal selesai sebelum tanggal mulai.'));
            return;
        }
        hitung.setAttribute('aria-busy', 'true');
        let days = null, bal = null, preview = null, problem = null;
        try {
            const q = new URLSearchParams({from, to});
            if (me.unit_id)
                q.set('unit_id', String(me.unit_id));
            days = (await get('/calendar/working-days?' + q)).working_days;
        } catch (e) {
            problem = e.message;
        }
        const isEarly = t === 'tahunan' && early();
        if (t === 'tahunan' && !isEarly)
            bal = await balanceOf(from.slice(0, 4));
        const b = body(null);
        if (b.reason && b.address && b.phone && t !== 'sakit') {
            try {
                preview = await post('/leave-requests?dry_run=true', b);
            } catch (e) {
                problem = e.message;
            }
        }
        if (mine !== seq || !ctx.isCurrent())
            return;
        hitung.removeAttribute('aria-busy');
        if (preview)
            days = preview.working_days;
        const lines = [
            h('p', null, 'Jumlah hari kerja: ', h('strong', {'data-field': 'working_days'}, days === null ? '—' : String(days)),
              ' (', formatTanggal(from), ' – ', formatTanggal(to), ')'),
        ];
        if (t === 'tahunan' && bal) {
            const charged = preview ? preview.charged_days : days;
            const before = preview ? preview.available_before : bal.available;
            const after = preview ? preview.available_after : (charged === null ? null : before - charged);
            lines.push(h('p', null, 'Sisa cuti tahunan ' + bal.year + ': ',
                          h('strong', {'data-field': 'available_before'}, String(before)), ' hari',
                          after === null ? '' : [' → setelah cuti ini: ',
                              h('strong', {'data-field': 'available_after'}, String(after)), ' hari']));
            if (after !== null && after < 0)
                lines.push(message('peringatan', 'Sisa cuti tahunan tidak mencukupi.'));
        } else if (isEarly) {
            lines.push(h('p', {class: 'petunjuk', 'data-field': 'early'},
                         'Cuti sebelum 1 tahun masa kerja: paling banyak 6 hari kerja seluruhnya; hari ini ' +
                         'dipotong dari hak cuti tahunan pertama Anda.'));
        } else if (t !== 'tahunan') {
            lines.push(h('p', {class: 'petunjuk'}, JENIS_CUTI[t] + ' tidak mengurangi hak cuti tahunan.'));
        }
        const who = preview && preview.approver &&
            (preview.approver.kind === 'bkpsdm' ? 'BKPSDM' : preview.approver.name || preview.approver.position_name);
        if (who)
            lines.push(h('p', {class: 'petunjuk'}, 'Akan diputuskan oleh: ', who));
        if (problem)
            lines.push(message('peringatan', problem));
        hitung.replaceChildren(...lines);
    }

    let timer = null;
    function later() {
        clearTimeout(timer);
        timer = setTimeout(recount, 250);
    }
    f.type.control.addEventListener('change', () => { showGroups(); later(); });
    f.early_reason.control.addEventListener('change', later);
    hardToReach.addEventListener('change', () => { showGroups(); later(); });
    for (const k of ['start_date', 'end_date', 'travel_days'])
        f[k].control.addEventListener('input', later);
    for (const k of ['reason', 'address', 'phone'])
        f[k].control.addEventListener('change', later);
    f.start_date.control.addEventListener('change', () => {
        if (!f.end_date.control.value || f.end_date.control.value < f.start_date.control.value)
            f.end_date.control.value = f.start_date.control.value;
        showGroups();
        later();
    });

    form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        clearErrors();
        status.replaceChildren();
        const b = body(null);
        const missing = [['start_date', 'Tanggal mulai wajib diisi.'], ['end_date', 'Tanggal selesai wajib diisi.'],
                         ['reason', 'Alasan cuti wajib diisi.'], ['address', 'Alamat selama cuti wajib diisi.'],
                         ['phone', 'Nomor telepon wajib diisi.']].find(([k]) => !b[k]);
        if (missing) {
            f[missing[0]].setError(missing[1]);
            f[missing[0]].control.focus();
            return;
        }
        if (b.type === 'tahunan' && early() && !b.early_reason) {
            f.early_reason.setError('Pilih alasan cuti sebelum 1 tahun masa kerja.');
            f.early_reason.control.focus();
            return;
        }
        send.disabled = true;
        try {
            let documentId = null;
            const file = f.document_id.control.files && f.document_id.control.files[0];
            if (b.type === 'sakit' && file) {
                try {
                    documentId = (await uploadFile(me.employee_id, file, 'bukti')).id;
                } catch (e) {
                    f.document_id.setError(e.message);
                    return;
                }
            }
            const r = await post('/leave-requests', body(documentId));
            ctx.flash('sukses', 'Permohonan cuti diajukan: ' + r.working_days + ' hari kerja, menunggu persetujuan.');
            ctx.navigate('/cuti/' + r.id);
        } catch (e) {
            showError(e);
        } finally {
            send.disabled = false;
        }
    });
    showGroups();
    recount();
    get('/employees/' + encodeURIComponent(me.employee_id)).then((x) => {
        if (!ctx.isCurrent() || !x || x.status !== 'PPPK' || !x.appointed_on)
            return;
        appointedPppk = x.appointed_on;
        showGroups();
        later();
    }).catch(() => {});
}

export default {render};
