/* store.c - all SQL of leave: settings, the facts a request's rules need (overlap, a recent
 * long leave, the yearly history behind the balance, working and collective days through the
 * calendar module), the approver of a step (holder of the post, else its active Plt/Plh, else
 * one level up; BKPSDM last), the request rows and their step history, lists and the chains.
 * Nothing here decides scope except leave_request_read. Dates are 'YYYY-MM-DD' text, so text
 * comparison orders them. */
#include "modules/leave/leave.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/calendar/calendar.h"
#include "modules/org/org.h"

#define PENDING_OR_APPROVED "('pending_supervisor', 'pending_official', 'approved')"

static int64_t col_id(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

static int col_int(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : (int)db_col_int(st, col);
}

/* ---- settings ---- */

enum err_code leave_settings_load(struct db *db, struct leave_settings *out, struct err *e)
{
    *out = leave_settings_default;
    for (const struct leave_setting_def *d = leave_setting_defs; d->key; d++) {
        int *slot = (int *)((char *)out + d->offset);
        int64_t v = 0;
        enum err_code rc = db_setting_int(db, d->key, *slot, &v, e);

        if (rc)
            return rc;
        /* a setting outside its range falls back to the default rather than lifting a limit */
        if (v >= d->min && v <= d->max)
            *slot = (int)v;
    }
    return ERR_OK;
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
/* The history behind the balance: per year of the start date, type and status, the charged
 * days and the number of requests. */
static const char SQL_HISTORY[] =
    "SELECT substr(start_date, 1, 4), type, status, sum(charged_days), count(*)"
    " FROM leave_requests WHERE employee_id = $1 AND start_date < CAST($2 AS TEXT)"
    " AND type IN ('tahunan', 'besar') AND status IN ('pending_supervisor', 'pending_official',"
    " 'approved', 'postponed') GROUP BY substr(start_date, 1, 4), type, status";

/* count(*) of sql with $1, $2 ids and $3, $4 texts. */
static enum err_code count2(struct db *db, const char *sql, int64_t a1, int64_t a2,
                            const char *t3, const char *t4, int64_t *out, struct err *e)
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

enum err_code leave_overlap(struct db *db, int64_t employee_id, int64_t except_id,
                            const char *from, const char *to, int *yes, struct err *e)
{
    int64_t n = 0;
    enum err_code rc = count2(db, SQL_OVERLAP, employee_id, except_id, from, to, &n, e);

    *yes = n > 0;
    return rc;
}

enum err_code leave_recent_big(struct db *db, int64_t employee_id, int64_t except_id,
                               int64_t start, const struct leave_settings *s, int *yes,
                               struct err *e)
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

enum err_code leave_working_days(struct db *db, int64_t unit_id, int64_t from, int64_t to,
                                 int *out, struct err *e)
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
    char before[11];
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
        int days = col_int(st, 3), at = y ? (int)strtol(y, NULL, 10) - first : -1;

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
                               const struct leave_person *p, int64_t employee_id,
                               int64_t unit_id, int year, struct leave_balance *out,
                               struct err *e)
{
    struct leave_year ys[HISTORY_YEARS_MAX];
    int first = leave_day_year(p->appointed), pending = 0, collective = 0;
    int carry = p->asn != LEAVE_ASN_PPPK || s->pppk_carry;
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
    rc = history(db, employee_id, first, year, ys, &pending, e);
    if (!rc)
        rc = leave_collective(db, a, unit_id, year, NULL, NULL, &collective, NULL, e);
    if (rc)
        return rc;
    leave_balance_compute(s, carry, ys, (size_t)(year - first + 1), pending, collective, out);
    return ERR_OK;
}

enum err_code leave_person_of(const struct employee_facts *x, struct leave_person *p,
                              struct err *e)
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
    x->position_id = col_id(st, 2);
    x->status = db_col_text_copy(st, a, 3);
    x->gender = db_col_text_copy(st, a, 4);
    x->state = db_col_text_copy(st, a, 5);
    x->appointed_on = db_col_text_copy(st, a, 6);
    x->name = db_col_text_copy(st, a, 7);
    x->nip = db_col_text_copy(st, a, 8);
    x->unit_name = db_col_text_copy(st, a, 9);
    x->unit_code = db_col_text_copy(st, a, 10);
}

