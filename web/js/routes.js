/* The one table of screens (hash routes) and of the navigation menu. A module page joins
 * by adding a row here and a file js/<page>.js whose default export is
 * {render(root, ctx)}; the file loads only when the page is first opened, so the first
 * load stays small however many modules there are. roles: who may open it (null = every
 * logged-in user). The server checks scope on every request anyway: the menu only spares
 * people links they cannot use. */

export const ROLE_LABELS = {
    pegawai: 'Pegawai',
    atasan: 'Atasan',
    pimpinan: 'Pimpinan',
    admin_unit: 'Admin unit',
    admin_bkpsdm: 'Admin BKPSDM',
    superadmin: 'Superadmin',
};

export const ADMIN = ['admin_unit', 'admin_bkpsdm', 'superadmin'];
const AUDITOR = ['admin_bkpsdm', 'superadmin'];
/* Who gets the employee search: the API lets admins list their scope, pimpinan every unit,
 * and atasan (and pegawai) their home unit; a supervisor needs their team, a plain pegawai
 * has no use for a colleague list yet. A profile (#/pegawai/<id>) opens for every
 * logged-in user: the server answers 404 outside the scope, and the page says so. */
export const EMPLOYEE_LISTERS = ['admin_unit', 'admin_bkpsdm', 'superadmin', 'pimpinan', 'atasan'];
/* Reports (DUK, formasi): the API serves them to admins and pimpinan only. */
export const REPORTERS = ['admin_unit', 'admin_bkpsdm', 'superadmin', 'pimpinan'];

/* Temporary assignments (GET /api/v1/assignments): admins, pimpinan and atasan. */
export const ASSIGNMENT_READERS = ['admin_unit', 'admin_bkpsdm', 'superadmin', 'pimpinan', 'atasan'];

/* Leave (cuti): who decides requests (supervisors, heads, BKPSDM) and who reads a unit's
 * leave calendar (GET /units/{id}/leave-calendar: atasan, pimpinan, admins). The inbox page
 * opens for everyone (an employee holding a supervising post may have no atasan role); the
 * menu shows it to the usual deciders. */
export const LEAVE_DECIDERS = ['atasan', 'pimpinan', 'admin_bkpsdm'];
export const LEAVE_CALENDAR_READERS = ['atasan', 'pimpinan', 'admin_unit', 'admin_bkpsdm', 'superadmin'];
/* Collective-leave days worked through (POST /leave-collective-worked): admin_bkpsdm and
 * admin_unit within its scope. */
export const COLLECTIVE_WORKED_RECORDERS = ['admin_unit', 'admin_bkpsdm'];

/* Attendance recap, flagged records and corrections to decide: supervisors, pimpinan, admins. */
export const ATTENDANCE_READERS = ['atasan', 'pimpinan', 'admin_unit', 'admin_bkpsdm', 'superadmin'];
/* Device CSV import and the device-user mapping (POST /attendance/import, /device-users): the
 * API serves admin_unit and admin_bkpsdm. */
export const ATTENDANCE_IMPORTERS = ['admin_unit', 'admin_bkpsdm'];
/* Flexible work: the week plan (GET /units/{id}/week-plan) for supervisors, pimpinan and
 * admins; the policy form for admins; every employee has a schedule page. */
export const WEEK_PLAN_READERS = ['atasan', 'pimpinan', 'admin_unit', 'admin_bkpsdm', 'superadmin'];
/* Announcements (POST /api/v1/announcements): admin_bkpsdm and admin_unit write them. */
export const ANNOUNCERS = ['admin_unit', 'admin_bkpsdm'];

