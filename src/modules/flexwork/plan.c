/* plan.c - SQL of one-off work requests (a day WFH/WFA or back to the office) and the week plan
 * of a unit: its active staff and each one's mode per day — an approved request over the
 * approved arrangement over the office, approved leave shown as "CUTI" — which the minimum
 * on-site check and the supervisors' page read. Also the demo policies. */
#include "modules/flexwork/flexwork.h"
#include "modules/flexwork/flexwork_int.h"

#include <stdlib.h>
#include <string.h>

#include "modules/calendar/calendar.h"

/* ---- requests ---- */

#define R_COLS                                                                                     \
    "SELECT r.id, r.employee_id, r.unit_id, r.date, r.mode, r.place, r.lat_e6, r.lon_e6,"          \
    " r.reason, r.status, r.approver_employee_id, r.decision_reason, r.decided_by,"                \
    " r.decided_at, r.created_by, r.created_at, e.name, e.nip"                                     \
    " FROM work_requests r JOIN employees e ON e.id = r.employee_id"

static const char SQL_REQ_GET[] = R_COLS " WHERE r.id = $1";

static int64_t col_id(struct db_stmt *st, int c)
{
    return db_col_is_null(st, c) ? 0 : db_col_int(st, c);
}

static void read_request(struct db_stmt *st, struct arena *a, void *out)
{
    struct flexwork_request *r = out;

    memset(r, 0, sizeof *r);
    r->id = db_col_int(st, 0);
    r->employee_id = db_col_int(st, 1);
    r->unit_id = db_col_int(st, 2);
    r->date = db_col_text_copy(st, a, 3);
    r->mode = db_col_text_copy(st, a, 4);
    r->place = db_col_text_copy(st, a, 5);
    r->has_point = !db_col_is_null(st, 6) && !db_col_is_null(st, 7);
    r->lat = r->has_point ? flexwork_from_e6(db_col_int(st, 6)) : 0;
    r->lon = r->has_point ? flexwork_from_e6(db_col_int(st, 7)) : 0;
    r->reason = db_col_text_copy(st, a, 8);
    r->status = db_col_text_copy(st, a, 9);
    r->approver_employee_id = col_id(st, 10);
    r->decision_reason = db_col_text_copy(st, a, 11);
    r->decided_by = col_id(st, 12);
    r->decided_at = col_id(st, 13);
    r->created_by = col_id(st, 14);
    r->created_at = db_col_int(st, 15);
    r->employee_name = db_col_text_copy(st, a, 16);
    r->employee_nip = db_col_text_copy(st, a, 17);
}

enum err_code flexwork_request_get(struct db *db, struct arena *a, int64_t id,
                                   struct flexwork_request *out, struct err *e)
{
    return db_fetch_one(db, SQL_REQ_GET, id, NULL, a, read_request, out,
                        "Permintaan tidak ditemukan", e);
}

static const char SQL_REQ_INS[] =
    "INSERT INTO work_requests (employee_id, unit_id, date, mode, place, lat_e6, lon_e6, reason,"
    " status, approver_employee_id, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11) RETURNING id";

enum err_code flexwork_request_insert(struct db *db, struct flexwork_request *r, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_REQ_INS, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, r->employee_id);
    db_bind_int(st, 2, r->unit_id);
    db_bind_text(st, 3, r->date);
    db_bind_text(st, 4, r->mode);
    db_bind_text(st, 5, r->place);
    if (r->has_point) {
        db_bind_int(st, 6, flexwork_e6(r->lat));
        db_bind_int(st, 7, flexwork_e6(r->lon));
    } else {
        db_bind_null(st, 6);
        db_bind_null(st, 7);
    }
    db_bind_text(st, 8, r->reason);
    db_bind_id_or_null(st, 9, r->approver_employee_id);
    db_bind_id_or_null(st, 10, r->created_by);
    db_bind_int(st, 11, r->created_at);
    return db_step_id(st, &r->id, e);
}

static const char SQL_REQ_DECIDE[] =
    "UPDATE work_requests SET status = $2, decision_reason = $3, decided_by = $4, decided_at = $5"
    " WHERE id = $1 AND status = 'pending'";

