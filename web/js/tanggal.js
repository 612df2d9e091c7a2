/* Dates for people, in Bahasa Indonesia, from the API's "YYYY-MM-DD" (or "YYYY-MM"):
 * "1 Januari 2030", "Januari 2010". Plain string work, no Date object, so no time zone
 * can move a day. Anything else is shown as it came, or "—" when empty. */

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli',
                      'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export function formatTanggal(s) {
    if (s === null || s === undefined || s === '')
        return '—';
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(s));
    if (!m)
        return String(s);
    const month = parseInt(m[2], 10);
    if (month < 1 || month > 12)
        return String(s);
    const monthYear = BULAN[month - 1] + ' ' + m[1];
    return m[3] === undefined ? monthYear : parseInt(m[3], 10) + ' ' + monthYear;
}
