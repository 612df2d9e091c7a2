/* store.c - all SQL of leave: settings, the facts a request's rules need (overlap, a recent
 * long leave, the yearly history behind the balance, working and collective days through the
 * calendar module), the approver of a step (holder of the post, else its active Plt/Plh, else
 * one level up; BKPSDM last), the request rows and their step history, lists and the chains.
 * Nothing here decides scope except leave_request_read. Dates are 'YYYY-MM-DD' text, so text
 * comparison orders them. */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/calendar/calendar.h"
#include "modules/notify/notify.h"
#include "modules/org/org.h"

#define PENDING_OR_APPROVED "('pending_supervisor', 'pending_official', 'approved')"

/* ---- settings ---- */

enum err_code leave_settings_load(struct db *db, struct leave_settings *out, struct err *e)
{
    return int_settings_load(db, leave_setting_defs, &leave_settings_default, sizeof *out, out, e);
}

/* ---- facts for the rules ---- */

static const char SQL_OVERLAP[] =
    "SELECT count(*) FROM leave_requests WHERE employee_id = $1 AND id <> $2"
    " AND status IN " PENDING_OR_APPROVED " AND start_date <= CAST($4 AS TEXT)"
    " AND end_date >= CAST($3 AS TEXT)";
static const char SQL_RECENT_BIG[] =
    "SELECT count(*) FROM leave_requests WHERE employee_id = $1 AND id <> $2"
    " AND type = 'besar' AND converted_from IS NULL AND status IN " PENDING_OR_APPROVED
    " AND start_date > CAST($3 AS TEXT) AND start_date <= CAST($4 AS TEXT)";
/* Ordinary sick leave (sakit biasa or no kind) of the employee meeting [$3, $4]. */
static const char SQL_SICK[] =
    "SELECT start_date, end_date FROM leave_requests WHERE employee_id = $1 AND id <> $2"
    " AND type = 'sakit' AND (sick_kind IS NULL OR sick_kind = 'biasa')"
    " AND status IN " PENDING_OR_APPROVED " AND start_date <= CAST($4 AS TEXT)"
    " AND end_date >= CAST($3 AS TEXT) ORDER BY start_date LIMIT 1000";
/* The history behind the balance: per year of the start date, type and status, the charged
 * days and the number of requests (a PPPK's early annual leave apart: leave_early_days). */
static const char SQL_HISTORY[] =
    "SELECT substr(start_date, 1, 4), type, status, sum(charged_days), count(*)"
    " FROM leave_requests WHERE employee_id = $1 AND start_date < CAST($2 AS TEXT)"
    " AND type IN ('tahunan', 'besar') AND early_reason IS NULL AND status IN ('pending_supervisor', 'pending_official',"
    " 'approved', 'postponed') GROUP BY substr(start_date, 1, 4), type, status";

/* count(*) of sql with $1, $2 ids and $3, $4 texts. */
static enum err_code count2(struct db *db, const char *sql, int64_t a1, int64_t a2, const char *t3,
                            const char *t4, int64_t *out, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, a1);
    db_bind_int(st, 2, a2);
    db_bind_text(st, 3, t3);
    db_bind_text(st, 4, t4);
    return db_step_id(st, out, e);
}

enum err_code leave_overlap(struct db *db, int64_t employee_id, int64_t except_id, const char *from,
                            const char *to, int *yes, struct err *e)
{
    int64_t n = 0;
    enum err_code rc = count2(db, SQL_OVERLAP, employee_id, except_id, from, to, &n, e);

    *yes = n > 0;
    return rc;
}

