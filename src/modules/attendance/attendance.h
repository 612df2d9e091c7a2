/* attendance.h - the attendance module (issue 5): check-in and check-out with the browser's
 * location against the day's arrangement (flexwork_day_get), the daily status, corrections
 * approved by a supervisor (the original stays), device CSV imports, the monthly recap that
 * the performance allowance (TPP) reads (attendance_month_get, a stable API), and the
 * discipline thresholds of domain.md §11 for days absent without reason.
 *
 * Times: every instant is server time in epoch seconds (UTC). A record belongs to the LOCAL
 * day of its check-in in the unit's time zone (WIB +7, WITA +8, WIT +9); minutes of the day
 * are counted from that local midnight, so a check-out after midnight is 1440 + minutes. */
#ifndef ABDI_ATTENDANCE_H
#define ABDI_ATTENDANCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define ATT_WEEK_MINUTES 2250        /* 37.5 hours a week, breaks excluded (domain.md §4) */
#define ATT_ACCURACY_CREDIT_M 50.0   /* at most this much of the reported accuracy is credited */
#define ATT_ACCURACY_MAX_M 1000.0    /* a fix less precise than this is never "inside" */
#define ATT_REASON_MAX 500           /* bytes of a correction's reason */
#define ATT_IMPORT_MAX_ROWS 200000   /* rows of one device CSV file */
#define ATT_NIGHT_SPAN_S (20 * 3600) /* a check-out closes yesterday's open record this long */

/* ---- the monthly figures the future TPP calculation reads (stable) ---- */
struct attendance_month {
    int64_t employee_id;
    int working_days, present_days, late_minutes, early_minutes, worked_minutes, required_minutes,
        absent_days, leave_days, duty_days;
};
/* month 'YYYY-MM'. Absent days count only days that are over (before today, by the server
 * clock) and on or after the employee's appointment. 404 when the employee does not exist,
 * 422 naming "month" on a bad month. */
enum err_code attendance_month_get(struct db *db, int64_t employee_id, const char *month,
                                   struct attendance_month *out, struct err *e) ABDI_MUST_CHECK;

/* ---- rules.c (pure) ---- */
struct att_fence {
    double lat, lon, radius_m;
};
/* Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m). */
double att_distance_m(double lat1, double lon1, double lat2, double lon2);
/* The fence rule: a fix (lat, lon, accuracy_m) is inside a fence when its distance to the
 * centre is at most radius + min(accuracy, ATT_ACCURACY_CREDIT_M), and its accuracy is at most
 * ATT_ACCURACY_MAX_M. 1 when inside any of the n fences; 0 otherwise (also when n is 0). */
int att_inside(double lat, double lon, double accuracy_m, const struct att_fence *f, size_t n);
/* Validation of a fix: lat -90..90, lon -180..180, accuracy 0 < a <= 100000 (finite numbers):
 * 422 naming "lat", "lon" or "accuracy_m". */
enum err_code att_fix_check(double lat, double lon, double accuracy_m,
                            struct err *e) ABDI_MUST_CHECK;

/* Local calendar day 'YYYY-MM-DD' (out: 11 bytes) of epoch t at utc_offset_min, and the
 * minutes since that local midnight. */
void att_local_day(int64_t t, int utc_offset_min, char out[11]);
int att_local_minute(int64_t t, int utc_offset_min);
/* Epoch of the local midnight that starts day (-1 on a bad date). */
int64_t att_day_start(const char *day, int utc_offset_min);
/* Minutes of t after the local midnight of day (may exceed 1440 or be negative). */
int att_minutes_in_day(int64_t t, const char *day, int utc_offset_min);
/* "HH:MM" (00:00..23:59) → minutes; -1 when malformed. */
int att_hhmm(const char *s);
/* Break minutes of a day: 90 on Friday, 60 otherwise; in Ramadan hours (required_minutes of
 * the day at most 390 on a 5-day week) 60 on Friday, 30 otherwise. weekday 0 = Monday. */
int att_break_minutes(int weekday, int required_minutes);
/* 0 = Monday .. 6 = Sunday; -1 on a bad date. */
int att_weekday(const char *day);