enum err_code leave_employee(struct db *db, struct arena *a, int64_t id,
                             struct employee_facts *out, struct err *e)
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
/* Is the post filled at all (a holder, whatever their leave): tells "vacant" from "away". */
static const char SQL_FILLED[] =
    "SELECT count(*) FROM employees WHERE position_id = $1 AND state = 'active'";
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
                            const struct leave_chain *chain, int step_official,
                            const char *today, struct leave_approver *out, int *hops,
                            struct err *e)
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

enum err_code leave_post_filled(struct db *db, int64_t post, int *yes, struct err *e)
{
    const int64_t args[] = {post};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_FILLED, args, 1, 0, &n, e);

    *yes = n > 0;
    return rc;
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

        out->supervisor = col_int(st, 0);
        out->official_bkpsdm = off && strcmp(off, "bkpsdm") == 0;
        out->enabled = col_int(st, 2);
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

/* ---- requests ---- */

#define R_COLS                                                                                     \
    "l.id, l.employee_id, l.unit_id, l.type, l.converted_from, l.start_date, l.end_date,"          \
    " l.requested_start_date, l.requested_end_date, l.working_days, l.charged_days,"               \
    " l.calendar_days, l.hard_to_reach, l.travel_days, l.birth_order, l.first_hajj,"               \
    " l.postponed, l.sick_kind, l.doctor_kind, l.reason, l.address, l.phone, l.document_id,"       \
    " l.status, l.step, l.approver_kind, l.approver_employee_id, l.approver_position_id,"          \
    " l.approver_acting, l.decision_reason, l.cancel_reason, l.shortened_from,"                    \
    " l.letter_number, l.approved_on, l.signer_user_id, l.signer_employee_id,"                     \
    " l.signer_position_id, l.signer_acting, l.cancelled_at, l.created_by, l.created_at,"          \
    " l.decided_at, l.updated_at, e.name, e.nip, u.name, ae.name, ap.name, e.unit_id, u.code"
#define R_FROM                                                                                     \
    " FROM leave_requests l JOIN employees e ON e.id = l.employee_id"                              \
    " JOIN units u ON u.id = e.unit_id LEFT JOIN employees ae ON ae.id = l.approver_employee_id"   \
    " LEFT JOIN positions ap ON ap.id = l.approver_position_id"
static const char SQL_ONE[] = "SELECT " R_COLS R_FROM " WHERE l.id = $1";

