/* flexwork.h - flexible work (PermenPAN-RB 4/2025, Perpres 21/2023): the work policy of a unit
 * (who may work flexibly, the minimum on-site staffing, the start window and core hours, the
 * office geofences, the time zone), each employee's weekly arrangement (WFO/WFH/WFA per weekday,
 * fixed or flexible start) and one-off requests (a day from home) decided by the direct
 * supervisor. flexwork_day_get is the one answer to "what does this employee's day look like":
 * attendance reads it at every check-in. Dates are 'YYYY-MM-DD' text; times of day are minutes
 * after local midnight; coordinates are degrees (stored as micro-degrees). */
#ifndef ABDI_FLEXWORK_H
#define ABDI_FLEXWORK_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

struct flexwork_fence {
    double lat, lon, radius_m;
};
/* What one employee's day looks like: read by attendance for every check-in. */
struct flexwork_day {
    int working;              /* 1 when the calendar says this is a working day for the unit */
    char mode[4];             /* "WFO", "WFH" or "WFA" */
    int flexible;             /* 1: start anywhere in [start_from, start_to]; 0: fixed start */
    int start_from, start_to; /* minutes after local midnight (fixed: equal, e.g. 450 = 07:30) */
    int core_from, core_to;   /* core hours, minutes after local midnight (0,0 when none) */
    int required_minutes;     /* work minutes due that day, breaks excluded (37.5 h/week rule:
                                 Mon–Thu 450, Fri 450 with the longer break; 6-day week 375;
                                 Ramadan weeks from the setting) */
    int utc_offset_min;       /* 420 WIB, 480 WITA, 540 WIT — from the unit's timezone */
    const char *timezone;     /* "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura" */
    const struct flexwork_fence *fences;
    size_t n_fences;   /* WFO: the unit's office fences;
                          WFH: the declared home point; WFA: the declared place's point */
    const char *place; /* WFA: the declared place (NULL otherwise) */
    int64_t unit_id;   /* the unit the employee works for that day (assignment aware) */
};
enum err_code flexwork_day_get(struct db *db, struct arena *a, int64_t employee_id,
                               const char *date, struct flexwork_day *out,
                               struct err *e) ABDI_MUST_CHECK;

#define FLEXWORK_PLACE_MAX 200  /* bytes of a declared place */
#define FLEXWORK_REASON_MAX 500 /* bytes of a request's or decision's reason */
#define FLEXWORK_FENCES_MAX 10  /* office geofences of one unit */
#define FLEXWORK_POSITIONS_MAX 500
#define FLEXWORK_REMOTE_DAYS_MAX 2 /* PermenPAN-RB 4/2025: location flexibility <= 2 days/week */
#define FLEXWORK_DEFAULT_START 450 /* 07:30 (Perpres 21/2023) */
#define FLEXWORK_RAMADAN_START 480 /* 08:00 */

/* A unit's policy. Sub-units without their own row follow the nearest ancestor's. */
struct flexwork_policy {
    int64_t unit_id;          /* the unit the policy row belongs to (0: built-in default) */
    int flexible_allowed;     /* 0: nobody in the unit works flexibly */
    int min_onsite_pct;       /* 0..100: share of the unit's staff on site every working day */
    int min_onsite_count;     /* >= 0: and at least this many */
    int max_remote_days;      /* 0..FLEXWORK_REMOTE_DAYS_MAX WFH/WFA days per week */
    int start_from, start_to; /* allowed start window (minutes) */
    int core_from, core_to;   /* core hours (0,0 when none) */
    int fixed_start;          /* start of a fixed schedule (minutes; 450 = 07:30) */
    int remote_radius_m;      /* fence radius around a declared home/place point */
    const char *timezone;
    struct flexwork_fence *fences;
    size_t n_fences;
    int64_t *positions; /* posts whose holders may work flexibly (allow-list) */
    size_t n_positions;
    int64_t updated_at, updated_by;
};

/* One weekday of an arrangement (weekday 1 = Monday .. 7 = Sunday). */
struct flexwork_arr_day {
    int weekday;
    char mode[4];
    const char *place; /* WFA */
    int has_point;     /* lat/lon given */
    double lat, lon;
    int flexible; /* 1: start in the unit's window; 0: fixed at start */
    int start;    /* fixed start (minutes) */
};

struct flexwork_arrangement {
    int64_t id, employee_id;
    const char *valid_from, *valid_to; /* valid_to NULL: open-ended */
    const char *status;                /* "proposed", "approved", "rejected", "replaced" */
    const char *note, *decision_reason;
    struct flexwork_arr_day days[7]; /* index weekday - 1 */
    int64_t approver_employee_id;    /* a proposal's direct supervisor when made; 0: none */
    const char *employee_name;       /* read by the inbox list only */
    int64_t created_by, created_at, decided_by, decided_at;
};