enum err_code flexwork_request_decide(struct db *db, const struct flexwork_request *r,
                                      struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_REQ_DECIDE, &st, e);
    int64_t changed;
    int s;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->status);
    db_bind_text(st, 3, r->decision_reason);
    db_bind_id_or_null(st, 4, r->decided_by);
    db_bind_int(st, 5, r->decided_at);
    s = db_step(st, e);
    changed = s < 0 ? 0 : db_changes(st);
    db_reset(st);
    if (s < 0)
        return e->code;
    if (changed != 1)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Permintaan sudah diputuskan");
    return ERR_OK;
}

static const char SQL_REQ_ON[] =
    "SELECT id FROM work_requests WHERE employee_id = $1 AND date = CAST($2 AS TEXT)"
    " AND status IN ('pending', 'approved') ORDER BY id DESC LIMIT 1";
static const char SQL_REQ_APPROVED_ON[] =
    "SELECT id FROM work_requests WHERE employee_id = $1 AND date = CAST($2 AS TEXT)"
    " AND status = 'approved' ORDER BY id DESC LIMIT 1";

static enum err_code request_id_on(struct db *db, const char *sql, int64_t employee_id,
                                   const char *date, int64_t *id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    *id = 0;
    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, date);
    r = db_step(st, e);
    if (r == 1)
        *id = db_col_int(st, 0);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code flexwork_request_on(struct db *db, int64_t employee_id, const char *date, int64_t *id,
                                  struct err *e)
{
    return request_id_on(db, SQL_REQ_ON, employee_id, date, id, e);
}

enum err_code flexwork_request_approved_on(struct db *db, int64_t employee_id, const char *date,
                                           int64_t *id, struct err *e)
{
    return request_id_on(db, SQL_REQ_APPROVED_ON, employee_id, date, id, e);
}

/* $1 employee (0 any), $2 approver (0 any), $3 unit root (0 every, -1 none), $4 subtree,
 * $5 status ('' any), $6 limit, $7 offset. */
#define Q_SUB                                                                                      \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($3 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($4 AS BIGINT) = 1 AND sub.depth < 64) "
#define Q_WHERE                                                                                    \
    " WHERE (CAST($1 AS BIGINT) = 0 OR r.employee_id = CAST($1 AS BIGINT))"                        \
    " AND (CAST($2 AS BIGINT) = 0 OR r.approver_employee_id = CAST($2 AS BIGINT))"                 \
    " AND (CAST($3 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"                           \
    " AND (CAST($5 AS TEXT) = '' OR r.status = CAST($5 AS TEXT))"
static const char SQL_REQ_LIST[] =
    Q_SUB R_COLS Q_WHERE " ORDER BY r.date DESC, r.id DESC LIMIT $6 OFFSET $7";
static const char SQL_REQ_COUNT[] =
    Q_SUB "SELECT count(*) FROM work_requests r JOIN employees e ON e.id = r.employee_id" Q_WHERE;

static void bind_query(struct db_stmt *st, const struct flexwork_request_query *q)
{
    db_bind_int(st, 1, q->employee_id);
    db_bind_int(st, 2, q->approver_employee_id);
    db_bind_int(st, 3, q->unit_root);
    db_bind_int(st, 4, q->subtree ? 1 : 0);
    db_bind_text(st, 5, q->status ? q->status : "");
}

enum err_code flexwork_requests_list(struct db *db, struct arena *a,
                                     const struct flexwork_request_query *q,
                                     struct flexwork_request **out, size_t *n, int64_t *total,
                                     struct err *e)
{
    struct db_stmt *st;
    void *v = NULL;
    enum err_code rc = db_prepare(db, SQL_REQ_COUNT, &st, e);

    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    bind_query(st, q);
    rc = db_step_id(st, total, e);
    if (!rc)
        rc = db_prepare(db, SQL_REQ_LIST, &st, e);
    if (rc)
        return rc;
    bind_query(st, q);
    db_bind_int(st, 6, q->per_page);
    db_bind_int(st, 7, (q->page - 1) * q->per_page);
    rc = db_collect(st, a, sizeof(struct flexwork_request), read_request, &v, n, e);
    *out = v;
    return rc;
}

