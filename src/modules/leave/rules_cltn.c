/* rules_cltn.c - the pure rules of what comes after an approved CLTN (cuti di luar tanggungan
 * negara, domain.md §5: up to 3 years, extendable once by 1 year; report back within 1 month
 * after it ends) and of the collective-leave days an employee worked through. No I/O: the
 * request's dates, "today" and what was recorded come in as arguments. */
#include "modules/leave/leave.h"

#include <string.h>

int64_t leave_cltn_report_due(int64_t end)
{
    return leave_add_months(end, 1);
}

enum err_code leave_cltn_extend_check(int64_t start, int64_t end, int extended, int returned,
                                      int64_t new_end, int64_t today, struct err *e)
{
    if (extended)
        return err_set(e, ERR_CONFLICT, "cltn_already_extended", NULL,
                       "CLTN hanya dapat diperpanjang satu kali");
    if (returned)
        return err_set(e, ERR_CONFLICT, "cltn_returned", NULL,
                       "Pegawai sudah kembali bekerja dari CLTN");
    if (today > end)
        return err_set(e, ERR_CONFLICT, "leave_ended", NULL,
                       "CLTN sudah berakhir: perpanjangan dicatat sebelum CLTN berakhir");
    if (new_end <= end)
        return err_invalid(e, "end_date", "Tanggal selesai baru harus setelah tanggal selesai CLTN");
    /* PP 11/2017: at most 3 years, extendable once by at most 1 year */
    if (new_end > leave_add_years(end + 1, 1) - 1)
        return err_invalid(e, "end_date", "Perpanjangan CLTN paling lama 1 tahun");
    if (new_end > leave_add_years(start, 4) - 1)
        return err_invalid(e, "end_date",
                           "CLTN dengan perpanjangannya paling lama 4 tahun (3 tahun + 1 tahun)");
    return ERR_OK;
}

enum err_code leave_cltn_return_check(int64_t start, int64_t end, int returned,
                                      int64_t returned_on, int64_t today, int *late, struct err *e)
{
    if (returned)
        return err_set(e, ERR_CONFLICT, "cltn_already_returned", NULL,
                       "Kembalinya pegawai dari CLTN sudah dicatat");
    if (returned_on <= start)
        return err_invalid(e, "returned_on", "Tanggal melapor kembali harus setelah CLTN dimulai");
    if (returned_on > today)
        return err_invalid(e, "returned_on", "Tanggal melapor kembali tidak boleh setelah hari ini");
    *late = returned_on > leave_cltn_report_due(end);
    return ERR_OK;
}

enum err_code leave_worked_check(int64_t year, const char *const *dates, size_t n, struct err *e)
{
    if (year < 1900 || year > 2999)
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    if (n < 1 || n > LEAVE_WORKED_MAX)
        return err_invalid(e, "dates", "Isi 1 sampai 31 tanggal cuti bersama");
    for (size_t i = 0; i < n; i++) {
        int64_t d = 0;

        if (leave_day(dates[i], &d))
            return err_invalid(e, "dates", "Tanggal harus berformat YYYY-MM-DD");
        if (leave_day_year(d) != year)
            return err_invalid(e, "dates", "Semua tanggal harus dalam tahun yang sama (year)");
    }
    return ERR_OK;
}
