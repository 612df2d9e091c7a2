/* placement.h - moving people: transfers (mutasi between units, rotasi inside one) written as
 * position history rows, temporary assignments (Plt/Plh of a post, postings to a task force)
 * with the limits of domain.md §3, and the candidate finder for an emergency with its ranking.
 * design.md puts this in the org area; it lives apart while org is being edited (see
 * docs/api-placements.md). Rules never read the clock: "today" and the settings are
 * arguments. Records come back in request arena memory. Errors are 422 (ERR_INVALID) naming
 * the JSON field at fault, 404 outside the caller's scope, 409 for a state that forbids. */
#ifndef ABDI_PLACEMENT_H
#define ABDI_PLACEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"
#include "modules/employee/employee.h"

/* Settings (db_setting_int) and their defaults. */
#define PLACEMENT_SETTING_MAX_MONTHS "placement.plt_max_months"       /* 3 */
#define PLACEMENT_SETTING_EXT_MONTHS "placement.plt_extension_months" /* 3 */
#define PLACEMENT_SETTING_FUNCTIONAL "placement.functional_level"     /* 1; 0 = not eligible */
#define PLACEMENT_BATCH_MAX 200      /* employee_ids of one batch decree */
#define PLACEMENT_CANDIDATES_MAX 200 /* limit of the candidate finder */
#define PLACEMENT_TEXT_MAX 200       /* bytes of a task force name or a decree number */

/* ---- rules.c (pure) ---- */

/* The limits of a Plt/Plh (SE Kepala BKN 1/SE/I/2021), from the settings. */
struct placement_limits {
    int max_months;       /* length of one Plt/Plh term, months (default 3) */
    int extension_months; /* length of the one extension, months (default 3) */
    int functional_level; /* structural level a functional official counts as (1..6; 0: none) */
};
extern const struct placement_limits placement_limits_default;

/* Level of a position kind for "same level or one below": jpt_utama 6, jpt_madya 5,
 * jpt_pratama 4, administrator 3, pengawas 2, pelaksana 1; functional kinds (ahli_*,
 * pemula..penyelia) functional_level; 0 for NULL or an unknown kind. */
int placement_kind_level(const char *kind, int functional_level);
/* 1 for jpt_*, administrator, pengawas: heads a service. */
int placement_kind_structural(const char *kind);

/* d plus n days / n months (a day the month lacks rolls over: 01-31 + 1 month = 03-03). */
struct employee_date placement_add_days(struct employee_date d, int n);
struct employee_date placement_add_months(struct employee_date d, int n);
/* The last day a term of n months starting on start may run: start + n months - 1 day
 * (2026-01-05, 3 → 2026-04-04). */
struct employee_date placement_term_last_day(struct employee_date start, int months);

enum placement_kind { PLACEMENT_PLT = 1, PLACEMENT_PLH, PLACEMENT_SATGAS };
/* "plt", "plh", "satgas" → the kind; 0 otherwise. */
enum placement_kind placement_kind_parse(const char *s);

/* What the rules need to judge one temporary assignment; the store fills the facts. */
struct placement_check {
    enum placement_kind kind;
    struct employee_date start, end, today;
    const char *employee_state; /* "active" required */
    int64_t employee_id;
    const char *home_kind;   /* kind of the appointee's own post (NULL: none) */
    int same_unit;           /* home unit is the target's unit or below it */
    int64_t target_holders;  /* active employees holding the target post, appointee excluded */
    int holds_target;        /* the appointee holds the target post */
    int64_t overlapping;     /* other assignments of the person meeting [start, end] */
    int64_t post_taken;      /* other Plt/Plh of the target post meeting [start, end] */
    const char *target_kind; /* Plt/Plh: kind of the post acted on */
    /* extension: the row extended, else extends 0 */
    int extends;
    int base_is_extension;            /* the row extended is itself an extension (second one) */
    int base_extended;                /* the row extended already has an extension */
    struct employee_date chain_start; /* start of the first term of the chain */
};

