/* store.c - SQL of flexible work: the policy in force for a unit (its own row or the nearest
 * ancestor's), arrangements and their weekdays, Ramadan periods, and flexwork_day_get, the
 * one answer to "what does this employee's day look like" (calendar, policy, arrangement,
 * one-off request, assignment). Requests, the week plan and the demo data are in plan.c. */
#include "modules/flexwork/flexwork.h"
#include "modules/flexwork/flexwork_int.h"

#include <string.h>

#include "modules/calendar/calendar.h"
#include "modules/org/org.h"
#include "modules/placement/placement.h"

int64_t flexwork_e6(double v)
{
    return (int64_t)(v * 1e6 + (v >= 0 ? 0.5 : -0.5));
}

double flexwork_from_e6(int64_t v)
{
    return (double)v / 1e6;
}

/* ---- policy ---- */

void flexwork_policy_default(struct flexwork_policy *p)
{
    memset(p, 0, sizeof *p);
    p->start_from = p->start_to = p->fixed_start = FLEXWORK_DEFAULT_START;
    p->max_remote_days = FLEXWORK_REMOTE_DAYS_MAX;
    p->remote_radius_m = 100;
    p->timezone = "Asia/Jakarta";
}

static const char SQL_POLICY[] =
    "SELECT unit_id, flexible_allowed, min_onsite_pct, min_onsite_count, max_remote_days,"
    " start_from, start_to, core_from, core_to, fixed_start, remote_radius_m, timezone,"
    " updated_at, updated_by FROM work_policies WHERE unit_id = $1";
static const char SQL_FENCES[] =
    "SELECT lat_e6, lon_e6, radius_m FROM work_geofences WHERE unit_id = $1 ORDER BY id";
static const char SQL_POSITIONS[] =
    "SELECT position_id FROM work_flexible_positions WHERE unit_id = $1 ORDER BY position_id";

static void read_policy(struct db_stmt *st, struct arena *a, void *out)
{
    struct flexwork_policy *p = out;

    p->unit_id = db_col_int(st, 0);
    p->flexible_allowed = db_col_int(st, 1) != 0;
    p->min_onsite_pct = (int)db_col_int(st, 2);
    p->min_onsite_count = (int)db_col_int(st, 3);
    p->max_remote_days = (int)db_col_int(st, 4);
    p->start_from = (int)db_col_int(st, 5);
    p->start_to = (int)db_col_int(st, 6);
    p->core_from = (int)db_col_int(st, 7);
    p->core_to = (int)db_col_int(st, 8);
    p->fixed_start = (int)db_col_int(st, 9);
    p->remote_radius_m = (int)db_col_int(st, 10);
    p->timezone = db_col_text_copy(st, a, 11);
    p->updated_at = db_col_int(st, 12);
    p->updated_by = db_col_is_null(st, 13) ? 0 : db_col_int(st, 13);
}

static void read_fence(struct db_stmt *st, struct arena *a, void *out)
{
    struct flexwork_fence *f = out;

    (void)a;
    f->lat = flexwork_from_e6(db_col_int(st, 0));
    f->lon = flexwork_from_e6(db_col_int(st, 1));
    f->radius_m = (double)db_col_int(st, 2);
}

