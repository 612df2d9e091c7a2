/* recap.c - the month recap and the discipline list, set-based: four statements (the
 * employees in scope by id, their records of the range by employee and day, the approved
 * leave overlapping the range, the holidays of the range) are walked together, one employee
 * at a time, into an array of days that the pure rules add up (att_month_add). Memory stays
 * one employee's days plus the result rows; nothing is queried per employee. */
#include "modules/attendance/attendance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "modules/calendar/calendar.h"
#include "modules/leave/leave_day.h"

#define MAX_DAYS 366

#define SUB_CTE                                                                                    \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64) "
/* $1 unit (0 = all), $2 subtree, $3 employee (0 = every active one in the units) */
#define EMP_FILTER                                                                                 \
    " (CAST($3 AS BIGINT) = 0 OR e.id = CAST($3 AS BIGINT))"                                       \
    " AND (CAST($3 AS BIGINT) <> 0 OR e.state = 'active')"                                         \
    " AND (CAST($1 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"

static const char SQL_EMP[] =
    SUB_CTE "SELECT e.id, e.unit_id, u.work_days, e.appointed_on, e.nip, e.name, u.name"
            " FROM employees e JOIN units u ON u.id = e.unit_id WHERE" EMP_FILTER " ORDER BY e.id";
static const char SQL_REC[] =
    SUB_CTE "SELECT a.employee_id, a.day, a.kind, a.check_in_at, a.late_minutes,"
            " a.early_minutes, a.worked_minutes, a.required_minutes, a.check_out_at"
            " FROM attendance_records a JOIN employees e ON e.id = a.employee_id"
            " WHERE a.day >= $4 AND a.day <= $5 AND" EMP_FILTER " ORDER BY a.employee_id, a.day";
static const char SQL_HOL[] = "SELECT date FROM holidays WHERE date >= $1 AND date <= $2";
static const char SQL_FIRST[] = "SELECT min(day) FROM attendance_records";

struct leave_days {
    int64_t employee_id, from, to; /* day numbers */
};

struct emp {
    int64_t id, unit_id;
    int work_days;
    int64_t appointed; /* day number; 0 when unknown */
    const char *nip, *name, *unit_name;
};

struct walk {
    struct db *db;
    struct arena *a;
    int64_t from, to, today; /* day numbers */
    int ndays;
    unsigned char holiday[MAX_DAYS];
    struct leave_days *leave;
    size_t nleave, leave_at;
    struct att_day days[MAX_DAYS];
    int weekday0;  /* weekday of from (0 = Monday) */
    int64_t since; /* day number attendance started: nothing before it counts */
    /* the unit names copied so far, by unit id mod UNIT_SLOTS: one copy per unit, not one per
     * employee (a whole government is 100,000 employees in a few hundred units) */
#define UNIT_SLOTS 256
    struct {
        int64_t id;
        const char *name;
    } unit[UNIT_SLOTS];
};

static const char *unit_name(struct walk *w, struct db_stmt *st, int64_t unit_id, int col)
{
    size_t slot = (size_t)((uint64_t)unit_id % UNIT_SLOTS);

    if (db_col_is_null(st, col))
        return NULL;
    if (w->unit[slot].name && w->unit[slot].id == unit_id &&
        strcmp(w->unit[slot].name, db_col_text(st, col)) == 0)
        return w->unit[slot].name;
    w->unit[slot].id = unit_id;
    w->unit[slot].name = db_col_text_copy(st, w->a, col);
    return w->unit[slot].name;
}

static int64_t day_num(const char *s)
{
    int64_t d;

    return s && calendar_day(s, &d) == 0 ? d : -1;
}

enum err_code att_since(struct db *db, int64_t *day, struct err *e)
{
    struct db_stmt *st;
    int64_t v = 0;
    enum err_code rc = db_setting_int(db, ATT_SINCE_SETTING, 0, &v, e);
    int got;