enum err_code leave_sick_used(struct db *db, struct arena *a, int64_t employee_id,
                              int64_t except_id, int64_t from, int64_t to, int *days, struct err *e)
{
    struct db_stmt *st;
    char f[11], t[11];
    enum err_code rc = db_prepare(db, SQL_SICK, &st, e);
    int r;

    (void)a;
    *days = 0;
    if (rc)
        return rc;
    leave_day_format(from, f);
    leave_day_format(to, t);
    db_bind_int(st, 1, employee_id);
    db_bind_int(st, 2, except_id);
    db_bind_text(st, 3, f);
    db_bind_text(st, 4, t);
    while ((r = db_step(st, e)) == 1) {
        int64_t s0 = 0, s1 = 0;

        if (leave_day(db_col_text(st, 0), &s0) || leave_day(db_col_text(st, 1), &s1))
            continue;
        if (s0 < from)
            s0 = from;
        if (s1 > to)
            s1 = to;
        if (s1 >= s0)
            *days += (int)(s1 - s0 + 1);
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code leave_recent_big(struct db *db, int64_t employee_id, int64_t except_id, int64_t start,
                               const struct leave_settings *s, int *yes, struct err *e)
{
    char from[11], to[11];
    int64_t n = 0;
    enum err_code rc;

    leave_day_format(leave_add_years(start, -(s->big_service_years ? s->big_service_years : 5)),
                     from);
    leave_day_format(start, to);
    rc = count2(db, SQL_RECENT_BIG, employee_id, except_id, from, to, &n, e);
    *yes = n > 0;
    return rc;
}

enum err_code leave_working_days(struct db *db, int64_t unit_id, int64_t from, int64_t to, int *out,
                                 struct err *e)
{
    char f[11], t[11];

    if (to < from) {
        *out = 0;
        return ERR_OK;
    }
    leave_day_format(from, f);
    leave_day_format(to, t);
    return calendar_working_days(db, unit_id, f, t, out, e);
}

/* Collective-leave days of a year that are working days of the unit (the balance shows them;
 * they never reduce it), and whether from and to are collective days. */
enum err_code leave_collective(struct db *db, struct arena *a, int64_t unit_id, int year,
                               const char *from, const char *to, int *count, int *both,
                               struct err *e)
{
    const char **dates = NULL;
    size_t n = 0;
    int week = 5, hit_from = 0, hit_to = 0;
    enum err_code rc = calendar_collective_days(db, a, year, &dates, &n, e);

    if (!rc)
        rc = calendar_unit_week(db, unit_id, &week, e);
    if (rc)
        return rc;
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        if (calendar_is_working_day(dates[i], week, NULL, 0) == 1)
            (*count)++;
        hit_from |= from && strcmp(dates[i], from) == 0;
        hit_to |= to && strcmp(dates[i], to) == 0;
    }
    if (both)
        *both = hit_from && hit_to;
    return ERR_OK;
}

/* The years [first, year] of the history; the caller's array has year - first + 1 slots. */
static enum err_code history(struct db *db, int64_t employee_id, int first, int year,
                             struct leave_year *ys, int *pending, struct err *e)
{
    struct db_stmt *st;
    char before[16];
    enum err_code rc = db_prepare(db, SQL_HISTORY, &st, e);
    int r;

    if (rc)
        return rc;
    snprintf(before, sizeof before, "%04d-01-01", (year + 1) % 10000);
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, before);
    while ((r = db_step(st, e)) == 1) {
        const char *y = db_col_text(st, 0), *type = db_col_text(st, 1),
                   *status = db_col_text(st, 2);
        int days = leave_col_int(st, 3), at = y ? (int)strtol(y, NULL, 10) - first : -1;

        if (at < 0 || at > year - first || !type || !status)
            continue;
        if (strcmp(type, "besar") == 0) {
            if (strcmp(status, "postponed") != 0)
                ys[at].big = 1;
        } else if (strcmp(status, "approved") == 0) {
            ys[at].taken += days;
        } else if (strcmp(status, "postponed") == 0) {
            ys[at].postponed += days;
        } else if (at == year - first) {
            *pending += days;
        } else {
            ys[at].taken += days; /* still pending from a past year: counted as used */
        }
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

#define HISTORY_YEARS_MAX 80

enum err_code leave_balance_of(struct db *db, struct arena *a, const struct leave_settings *s,
                               const struct leave_person *p, int64_t employee_id, int64_t unit_id,
                               int year, struct leave_balance *out, struct err *e)
{
    struct leave_year ys[HISTORY_YEARS_MAX];
    int first = leave_day_year(p->appointed), pending = 0, collective = 0, early = 0;
    int carry = p->asn != LEAVE_ASN_PPPK || s->pppk_carry;
    size_t n;
    enum err_code rc;

    if (first > year)
        first = year;
    if (year - first >= HISTORY_YEARS_MAX)
        first = year - HISTORY_YEARS_MAX + 1;
    memset(ys, 0, sizeof ys);
    for (int y = first; y <= year; y++) {
        ys[y - first].year = y;
        ys[y - first].entitled = leave_entitled(s, p, y);
    }
    n = (size_t)(year - first + 1);
    rc = history(db, employee_id, first, year, ys, &pending, e);
    if (!rc)
        rc = leave_worked_history(db, employee_id, ys, n, e);
    if (!rc && p->asn == LEAVE_ASN_PPPK)
        rc = leave_early_days(db, employee_id, 0, &early, e);
    if (!rc)
        rc = leave_collective(db, a, unit_id, year, NULL, NULL, &collective, NULL, e);
    if (rc)
        return rc;
    /* early annual leave comes off the first year with an entitlement */
    for (size_t i = 0; early && i < n; i++)
        if (ys[i].entitled) {
            ys[i].early = early;
            break;
        }
    leave_balance_compute(s, carry, ys, n, pending, collective, out);
    return ERR_OK;
}

enum err_code leave_person_of(const struct employee_facts *x, struct leave_person *p, struct err *e)
{
    memset(p, 0, sizeof *p);
    p->asn = leave_asn_parse(x->status);
    p->female = x->gender && strcmp(x->gender, "P") == 0;
    if (leave_day(x->appointed_on, &p->appointed))
        return err_internal(e, "employee appointed_on unreadable");
    return ERR_OK;
}

static const char SQL_FACTS[] =
    "SELECT e.id, e.unit_id, e.position_id, e.status, e.gender, e.state, e.appointed_on, e.name,"
    " e.nip, u.name, u.code FROM employees e JOIN units u ON u.id = e.unit_id WHERE e.id = $1";

static void read_facts(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee_facts *x = out;

    x->id = db_col_int(st, 0);
    x->unit_id = db_col_int(st, 1);
    x->position_id = leave_col_id(st, 2);
    x->status = db_col_text_copy(st, a, 3);
    x->gender = db_col_text_copy(st, a, 4);
    x->state = db_col_text_copy(st, a, 5);
    x->appointed_on = db_col_text_copy(st, a, 6);
    x->name = db_col_text_copy(st, a, 7);
    x->nip = db_col_text_copy(st, a, 8);
    x->unit_name = db_col_text_copy(st, a, 9);
    x->unit_code = db_col_text_copy(st, a, 10);
}

enum err_code leave_employee(struct db *db, struct arena *a, int64_t id, struct employee_facts *out,
                             struct err *e)
{
    memset(out, 0, sizeof *out);
    return db_fetch_one(db, SQL_FACTS, id, NULL, a, read_facts, out, "Pegawai tidak ditemukan", e);
}

enum err_code leave_balance_get(struct db *db, struct arena *a, int64_t employee_id, int year,
                                struct leave_balance *out, struct err *e)
{
    struct leave_settings s;
    struct employee_facts x;
    struct leave_person p;
    enum err_code rc = leave_settings_load(db, &s, e);

    if (!rc)
        rc = leave_employee(db, a, employee_id, &x, e);
    if (!rc)
        rc = leave_person_of(&x, &p, e);
    if (!rc)
        rc = leave_balance_of(db, a, &s, &p, x.id, x.unit_id, year, out, e);
    return rc;
}

/* ---- approvers ---- */

/* An active holder of the post with an active account, not `except` and not on approved
 * leave on day $3. */
static const char SQL_HOLDER[] =
    "SELECT e.id FROM employees e WHERE e.position_id = $1 AND e.state = 'active' AND e.id <> $2"
    " AND EXISTS (SELECT 1 FROM users u WHERE u.employee_id = e.id AND u.active = 1)"
    " AND NOT EXISTS (SELECT 1 FROM leave_requests l WHERE l.employee_id = e.id"
    " AND l.status = 'approved' AND l.start_date <= CAST($3 AS TEXT)"
    " AND l.end_date >= CAST($3 AS TEXT)) ORDER BY e.id LIMIT 1";
/* The Plt/Plh acting on the post on day $3 (placement module: active on d when start <= d <=
 * end and not ended early), with the same conditions. */
static const char SQL_ACTING[] =
    "SELECT a.employee_id, a.kind FROM assignments a JOIN employees e ON e.id = a.employee_id"
    " WHERE a.position_id = $1 AND a.kind IN ('plt', 'plh') AND e.state = 'active'"
    " AND e.id <> $2 AND a.start_date <= CAST($3 AS TEXT) AND a.end_date >= CAST($3 AS TEXT)"
    " AND (a.ended_early_on IS NULL OR a.ended_early_on > CAST($3 AS TEXT))"
    " AND EXISTS (SELECT 1 FROM users u WHERE u.employee_id = e.id AND u.active = 1)"
    " AND NOT EXISTS (SELECT 1 FROM leave_requests l WHERE l.employee_id = e.id"
    " AND l.status = 'approved' AND l.start_date <= CAST($3 AS TEXT)"
    " AND l.end_date >= CAST($3 AS TEXT)) ORDER BY a.id DESC LIMIT 1";
/* The head post of a unit: its post supervised by nobody in the unit, the highest class. */
static const char SQL_HEAD_POST[] =
    "SELECT p.id FROM positions p LEFT JOIN positions pp ON pp.id = p.parent_position_id"
    " WHERE p.unit_id = $1 AND (p.parent_position_id IS NULL OR pp.unit_id <> p.unit_id)"
    " ORDER BY p.kelas_jabatan DESC, p.id LIMIT 1";

/* Try one post: its holder, else its acting official. *found 0 when neither. */
static enum err_code post_decider(struct db *db, int64_t post, int64_t except, const char *today,
                                  struct arena *a, struct leave_approver *out, int *found,
                                  struct err *e)
{
    struct db_stmt *st;
    int64_t holder = 0;
    enum err_code rc = db_prepare(db, SQL_HOLDER, &st, e);
    int r;

    *found = 0;
    if (rc)
        return rc;
    db_bind_int(st, 1, post);
    db_bind_int(st, 2, except);
    db_bind_text(st, 3, today);
    r = db_step(st, e);
    if (r == 1)
        holder = db_col_int(st, 0);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (holder) {
        memset(out, 0, sizeof *out);
        out->employee_id = holder;
        out->position_id = post;
        *found = 1;
        return ERR_OK;
    }
    rc = db_prepare(db, SQL_ACTING, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, post);
    db_bind_int(st, 2, except);
    db_bind_text(st, 3, today);
    r = db_step(st, e);
    if (r == 1) {
        memset(out, 0, sizeof *out);
        out->employee_id = db_col_int(st, 0);
        out->position_id = post;
        out->acting = db_col_text_copy(st, a, 1);
        *found = 1;
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* From post upward (post itself first): the first post with someone to decide. *hops counts
 * the posts passed (a forward each). *found 0 when the chain ends without anyone. */
static enum err_code climb(struct db *db, struct arena *a, int64_t post, int64_t except,
                           const char *today, struct leave_approver *out, int *hops, int *found,
                           struct err *e)
{
    enum err_code rc = ERR_OK;

    *found = 0;
    *hops = 0;
    for (int depth = 0; post && depth < ORG_DEPTH_MAX; depth++) {
        int64_t up = 0;

        rc = post_decider(db, post, except, today, a, out, found, e);
        if (rc || *found)
            return rc;
        (*hops)++;
        rc = org_position_supervisor(db, post, &up, e);
        if (rc == ERR_NOT_FOUND) {
            err_clear(e);
            return ERR_OK;
        }
        if (rc)
            return rc;
        post = up;
    }
    return rc;
}

/* The OPD of a unit: the ancestor just below the root (the unit itself when it is a root). */
static enum err_code opd_of(struct db *db, struct arena *a, int64_t unit_id, int64_t *opd,
                            struct err *e)
{
    int64_t *ids = NULL;
    size_t n = 0;
    enum err_code rc = org_unit_ancestors(db, a, unit_id, &ids, &n, e);

    if (rc)
        return rc;
    *opd = n >= 2 ? ids[n - 2] : unit_id;
    return ERR_OK;
}

static void bkpsdm_approver(struct leave_approver *out)
{
    memset(out, 0, sizeof *out);
    out->bkpsdm = 1;
}

enum err_code leave_resolve(struct db *db, struct arena *a, const struct employee_facts *x,
                            const struct leave_chain *chain, int step_official, const char *today,
                            struct leave_approver *out, int *hops, struct err *e)
{
    int64_t start = 0;
    int found = 0;
    enum err_code rc;

    *hops = 0;
    if (!step_official) {
        if (x->position_id) {
            rc = org_position_supervisor(db, x->position_id, &start, e);
            if (rc == ERR_NOT_FOUND) {
                err_clear(e);
                start = 0;
            } else if (rc) {
                return rc;
            }
        }
        rc = climb(db, a, start, x->id, today, out, hops, &found, e);
        if (rc)
            return rc;
        if (!found)
            memset(out, 0, sizeof *out); /* nobody: the caller goes on to the official */
        return ERR_OK;
    }
    if (chain->official_bkpsdm) {
        bkpsdm_approver(out);
        return ERR_OK;
    }
    rc = opd_of(db, a, x->unit_id, &start, e);
    if (!rc) {
        const int64_t args[] = {start};

        rc = db_value_int(db, SQL_HEAD_POST, args, 1, 0, &start, e);
    }
    if (!rc)
        rc = climb(db, a, start, x->id, today, out, hops, &found, e);
    if (rc)
        return rc;
    if (!found)
        bkpsdm_approver(out);
    return ERR_OK;
}

static void read_name(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_text_copy(st, a, 0);
}

static const char SQL_EMPLOYEE_NAME[] = "SELECT name FROM employees WHERE id = $1";
static const char SQL_POSITION_NAME[] = "SELECT name FROM positions WHERE id = $1";

enum err_code leave_approver_names(struct db *db, struct arena *a, struct leave_approver *ap,
                                   struct err *e)
{
    enum err_code rc = ERR_OK;

    ap->name = ap->position_name = NULL;
    if (ap->bkpsdm) {
        ap->name = "BKPSDM";
        return ERR_OK;
    }
    if (ap->employee_id)
        rc = db_fetch_one(db, SQL_EMPLOYEE_NAME, ap->employee_id, NULL, a, read_name, &ap->name,
                          "Pegawai tidak ditemukan", e);
    if (!rc && ap->position_id)
        rc = db_fetch_one(db, SQL_POSITION_NAME, ap->position_id, NULL, a, read_name,
                          &ap->position_name, "Jabatan tidak ditemukan", e);
    return rc;
}

/* Pending requests (all, or only $2) whose employee approver no longer stands on day $1. */
static const char SQL_STALE[] =
    "SELECT l.id FROM leave_requests l WHERE l.status IN ('pending_supervisor',"
    " 'pending_official') AND l.approver_kind = 'employee'"
    " AND (CAST($2 AS BIGINT) = 0 OR l.id = CAST($2 AS BIGINT))"
    " AND NOT " APPROVER_STANDS("$1") " ORDER BY l.id LIMIT 10000";

static void read_id(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

static enum err_code stale_ids(struct db *db, struct arena *a, const char *today, int64_t only,
                               int64_t **ids, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_STALE, &st, e);

    if (rc)
        return rc;
    db_bind_text(st, 1, today);
    db_bind_int(st, 2, only);
    rc = db_collect(st, a, sizeof(int64_t), read_id, &found, n, e);
    *ids = found;
    return rc;
}

/* r's approver for today: from the post r waited on, its holder or Plt/Plh, else one level up;
 * when the chain above ends, the official of the request (BKPSDM last). */
static enum err_code reroute(struct db *db, struct arena *a, struct leave_request *r,
                             const char *today, struct err *e)
{
    struct leave_approver ap;
    struct employee_facts x;
    struct leave_chain chain;
    int hops = 0, found = 0;
    enum err_code rc =
        climb(db, a, r->approver.position_id, r->employee_id, today, &ap, &hops, &found, e);

    if (!rc && !found) {
        rc = leave_employee(db, a, r->employee_id, &x, e);
        if (!rc)
            rc = leave_chain_get(db, leave_type_parse(r->type), &chain, e);
        if (!rc)
            rc = leave_resolve(db, a, &x, &chain, 1, today, &ap, &hops, e);
    }
    if (!rc)
        rc = leave_approver_names(db, a, &ap, e);
    if (rc)
        return rc;
    r->approver = ap;
    r->rerouted = 1;
    return ERR_OK;
}

enum err_code leave_approver_today(struct db *db, struct arena *a, struct leave_request *r,
                                   const char *today, struct err *e)
{
    int64_t *ids = NULL;
    size_t n = 0;
    enum err_code rc;

    if (!leave_status_pending(r->status) || r->approver.bkpsdm)
        return ERR_OK;
    rc = stale_ids(db, a, today, r->id, &ids, &n, e);
    if (rc || n == 0)
        return rc;
    return reroute(db, a, r, today, e);
}

enum err_code leave_rerouted(struct db *db, struct arena *a, const char *today,
                             struct leave_reroute **out, size_t *n, struct err *e)
{
    int64_t *ids = NULL;
    size_t count = 0;
    struct leave_reroute *list;
    enum err_code rc = stale_ids(db, a, today, 0, &ids, &count, e);

    *out = NULL;
    *n = 0;
    if (rc || count == 0)
        return rc;
    list = arena_alloc(a, count * sizeof *list);
    for (size_t i = 0; i < count; i++) {
        struct leave_request r;

        rc = leave_request_get(db, a, ids[i], &r, e);
        if (!rc)
            rc = reroute(db, a, &r, today, e);
        if (rc)
            return rc;
        list[i].id = r.id;
        list[i].approver = r.approver;
    }
    *out = list;
    *n = count;
    return ERR_OK;
}

/* ---- chains ---- */

static const char SQL_CHAIN[] =
    "SELECT supervisor, official, enabled FROM leave_chains WHERE type = $1";
static const char SQL_CHAIN_SET[] =
    "UPDATE leave_chains SET supervisor = $2, official = $3, enabled = $4, updated_by = $5,"
    " updated_at = $6 WHERE type = $1";

enum err_code leave_chain_get(struct db *db, enum leave_type t, struct leave_chain *out,
                              struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_CHAIN, &st, e);
    int r;

    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    out->type = t;
    db_bind_text(st, 1, leave_type_name(t));
    r = db_step(st, e);
    if (r == 1) {
        const char *off = db_col_text(st, 1);

        out->supervisor = leave_col_int(st, 0);
        out->official_bkpsdm = off && strcmp(off, "bkpsdm") == 0;
        out->enabled = leave_col_int(st, 2);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (r == 0) { /* no row: the defaults of the migration */
        out->supervisor = 1;
        out->official_bkpsdm = t == LEAVE_BESAR || t == LEAVE_MELAHIRKAN || t == LEAVE_CLTN;
        out->enabled = t != LEAVE_AYAH;
    }
    return ERR_OK;
}

enum err_code leave_chain_set(struct db *db, const struct leave_chain *c, int64_t user_id,
                              int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_CHAIN_SET, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, leave_type_name(c->type));
    db_bind_int(st, 2, c->supervisor ? 1 : 0);
    db_bind_text(st, 3, c->official_bkpsdm ? "bkpsdm" : "unit_head");
    db_bind_int(st, 4, c->enabled ? 1 : 0);
    db_bind_int(st, 5, user_id);
    db_bind_int(st, 6, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* ---- notifications ---- */

static const char SQL_BKPSDM_USERS[] =
    "SELECT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id"
    " WHERE r.role = 'admin_bkpsdm' AND u.active = 1 ORDER BY r.user_id LIMIT 100";

static const char *status_text(const char *status)
{
    if (strcmp(status, "approved") == 0)
        return "disetujui";
    if (strcmp(status, "rejected") == 0)
        return "ditolak";
    if (strcmp(status, "postponed") == 0)
        return "ditangguhkan";
    if (strcmp(status, "cancelled") == 0)
        return "dibatalkan";
    return "diteruskan untuk diputuskan";
}

/* The approver ap learns title/body: the employee, or every active admin_bkpsdm account. */
static enum err_code notify_approver(struct db *db, const struct leave_approver *ap,
                                     const char *kind, const char *title, const char *body,
                                     const char *link, int64_t now, struct err *e)
{
    struct db_stmt *st;
    int64_t ids[100];
    size_t n = 0;
    enum err_code rc;
    int x;

    if (!ap->bkpsdm)
        return ap->employee_id
                   ? notify_employee(db, ap->employee_id, kind, title, body, link, now, e)
                   : ERR_OK;
    /* collect first: notify_user runs its own statements */
    rc = db_prepare(db, SQL_BKPSDM_USERS, &st, e);
    if (rc)
        return rc;
    while ((x = db_step(st, e)) == 1 && n < 100)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (x < 0)
        return e->code;
    for (size_t i = 0; !rc && i < n; i++)
        rc = notify_user(db, ids[i], kind, title, body, link, now, e);
    return rc;
}

static void notify_text(const struct leave_request *r, char link[40], char body[400])
{
    snprintf(link, 40, "#/cuti/%lld", (long long)r->id);
    snprintf(body, 400, "%s (NIP %s): cuti %s %s s.d. %s, %d hari kerja.",
             r->employee_name ? r->employee_name : "-", r->employee_nip ? r->employee_nip : "-",
             r->type, r->start_date, r->end_date, r->working_days);
}

enum err_code leave_notify_next(struct db *db, const struct leave_request *r, int tell_employee,
                                int64_t now, struct err *e)
{
    char link[40], title[200], body[400];
    enum err_code rc = ERR_OK;

    notify_text(r, link, body);
    if (leave_status_pending(r->status))
        rc = notify_approver(db, &r->approver, "leave.pending",
                             "Permohonan cuti menunggu keputusan Anda", body, link, now, e);
    if (!rc && tell_employee) {
        snprintf(title, sizeof title, "Permohonan cuti Anda %s", status_text(r->status));
        rc = notify_employee(db, r->employee_id, "leave.status", title, body, link, now, e);
    }
    return rc;
}

enum err_code leave_notify_cancelled(struct db *db, const struct leave_request *old, int64_t now,
                                     struct err *e)
{
    char link[40], body[400];

    if (!leave_status_pending(old->status))
        return ERR_OK;
    notify_text(old, link, body);
    return notify_approver(db, &old->approver, "leave.cancelled",
                           "Permohonan cuti yang menunggu keputusan Anda dibatalkan", body, link,
                           now, e);
}