static void read_request(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_request *r = out;
    const char *kind;
    int c = 0;

    memset(r, 0, sizeof *r);
    r->id = db_col_int(st, c++);
    r->employee_id = db_col_int(st, c++);
    r->unit_id = db_col_int(st, c++);
    r->type = db_col_text_copy(st, a, c++);
    r->converted_from = db_col_text_copy(st, a, c++);
    r->start_date = db_col_text_copy(st, a, c++);
    r->end_date = db_col_text_copy(st, a, c++);
    r->requested_start_date = db_col_text_copy(st, a, c++);
    r->requested_end_date = db_col_text_copy(st, a, c++);
    r->working_days = col_int(st, c++);
    r->charged_days = col_int(st, c++);
    r->calendar_days = col_int(st, c++);
    r->hard_to_reach = col_int(st, c++);
    r->travel_days = col_int(st, c++);
    r->birth_order = col_int(st, c++);
    r->first_hajj = col_int(st, c++);
    r->postponed = col_int(st, c++);
    r->sick_kind = db_col_text_copy(st, a, c++);
    r->doctor_kind = db_col_text_copy(st, a, c++);
    r->reason = db_col_text_copy(st, a, c++);
    r->address = db_col_text_copy(st, a, c++);
    r->phone = db_col_text_copy(st, a, c++);
    r->document_id = col_id(st, c++);
    r->status = db_col_text_copy(st, a, c++);
    r->step = db_col_text_copy(st, a, c++);
    kind = db_col_text(st, c++);
    r->approver.bkpsdm = kind && strcmp(kind, "bkpsdm") == 0;
    r->approver.employee_id = col_id(st, c++);
    r->approver.position_id = col_id(st, c++);
    r->approver.acting = db_col_text_copy(st, a, c++);
    r->decision_reason = db_col_text_copy(st, a, c++);
    r->cancel_reason = db_col_text_copy(st, a, c++);
    r->shortened_from = db_col_text_copy(st, a, c++);
    r->letter_number = db_col_text_copy(st, a, c++);
    r->approved_on = db_col_text_copy(st, a, c++);
    r->signer_user_id = col_id(st, c++);
    r->signer_employee_id = col_id(st, c++);
    r->signer_position_id = col_id(st, c++);
    r->signer_acting = db_col_text_copy(st, a, c++);
    r->cancelled_at = col_id(st, c++);
    r->created_by = col_id(st, c++);
    r->created_at = col_id(st, c++);
    r->decided_at = col_id(st, c++);
    r->updated_at = col_id(st, c++);
    r->employee_name = db_col_text_copy(st, a, c++);
    r->employee_nip = db_col_text_copy(st, a, c++);
    r->unit_name = db_col_text_copy(st, a, c++);
    r->approver.name = db_col_text_copy(st, a, c++);
    r->approver.position_name = db_col_text_copy(st, a, c++);
    r->current_unit_id = db_col_int(st, c++);
    r->unit_code = db_col_text_copy(st, a, c++);
}

enum err_code leave_request_get(struct db *db, struct arena *a, int64_t id,
                                struct leave_request *out, struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_request, out,
                        "Permohonan cuti tidak ditemukan", e);
}

static const char SQL_INSERT[] =
    "INSERT INTO leave_requests (employee_id, unit_id, type, converted_from, start_date, end_date,"
    " requested_start_date, requested_end_date, working_days, charged_days, calendar_days,"
    " hard_to_reach, travel_days, birth_order, sick_kind, doctor_kind, first_hajj, reason,"
    " address, phone, document_id, status, step, created_by, created_at, updated_at,"
    " approver_kind, approver_employee_id, approver_position_id, approver_acting)"
    " VALUES ($1, $2, $3, $4, $5, $6, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
    " $17, $18, $19, $22, $23, $20, $21, $21, $24, $25, $26, $27) RETURNING id";

enum err_code leave_request_insert(struct db *db, const struct leave_request *r, int64_t *id,
                                   struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, r->employee_id);
    db_bind_int(st, 2, r->unit_id);
    db_bind_text(st, 3, r->type);
    db_bind_text(st, 4, r->converted_from);
    db_bind_text(st, 5, r->start_date);
    db_bind_text(st, 6, r->end_date);
    db_bind_int(st, 7, r->working_days);
    db_bind_int(st, 8, r->charged_days);
    db_bind_int(st, 9, r->calendar_days);
    db_bind_int(st, 10, r->hard_to_reach);
    db_bind_int(st, 11, r->travel_days);
    if (r->birth_order)
        db_bind_int(st, 12, r->birth_order);
    else
        db_bind_null(st, 12);
    db_bind_text(st, 13, r->sick_kind);
    db_bind_text(st, 14, r->doctor_kind);
    db_bind_int(st, 15, r->first_hajj);
    db_bind_text(st, 16, r->reason);
    db_bind_text(st, 17, r->address);
    db_bind_text(st, 18, r->phone);
    db_bind_id_or_null(st, 19, r->document_id);
    db_bind_int(st, 20, r->created_by);
    db_bind_int(st, 21, r->created_at);
    db_bind_text(st, 22, r->status);
    db_bind_text(st, 23, r->step);
    db_bind_text(st, 24, r->approver.bkpsdm ? "bkpsdm" : "employee");
    db_bind_id_or_null(st, 25, r->approver.employee_id);
    db_bind_id_or_null(st, 26, r->approver.position_id);
    db_bind_text(st, 27, r->approver.acting);
    return db_step_id(st, id, e);
}