export const ROUTES = [
    {path: '/masuk', title: 'Masuk', public: true, load: () => import('./masuk.js')},
    {path: '/beranda', title: 'Beranda', load: () => import('./beranda.js')},
    {path: '/sandi', title: 'Ganti kata sandi', load: () => import('./sandi.js')},
    {path: '/sesi', title: 'Sesi aktif', load: () => import('./sesi.js')},
    {path: '/notifikasi', title: 'Notifikasi', load: () => import('./notifikasi.js')},
    {path: '/pegawai', title: 'Pegawai', roles: EMPLOYEE_LISTERS, load: () => import('./pegawai.js')},
    {path: '/pegawai/baru', title: 'Tambah pegawai', roles: ADMIN, load: () => import('./pegawai-baru.js')},
    {path: '/pegawai/:id', title: 'Profil pegawai', load: () => import('./profil.js')},
    {path: '/penugasan', title: 'Penugasan', roles: ASSIGNMENT_READERS, load: () => import('./penugasan.js')},
    {path: '/penugasan/cari', title: 'Cari calon petugas', roles: ADMIN, load: () => import('./penugasan-cari.js')},
    {path: '/organisasi', title: 'Organisasi', roles: ADMIN, load: () => import('./organisasi.js')},
    {path: '/data-saya', title: 'Data saya', load: () => import('./data-saya.js')},
    {path: '/verifikasi', title: 'Verifikasi usulan', roles: ADMIN, load: () => import('./verifikasi.js')},
    {path: '/impor', title: 'Impor pegawai', roles: ADMIN, load: () => import('./impor.js')},
    {path: '/audit', title: 'Audit', roles: AUDITOR, load: () => import('./audit.js')},
    {path: '/siasn', title: 'Impor SIASN', roles: AUDITOR, load: () => import('./siasn.js')},
    {path: '/laporan/duk', title: 'DUK', roles: REPORTERS, load: () => import('./laporan-duk.js')},
    {path: '/formasi', title: 'Formasi & Bezetting', roles: REPORTERS, load: () => import('./formasi.js')},
    {path: '/cuti', title: 'Cuti saya', load: () => import('./cuti-saya.js')},
    {path: '/cuti/baru', title: 'Ajukan cuti', load: () => import('./cuti-baru.js')},
    {path: '/cuti/persetujuan', title: 'Persetujuan cuti', load: () => import('./cuti-persetujuan.js')},
    {path: '/cuti/kalender', title: 'Kalender cuti', roles: LEAVE_CALENDAR_READERS, load: () => import('./cuti-kalender.js')},
    {path: '/cuti/bersama', title: 'Cuti bersama yang dikerjakan', roles: COLLECTIVE_WORKED_RECORDERS, load: () => import('./cuti-bersama.js')},
    {path: '/cuti/:id', title: 'Permohonan cuti', load: () => import('./cuti-detail.js')},
    {path: '/libur', title: 'Hari libur', roles: ADMIN, load: () => import('./libur.js')},
    {path: '/presensi', title: 'Presensi', load: () => import('./presensi.js')},
    {path: '/presensi/bulan', title: 'Presensi bulan saya', load: () => import('./presensi-bulan.js')},
    {path: '/presensi/rekap', title: 'Rekap presensi', roles: ATTENDANCE_READERS, load: () => import('./presensi-rekap.js')},
    {path: '/presensi/impor', title: 'Impor presensi mesin', roles: ATTENDANCE_IMPORTERS, load: () => import('./presensi-impor.js')},
    {path: '/kerja', title: 'Jadwal kerja saya', load: () => import('./kerja-saya.js')},
    {path: '/kerja/rencana', title: 'Rencana kerja mingguan', roles: WEEK_PLAN_READERS, load: () => import('./kerja-rencana.js')},
    {path: '/kerja/kebijakan', title: 'Kebijakan kerja fleksibel', roles: ADMIN, load: () => import('./kerja-kebijakan.js')},
    {path: '/pengumuman', title: 'Pengumuman', roles: ANNOUNCERS, load: () => import('./pengumuman.js')},
    {path: '/referensi', title: 'Referensi SIASN', roles: ADMIN, load: () => import('./referensi.js')},
];

/* Main menu, in order. Rows without a path are modules not built yet: shown, marked
 * "segera", and not links. */
export const NAV = [
    {label: 'Beranda', path: '/beranda', roles: null},
    {label: 'Pegawai', path: '/pegawai', roles: EMPLOYEE_LISTERS},
    {label: 'Data saya', path: '/data-saya', roles: null},
    {label: 'Presensi', path: '/presensi', roles: null},
    {label: 'Rekap presensi', path: '/presensi/rekap', roles: ATTENDANCE_READERS},
    {label: 'Impor presensi', path: '/presensi/impor', roles: ATTENDANCE_IMPORTERS},
    {label: 'Cuti saya', path: '/cuti', roles: null},
    {label: 'Persetujuan cuti', path: '/cuti/persetujuan', roles: LEAVE_DECIDERS},
    {label: 'Kalender cuti', path: '/cuti/kalender', roles: LEAVE_CALENDAR_READERS},
    {label: 'Cuti bersama dikerjakan', path: '/cuti/bersama', roles: COLLECTIVE_WORKED_RECORDERS},
    {label: 'Jadwal kerja saya', path: '/kerja', roles: null},
    {label: 'Rencana kerja mingguan', path: '/kerja/rencana', roles: WEEK_PLAN_READERS},
    {label: 'Kebijakan kerja', path: '/kerja/kebijakan', roles: ADMIN},
    {label: 'Verifikasi', path: '/verifikasi', roles: ADMIN},
    {label: 'Penugasan', path: '/penugasan', roles: ASSIGNMENT_READERS},
    {label: 'Organisasi', path: '/organisasi', roles: ADMIN},
    {label: 'Impor Pegawai', path: '/impor', roles: ADMIN},
    {label: 'Impor SIASN', path: '/siasn', roles: AUDITOR},
    {label: 'Formasi & Bezetting', path: '/formasi', roles: REPORTERS},
    {label: 'DUK', path: '/laporan/duk', roles: REPORTERS},
    {label: 'Hari libur', path: '/libur', roles: ADMIN},
    {label: 'Pengumuman', path: '/pengumuman', roles: ANNOUNCERS},
    {label: 'Referensi SIASN', path: '/referensi', roles: ADMIN},
    {label: 'Dasbor', roles: ['pimpinan']},
    {label: 'Audit', path: '/audit', roles: AUDITOR},
];

export const HOME = '/beranda';
export const LOGIN = '/masuk';
export const PASSWORD = '/sandi';

export function hasAnyRole(user, roles) {
    if (!roles)
        return true;
    return !!user && Array.isArray(user.roles) && user.roles.some((r) => roles.includes(r));
}

/* "#/audit?page=2" → {path: '/audit', query: URLSearchParams} */
export function parseHash(hash) {
    const raw = (hash || '').replace(/^#/, '');
    const q = raw.indexOf('?');
    const path = (q < 0 ? raw : raw.slice(0, q)) || '';
    return {path, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1))};
}

/* Match a path against the table; ":name" segments become params.name.
 * → {route, params} or null */
export function findRoute(path) {
    const parts = path.split('/');
    for (const route of ROUTES) {
        const pattern = route.path.split('/');
        if (pattern.length !== parts.length)
            continue;
        const params = {};
        let ok = true;
        for (let i = 0; i < pattern.length && ok; i++) {
            if (pattern[i].startsWith(':') && parts[i] !== '')
                params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
            else
                ok = pattern[i] === parts[i];
        }
        if (ok)
            return {route, params};
    }
    return null;
}