struct flexwork_request {
    int64_t id, employee_id, unit_id;
    const char *date, *mode, *place, *reason, *status; /* pending, approved, rejected */
    int has_point;
    double lat, lon;
    int64_t approver_employee_id; /* the direct supervisor when filed; 0 when none */
    const char *decision_reason;
    int64_t decided_by, decided_at, created_by, created_at;
    const char *employee_name, *employee_nip; /* read with the row */
};

/* ---- rules.c (pure) ---- */
/* Work minutes due on weekday (1 = Monday .. 7 = Sunday) of a unit with a work_days (5 or 6)
 * week: 37.5 h a week, breaks excluded — 450 a day on a 5-day week (Friday too: its longer
 * break is taken from a later end), 375 on a 6-day week; in Ramadan 32.5 h: 390 and 325.
 * 0 on a rest day, -1 on bad input. */
int flexwork_required_minutes(int work_days, int weekday, int ramadan);
/* Weekday of a day number (days from 1970-01-01): 1 = Monday .. 7 = Sunday. */
int flexwork_weekday(int64_t day);
/* "HH:MM" (00:00..23:59, two digits each) → minutes, -1 otherwise (s may be NULL). */
int flexwork_hhmm(const char *s);
/* minutes → "HH:MM" (out: 6 bytes). */
void flexwork_hhmm_format(int minutes, char out[6]);
/* UTC offset in minutes of a supported time zone (WIB/WITA/WIT names), -1 otherwise. */
int flexwork_tz_offset(const char *tz);
/* "YYYY-Www" (ISO 8601 week) → day number of its Monday; -1 when malformed. */
int flexwork_iso_week(const char *s, int64_t *monday);
/* The whole policy: pct 0..100, count >= 0, max_remote_days 0..2, start window (from < to,
 * both within 05:00..12:00), core hours (none, or from >= window end and to > from), fixed
 * start within 05:00..12:00, timezone, fences (lat -90..90, lon -180..180, radius 10..5000 m),
 * remote radius 10..5000. 422 naming the API field. */
enum err_code flexwork_policy_check(const struct flexwork_policy *p, struct err *e) ABDI_MUST_CHECK;
/* Staff needed on site of a unit of staff people: max(ceil(staff * pct / 100), count), at
 * most staff. */
int flexwork_onsite_required(int staff, int pct, int count);
/* The minimum on-site check of one day: modes[i] of each staff member ("WFO" counts as on
 * site; WFH, WFA and anything else — leave "CUTI" — does not; NULL: not in the unit that day,
 * not counted as staff either). Returns by how many people the
 * day falls short (0: kept); *required and *onsite (may be NULL) get the figures. */
int flexwork_onsite_short(const char *const *modes, size_t n, const struct flexwork_policy *p,
                          int *required, int *onsite);
/* 1 for "WFH" or "WFA". */
int flexwork_mode_remote(const char *mode);
/* "WFO", "WFH", "WFA"; 422 naming field otherwise. */
enum err_code flexwork_mode_check(const char *mode, const char *field,
                                  struct err *e) ABDI_MUST_CHECK;
/* An arrangement's days: modes valid, a WFA day names its place, a remote day within a
 * declared point (lat/lon) when given, fixed starts in 05:00..12:00, and at most
 * max_remote WFH/WFA days among the unit's working weekdays (work_days 5 or 6). 422 naming
 * "days[i].field" (or "days" for the weekly limit). */
enum err_code flexwork_days_check(const struct flexwork_arr_day days[7], int work_days,
                                  int max_remote, struct err *e) ABDI_MUST_CHECK;
/* Remote days in a week: modes of the 7 weekdays (NULL entries count as WFO). */
int flexwork_remote_count(const char *const modes[7]);
/* Latitude/longitude range check (422 naming field). */
enum err_code flexwork_point_check(double lat, double lon, const char *lat_field,
                                   const char *lon_field, struct err *e) ABDI_MUST_CHECK;
json_t *flexwork_policy_json(const struct flexwork_policy *p);
json_t *flexwork_arrangement_json(const struct flexwork_arrangement *x);
json_t *flexwork_request_json(const struct flexwork_request *r);
json_t *flexwork_day_json(const struct flexwork_day *d);

/* ---- store.c ---- */
/* The built-in policy (no row anywhere up the tree): fixed 07:30, no flexibility, WIB. */
void flexwork_policy_default(struct flexwork_policy *p);
/* The policy in force for unit_id: its own row, else the nearest ancestor's, else the
 * built-in default (p->unit_id 0). 404 when the unit does not exist. */
enum err_code flexwork_policy_get(struct db *db, struct arena *a, int64_t unit_id,
                                  struct flexwork_policy *out, struct err *e) ABDI_MUST_CHECK;
/* Write unit_id's own row (replacing fences and positions). */
enum err_code flexwork_policy_put(struct db *db, int64_t unit_id, const struct flexwork_policy *p,
                                  struct err *e) ABDI_MUST_CHECK;
