/* Presensi (#/presensi): one tap to check in or out (POST /attendance/check-in, /check-out).
 * Small on purpose for cheap phones: no map, no library. The page says before the tap why
 * the location is asked and what happens without it: the record is still kept, but marked
 * for the supervisor. The server takes its own clock; the browser only gives the place. */

import {get, post} from './api.js';
import {h, message, pageTitle, timeEl} from './dom.js';

const MODE = {WFO: 'Kerja di kantor (WFO)', WFH: 'Kerja dari rumah (WFH)', WFA: 'Kerja dari lokasi lain (WFA)'};
export const STATUS = {
    present: 'Hadir', late: 'Terlambat', left_early: 'Pulang cepat', short: 'Kurang jam',
    leave: 'Cuti', duty: 'Dinas', holiday: 'Libur', absent: 'Tanpa keterangan', open: 'Belum presensi',
};

export function jam(min) {
    const m = ((min % 1440) + 1440) % 1440;
    return String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(m % 60).padStart(2, '0');
}

/* The browser's position, or the reason there is none (text for people). */
function locate() {
    return new Promise((resolve) => {
        if (!('geolocation' in navigator)) {
            resolve({error: 'Peramban ini tidak dapat memberi lokasi.'});
            return;
        }
        navigator.geolocation.getCurrentPosition(
            (p) => resolve({lat: p.coords.latitude, lon: p.coords.longitude, accuracy_m: Math.max(p.coords.accuracy, 0.1)}),
            (err) => resolve({error: err.code === 1
                ? 'Izin lokasi ditolak. Anda dapat mengizinkannya di pengaturan peramban.'
                : err.code === 3 ? 'Lokasi tidak didapat dalam 20 detik.' : 'Lokasi tidak tersedia.'}),
            {enableHighAccuracy: true, timeout: 20000, maximumAge: 30000});
    });
}

function render(root, ctx) {
    const me = ctx.user || {};
    root.append(pageTitle('Presensi'));
    if (!me.employee_id) {
        root.append(message('info', 'Akun Anda tidak terhubung dengan data pegawai.'));
        return;
    }
    const info = h('section', {class: 'kartu', 'aria-live': 'polite', 'aria-busy': 'true'}, 'Memuat…');
    const status = h('div', {'aria-live': 'assertive', 'data-hasil': ''});
    const button = h('button', {type: 'button', class: 'tombol tombol-utama tombol-presensi', disabled: true}, 'Memuat…');
    const noLoc = h('button', {type: 'button', class: 'tombol', hidden: true, 'data-aksi': 'tanpa-lokasi'},
                    'Kirim tanpa lokasi');
    root.append(
        info,
        h('p', {class: 'petunjuk', id: 'presensi-lokasi'},
          'Saat Anda menekan tombol, peramban meminta izin lokasi. Lokasi dipakai sekali untuk ',
          'memeriksa apakah Anda berada di area kerja hari ini. Tanpa lokasi, presensi tetap tercatat ',
          'tetapi ditandai untuk diperiksa atasan.'),
        h('p', null, button, ' ', noLoc),
        status,
        h('p', null, h('a', {href: '#/presensi/bulan'}, 'Lihat presensi bulan ini')));
    button.setAttribute('aria-describedby', 'presensi-lokasi');
    let day = null;

    function showDay() {
        const r = day.record;
        const done = r && r.check_out;
        info.replaceChildren(
            h('h2', null, 'Hari ini, ', day.day),
            h('p', {'data-field': 'mode'}, MODE[day.mode] || day.mode, day.place ? ' — ' + day.place : ''),
            day.working ? h('p', null, 'Mulai kerja ', jam(day.start_from),
                            day.start_to !== day.start_from ? '–' + jam(day.start_to) : '',
                            ' · ', String(day.required_minutes / 60), ' jam kerja')
                        : h('p', null, 'Hari ini bukan hari kerja unit Anda.'),
            day.leave ? h('p', {'data-field': 'cuti'}, 'Hari ini Anda tercatat cuti (', day.leave, ').') : null,
            r ? h('p', {'data-field': 'masuk'}, 'Masuk: ', timeEl(r.check_in),
                  r.flagged ? ' · ditandai (di luar area atau tanpa lokasi)' : ' · di dalam area') : null,
            r && r.check_out ? h('p', {'data-field': 'pulang'}, 'Pulang: ', timeEl(r.check_out)) : null);
        info.removeAttribute('aria-busy');
        button.textContent = !r ? 'Presensi masuk' : done ? 'Presensi selesai' : 'Presensi pulang';
        button.disabled = Boolean(done);
    }

    async function load() {
        try {
            day = await get('/attendance/today');
            if (ctx.isCurrent())
                showDay();
        } catch (e) {
            info.replaceChildren(message('galat', e.message));
        }
    }

    async function send(fix) {
        const path = day.record ? '/attendance/check-out' : '/attendance/check-in';
        const body = fix ? {lat: fix.lat, lon: fix.lon, accuracy_m: fix.accuracy_m}
                         : {lat: null, lon: null, accuracy_m: null};
        try {
            const r = await post(path, body);
            const where = r.inside_geofence
                ? 'Di dalam area kerja.'
                : r.location === null && !fix ? 'Tanpa lokasi: tercatat dan ditandai untuk atasan.'
                : 'Di luar area kerja' + (r.distance_m !== null ? ' (' + Math.round(r.distance_m) + ' m dari batas)' : '') +
                  ': tercatat dan ditandai untuk atasan.';
            status.replaceChildren(
                message(r.inside_geofence ? 'sukses' : 'peringatan',
                        (day.record ? 'Presensi pulang' : 'Presensi masuk') + ' tercatat pukul ' +
                        new Date(r.time).toLocaleTimeString('id-ID', {hour: '2-digit', minute: '2-digit'}) +
                        '. ' + where + ' Status: ' + (STATUS[r.status] || r.status) + '.'));
            noLoc.hidden = true;
            await load();
        } catch (e) {
            status.replaceChildren(message('galat', e.message));
            button.disabled = false;
        }
    }

    button.addEventListener('click', async () => {
        button.disabled = true;
        status.replaceChildren(message('info', 'Mencari lokasi…'));
        const fix = await locate();
        if (fix.error) {
            status.replaceChildren(message('peringatan', fix.error + ' Tekan "Kirim tanpa lokasi" bila ingin tetap presensi.'));
            noLoc.hidden = false;
            button.disabled = false;
            return;
        }
        await send(fix);
    });
    noLoc.addEventListener('click', () => {
        noLoc.disabled = true;
        send(null).finally(() => { noLoc.disabled = false; });
    });
    load();
}

export default {render};