/* ---- the week plan ---- */

/* The unit's staff over [$2, $3]: its own active employees, plus those assigned INTO it (Plt,
 * Plh, task force: the placement module's assignments) on some day of the range. Who is in
 * the unit on which day is settled per day by SQL_PLAN_ASSIGN. */
#define IN_RANGE(a)                                                                                \
    " " a ".start_date <= CAST($3 AS TEXT) AND " a ".end_date >= CAST($2 AS TEXT)"                 \
    " AND (" a ".ended_early_on IS NULL OR " a ".ended_early_on > CAST($2 AS TEXT))"
#define STAFF_WHERE                                                                                \
    " e.state = 'active' AND (e.unit_id = $1 OR e.id IN (SELECT x.employee_id FROM assignments x"  \
    " WHERE x.unit_id = $1 AND" IN_RANGE("x") "))"
static const char SQL_STAFF[] = "SELECT e.id, e.position_id, e.name, e.nip, p.name, e.unit_id"
                                " FROM employees e LEFT JOIN positions p ON p.id = e.position_id"
                                " WHERE" STAFF_WHERE " ORDER BY e.id";
/* $1 unit, $2 first day, $3 last day */
static const char SQL_PLAN_ARR[] =
    "SELECT a.employee_id, a.valid_from, a.valid_to, d.weekday, d.mode, d.place"
    " FROM work_arrangements a JOIN work_arrangement_days d ON d.arrangement_id = a.id"
    " JOIN employees e ON e.id = a.employee_id"
    " WHERE" STAFF_WHERE " AND a.status = 'approved'"
    " AND a.valid_from <= CAST($3 AS TEXT)"
    " AND (a.valid_to IS NULL OR a.valid_to >= CAST($2 AS TEXT)) ORDER BY a.valid_from, a.id";
static const char SQL_PLAN_REQ[] =
    "SELECT r.employee_id, r.date, r.date, 0, r.mode, r.place FROM work_requests r"
    " JOIN employees e ON e.id = r.employee_id"
    " WHERE" STAFF_WHERE " AND r.status = 'approved'"
    " AND r.date >= CAST($2 AS TEXT) AND r.date <= CAST($3 AS TEXT) ORDER BY r.id";
static const char SQL_PLAN_LEAVE[] =
    "SELECT l.employee_id, l.start_date, l.end_date, 0, 'CUTI', NULL FROM leave_requests l"
    " JOIN employees e ON e.id = l.employee_id"
    " WHERE" STAFF_WHERE " AND l.status = 'approved'"
    " AND l.start_date <= CAST($3 AS TEXT) AND l.end_date >= CAST($2 AS TEXT)";
/* The staff's assignments meeting the range (into this unit or out of it), oldest first:
 * employee, first day, last day served (end_date, or the day before ended_early_on), unit,
 * kind. */
static const char SQL_PLAN_ASSIGN[] =
    "SELECT x.employee_id, x.start_date, x.end_date, x.ended_early_on, x.unit_id, x.kind"
    " FROM assignments x JOIN employees e ON e.id = x.employee_id"
    " WHERE" STAFF_WHERE " AND" IN_RANGE("x") " ORDER BY x.start_date, x.id";

static void read_person(struct db_stmt *st, struct arena *a, void *out)
{
    struct flexwork_plan_person *p = out;

    p->employee_id = db_col_int(st, 0);
    p->position_id = col_id(st, 1);
    p->name = db_col_text_copy(st, a, 2);
    p->nip = db_col_text_copy(st, a, 3);
    p->position_name = db_col_text_copy(st, a, 4);
    p->home = db_col_int(st, 5);
}

static int cmp_person(const void *k, const void *el)
{
    int64_t id = *(const int64_t *)k,
            other = ((const struct flexwork_plan_person *)el)->employee_id;

    return id < other ? -1 : id > other;
}

/* Apply rows (employee, from, to, weekday (0: every day), mode, place) of sql in order: later
 * rows win. */