/* The day's schedule as the record keeps it (copied from the arrangement at check-in). */
struct att_schedule {
    int working;              /* a working day for the unit */
    int start_from, start_to; /* minutes after local midnight; fixed start: equal */
    int required_minutes;     /* work due, breaks excluded */
    int break_minutes;
};
/* What one day's times give. in/out are minutes after the day's local midnight, -1 = none. */
struct att_times {
    int late_minutes;   /* check-in after start_to */
    int early_minutes;  /* check-out before the due end (start used + required + break) */
    int worked_minutes; /* out - in - break, at least 0; 0 without a check-out */
    int short_minutes;  /* required - worked when a check-out exists, at least 0 */
};
void att_times(const struct att_schedule *s, int in_min, int out_min, struct att_times *out);

enum att_status {
    ATT_PRESENT,    /* "hadir" */
    ATT_LATE,       /* "terlambat" */
    ATT_LEFT_EARLY, /* "pulang_cepat" */
    ATT_SHORT,      /* "kurang_jam" */
    ATT_LEAVE,      /* "cuti" */
    ATT_DUTY,       /* "dinas": duty travel or assignment */
    ATT_HOLIDAY,    /* "libur" */
    ATT_ABSENT,     /* "tanpa_keterangan": absent without reason */
    ATT_OPEN,       /* not checked in yet, the day not over */
};
/* The API name of a status ("present", "late", "left_early", "short", "leave", "duty",
 * "holiday", "absent", "open"). */
const char *att_status_name(enum att_status s);
/* The one status of a day, by priority: not a working day → holiday; leave → leave; duty →
 * duty; no check-in → absent when the day is over, open before; late → late; no check-out →
 * present while the day is not over, short after; left early → left_early; short of hours →
 * short; else present.
 * day_over: 1 when the local day has ended. */
enum att_status att_day_status(int working, int on_leave, int on_duty, int checked_in,
                               int checked_out, const struct att_times *t, int day_over);

/* Weekly hours: worked against required (ATT_WEEK_MINUTES for a normal week; the sum of the
 * days' required minutes when given). */
struct att_week {
    int worked_minutes, required_minutes, balance_minutes; /* balance = worked - required */
};
void att_week_sum(const int *worked, const int *required, size_t ndays, struct att_week *out);

/* One day of the month as the recap adds it up. */
struct att_day {
    int working, on_leave, on_duty, checked_in, over;
    struct att_times t;
    int required_minutes;
};
/* Add the days into m (employee_id untouched): working days, present days (checked in on a
 * working day, not on leave or duty), late/early/worked minutes, required minutes (working
 * days not on leave or duty), leave and duty days (working days only), absent days (working,
 * over, not present, not on leave or duty). */
void att_month_add(const struct att_day *days, size_t n, struct attendance_month *m);

/* domain.md §11 (PP 94/2021): discipline for days absent without valid reason in a year. */
enum att_discipline {
    ATT_DISC_NONE,
    ATT_DISC_VERBAL,          /* 3 days: teguran lisan */
    ATT_DISC_WRITTEN,         /* 4-6: teguran tertulis */
    ATT_DISC_DISSATISFACTION, /* 7-10: pernyataan tidak puas secara tertulis */
    ATT_DISC_TPP_CUT_6,       /* 11-13: TPP cut 25% for 6 months */
    ATT_DISC_TPP_CUT_9,       /* 14-16: 9 months */
    ATT_DISC_TPP_CUT_12,      /* 17-20: 12 months */
    ATT_DISC_DEMOTION,        /* 21-24: demotion one level for 12 months */
    ATT_DISC_PELAKSANA,       /* 25-27: released to a pelaksana position for 12 months */
    ATT_DISC_DISCHARGE,       /* 28+, or 10 consecutive working days */
};
struct att_discipline_result {
    enum att_discipline level;
    int salary_stop; /* 10 consecutive working days: salary stops from the next month */
};
void att_discipline(int absent_days, int max_consecutive, struct att_discipline_result *out);
const char *att_discipline_code(enum att_discipline d);
const char *att_discipline_text(enum att_discipline d); /* Bahasa Indonesia */

/* Month 'YYYY-MM' → first and last day (11 bytes each); -1 when malformed. */
int att_month_range(const char *month, char first[11], char last[11]);