/* Judge c under limits l. Errors, first failure wins (422 validation_failed unless noted):
 *   end_date    end before start; end before today
 *   employee_id the person is not active
 *   409 assignment_extended  the row extended already has an extension, or (Plt/Plh) is
 *               itself an extension: one extension only
 *   end_date    Plt/Plh longer than max_months (an extension: extension_months), counted as
 *               start + n months - 1 day
 *   position_id Plt/Plh: the appointee's own post; a Plt on a post with a holder; a Plh on a
 *               post without one; another unit; level not the same or one below; the post has
 *               another Plt/Plh meeting the period
 *   start_date  the person has another assignment meeting the period */
enum err_code placement_check(const struct placement_check *c, const struct placement_limits *l,
                              struct err *e) ABDI_MUST_CHECK;

/* One candidate of the finder. education_level: education_levels.rank_order of the highest
 * education (1 SD .. 13 S3, 0 unknown); training_hours: JP of trainings started in the 2 years
 * up to date_from; training_match: q found in a training name, an education major or the
 * position name. Superseded history rows never count. */
struct placement_candidate {
    int64_t employee_id, unit_id, position_id;
    const char *nip, *name, *unit_name, *position_name, *position_kind, *golongan;
    int q_in_position; /* q matches the position name */
    int education_level;
    int training_hours;
    int training_match;
    int recent_assignments; /* assignments in the year before date_from */
    int unit_distance;      /* edges between home unit and the task force's unit; -1 unknown */
    int score;              /* placement_rank fills it */
};

/* The score of one candidate (higher first); see docs/api-placements.md for the table. */
int placement_candidate_score(const struct placement_candidate *c, int functional_level);
/* Score every candidate and sort: score descending, then name, then id. */
void placement_rank(struct placement_candidate *c, size_t n, int functional_level);
/* Edges between units a and b in the tree given as parallel arrays ids[i] → parents[i]
 * (0 = root); -1 when either is missing or the tree is deeper than 64. */
int placement_unit_distance(const int64_t *ids, const int64_t *parents, size_t n, int64_t a,
                            int64_t b);

/* ---- store.c ---- */
struct placement_assignment {
    int64_t id, employee_id, position_id, unit_id, home_unit_id, home_position_id;
    int64_t extension_of, created_by, created_at, batch_id;
    const char *kind, *task_force, *start_date, *end_date, *sk_number, *sk_date;
    const char *ended_early_on; /* NULL unless ended early */
    const char *employee_name, *employee_nip, *position_name, *unit_name, *home_unit_name;
    const char *home_position_name;
};

/* Limits from the settings (defaults placement_limits_default). */
enum err_code placement_limits_load(struct db *db, struct placement_limits *out,
                                    struct err *e) ABDI_MUST_CHECK;
/* Fill the facts of c from the database: the employee's state and post, holders of the target,
 * overlapping assignments (excluding exclude_id), the post's other acting officials.
 * target_unit: the post's unit (Plt/Plh) or the task force's unit. */
enum err_code placement_check_facts(struct db *db, const struct employee *emp, int64_t target_pos,
                                    int64_t target_unit, int64_t exclude_id,
                                    struct placement_check *c, struct err *e) ABDI_MUST_CHECK;
enum err_code placement_insert(struct db *db, const struct placement_assignment *x, int64_t now,
                               int64_t *id_out, struct err *e) ABDI_MUST_CHECK;
/* The first row of a batch: batch_id = its own id (later rows carry it on insert). */
enum err_code placement_batch_start(struct db *db, int64_t id, struct err *e) ABDI_MUST_CHECK;
enum err_code placement_get(struct db *db, struct arena *a, int64_t id,
                            struct placement_assignment *out, struct err *e) ABDI_MUST_CHECK;