    if (rc)
        return rc;
    if (v > 0) {
        char s[16];

        snprintf(s, sizeof s, "%04d-%02d-%02d", (int)(v / 10000 % 10000), (int)(v / 100 % 100),
                 (int)(v % 100));
        *day = day_num(s) < 0 ? 0 : day_num(s);
        return ERR_OK;
    }
    rc = db_prepare(db, SQL_FIRST, &st, e);
    if (rc)
        return rc;
    got = db_step(st, e);
    *day = got == 1 && !db_col_is_null(st, 0) ? day_num(db_col_text(st, 0)) : -1;
    if (*day < 0)
        *day = INT32_MAX; /* no record at all: nothing is due yet */
    db_reset(st);
    return got < 0 ? e->code : ERR_OK;
}

static enum err_code walk_prepare(struct walk *w, const char *from, const char *to,
                                  const char *today, struct err *e)
{
    struct leave_span *spans = NULL;
    struct db_stmt *st;
    enum err_code rc;
    int got;

    w->from = day_num(from);
    w->to = day_num(to);
    w->today = day_num(today);
    if (w->from < 0 || w->to < w->from || w->to - w->from >= MAX_DAYS || w->today < 0)
        return err_internal(e, "attendance walk: bad range");
    w->ndays = (int)(w->to - w->from + 1);
    rc = att_since(w->db, &w->since, e);
    if (rc)
        return rc;
    w->weekday0 = (int)(((w->from % 7) + 7 + 3) % 7);
    memset(w->holiday, 0, sizeof w->holiday);
    rc = db_prepare(w->db, SQL_HOL, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    while ((got = db_step(st, e)) == 1) {
        int64_t d = day_num(db_col_text(st, 0));

        if (d >= w->from && d <= w->to)
            w->holiday[d - w->from] = 1;
    }
    db_reset(st);
    if (got < 0)
        return e->code;
    rc = leave_spans(w->db, w->a, from, to, &spans, &w->nleave, e);
    if (rc)
        return rc;
    w->leave_at = 0;
    w->leave = arena_alloc(w->a, sizeof *w->leave * (w->nleave ? w->nleave : 1));
    for (size_t i = 0; i < w->nleave; i++) {
        w->leave[i].employee_id = spans[i].employee_id;
        w->leave[i].from = day_num(spans[i].start_date);
        w->leave[i].to = day_num(spans[i].end_date);
    }
    return ERR_OK;
}

/* Fill w->days for employee x from the records rows of x that st has ready (st is on the
 * first row of x or later; *has says whether st holds a row). */
static enum err_code walk_employee(struct walk *w, const struct emp *x, struct db_stmt *st,
                                   int *has, struct err *e)
{
    int per_day = x->work_days == 6 ? 375 : 450;

    memset(w->days, 0, sizeof w->days[0] * (size_t)w->ndays);
    for (int i = 0; i < w->ndays; i++) {
        int64_t d = w->from + i;
        int wd = (w->weekday0 + i) % 7;

        w->days[i].working =
            wd < x->work_days && !w->holiday[i] && d >= x->appointed && d >= w->since;
        w->days[i].over = d < w->today;
        w->days[i].required_minutes = per_day;
    }
    while (w->leave_at < w->nleave && w->leave[w->leave_at].employee_id < x->id)
        w->leave_at++;
    for (size_t k = w->leave_at; k < w->nleave && w->leave[k].employee_id == x->id; k++) {
        int64_t lo = w->leave[k].from > w->from ? w->leave[k].from : w->from;
        int64_t hi = w->leave[k].to < w->to ? w->leave[k].to : w->to;

        for (int64_t d = lo; d <= hi; d++)
            w->days[d - w->from].on_leave = 1;
    }
    while (*has == 1 && db_col_int(st, 0) <= x->id) {
        if (db_col_int(st, 0) == x->id) {
            int64_t d = day_num(db_col_text(st, 1));

            if (d >= w->from && d <= w->to) {
                struct att_day *day = &w->days[d - w->from];

                if (strcmp(db_col_text(st, 2), "duty") == 0) {
                    day->on_duty = 1;
                } else if (!db_col_is_null(st, 3)) {
                    day->checked_in = 1;
                    day->t.late_minutes = (int)db_col_int(st, 4);
                    day->t.early_minutes = (int)db_col_int(st, 5);
                    day->t.worked_minutes = (int)db_col_int(st, 6);
                    day->required_minutes = (int)db_col_int(st, 7);
                }
            }
        }
        *has = db_step(st, e);
    }
    return *has < 0 ? e->code : ERR_OK;
}

typedef enum err_code (*walk_fn)(struct walk *w, const struct emp *x, void *ctx, struct err *e);

static void bind_filter(struct db_stmt *st, int64_t unit_id, int subtree, int64_t employee_id)
{
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    db_bind_int(st, 3, employee_id);
}

static enum err_code walk_all(struct walk *w, int64_t employee_id, int64_t unit_id, int subtree,
                              const char *from, const char *to, walk_fn fn, void *ctx, int *seen,
                              struct err *e)
{
    struct db_stmt *emp, *rec;
    enum err_code rc;
    int got, has;

    *seen = 0;
    rc = db_prepare(w->db, SQL_EMP, &emp, e);
    if (!rc)
        rc = db_prepare(w->db, SQL_REC, &rec, e);
    if (rc)
        return rc;
    bind_filter(emp, unit_id, subtree, employee_id);
    bind_filter(rec, unit_id, subtree, employee_id);
    db_bind_text(rec, 4, from);
    db_bind_text(rec, 5, to);
    has = db_step(rec, e);
    if (has < 0) {
        db_reset(rec);
        return e->code;
    }
    while ((got = db_step(emp, e)) == 1) {
        struct emp x;
        int64_t ap = day_num(db_col_text(emp, 3));

        x.id = db_col_int(emp, 0);
        x.unit_id = db_col_int(emp, 1);
        x.work_days = (int)db_col_int(emp, 2);
        x.appointed = ap < 0 ? 0 : ap;
        x.nip = db_col_text_copy(emp, w->a, 4);
        x.name = db_col_text_copy(emp, w->a, 5);
        x.unit_name = unit_name(w, emp, x.unit_id, 6);
        (*seen)++;
        rc = walk_employee(w, &x, rec, &has, e);
        if (!rc)
            rc = fn(w, &x, ctx, e);
        if (rc)
            break;
    }
    db_reset(emp);
    db_reset(rec);
    if (rc)
        return rc;
    return got < 0 ? e->code : ERR_OK;
}

/* ---- the month recap ---- */

/* The rows grow in one malloc'd array freed with the arena (recap_free), not by doubling
 * inside the arena, whose old copies would stay until the request ends. */
struct recap_ctx {
    struct att_recap_row *rows;
    size_t n, cap;
};

static void recap_free(void *p)
{
    free(((struct recap_ctx *)p)->rows);
}

static enum err_code recap_one(struct walk *w, const struct emp *x, void *p, struct err *e)
{
    struct recap_ctx *c = p;
    struct att_recap_row *r;

    (void)e;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
    }
    r = &c->rows[c->n++];
    memset(r, 0, sizeof *r);
    r->m.employee_id = x->id;
    r->unit_id = x->unit_id;
    r->nip = x->nip;
    r->name = x->name;
    r->unit_name = x->unit_name;
    att_month_add(w->days, (size_t)w->ndays, &r->m);
    for (int i = 0; i < w->ndays; i++) {
        const struct att_day *d = &w->days[i];
        int wk = (w->weekday0 + i) / 7;

        if (wk >= 6)
            break;
        if (wk + 1 > r->nweeks)
            r->nweeks = wk + 1;
        r->week_worked[wk] += d->checked_in ? d->t.worked_minutes : 0;
        if (d->working && !d->on_leave && !d->on_duty)
            r->week_required[wk] += d->required_minutes;
    }
    return ERR_OK;
}