/* ---- store.c ---- */
struct att_record {
    int64_t id, employee_id, unit_id;
    const char *day, *mode, *source, *device, *kind;
    int64_t check_in_at, check_out_at; /* 0 = none */
    int has_fix;                       /* the check-in's location */
    double lat, lon, accuracy_m;
    int inside;
    int has_out_fix; /* the check-out's location */
    double out_lat, out_lon, out_accuracy_m;
    int out_inside; /* -1 = no check-out yet */
    int flagged;    /* a check-in or check-out outside the fence or without a location */
    int64_t batch_id;
    struct att_schedule sched;
    int utc_offset_min;
    struct att_times t;
    int64_t corrected_by;            /* the correction that last changed it, 0 = none */
    const char *employee_name, *nip; /* lists only */
};
enum err_code att_record_insert(struct db *db, struct att_record *r, int *created,
                                struct err *e) ABDI_MUST_CHECK;
/* Record of employee on day; *found 0 when none. */
enum err_code att_record_on(struct db *db, struct arena *a, int64_t employee_id, const char *day,
                            struct att_record *out, int *found, struct err *e) ABDI_MUST_CHECK;
enum err_code att_record_get(struct db *db, struct arena *a, int64_t id, struct att_record *out,
                             struct err *e) ABDI_MUST_CHECK;
/* Write the times, metrics, kind and corrected_by of r. */
enum err_code att_record_update(struct db *db, const struct att_record *r,
                                struct err *e) ABDI_MUST_CHECK;
/* Records of one employee in [from, to], by day. */
enum err_code att_records_of(struct db *db, struct arena *a, int64_t employee_id, const char *from,
                             const char *to, struct att_record **out, size_t *n,
                             struct err *e) ABDI_MUST_CHECK;
/* Records outside the fence in [from, to] of unit (0 = all; subtree), newest first. */
enum err_code att_records_flagged(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                  const char *from, const char *to, int64_t limit, int64_t offset,
                                  struct att_record **out, size_t *n, int64_t *total,
                                  struct err *e) ABDI_MUST_CHECK;

struct att_correction {
    int64_t id, employee_id, unit_id, record_id;
    const char *day, *kind, *reason, *status, *decision_reason;
    int64_t check_in_at, check_out_at;           /* requested (0 = unchanged) */
    int64_t orig_check_in_at, orig_check_out_at; /* as the record was (0 = none) */
    int64_t requested_by, decided_by, created_at, decided_at;
    const char *employee_name, *nip;
};
enum err_code att_correction_insert(struct db *db, struct att_correction *c,
                                    struct err *e) ABDI_MUST_CHECK;
enum err_code att_correction_get(struct db *db, struct arena *a, int64_t id,
                                 struct att_correction *out, struct err *e) ABDI_MUST_CHECK;
/* pending, of one employee (employee_id != 0) or of a unit scope (unit 0 = all). */
enum err_code att_corrections_list(struct db *db, struct arena *a, int64_t employee_id,
                                   int64_t unit_id, int subtree, const char *status,
                                   struct att_correction **out, size_t *n,
                                   struct err *e) ABDI_MUST_CHECK;
/* 409 already_decided when the correction is no longer pending. */
enum err_code att_correction_decide(struct db *db, const struct att_correction *c,
                                    struct err *e) ABDI_MUST_CHECK;
/* 1 when a pending correction of the employee for day exists. */
enum err_code att_correction_pending(struct db *db, int64_t employee_id, const char *day, int *yes,
                                     struct err *e) ABDI_MUST_CHECK;

/* Employee id, unit and appointment of a NIP (0 when none). */
enum err_code att_employee_by_nip(struct db *db, struct arena *a, const char *nip, int64_t *id,
                                  int64_t *unit_id, struct err *e) ABDI_MUST_CHECK;
enum err_code att_employee_unit(struct db *db, int64_t employee_id, int64_t *unit_id,
                                struct err *e) ABDI_MUST_CHECK;
/* Employee of a device's user code (attendance_device_users), 0 when unknown. */
enum err_code att_device_user(struct db *db, const char *device, const char *code, int64_t *id,
                              struct err *e) ABDI_MUST_CHECK;
/* The mapping of a device's user number to an employee, managed by unit admins; the CSV
 * import reads it for rows with device_user_id instead of nip. */