static enum err_code overlay(struct db *db, struct arena *a, const char *sql,
                             struct flexwork_plan *plan, const char *first, const char *last,
                             struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, plan->unit_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    while ((r = db_step(st, e)) == 1) {
        int64_t id = db_col_int(st, 0), from, to = INT64_MAX;
        struct flexwork_plan_person *p =
            bsearch(&id, plan->people, plan->n, sizeof *plan->people, cmp_person);
        int weekday = (int)db_col_int(st, 3);
        const char *mode = db_col_text(st, 4), *place;

        if (!p || calendar_day(db_col_text(st, 1), &from))
            continue;
        if (!db_col_is_null(st, 2) && calendar_day(db_col_text(st, 2), &to))
            continue;
        mode = strcmp(mode, "CUTI") == 0 ? "CUTI" : flexwork_mode_remote(mode) ? mode : "WFO";
        mode = arena_strdup(a, mode);
        place = db_col_text_copy(st, a, 5);
        for (int i = 0; i < plan->ndays; i++) {
            int64_t d = plan->from + i;

            if (d < from || d > to || (weekday && flexwork_weekday(d) != weekday))
                continue;
            if (p->modes[i] && strcmp(p->modes[i], "CUTI") == 0)
                continue; /* leave is loaded last but never overwritten once set */
            p->modes[i] = mode;
            p->places[i] = place;
        }
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* Who is in the unit on which day: a person of the unit is, unless an assignment elsewhere
 * covers the day; a person assigned in is only on the days the assignment covers. A day
 * outside the unit gets mode NULL (neither staff nor on site that day). */
static enum err_code plan_assignments(struct db *db, struct arena *a, struct flexwork_plan *plan,
                                      const char *first, const char *last, struct err *e)
{
    struct db_stmt *st;
    signed char **in = arena_alloc(a, sizeof *in * (plan->n ? plan->n : 1));
    enum err_code rc = db_prepare(db, SQL_PLAN_ASSIGN, &st, e);
    int r;

    if (rc)
        return rc;
    for (size_t k = 0; k < plan->n; k++) {
        in[k] = arena_alloc(a, (size_t)plan->ndays);
        memset(in[k], plan->people[k].home == plan->unit_id, (size_t)plan->ndays);
    }
    db_bind_int(st, 1, plan->unit_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    while ((r = db_step(st, e)) == 1) {
        int64_t id = db_col_int(st, 0), from, to, early = INT64_MAX;
        struct flexwork_plan_person *p =
            bsearch(&id, plan->people, plan->n, sizeof *plan->people, cmp_person);
        int here = db_col_int(st, 4) == plan->unit_id;

        if (!p || calendar_day(db_col_text(st, 1), &from) || calendar_day(db_col_text(st, 2), &to))
            continue;
        if (!db_col_is_null(st, 3) && calendar_day(db_col_text(st, 3), &early))
            continue;
        if (early - 1 < to)
            to = early - 1;
        if (here)
            p->assignment = db_col_text_copy(st, a, 5);
        for (int i = 0; i < plan->ndays; i++)
            if (plan->from + i >= from && plan->from + i <= to)
                in[p - plan->people][i] = (signed char)here;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    for (size_t k = 0; k < plan->n; k++)
        for (int i = 0; i < plan->ndays; i++)
            if (!in[k][i]) {
                plan->people[k].modes[i] = NULL;
                plan->people[k].places[i] = NULL;
            }
    return ERR_OK;
}

enum err_code flexwork_plan_load(struct db *db, struct arena *a, int64_t unit_id, int64_t from,
                                 int ndays, struct flexwork_plan *out, struct err *e)
{
    struct db_stmt *st;
    void *v = NULL;
    char first[11], last[11];
    enum err_code rc;

    memset(out, 0, sizeof *out);
    out->unit_id = unit_id;
    out->from = from;
    out->ndays = ndays;
    out->working = arena_alloc(a, sizeof(int) * (size_t)ndays);
    flexwork_date_text(from, first);
    flexwork_date_text(from + ndays - 1, last);
    for (int i = 0; i < ndays; i++) {
        char day[11];
        int n = 0;

        flexwork_date_text(from + i, day);
        rc = calendar_working_days(db, unit_id, day, day, &n, e);
        if (rc)
            return rc;
        out->working[i] = n == 1;
    }
    rc = db_prepare(db, SQL_STAFF, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, last);
    rc = db_collect(st, a, sizeof(struct flexwork_plan_person), read_person, &v, &out->n, e);
    out->people = v;
    if (rc)
        return rc;
    for (size_t i = 0; i < out->n; i++) {
        out->people[i].modes = arena_alloc(a, sizeof(char *) * (size_t)ndays);
        out->people[i].places = arena_alloc(a, sizeof(char *) * (size_t)ndays);
        for (int d = 0; d < ndays; d++)
            out->people[i].modes[d] = "WFO";
    }
    rc = overlay(db, a, SQL_PLAN_LEAVE, out, first, last, e);
    if (!rc)
        rc = overlay(db, a, SQL_PLAN_ARR, out, first, last, e);
    if (!rc)
        rc = overlay(db, a, SQL_PLAN_REQ, out, first, last, e);
    if (!rc)
        rc = plan_assignments(db, a, out, first, last, e);
    return rc;
}

/* ---- demo data ---- */

static void read_id_col(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

/* OPDs (children of a root) without a policy. */
static const char SQL_DEMO_OPDS[] =
    "SELECT u.id FROM units u JOIN units r ON r.id = u.parent_id WHERE r.parent_id IS NULL"
    " AND u.closed_on IS NULL AND NOT EXISTS (SELECT 1 FROM work_policies w"
    " WHERE w.unit_id = u.id) ORDER BY u.id";
/* Every post of the OPD $1 and its sub-units but the head posts of a unit (supervised by
 * nobody inside the unit): heads stay on site. */
static const char SQL_DEMO_POSTS[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"
    " WHERE sub.depth < 64)"
    " INSERT INTO work_flexible_positions (unit_id, position_id)"
    " SELECT CAST($1 AS BIGINT), p.id FROM positions p JOIN positions pp ON pp.id = "
    "p.parent_position_id"
    " WHERE p.unit_id IN (SELECT id FROM sub) AND pp.unit_id = p.unit_id";
static const char SQL_DEMO_RAMADAN[] =
    "INSERT INTO work_ramadan (start_date, end_date) SELECT '2026-02-18', '2026-03-19'"
    " WHERE NOT EXISTS (SELECT 1 FROM work_ramadan WHERE start_date = '2026-02-18')";

enum err_code flexwork_demo_seed(struct db *db, int64_t now, struct err *e)
{
    struct arena *a = arena_new();
    struct db_stmt *st;
    void *v = NULL;
    int64_t *opds;
    size_t n = 0;
    enum err_code rc = db_prepare(db, SQL_DEMO_OPDS, &st, e);

    if (!rc)
        rc = db_collect(st, a, sizeof(int64_t), read_id_col, &v, &n, e);
    opds = v;
    for (size_t i = 0; !rc && i < n; i++) {
        struct flexwork_policy p;
        struct flexwork_fence f;
        const int64_t args[] = {opds[i]};

        flexwork_policy_default(&p);
        p.flexible_allowed = 1;
        p.min_onsite_pct = 50;
        p.start_from = 420;
        p.start_to = 540;
        p.core_from = 540;
        p.core_to = 900;
        p.updated_at = now;
        /* Tanjungbalai-like city centre, one office every few hundred metres */
        f.lat = 2.9667 + 0.002 * (double)(i % 10);
        f.lon = 99.8 + 0.002 * (double)(i / 10);
        f.radius_m = 150;
        p.fences = &f;
        p.n_fences = 1;
        rc = flexwork_policy_put(db, opds[i], &p, e);
        if (!rc)
            rc = db_run_ints(db, SQL_DEMO_POSTS, args, 1, NULL, e);
    }
    if (!rc)
        rc = db_run_ints(db, SQL_DEMO_RAMADAN, NULL, 0, NULL, e);
    arena_free(a);
    return rc;
}
