/* calendar.h - the calendar module: working days per unit (a 5-day week Mon-Fri by default, a
 * 6-day week Mon-Sat for the units that have it) and the national holidays and collective
 * leave days (cuti bersama) per year. calendar_count (pure) and calendar_working_days (the
 * same for a unit, read from the database) are the one place that answers "how many working
 * days" and "is this a working day for this unit": leave, flexwork and attendance call them.
 * Dates are 'YYYY-MM-DD' text (years 0001..9999, as employee_date_parse reads them). */
#ifndef ABDI_CALENDAR_H
#define ABDI_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define CALENDAR_NAME_MAX 200        /* bytes of a holiday's name */
#define CALENDAR_RANGE_MAX (366 * 5) /* days of one GET /calendar/working-days range */

struct calendar_holiday {
    int64_t id;
    const char *date; /* 'YYYY-MM-DD' */
    const char *name;
    int collective; /* 1 = cuti bersama (counts against annual leave), 0 = national holiday */
    int64_t created_at;
    int64_t created_by; /* 0 when unknown (demo data) */
};

/* ---- rules.c (pure) ---- */
/* Count working days in [from, to] (inclusive, both 'YYYY-MM-DD'), given the unit's week
 * (work_days 5 = Mon-Fri, 6 = Mon-Sat) and a sorted array of non-working dates (national
 * holidays AND collective-leave days; repeats allowed). A listed date that falls on a day the
 * week already rests (a holiday on a Sunday) is not subtracted twice. -1 on a bad date (also
 * a bad listed date), a work_days other than 5 or 6, an unsorted list, or to < from. */
int calendar_count(const char *from, const char *to, int work_days, const char *const *off_days,
                   size_t n_off);
/* 1 when date is a working day of such a unit, 0 when not, -1 on bad input as above. */
int calendar_is_working_day(const char *date, int work_days, const char *const *off_days,
                            size_t n_off);
/* Days from the epoch of a 'YYYY-MM-DD' date (employee_date_days); -1 when not a real date.
 * Day 0 (1970-01-01) was a Thursday. */
int calendar_day(const char *date, int64_t *day);
/* Validation of one holiday (date real, name not blank and at most CALENDAR_NAME_MAX bytes):
 * 422 naming "date" or "name". */
enum err_code calendar_holiday_check(const char *date, const char *name,
                                     struct err *e) ABDI_MUST_CHECK;
/* Ramadan working hours (domain.md §4, Perpres 21/2023: 32.5 h a week) apply from start to end
 * inclusive. A period of a year starts in that year and lasts 1..CALENDAR_RAMADAN_MAX_DAYS
 * days; 422 naming "start_date" or "end_date" otherwise. */
#define CALENDAR_RAMADAN_MAX_DAYS 31
enum err_code calendar_ramadan_check(int year, const char *start, const char *end,
                                     struct err *e) ABDI_MUST_CHECK;
/* Work week: 5 or 6, else 422 naming "work_days". */
enum err_code calendar_work_days_check(int64_t work_days, struct err *e) ABDI_MUST_CHECK;
json_t *calendar_holiday_json(const struct calendar_holiday *h);

/* ---- store.c ---- */
/* The same count for a unit, read from the database: the unit's week and the holidays of
 * [from, to] in one statement. 404 when the unit does not exist; 422 naming "from" or "to"
 * on a bad date or to < from. */
enum err_code calendar_working_days(struct db *db, int64_t unit_id, const char *from,
                                    const char *to, int *out, struct err *e) ABDI_MUST_CHECK;
/* The collective-leave (cuti bersama) dates of a year, sorted (for the leave balance), in
 * a's memory. */
enum err_code calendar_collective_days(struct db *db, struct arena *a, int year,
                                       const char ***dates, size_t *n,
                                       struct err *e) ABDI_MUST_CHECK;
/* A unit's work week (5 or 6); 404 when the unit does not exist. */
enum err_code calendar_unit_week(struct db *db, int64_t unit_id, int *work_days,
                                 struct err *e) ABDI_MUST_CHECK;
enum err_code calendar_unit_week_set(struct db *db, int64_t unit_id, int work_days,
                                     struct err *e) ABDI_MUST_CHECK;
/* Holidays of a year (0 = every year), by date. */
enum err_code calendar_holidays_list(struct db *db, struct arena *a, int year,
                                     struct calendar_holiday **out, size_t *n,
                                     struct err *e) ABDI_MUST_CHECK;
enum err_code calendar_holiday_get(struct db *db, struct arena *a, int64_t id,
                                   struct calendar_holiday *out, struct err *e) ABDI_MUST_CHECK;
/* id of the holiday on date, 0 when none. */
enum err_code calendar_holiday_on(struct db *db, const char *date, int64_t *id,
                                  struct err *e) ABDI_MUST_CHECK;
/* Insert h (sets h->id); 409 duplicate_date when the date is taken. */
enum err_code calendar_holiday_insert(struct db *db, struct calendar_holiday *h,
                                      struct err *e) ABDI_MUST_CHECK;
/* Write date, name and collective of h; 409 duplicate_date when the date is taken. */
enum err_code calendar_holiday_update(struct db *db, const struct calendar_holiday *h,
                                      struct err *e) ABDI_MUST_CHECK;
enum err_code calendar_holiday_delete(struct db *db, int64_t id, struct err *e) ABDI_MUST_CHECK;
/* Demo data: Indonesia's 2026 national holidays and cuti bersama (SKB 3 Menteri), skipping
 * dates already present. */
enum err_code calendar_demo_seed(struct db *db, int64_t now, struct err *e) ABDI_MUST_CHECK;

/* The Ramadan period that starts in year (flexwork and attendance read work_ramadan); found
 * 0 when none is set. start and end in a's memory. */
enum err_code calendar_ramadan_get(struct db *db, struct arena *a, int year, const char **start,
                                   const char **end, int *found, struct err *e) ABDI_MUST_CHECK;
/* Replace the year's period (NULL start: remove it). */
enum err_code calendar_ramadan_set(struct db *db, int year, const char *start, const char *end,
                                   struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route calendar_routes[];

#endif