static void read_id(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

static enum err_code policy_row(struct db *db, struct arena *a, int64_t unit_id,
                                struct flexwork_policy *p, int *found, struct err *e)
{
    struct db_stmt *st;
    void *v = NULL;
    enum err_code rc = db_prepare(db, SQL_POLICY, &st, e);
    int r;

    *found = 0;
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    r = db_step(st, e);
    if (r == 1) {
        read_policy(st, a, p);
        *found = 1;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (!*found)
        return ERR_OK;
    rc = db_prepare(db, SQL_FENCES, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    rc = db_collect(st, a, sizeof(struct flexwork_fence), read_fence, &v, &p->n_fences, e);
    p->fences = v;
    if (rc)
        return rc;
    rc = db_prepare(db, SQL_POSITIONS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    v = NULL;
    rc = db_collect(st, a, sizeof(int64_t), read_id, &v, &p->n_positions, e);
    p->positions = v;
    return rc;
}

enum err_code flexwork_policy_get(struct db *db, struct arena *a, int64_t unit_id,
                                  struct flexwork_policy *out, struct err *e)
{
    int64_t *ids = NULL;
    size_t n = 0;
    enum err_code rc = org_unit_ancestors(db, a, unit_id, &ids, &n, e);

    flexwork_policy_default(out);
    if (rc)
        return rc;
    if (!n)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    for (size_t i = 0; i < n; i++) {
        int found = 0;

        rc = policy_row(db, a, ids[i], out, &found, e);
        if (rc || found)
            return rc;
    }
    return ERR_OK;
}

static const char SQL_POLICY_DEL[] = "DELETE FROM work_policies WHERE unit_id = $1";
static const char SQL_FENCES_DEL[] = "DELETE FROM work_geofences WHERE unit_id = $1";
static const char SQL_POSITIONS_DEL[] = "DELETE FROM work_flexible_positions WHERE unit_id = $1";
static const char SQL_POLICY_INS[] =
    "INSERT INTO work_policies (unit_id, flexible_allowed, min_onsite_pct, min_onsite_count,"
    " max_remote_days, start_from, start_to, core_from, core_to, fixed_start, remote_radius_m,"
    " timezone, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
    " $12, $13, $14)";
static const char SQL_FENCE_INS[] =
    "INSERT INTO work_geofences (unit_id, lat_e6, lon_e6, radius_m) VALUES ($1, $2, $3, $4)";
static const char SQL_POSITION_INS[] =
    "INSERT INTO work_flexible_positions (unit_id, position_id) VALUES ($1, $2)";

enum err_code flexwork_policy_put(struct db *db, int64_t unit_id, const struct flexwork_policy *p,
                                  struct err *e)
{
    const int64_t id[] = {unit_id};
    struct db_stmt *st;
    enum err_code rc = db_run_ints(db, SQL_FENCES_DEL, id, 1, NULL, e);
    int r;

    if (!rc)
        rc = db_run_ints(db, SQL_POSITIONS_DEL, id, 1, NULL, e);
    if (!rc)
        rc = db_run_ints(db, SQL_POLICY_DEL, id, 1, NULL, e);
    if (!rc)
        rc = db_prepare(db, SQL_POLICY_INS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, p->flexible_allowed ? 1 : 0);
    db_bind_int(st, 3, p->min_onsite_pct);
    db_bind_int(st, 4, p->min_onsite_count);
    db_bind_int(st, 5, p->max_remote_days);
    db_bind_int(st, 6, p->start_from);
    db_bind_int(st, 7, p->start_to);
    db_bind_int(st, 8, p->core_from);
    db_bind_int(st, 9, p->core_to);
    db_bind_int(st, 10, p->fixed_start);
    db_bind_int(st, 11, p->remote_radius_m);
    db_bind_text(st, 12, p->timezone);
    db_bind_id_or_null(st, 13, p->updated_by);
    db_bind_int(st, 14, p->updated_at);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        return e->code;
    for (size_t i = 0; i < p->n_fences; i++) {
        const int64_t args[] = {unit_id, flexwork_e6(p->fences[i].lat),
                                flexwork_e6(p->fences[i].lon), (int64_t)p->fences[i].radius_m};

        rc = db_run_ints(db, SQL_FENCE_INS, args, 4, NULL, e);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < p->n_positions; i++) {
        const int64_t args[] = {unit_id, p->positions[i]};

        rc = db_run_ints(db, SQL_POSITION_INS, args, 2, NULL, e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

int flexwork_policy_allows(const struct flexwork_policy *p, int64_t position_id)
{
    if (!p->flexible_allowed || !position_id)
        return 0;
    for (size_t i = 0; i < p->n_positions; i++)
        if (p->positions[i] == position_id)
            return 1;
    return 0;
}

static const char SQL_RAMADAN[] =
    "SELECT count(*) FROM work_ramadan WHERE start_date <= CAST($1 AS TEXT)"
    " AND end_date >= CAST($1 AS TEXT)";

enum err_code flexwork_ramadan(struct db *db, const char *date, int *yes, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_RAMADAN, &st, e);
    int r;

    *yes = 0;
    if (rc)
        return rc;
    db_bind_text(st, 1, date);
    r = db_step(st, e);
    if (r == 1)
        *yes = db_col_int(st, 0) > 0;
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* ---- arrangements ---- */

#define A_COLS                                                                                     \
    "SELECT id, employee_id, valid_from, valid_to, status, note, decision_reason, created_by,"     \
    " created_at, decided_by, decided_at, approver_employee_id FROM work_arrangements"
static const char SQL_ARR_ON[] =
    A_COLS " WHERE employee_id = $1 AND status = 'approved' AND valid_from <= CAST($2 AS TEXT)"
           " AND (valid_to IS NULL OR valid_to >= CAST($2 AS TEXT)) ORDER BY valid_from DESC,"
           " id DESC LIMIT 1";
static const char SQL_ARR_PROPOSED[] =
    A_COLS " WHERE employee_id = $1 AND status = 'proposed' ORDER BY id DESC LIMIT 1";
static const char SQL_ARR_DAYS[] =
    "SELECT weekday, mode, place, lat_e6, lon_e6, flexible, start_min FROM work_arrangement_days"
    " WHERE arrangement_id = $1 ORDER BY weekday";

void flexwork_days_default(struct flexwork_arr_day days[7], int start)
{
    memset(days, 0, sizeof(struct flexwork_arr_day) * 7);
    for (int i = 0; i < 7; i++) {
        days[i].weekday = i + 1;
        memcpy(days[i].mode, "WFO", 4);
        days[i].start = start;
    }
}

static void read_arrangement(struct db_stmt *st, struct arena *a, void *out)
{
    struct flexwork_arrangement *x = out;

    x->id = db_col_int(st, 0);
    x->employee_id = db_col_int(st, 1);
    x->valid_from = db_col_text_copy(st, a, 2);
    x->valid_to = db_col_text_copy(st, a, 3);
    x->status = db_col_text_copy(st, a, 4);
    x->note = db_col_text_copy(st, a, 5);
    x->decision_reason = db_col_text_copy(st, a, 6);
    x->created_by = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
    x->created_at = db_col_int(st, 8);
    x->decided_by = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
    x->decided_at = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
    x->approver_employee_id = db_col_is_null(st, 11) ? 0 : db_col_int(st, 11);
}

/* The weekday rows of x (those missing stay WFO with the default start). */
static enum err_code load_days(struct db *db, struct arena *a, struct flexwork_arrangement *x,
                               struct err *e)
{
    struct db_stmt *st;
    int r;
    enum err_code rc;

    rc = db_prepare(db, SQL_ARR_DAYS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, x->id);
    while ((r = db_step(st, e)) == 1) {
        int w = (int)db_col_int(st, 0);
        struct flexwork_arr_day *d;
        const char *mode = db_col_text(st, 1);

        if (w < 1 || w > 7)
            continue;
        d = &x->days[w - 1];
        flexwork_mode_copy(d->mode, mode);
        d->place = db_col_text_copy(st, a, 2);
        d->has_point = !db_col_is_null(st, 3) && !db_col_is_null(st, 4);
        d->lat = d->has_point ? flexwork_from_e6(db_col_int(st, 3)) : 0;
        d->lon = d->has_point ? flexwork_from_e6(db_col_int(st, 4)) : 0;
        d->flexible = db_col_int(st, 5) != 0;
        d->start = (int)db_col_int(st, 6);
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

static enum err_code arrangement_one(struct db *db, struct arena *a, const char *sql,
                                     int64_t employee_id, const char *date,
                                     struct flexwork_arrangement *out, int *found, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    *found = 0;
    memset(out, 0, sizeof *out);
    flexwork_days_default(out->days, FLEXWORK_DEFAULT_START);
    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    if (date)
        db_bind_text(st, 2, date);
    r = db_step(st, e);
    if (r == 1) {
        read_arrangement(st, a, out);
        *found = 1;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (!*found)
        return ERR_OK;
    return load_days(db, a, out, e);
}

static const char SQL_INBOX[] =
    "SELECT a.id, a.employee_id, a.valid_from, a.valid_to, a.status, a.note, a.decision_reason,"
    " a.created_by, a.created_at, a.decided_by, a.decided_at, a.approver_employee_id, e.name"
    " FROM work_arrangements a JOIN employees e ON e.id = a.employee_id"
    " WHERE a.approver_employee_id = $1 AND a.status = 'proposed' ORDER BY a.id LIMIT 200";

static void read_inbox(struct db_stmt *st, struct arena *a, void *out)
{
    struct flexwork_arrangement *x = out;

    memset(x, 0, sizeof *x);
    flexwork_days_default(x->days, FLEXWORK_DEFAULT_START);
    read_arrangement(st, a, x);
    x->employee_name = db_col_text_copy(st, a, 12);
}

enum err_code flexwork_proposals_inbox(struct db *db, struct arena *a, int64_t approver_employee_id,
                                       struct flexwork_arrangement **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *v = NULL;
    enum err_code rc = db_prepare(db, SQL_INBOX, &st, e);

    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    db_bind_int(st, 1, approver_employee_id);
    rc = db_collect(st, a, sizeof(struct flexwork_arrangement), read_inbox, &v, n, e);
    *out = v;
    for (size_t i = 0; !rc && i < *n; i++)
        rc = load_days(db, a, &(*out)[i], e);
    return rc;
}

enum err_code flexwork_arrangement_on(struct db *db, struct arena *a, int64_t employee_id,
                                      const char *date, struct flexwork_arrangement *out,
                                      int *found, struct err *e)
{
    return arrangement_one(db, a, SQL_ARR_ON, employee_id, date, out, found, e);
}

enum err_code flexwork_arrangement_proposed(struct db *db, struct arena *a, int64_t employee_id,
                                            struct flexwork_arrangement *out, int *found,
                                            struct err *e)
{
    return arrangement_one(db, a, SQL_ARR_PROPOSED, employee_id, NULL, out, found, e);
}

static const char SQL_ARR_INS[] =
    "INSERT INTO work_arrangements (employee_id, valid_from, valid_to, status, note,"
    " decision_reason, created_by, created_at, decided_by, decided_at, approver_employee_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
static const char SQL_DAY_INS[] =
    "INSERT INTO work_arrangement_days (arrangement_id, weekday, mode, place, lat_e6, lon_e6,"
    " flexible, start_min) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
/* An approval ($3) from $2 on: approved ones starting on or after it are replaced, earlier
 * ones end the day before ($4); open proposals other than $3 are replaced. */
static const char SQL_ARR_REPLACE[] =
    "UPDATE work_arrangements SET status = 'replaced' WHERE employee_id = $1 AND id <> $3"
    " AND ((status = 'approved' AND valid_from >= CAST($2 AS TEXT)) OR status = 'proposed')";
/* A new proposal ($2) replaces the employee's open ones. */
static const char SQL_PROPOSALS_REPLACE[] =
    "UPDATE work_arrangements SET status = 'replaced' WHERE employee_id = $1 AND id <> $2"
    " AND status = 'proposed'";
static const char SQL_ARR_END[] =
    "UPDATE work_arrangements SET valid_to = CAST($4 AS TEXT) WHERE employee_id = $1"
    " AND id <> $3 AND status = 'approved' AND valid_from < CAST($2 AS TEXT)"
    " AND (valid_to IS NULL OR valid_to >= CAST($2 AS TEXT))";

static enum err_code supersede(struct db *db, const struct flexwork_arrangement *x, struct err *e)
{
    const char *sqls[] = {SQL_ARR_REPLACE, SQL_ARR_END};
    char before[11];
    int64_t day;

    if (calendar_day(x->valid_from, &day))
        return err_internal(e, "arrangement valid_from");
    flexwork_date_text(day - 1, before);
    for (size_t i = 0; i < 2; i++) {
        struct db_stmt *st;
        enum err_code rc = db_prepare(db, sqls[i], &st, e);
        int r;

        if (rc)
            return rc;
        db_bind_int(st, 1, x->employee_id);
        db_bind_text(st, 2, x->valid_from);
        db_bind_int(st, 3, x->id);
        if (i == 1)
            db_bind_text(st, 4, before);
        r = db_step(st, e);
        db_reset(st);
        if (r < 0)
            return e->code;
    }
    return ERR_OK;
}

enum err_code flexwork_arrangement_insert(struct db *db, struct flexwork_arrangement *x,
                                          struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_ARR_INS, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, x->employee_id);
    db_bind_text(st, 2, x->valid_from);
    db_bind_text(st, 3, x->valid_to);
    db_bind_text(st, 4, x->status);
    db_bind_text(st, 5, x->note);
    db_bind_text(st, 6, x->decision_reason);
    db_bind_id_or_null(st, 7, x->created_by);
    db_bind_int(st, 8, x->created_at);
    db_bind_id_or_null(st, 9, x->decided_by);
    if (x->decided_at)
        db_bind_int(st, 10, x->decided_at);
    else
        db_bind_null(st, 10);
    db_bind_id_or_null(st, 11, x->approver_employee_id);
    rc = db_step_id(st, &x->id, e);
    for (int i = 0; !rc && i < 7; i++) {
        const struct flexwork_arr_day *d = &x->days[i];
        int r;

        rc = db_prepare(db, SQL_DAY_INS, &st, e);
        if (rc)
            break;
        db_bind_int(st, 1, x->id);
        db_bind_int(st, 2, i + 1);
        db_bind_text(st, 3, d->mode);
        db_bind_text(st, 4, d->place);
        if (d->has_point) {
            db_bind_int(st, 5, flexwork_e6(d->lat));
            db_bind_int(st, 6, flexwork_e6(d->lon));
        } else {
            db_bind_null(st, 5);
            db_bind_null(st, 6);
        }
        db_bind_int(st, 7, d->flexible ? 1 : 0);
        db_bind_int(st, 8, d->start);
        r = db_step(st, e);
        db_reset(st);
        if (r < 0)
            rc = e->code;
    }
    if (!rc && strcmp(x->status, "approved") == 0)
        rc = supersede(db, x, e);
    if (!rc && strcmp(x->status, "proposed") == 0) {
        const int64_t args[] = {x->employee_id, x->id};

        rc = db_run_ints(db, SQL_PROPOSALS_REPLACE, args, 2, NULL, e);
    }
    return rc;
}

static const char SQL_ARR_DECIDE[] =
    "UPDATE work_arrangements SET status = $2, decision_reason = $3, decided_by = $4,"
    " decided_at = $5 WHERE id = $1 AND status = 'proposed'";

enum err_code flexwork_arrangement_decide(struct db *db, struct flexwork_arrangement *x,
                                          struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_ARR_DECIDE, &st, e);
    int r;
    int64_t changed;

    if (rc)
        return rc;
    db_bind_int(st, 1, x->id);
    db_bind_text(st, 2, x->status);
    db_bind_text(st, 3, x->decision_reason);
    db_bind_id_or_null(st, 4, x->decided_by);
    db_bind_int(st, 5, x->decided_at);
    r = db_step(st, e);
    changed = r < 0 ? 0 : db_changes(st);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (changed != 1)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Usulan sudah diputuskan");
    return strcmp(x->status, "approved") == 0 ? supersede(db, x, e) : ERR_OK;
}

/* ---- the day of one employee ---- */

static const char SQL_EMPLOYEE[] = "SELECT unit_id, position_id FROM employees WHERE id = $1";

enum err_code flexwork_employee_unit(struct db *db, int64_t employee_id, int64_t *unit_id,
                                     int64_t *position_id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_EMPLOYEE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    r = db_step(st, e);
    if (r == 1) {
        *unit_id = db_col_int(st, 0);
        *position_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (r == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    return ERR_OK;
}

/* The fence of a declared point, or none. */
static void point_fence(struct arena *a, struct flexwork_day *out, int has, double lat, double lon,
                        int radius)
{
    struct flexwork_fence *f;

    if (!has)
        return;
    f = arena_alloc(a, sizeof *f);
    f->lat = lat;
    f->lon = lon;
    f->radius_m = radius;
    out->fences = f;
    out->n_fences = 1;
}

enum err_code flexwork_day_get(struct db *db, struct arena *a, int64_t employee_id,
                               const char *date, struct flexwork_day *out, struct err *e)
{
    struct flexwork_policy p;
    struct flexwork_arrangement x;
    struct flexwork_request r;
    struct placement_assignment pa;
    int64_t unit_id = 0, position_id = 0, day, req_id = 0;
    int found = 0, ramadan = 0, work_days = 5, n = 0;
    const struct flexwork_arr_day *d = NULL;
    enum err_code rc;

    memset(out, 0, sizeof *out);
    memcpy(out->mode, "WFO", 4);
    if (calendar_day(date, &day))
        return err_invalid(e, "date", "Tanggal harus berformat YYYY-MM-DD");
    rc = flexwork_employee_unit(db, employee_id, &unit_id, &position_id, e);
    if (!rc)
        rc = placement_active_for(db, a, employee_id, date, &pa, &found, e);
    if (rc)
        return rc;
    if (found && pa.unit_id)
        unit_id = pa.unit_id;
    out->unit_id = unit_id;
    rc = flexwork_policy_get(db, a, unit_id, &p, e);
    if (!rc)
        rc = calendar_working_days(db, unit_id, date, date, &n, e);
    if (!rc)
        rc = calendar_unit_week(db, unit_id, &work_days, e);
    if (!rc)
        rc = flexwork_ramadan(db, date, &ramadan, e);
    if (!rc)
        rc = flexwork_arrangement_on(db, a, employee_id, date, &x, &found, e);
    if (!rc)
        rc = flexwork_request_approved_on(db, employee_id, date, &req_id, e);
    if (!rc && req_id)
        rc = flexwork_request_get(db, a, req_id, &r, e);
    if (rc)
        return rc;
    out->working = n == 1;
    out->timezone = p.timezone;
    out->utc_offset_min = flexwork_tz_offset(p.timezone);
    if (out->utc_offset_min < 0)
        out->utc_offset_min = 420;
    out->required_minutes =
        out->working ? flexwork_required_minutes(work_days, flexwork_weekday(day), ramadan) : 0;
    if (found)
        d = &x.days[flexwork_weekday(day) - 1];
    if (d && d->flexible && p.flexible_allowed) {
        out->flexible = 1;
        out->start_from = p.start_from;
        out->start_to = p.start_to;
    } else {
        int start = d ? d->start : p.fixed_start;

        if (ramadan && start == FLEXWORK_DEFAULT_START)
            start = FLEXWORK_RAMADAN_START;
        out->start_from = out->start_to = start;
    }
    out->core_from = p.core_from;
    out->core_to = p.core_to;
    if (req_id) {
        flexwork_mode_copy(out->mode, r.mode);
        out->place = r.place;
        if (flexwork_mode_remote(r.mode))
            point_fence(a, out, r.has_point, r.lat, r.lon, p.remote_radius_m);
    } else if (d) {
        flexwork_mode_copy(out->mode, d->mode);
        out->place = d->place;
        if (flexwork_mode_remote(d->mode))
            point_fence(a, out, d->has_point, d->lat, d->lon, p.remote_radius_m);
    }
    if (strcmp(out->mode, "WFO") == 0) {
        out->place = NULL;
        out->fences = p.fences;
        out->n_fences = p.n_fences;
    } else if (strcmp(out->mode, "WFA") != 0) {
        out->place = NULL;
    }
    return ERR_OK;
}
