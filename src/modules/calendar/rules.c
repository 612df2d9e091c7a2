/* rules.c - the pure rules of the calendar: which days of a unit's week work, how many working
 * days lie between two dates once the holidays are taken out, and the checks of a holiday.
 * No I/O, no clock. Dates are read by the date helpers of the employee module
 * (employee_date_parse, employee_date_days); weekdays come from the day number (1970-01-01
 * was a Thursday). */
#include "modules/calendar/calendar.h"

#include <stdio.h>
#include <string.h>

#include "modules/employee/employee.h"

int calendar_day(const char *date, int64_t *day)
{
    struct employee_date d;

    if (employee_date_parse(date, &d))
        return -1;
    *day = employee_date_days(d);
    return 0;
}

/* 0 = Sunday .. 6 = Saturday. */
static int weekday(int64_t day)
{
    return (int)(((day % 7) + 7 + 4) % 7);
}

static int works(int64_t day, int work_days)
{
    int w = weekday(day);

    return w != 0 && (w != 6 || work_days == 6);
}

int calendar_count(const char *from, const char *to, int work_days, const char *const *off_days,
                   size_t n_off)
{
    int64_t df, dt, days, count, last = -1;
    const char *prev = NULL;

    if ((work_days != 5 && work_days != 6) || calendar_day(from, &df) || calendar_day(to, &dt) ||
        dt < df || (n_off && !off_days))
        return -1;
    days = dt - df + 1;
    count = days / 7 * work_days; /* whole weeks, then the rest day by day */
    for (int64_t d = df + days / 7 * 7; d <= dt; d++)
        count += works(d, work_days);
    for (size_t i = 0; i < n_off; i++) {
        int64_t d;

        if (calendar_day(off_days[i], &d) || (prev && strcmp(prev, off_days[i]) > 0))
            return -1;
        prev = off_days[i];
        if (d < df || d > dt || d == last || !works(d, work_days))
            continue;
        last = d;
        count--;
    }
    return count > 0x7fffffff ? -1 : (int)count;
}

int calendar_is_working_day(const char *date, int work_days, const char *const *off_days,
                            size_t n_off)
{
    return calendar_count(date, date, work_days, off_days, n_off);
}

enum err_code calendar_holiday_check(const char *date, const char *name, struct err *e)
{
    int64_t day;
    size_t n;

    if (!date || calendar_day(date, &day))
        return err_invalid(e, "date", "Tanggal harus berformat YYYY-MM-DD dan tanggal yang ada");
    if (!name)
        return err_invalid(e, "name", "Nama hari libur wajib diisi");
    n = strlen(name);
    if (n > CALENDAR_NAME_MAX)
        return err_invalid(e, "name", "Nama hari libur terlalu panjang");
    for (size_t i = 0; i < n; i++)
        if (name[i] != ' ' && name[i] != '\t')
            return ERR_OK;
    return err_invalid(e, "name", "Nama hari libur wajib diisi");
}

enum err_code calendar_work_days_check(int64_t work_days, struct err *e)
{
    if (work_days != 5 && work_days != 6)
        return err_invalid(e, "work_days", "Hari kerja per minggu harus 5 atau 6");
    return ERR_OK;
}

json_t *calendar_holiday_json(const struct calendar_holiday *h)
{
    return json_pack("{s:I,s:s,s:s,s:b,s:o,s:o}", "id", (json_int_t)h->id, "date", h->date, "name",
                     h->name, "collective", h->collective, "created_at", json_time(h->created_at),
                     "created_by", json_id_or_null(h->created_by));
}

enum err_code calendar_ramadan_check(int year, const char *start, const char *end, struct err *e)
{
    int64_t ds, de;
    char prefix[8];

    snprintf(prefix, sizeof prefix, "%04d-", year);
    if (!start || calendar_day(start, &ds))
        return err_invalid(e, "start_date", "Tanggal awal harus berformat YYYY-MM-DD dan tanggal yang ada");
    if (strncmp(start, prefix, 5) != 0)
        return err_invalid(e, "start_date", "Tanggal awal harus di tahun yang diatur");
    if (!end || calendar_day(end, &de))
        return err_invalid(e, "end_date", "Tanggal akhir harus berformat YYYY-MM-DD dan tanggal yang ada");
    if (de < ds)
        return err_invalid(e, "end_date", "Tanggal akhir tidak boleh sebelum tanggal awal");
    if (de - ds + 1 > CALENDAR_RAMADAN_MAX_DAYS)
        return err_invalid(e, "end_date", "Bulan Ramadan paling lama 31 hari");
    return ERR_OK;
}