/* Move a pending request to its next state: status, step and approver (bkpsdm / employee /
 * none), the dates (a change), the decision of the step that was decided. Guarded by the
 * status it had, so two deciders at once get one decision (409 for the second). */
static const char SQL_MOVE[] =
    "UPDATE leave_requests SET status = $2, step = $3, approver_kind = $4,"
    " approver_employee_id = $5, approver_position_id = $6, approver_acting = $7,"
    " start_date = $8, end_date = $9, working_days = $10, charged_days = $11,"
    " calendar_days = $12, decision_reason = COALESCE($13, decision_reason),"
    " postponed = $14, decided_at = $15, updated_at = $16"
    " WHERE id = $1 AND status = $17";
static const char SQL_SUPERVISOR_DONE[] =
    "UPDATE leave_requests SET supervisor_decision = $2, supervisor_reason = $3,"
    " supervisor_by = $4, supervisor_at = $5 WHERE id = $1";
static const char SQL_OFFICIAL_DONE[] =
    "UPDATE leave_requests SET official_decision = $2, official_reason = $3,"
    " official_by = $4, official_at = $5 WHERE id = $1";
static const char SQL_FINAL[] =
    "UPDATE leave_requests SET letter_number = $2, approved_on = $3, signer_user_id = $4,"
    " signer_employee_id = $5, signer_position_id = $6, signer_acting = $7"
    " WHERE id = $1 AND letter_number IS NULL";

enum err_code leave_request_move(struct db *db, const struct leave_request *r,
                                 const char *old_status, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_MOVE, &st, e);
    int pending = leave_status_pending(r->status);
    int64_t changed = 0;
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->status);
    db_bind_text(st, 3, pending ? r->step : NULL);
    db_bind_text(st, 4, !pending ? NULL : r->approver.bkpsdm ? "bkpsdm" : "employee");
    db_bind_id_or_null(st, 5, pending ? r->approver.employee_id : 0);
    db_bind_id_or_null(st, 6, pending ? r->approver.position_id : 0);
    db_bind_text(st, 7, pending ? r->approver.acting : NULL);
    db_bind_text(st, 8, r->start_date);
    db_bind_text(st, 9, r->end_date);
    db_bind_int(st, 10, r->working_days);
    db_bind_int(st, 11, r->charged_days);
    db_bind_int(st, 12, r->calendar_days);
    db_bind_text(st, 13, r->decision_reason);
    db_bind_int(st, 14, r->postponed);
    if (pending)
        db_bind_null(st, 15);
    else
        db_bind_int(st, 15, now);
    db_bind_int(st, 16, now);
    db_bind_text(st, 17, old_status);
    x = db_step(st, e);
    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    if (changed != 1)
        return err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                       "Permohonan cuti sudah diproses");
    return ERR_OK;
}

enum err_code leave_request_step_done(struct db *db, int64_t id, int official,
                                      const char *decision, const char *reason, int64_t user_id,
                                      int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, official ? SQL_OFFICIAL_DONE : SQL_SUPERVISOR_DONE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, decision);
    db_bind_text(st, 3, reason);
    db_bind_int(st, 4, user_id);
    db_bind_int(st, 5, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code leave_request_final(struct db *db, const struct leave_request *r,
                                  const char *letter_number, const char *day, int64_t user_id,
                                  int64_t employee_id, int64_t position_id, const char *acting,
                                  struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_FINAL, &st, e);
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, letter_number);
    db_bind_text(st, 3, day);
    db_bind_int(st, 4, user_id);
    db_bind_id_or_null(st, 5, employee_id);
    db_bind_id_or_null(st, 6, position_id);
    db_bind_text(st, 7, acting);
    x = db_step(st, e);
    db_reset(st);
    return x < 0 ? e->code : ERR_OK;
}