/* The row extending id, if any (*found 0 when none). */
enum err_code placement_extension_of(struct db *db, int64_t id, int *found,
                                     struct err *e) ABDI_MUST_CHECK;
/* End the assignment id (and its extension) early: back home from on. */
enum err_code placement_end(struct db *db, int64_t id, const char *on,
                            struct err *e) ABDI_MUST_CHECK;
/* The assignment active on day `on` for an employee; *found 0 when none. */
enum err_code placement_active_for(struct db *db, struct arena *a, int64_t employee_id,
                                   const char *on, struct placement_assignment *out, int *found,
                                   struct err *e) ABDI_MUST_CHECK;
/* Assignments active on `on` (NULL: every one) touching the scope: the person's home unit or the
 * assignment's unit in root's subtree (root 0: all; subtree 0: root only) and, when unit_id,
 * touching that unit. */
struct placement_query {
    int64_t root, unit_id;
    int subtree;
    const char *active_on;
    int64_t page, per_page;
};
enum err_code placement_list(struct db *db, struct arena *a, const struct placement_query *q,
                             struct placement_assignment **out, size_t *n, int64_t *total,
                             struct err *e) ABDI_MUST_CHECK;

/* Staff present in unit on day `on`: its own active employees not assigned to another unit
 * that day, plus those whose assignment that day is in this unit (assigned_in 1). */
struct placement_staff {
    int64_t employee_id, unit_id, assignment_id; /* assignment_id 0 when none */
    const char *nip, *name, *unit_name, *position_name, *position_kind, *assignment_kind;
    int assigned_in;
};
enum err_code placement_unit_staff(struct db *db, struct arena *a, int64_t unit_id, const char *on,
                                   int64_t page, int64_t per_page, struct placement_staff **out,
                                   size_t *n, int64_t *total, struct err *e) ABDI_MUST_CHECK;

/* Transfers: position history rows with their move kind. */
struct placement_transfer {
    int64_t id, employee_id, unit_id, position_id;
    const char *move_kind, *tmt, *sk_number, *sk_date, *unit_name, *position_name;
};
enum err_code placement_transfer_insert(struct db *db, const struct placement_transfer *t,
                                        int64_t now, int64_t *id_out,
                                        struct err *e) ABDI_MUST_CHECK;
/* TMT of the newest position history row (NULL when none). */
enum err_code placement_newest_tmt(struct db *db, struct arena *a, int64_t employee_id,
                                   const char **tmt, struct err *e) ABDI_MUST_CHECK;
enum err_code placement_transfers(struct db *db, struct arena *a, int64_t employee_id,
                                  struct placement_transfer **out, size_t *n,
                                  struct err *e) ABDI_MUST_CHECK;

/* Candidates: active employees whose home unit is in root's scope (and under from_unit when
 * not 0), matching q (person or position name, a training name or an education major; ""
 * any), with at least the education level and a training named like training when given,
 * with no assignment meeting [from, to]; at most a pre-cut of rows before ranking. */
struct placement_candidate_query {
    int64_t root, from_unit;
    int subtree;
    const char *q, *date_from, *date_to;
    const char *recent_from; /* assignments starting on or after it (and before date_from)
                                count as recent workload */
    const char *training_from; /* trainings starting on or after it (up to date_from) count
                                  in training_hours */
    const char *education_level; /* minimum education level code; NULL or "" any */
    const char *training;        /* text of a training name the candidate has; NULL or "" any */
};
enum err_code placement_candidates(struct db *db, struct arena *a,
                                   const struct placement_candidate_query *q,
                                   struct placement_candidate **out, size_t *n,
                                   struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
/* Write "assignment" (the active one today, or null) into an employee record's open object. */
enum err_code placement_employee_write(struct req *rq, int64_t employee_id, struct json_w *w,
                                       struct err *e) ABDI_MUST_CHECK;
extern const struct route placement_routes[];

#endif