#define ATT_DEVICE_MAX 100 /* bytes of a device name */
#define ATT_CODE_MAX 50    /* bytes of a device user number */
struct att_device_map {
    int64_t id, employee_id, unit_id; /* unit: the employee's */
    const char *device, *code, *employee_name, *nip;
    int64_t created_at;
};
/* Mappings of the employees of unit (0 = all; subtree), of one device when device != NULL,
 * by device then code. */
enum err_code att_device_maps_list(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                   const char *device, int64_t limit, int64_t offset,
                                   struct att_device_map **out, size_t *n, int64_t *total,
                                   struct err *e) ABDI_MUST_CHECK;
enum err_code att_device_map_get(struct db *db, struct arena *a, int64_t id,
                                 struct att_device_map *out, struct err *e) ABDI_MUST_CHECK;
/* Insert m (device, code, employee_id, created_at); m->id set. */
enum err_code att_device_map_add(struct db *db, struct att_device_map *m, int64_t user_id,
                                 struct err *e) ABDI_MUST_CHECK;
enum err_code att_device_map_delete(struct db *db, int64_t id, struct err *e) ABDI_MUST_CHECK;
enum err_code att_import_batch(struct db *db, int64_t user_id, int64_t now, long rows,
                               long imported, int64_t *id, struct err *e) ABDI_MUST_CHECK;

/* The recap of month for employee (when employee_id != 0) or for every employee of a unit
 * (0 = all; subtree), as of today ('YYYY-MM-DD'). Rows by unit then name. */
struct att_recap_row {
    struct attendance_month m;
    int64_t unit_id;
    const char *nip, *name, *unit_name;
    int week_worked[6], week_required[6]; /* the month's weeks (Mon-Sun), in order */
    int nweeks;
};
enum err_code att_recap(struct db *db, struct arena *a, int64_t employee_id, int64_t unit_id,
                        int subtree, const char *month, const char *today,
                        struct att_recap_row **out, size_t *n, struct err *e) ABDI_MUST_CHECK;
/* The days of month for one employee as the recap sees them (index 0 = the 1st). */
enum err_code att_days_of(struct db *db, struct arena *a, int64_t employee_id, const char *month,
                          const char *today, struct att_day **days, int *n,
                          struct err *e) ABDI_MUST_CHECK;
/* Who reached a §11 threshold in year (days over before today): rows with level > NONE. */
struct att_discipline_row {
    int64_t employee_id, unit_id;
    const char *nip, *name, *unit_name;
    int absent_days, max_consecutive;
    struct att_discipline_result r;
};
enum err_code att_discipline_list(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                  int year, const char *today, struct att_discipline_row **out,
                                  size_t *n, struct err *e) ABDI_MUST_CHECK;

/* The day attendance started (day number): the setting ATT_SINCE_SETTING (YYYYMMDD) when
 * set, else the earliest record's day; days before it are neither working nor absent. */
#define ATT_SINCE_SETTING "attendance.start_date"
enum err_code att_since(struct db *db, int64_t *day, struct err *e) ABDI_MUST_CHECK;

/* ---- demo data (import.c; SQL in store.c) ---- */
#define ATT_DEMO_DAYS 33  /* days back from yesterday... */
#define ATT_DEMO_SKIP 3   /* ...leaving the last days before today empty (tests use them) */
#define ATT_DEMO_STAFF 50 /* at most this many employees of the OPD */
/* The first limit active employees of the OPD unit_code and its sub-units, by id. */
enum err_code att_demo_staff(struct db *db, struct arena *a, const char *unit_code, int64_t limit,
                             int64_t **ids, size_t *n, struct err *e) ABDI_MUST_CHECK;
/* A month of plausible device attendance for the demo employees of the OPD unit_code (at most
 * ATT_DEMO_STAFF): every working day from ATT_DEMO_DAYS to ATT_DEMO_SKIP + 1 days before now
 * (WIB), check-in around the start window (some late), check-out after the day's hours
 * (some early), about one day in sixteen absent; deterministic. */
enum err_code att_demo_seed(struct db *db, const char *unit_code, int64_t now,
                            struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
json_t *att_record_json(const struct att_record *r, enum att_status s);
extern const struct route attendance_routes[];

#endif