static const char SQL_CANCEL[] =
    "UPDATE leave_requests SET status = 'cancelled', step = NULL, approver_kind = NULL,"
    " approver_employee_id = NULL, approver_position_id = NULL, approver_acting = NULL,"
    " cancelled_at = $2, cancelled_by = $3, cancel_reason = $4, updated_at = $2"
    " WHERE id = $1 AND status = $5";
static const char SQL_SHORTEN[] =
    "UPDATE leave_requests SET shortened_from = end_date, end_date = $2, working_days = $3,"
    " charged_days = $4, calendar_days = $5, shortened_at = $6, updated_at = $6"
    " WHERE id = $1 AND status = 'approved' AND end_date = $7";

enum err_code leave_request_cancel(struct db *db, int64_t id, const char *old_status,
                                   int64_t user_id, const char *reason, int64_t now,
                                   struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_CANCEL, &st, e);
    int64_t changed = 0;
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, user_id);
    db_bind_text(st, 4, reason);
    db_bind_text(st, 5, old_status);
    x = db_step(st, e);
    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    return changed == 1 ? ERR_OK
                        : err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                                  "Permohonan cuti sudah diproses");
}

enum err_code leave_request_shorten(struct db *db, const struct leave_request *r,
                                    const char *old_end, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_SHORTEN, &st, e);
    int64_t changed = 0;
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->end_date);
    db_bind_int(st, 3, r->working_days);
    db_bind_int(st, 4, r->charged_days);
    db_bind_int(st, 5, r->calendar_days);
    db_bind_int(st, 6, now);
    db_bind_text(st, 7, old_end);
    x = db_step(st, e);
    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    return changed == 1 ? ERR_OK
                        : err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                                  "Permohonan cuti sudah diproses");
}

/* ---- steps ---- */

static const char SQL_STEP_INSERT[] =
    "INSERT INTO leave_steps (request_id, event, step, reason, start_date, end_date,"
    " working_days, actor_user_id, actor_employee_id, acting, next_kind, next_employee_id,"
    " next_position_id, next_acting, final, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
    " $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";
static const char SQL_STEPS[] =
    "SELECT s.id, s.request_id, s.event, s.step, s.reason, s.start_date, s.end_date,"
    " s.working_days, s.actor_user_id, s.actor_employee_id, s.acting, s.next_kind,"
    " s.next_employee_id, s.next_position_id, s.next_acting, s.created_at, u.name, ne.name,"
    " np.name, s.final FROM leave_steps s LEFT JOIN users u ON u.id = s.actor_user_id"
    " LEFT JOIN employees ne ON ne.id = s.next_employee_id"
    " LEFT JOIN positions np ON np.id = s.next_position_id"
    " WHERE s.request_id = $1 ORDER BY s.id";

enum err_code leave_step_add(struct db *db, const struct leave_step *s, int final,
                             struct err *e)
{
    struct db_stmt *st;
    int64_t id = 0;
    enum err_code rc = db_prepare(db, SQL_STEP_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, s->request_id);
    db_bind_text(st, 2, s->event);
    db_bind_text(st, 3, s->step);
    db_bind_text(st, 4, s->reason);
    db_bind_text(st, 5, s->start_date);
    db_bind_text(st, 6, s->end_date);
    db_bind_int(st, 7, s->working_days);
    db_bind_id_or_null(st, 8, s->actor_user_id);
    db_bind_id_or_null(st, 9, s->actor_employee_id);
    db_bind_text(st, 10, s->acting);
    db_bind_text(st, 11, !s->has_next ? NULL : s->next.bkpsdm ? "bkpsdm" : "employee");
    db_bind_id_or_null(st, 12, s->has_next ? s->next.employee_id : 0);
    db_bind_id_or_null(st, 13, s->has_next ? s->next.position_id : 0);
    db_bind_text(st, 14, s->has_next ? s->next.acting : NULL);
    db_bind_int(st, 15, final ? 1 : 0);
    db_bind_int(st, 16, s->created_at);
    return db_step_id(st, &id, e);
}