/* 1 when position_id may work flexibly under p (flexible_allowed and on the allow-list). */
int flexwork_policy_allows(const struct flexwork_policy *p, int64_t position_id);
/* 1 when date lies in a Ramadan period (table work_ramadan). */
enum err_code flexwork_ramadan(struct db *db, const char *date, int *yes,
                               struct err *e) ABDI_MUST_CHECK;

/* Arrangements: the approved one in force on date (*found 0 when none) and the latest
 * proposal still open. */
enum err_code flexwork_arrangement_on(struct db *db, struct arena *a, int64_t employee_id,
                                      const char *date, struct flexwork_arrangement *out,
                                      int *found, struct err *e) ABDI_MUST_CHECK;
enum err_code flexwork_arrangement_proposed(struct db *db, struct arena *a, int64_t employee_id,
                                            struct flexwork_arrangement *out, int *found,
                                            struct err *e) ABDI_MUST_CHECK;
/* Insert x (sets x->id). When x is approved, earlier approved arrangements of the employee
 * end the day before x->valid_from (or become "replaced" when they start on or after it),
 * and open proposals are replaced. */
/* Open proposals whose recorded approver is approver_employee_id, oldest first (at most 200). */
enum err_code flexwork_proposals_inbox(struct db *db, struct arena *a, int64_t approver_employee_id,
                                       struct flexwork_arrangement **out, size_t *n,
                                       struct err *e) ABDI_MUST_CHECK;
enum err_code flexwork_arrangement_insert(struct db *db, struct flexwork_arrangement *x,
                                          struct err *e) ABDI_MUST_CHECK;
/* Decide the open proposal id: status approved or rejected (approval ends earlier ones as
 * above). */
enum err_code flexwork_arrangement_decide(struct db *db, struct flexwork_arrangement *x,
                                          struct err *e) ABDI_MUST_CHECK;

enum err_code flexwork_request_get(struct db *db, struct arena *a, int64_t id,
                                   struct flexwork_request *out, struct err *e) ABDI_MUST_CHECK;
enum err_code flexwork_request_insert(struct db *db, struct flexwork_request *r,
                                      struct err *e) ABDI_MUST_CHECK;
enum err_code flexwork_request_decide(struct db *db, const struct flexwork_request *r,
                                      struct err *e) ABDI_MUST_CHECK;
/* *id of the pending or approved request of the employee on date (0 when none). */
enum err_code flexwork_request_on(struct db *db, int64_t employee_id, const char *date, int64_t *id,
                                  struct err *e) ABDI_MUST_CHECK;
struct flexwork_request_query {
    int64_t employee_id;          /* 0 = any */
    int64_t approver_employee_id; /* 0 = any */
    int64_t unit_root;            /* 0 = every unit, -1 = nothing */
    int subtree;
    const char *status; /* NULL = any */
    int64_t page, per_page;
};
enum err_code flexwork_requests_list(struct db *db, struct arena *a,
                                     const struct flexwork_request_query *q,
                                     struct flexwork_request **out, size_t *n, int64_t *total,
                                     struct err *e) ABDI_MUST_CHECK;

/* The direct supervisor of employee_id on date through the leave module's approver chain
 * (leave_resolve, supervisor step; Plt/Plh aware); *out 0 when nobody. The attendance
 * module tells this employee about a correction request. */
enum err_code flexwork_supervisor(struct db *db, struct arena *a, int64_t employee_id,
                                  const char *date, int64_t *out, struct err *e) ABDI_MUST_CHECK;

/* The plan of a unit over ndays days from day number from: its active staff (employees whose
 * unit it is, and those assigned INTO it by the placement module — Plt, Plh, task force — on
 * some day of the range) and each one's mode per day (approved requests over arrangements
 * over WFO; approved leave "CUTI"; NULL on a day the person is not in the unit: assigned OUT
 * of it, or outside the assignment that brings them in). */
struct flexwork_plan_person {
    int64_t employee_id, position_id;
    int64_t home;           /* the employee's own unit */
    const char *assignment; /* "plt", "plh", "satgas" when assigned into the unit; else NULL */
    const char *name, *nip, *position_name;
    const char **modes;  /* ndays entries; NULL = not in the unit that day */
    const char **places; /* ndays entries, NULL when none */
};
struct flexwork_plan {
    int64_t unit_id;
    int64_t from;
    int ndays;
    int *working; /* ndays: 1 working day */
    struct flexwork_plan_person *people;
    size_t n;
};
enum err_code flexwork_plan_load(struct db *db, struct arena *a, int64_t unit_id, int64_t from,
                                 int ndays, struct flexwork_plan *out,
                                 struct err *e) ABDI_MUST_CHECK;
/* Demo data: a default policy for every OPD (child of the root) without one: flexible,
 * window 07:00–09:00, core 09:00–15:00, 50 % on site, 2 remote days, its non-head posts
 * allowed, one office fence. */
enum err_code flexwork_demo_seed(struct db *db, int64_t now, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route flexwork_routes[];

#endif