static int recap_cmp(const void *pa, const void *pb)
{
    const struct att_recap_row *a = pa, *b = pb;
    int c = strcmp(a->unit_name ? a->unit_name : "", b->unit_name ? b->unit_name : "");

    if (!c)
        c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
    return c ? c : (a->m.employee_id > b->m.employee_id) - (a->m.employee_id < b->m.employee_id);
}

enum err_code att_recap(struct db *db, struct arena *a, int64_t employee_id, int64_t unit_id,
                        int subtree, const char *month, const char *today,
                        struct att_recap_row **out, size_t *n, struct err *e)
{
    struct walk *w = arena_alloc(a, sizeof *w);
    struct recap_ctx *c = arena_alloc(a, sizeof *c);
    char first[11], last[11];
    enum err_code rc;
    int seen = 0;

    if (att_month_range(month, first, last))
        return err_invalid(e, "month", "Bulan harus berformat YYYY-MM");
    arena_defer(a, recap_free, c);
    w->db = db;
    w->a = a;
    rc = walk_prepare(w, first, last, today, e);
    if (!rc)
        rc = walk_all(w, employee_id, unit_id, subtree, first, last, recap_one, c, &seen, e);
    if (rc)
        return rc;
    if (employee_id && seen == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    if (c->n > 1)
        qsort(c->rows, c->n, sizeof *c->rows, recap_cmp);
    *out = c->rows;
    *n = c->n;
    return ERR_OK;
}

enum err_code attendance_month_get(struct db *db, int64_t employee_id, const char *month,
                                   struct attendance_month *out, struct err *e)
{
    struct arena *a = arena_new();
    struct att_recap_row *rows = NULL;
    size_t n = 0;
    char today[32];
    enum err_code rc;