static void read_step(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_step *s = out;
    const char *kind;

    memset(s, 0, sizeof *s);
    s->id = db_col_int(st, 0);
    s->request_id = db_col_int(st, 1);
    s->event = db_col_text_copy(st, a, 2);
    s->step = db_col_text_copy(st, a, 3);
    s->reason = db_col_text_copy(st, a, 4);
    s->start_date = db_col_text_copy(st, a, 5);
    s->end_date = db_col_text_copy(st, a, 6);
    s->working_days = col_int(st, 7);
    s->actor_user_id = col_id(st, 8);
    s->actor_employee_id = col_id(st, 9);
    s->acting = db_col_text_copy(st, a, 10);
    kind = db_col_text(st, 11);
    s->has_next = kind != NULL;
    s->next.bkpsdm = kind && strcmp(kind, "bkpsdm") == 0;
    s->next.employee_id = col_id(st, 12);
    s->next.position_id = col_id(st, 13);
    s->next.acting = db_col_text_copy(st, a, 14);
    s->created_at = col_id(st, 15);
    s->actor_name = db_col_text_copy(st, a, 16);
    s->next.name = db_col_text_copy(st, a, 17);
    s->next.position_name = db_col_text_copy(st, a, 18);
    s->final = col_int(st, 19);
}

enum err_code leave_steps_of(struct db *db, struct arena *a, int64_t request_id,
                             struct leave_step **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_STEPS, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, request_id);
    rc = db_collect(st, a, sizeof(struct leave_step), read_step, &found, n, e);
    *out = found;
    return rc;
}

static const char SQL_ACTED[] =
    "SELECT count(*) FROM leave_steps WHERE request_id = $1 AND actor_user_id = $2";

enum err_code leave_user_acted(struct db *db, int64_t request_id, int64_t user_id, int *yes,
                               struct err *e)
{
    const int64_t args[] = {request_id, user_id};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_ACTED, args, 2, 0, &n, e);

    *yes = n > 0;
    return rc;
}

/* ---- lists ---- */

/* $1 own employee (0 = any), $2 unit root (0 = every unit, -1 none), $3 subtree, $4 inbox
 * employee (0 = not an inbox), $5 inbox includes BKPSDM's, $6 employee filter, $7 status,
 * $8 type, $9 year start, $10 year end ("" = none), $11 sort, $12 limit, $13 offset. */
#define L_SUB                                                                                      \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($2 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($3 AS BIGINT) = 1 AND sub.depth < 64) "
#define L_WHERE                                                                                    \
    " WHERE (CAST($1 AS BIGINT) = 0 OR l.employee_id = CAST($1 AS BIGINT))"                        \
    " AND (CAST($2 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"                           \
    " AND (CAST($4 AS BIGINT) = 0 OR (l.status IN ('pending_supervisor', 'pending_official')"      \
    " AND l.employee_id <> CAST($4 AS BIGINT)"                                                     \
    " AND ((l.approver_kind = 'employee' AND l.approver_employee_id = CAST($4 AS BIGINT))"         \
    " OR (l.approver_kind = 'bkpsdm' AND CAST($5 AS BIGINT) = 1))))"                               \
    " AND (CAST($6 AS BIGINT) = 0 OR l.employee_id = CAST($6 AS BIGINT))"                          \
    " AND (CAST($7 AS TEXT) = '' OR l.status = CAST($7 AS TEXT))"                                  \
    " AND (CAST($8 AS TEXT) = '' OR l.type = CAST($8 AS TEXT))"                                    \
    " AND (CAST($9 AS TEXT) = '' OR (l.end_date >= CAST($9 AS TEXT)"                               \
    " AND l.start_date <= CAST($10 AS TEXT)))"