    clock_rfc3339(clock_now(), today, sizeof today);
    today[10] = '\0';
    rc = att_recap(db, a, employee_id, 0, 0, month, today, &rows, &n, e);
    if (!rc && n == 1)
        *out = rows[0].m;
    else if (!rc)
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    arena_free(a);
    return rc;
}

/* ---- the discipline list: one set-based statement ---- */

/* A 'YYYY-MM-DD' text as days from 1970-01-01 (calendar_day's numbering). */
#define DAYNUM_SQLITE(x) "CAST(julianday(" x ") - 2440587.5 AS INTEGER)"
#define DAYNUM_PG(x) "(CAST(" x " AS DATE) - DATE '1970-01-01')"
/* ... and back. */
#define DAYTEXT_SQLITE(x) "date(" x " * 86400, 'unixepoch')"
#define DAYTEXT_PG(x) "to_char(DATE '1970-01-01' + CAST(" x " AS INTEGER), 'YYYY-MM-DD')"

/* $1 unit (0 = all), $2 subtree, $3/$4 first/last day number counted, $5/$6 the same as text.
 * The calendar of [$3, $4] (a row per day, generated) carries for the 5- and the 6-day week
 * whether the day is a working day (weekday, not a holiday) and the running count of working
 * days (c5, c6). Per employee: s = the first day that counts (appointment, else $3); due =
 * working days from s on; covered = working days from s on with a check-in, a duty record or
 * approved leave; absent = due - covered. The longest run of absent working days is the
 * largest gap between consecutive covered working days (LAG over their running count),
 * counting the gap before the first and after the last; it is only worked out for the
 * employees absent at least $9 days (a run is never longer than the absent days: the
 * others' runs are below every threshold and left 0). Only rows at a threshold come back.
 * Cost: the calendar (≤ 366 rows), the employees in scope, their records and leave of the
 * range; nothing is scanned per employee. */
/* clang-format off */
#define DISC_SQL(DAYNUM, DAYTEXT)                                                                  \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64),"                                           \
    " days(n) AS (SELECT CAST($3 AS BIGINT) UNION ALL SELECT n + 1 FROM days"                      \
    " WHERE n < CAST($4 AS BIGINT)),"                                                              \
    " hol(n) AS (SELECT DISTINCT " DAYNUM("date") " FROM holidays"                                 \
    " WHERE date >= CAST($5 AS TEXT) AND date <= CAST($6 AS TEXT)),"                               \
    " cal AS (SELECT d.n,"                                                                         \
    " CASE WHEN (d.n + 3) % 7 < 5 AND h.n IS NULL THEN 1 ELSE 0 END AS w5,"                        \
    " CASE WHEN (d.n + 3) % 7 < 6 AND h.n IS NULL THEN 1 ELSE 0 END AS w6"                         \
    " FROM days d LEFT JOIN hol h ON h.n = d.n),"                                                  \
    " cum AS (SELECT n, w5, w6, sum(w5) OVER (ORDER BY n) AS c5,"                                  \
    " sum(w6) OVER (ORDER BY n) AS c6 FROM cal),"                                                  \
    " tot AS (SELECT max(c5) AS t5, max(c6) AS t6 FROM cum),"                                      \
    " emp AS (SELECT e.id, CASE WHEN u.work_days = 6 THEN 6 ELSE 5 END AS wd,"                     \
    " CASE WHEN e.appointed_on IS NULL OR e.appointed_on < CAST($5 AS TEXT)"                       \
    " THEN CAST($3 AS BIGINT) ELSE " DAYNUM("e.appointed_on") " END AS s"                          \
    " FROM employees e JOIN units u ON u.id = e.unit_id WHERE e.state = 'active'"                  \
    " AND (CAST($1 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))),"                         \
    " base AS (SELECT x.id, x.wd, x.s,"                                                            \
    " CASE WHEN x.wd = 6 THEN c.c6 - c.w6 ELSE c.c5 - c.w5 END AS before_s,"                       \
    " CASE WHEN x.wd = 6 THEN t.t6 ELSE t.t5 END AS total"                                         \
    " FROM emp x JOIN cum c ON c.n = x.s CROSS JOIN tot t),"                                       \
    " seen(id, n) AS (SELECT a.employee_id, " DAYNUM("a.day") " FROM attendance_records a"         \
    " JOIN base b ON b.id = a.employee_id WHERE a.day >= CAST($5 AS TEXT)"                         \
    " AND a.day <= CAST($6 AS TEXT) AND (a.kind = 'duty' OR a.check_in_at IS NOT NULL)"            \
    " UNION ALL SELECT l.employee_id, c.n FROM leave_requests l"                                   \
    " JOIN base b ON b.id = l.employee_id"                                                         \
    " JOIN cum c ON c.n >= " DAYNUM("l.start_date") " AND c.n <= " DAYNUM("l.end_date")            \
    " WHERE l.status = 'approved' AND l.start_date <= CAST($6 AS TEXT)"                            \
    " AND l.end_date >= CAST($5 AS TEXT) AND NOT EXISTS (SELECT 1 FROM attendance_records r"       \
    " WHERE r.employee_id = l.employee_id AND r.day = " DAYTEXT("c.n")                             \
    " AND (r.kind = 'duty' OR r.check_in_at IS NOT NULL))),"                                       \
    " cov AS (SELECT b.id, b.before_s, CASE WHEN b.wd = 6 THEN c.c6 ELSE c.c5 END AS idx"          \
    " FROM seen v JOIN base b ON b.id = v.id JOIN cum c ON c.n = v.n"                              \
    " WHERE v.n >= b.s AND (CASE WHEN b.wd = 6 THEN c.w6 ELSE c.w5 END) = 1),"                     \
    " cnt AS (SELECT id, count(*) AS covered FROM cov GROUP BY id),"                               \
    " cand AS (SELECT b.id FROM base b LEFT JOIN cnt k ON k.id = b.id"                             \
    " WHERE b.total - b.before_s - COALESCE(k.covered, 0) >= $9),"                                 \
    " gaps AS (SELECT id, idx,"                                                                    \
    " idx - LAG(idx, 1, before_s) OVER (PARTITION BY id ORDER BY idx) - 1 AS gap"                  \
    " FROM cov WHERE id IN (SELECT id FROM cand)),"                                                \
    " agg AS (SELECT id, max(gap) AS inner_gap, max(idx) AS last_idx FROM gaps GROUP BY id),"      \
    " res AS (SELECT b.id, b.total - b.before_s - COALESCE(k.covered, 0) AS absent,"               \
    " CASE WHEN k.id IS NULL THEN b.total - b.before_s WHEN g.id IS NULL THEN 0"                   \
    " WHEN g.inner_gap > b.total - g.last_idx THEN g.inner_gap"                                    \
    " ELSE b.total - g.last_idx END AS run"                                                        \
    " FROM base b LEFT JOIN cnt k ON k.id = b.id LEFT JOIN agg g ON g.id = b.id)"                  \
    " SELECT r.id, e.unit_id, e.nip, e.name, u.name, r.absent, r.run FROM res r"                   \
    " JOIN employees e ON e.id = r.id JOIN units u ON u.id = e.unit_id"                            \
    " WHERE r.absent >= $7 OR r.run >= $8 ORDER BY r.absent DESC, e.name, r.id"
/* clang-format on */

static const char SQL_DISC_SQLITE[] = DISC_SQL(DAYNUM_SQLITE, DAYTEXT_SQLITE);
static const char SQL_DISC_PG[] = DISC_SQL(DAYNUM_PG, DAYTEXT_PG);

static void day_text(int64_t day, char out[11])
{
    char t[32];

    clock_rfc3339(day * 86400, t, sizeof t);
    memcpy(out, t, 10);
    out[10] = '\0';
}

static void read_disc(struct db_stmt *st, struct arena *a, void *out)
{
    struct att_discipline_row *r = out;

    memset(r, 0, sizeof *r);
    r->employee_id = db_col_int(st, 0);
    r->unit_id = db_col_int(st, 1);
    r->nip = db_col_text_copy(st, a, 2);
    r->name = db_col_text_copy(st, a, 3);
    r->unit_name = db_col_text_copy(st, a, 4);
    r->absent_days = (int)db_col_int(st, 5);
    r->max_consecutive = (int)db_col_int(st, 6);
    att_discipline(r->absent_days, r->max_consecutive, &r->r);
}

enum err_code att_discipline_list(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                  int year, const char *today, struct att_discipline_row **out,
                                  size_t *n, struct err *e)
{
    struct db_stmt *st;
    struct att_discipline_result lowest, run;
    char first[16], last[16], lo_text[11], hi_text[11];
    int64_t lo, hi, since = 0, now_day = day_num(today);
    int min_absent = 1, min_run = 1;
    enum err_code rc;

    *out = NULL;
    *n = 0;
    if (year < 1900 || year > 2999)
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    snprintf(first, sizeof first, "%04d-01-01", year % 10000);
    snprintf(last, sizeof last, "%04d-12-31", year % 10000);
    lo = day_num(first);
    hi = day_num(last);
    rc = att_since(db, &since, e);
    if (rc)
        return rc;
    if (since > lo)
        lo = since;
    if (now_day - 1 < hi)
        hi = now_day - 1; /* only days that are over */
    if (hi < lo || now_day < 0)
        return ERR_OK;
    /* the smallest absent count and run that reach a level (att_discipline, the pure rule) */
    do
        att_discipline(min_absent, 0, &lowest);
    while (lowest.level == ATT_DISC_NONE && ++min_absent < 400);
    do
        att_discipline(0, min_run, &run);
    while (run.level == ATT_DISC_NONE && ++min_run < 400);
    day_text(lo, lo_text);
    day_text(hi, hi_text);
    rc =
        db_prepare(db, db_engine(db) == DB_ENGINE_POSTGRES ? SQL_DISC_PG : SQL_DISC_SQLITE, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    db_bind_int(st, 3, lo);
    db_bind_int(st, 4, hi);
    db_bind_text(st, 5, lo_text);
    db_bind_text(st, 6, hi_text);
    db_bind_int(st, 7, min_absent);
    db_bind_int(st, 8, min_run);
    db_bind_int(st, 9, min_run < min_absent ? min_run : min_absent); /* a run is never longer */
    return db_collect(st, a, sizeof **out, read_disc, (void **)out, n, e);
}

/* ---- one employee's days ---- */

struct days_ctx {
    struct att_day *days;
    int n;
};

static enum err_code days_one(struct walk *w, const struct emp *x, void *p, struct err *e)
{
    struct days_ctx *c = p;

    (void)x, (void)e;
    c->days = arena_alloc(w->a, sizeof *c->days * (size_t)w->ndays);
    memcpy(c->days, w->days, sizeof *c->days * (size_t)w->ndays);
    c->n = w->ndays;
    return ERR_OK;
}

enum err_code att_days_of(struct db *db, struct arena *a, int64_t employee_id, const char *month,
                          const char *today, struct att_day **days, int *n, struct err *e)
{
    struct walk *w = arena_alloc(a, sizeof *w);
    struct days_ctx c = {0};
    char first[11], last[11];
    enum err_code rc;
    int seen = 0;

    if (att_month_range(month, first, last))
        return err_invalid(e, "month", "Bulan harus berformat YYYY-MM");
    w->db = db;
    w->a = a;
    rc = walk_prepare(w, first, last, today, e);
    if (!rc)
        rc = walk_all(w, employee_id, 0, 0, first, last, days_one, &c, &seen, e);
    if (rc)
        return rc;
    if (seen == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    *days = c.days;
    *n = c.n;
    return ERR_OK;
}