static const char SQL_LIST[] =
    L_SUB "SELECT " R_COLS R_FROM L_WHERE
          " ORDER BY CASE WHEN CAST($11 AS BIGINT) = 1 THEN l.start_date END ASC,"
          " CASE WHEN CAST($11 AS BIGINT) = 2 THEN l.start_date END DESC,"
          " CASE WHEN CAST($11 AS BIGINT) = 3 THEN l.created_at END ASC,"
          " CASE WHEN CAST($11 AS BIGINT) = 4 THEN l.created_at END DESC,"
          " CASE WHEN CAST($11 AS BIGINT) = 5 THEN l.id END ASC, l.id DESC"
          " LIMIT $12 OFFSET $13";
static const char SQL_LIST_COUNT[] =
    L_SUB "SELECT count(*) FROM leave_requests l JOIN employees e ON e.id = l.employee_id" L_WHERE;

static void bind_list(struct db_stmt *st, const struct leave_query *q)
{
    char from[11] = "", to[11] = "";

    if (q->year) {
        snprintf(from, sizeof from, "%04d-01-01", q->year % 10000);
        snprintf(to, sizeof to, "%04d-12-31", q->year % 10000);
    }
    db_bind_int(st, 1, q->own_employee_id);
    db_bind_int(st, 2, q->unit_id);
    db_bind_int(st, 3, q->subtree ? 1 : 0);
    db_bind_int(st, 4, q->inbox_employee_id);
    db_bind_int(st, 5, q->inbox_bkpsdm ? 1 : 0);
    db_bind_int(st, 6, q->employee_id);
    db_bind_text(st, 7, q->status ? q->status : "");
    db_bind_text(st, 8, q->type ? q->type : "");
    db_bind_text(st, 9, from);
    db_bind_text(st, 10, to);
}

enum err_code leave_list(struct db *db, struct arena *a, const struct leave_query *q,
                         struct leave_request **items, size_t *n, int64_t *total, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_LIST_COUNT, &st, e);

    *items = NULL;
    *n = 0;
    if (rc)
        return rc;
    bind_list(st, q);
    rc = db_step_id(st, total, e);
    if (rc)
        return rc;
    rc = db_prepare(db, SQL_LIST, &st, e);
    if (rc)
        return rc;
    bind_list(st, q);
    db_bind_int(st, 11, q->sort);
    db_bind_int(st, 12, q->per_page);
    db_bind_int(st, 13, (q->page - 1) * q->per_page);
    rc = db_collect(st, a, sizeof(struct leave_request), read_request, &found, n, e);
    *items = found;
    return rc;
}

/* ---- employment state (CLTN) ---- */

static const char SQL_STATE[] =
    "UPDATE employees SET state = 'cltn', updated_at = $2 WHERE id = $1 AND state = 'active'";

enum err_code leave_employee_cltn(struct db *db, int64_t employee_id, int64_t now,
                                  struct err *e)
{
    const int64_t args[] = {employee_id, now};

    return db_run_ints(db, SQL_STATE, args, 2, NULL, e);
}

/* ---- notifications ---- */

enum err_code leave_notify_next(struct db *db, const struct leave_request *r, int64_t now,
                                struct err *e)
{
    /* HOOK(notify): when src/modules/notify/notify.h lands, queue here
     *   - notify_employee(db, r->approver.employee_id, "leave", ...) for an employee approver,
     *     or notify_user() for every active admin_bkpsdm account when r->approver.bkpsdm;
     *   - notify_employee(db, r->employee_id, "leave", ...) about the new status,
     * each with the link "#/cuti/<id>". */
    (void)db;
    (void)r;
    (void)now;
    (void)e;
    return ERR_OK;
}
