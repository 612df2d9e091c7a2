/* extras_store.c - the SQL of what issue 4 left open (migration 0022): the collective-leave
 * days an employee worked through and the per-year setting that adds them to annual leave,
 * the sum of a PPPK's early annual leave, and the extension and return of a CLTN (guarded
 * updates: each only from the state it was read in). Nothing here checks scope. */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <stdio.h>
#include <string.h>

static const char SQL_WORKED[] =
    "SELECT worked_on FROM leave_collective_worked WHERE employee_id = $1 AND year = $2"
    " ORDER BY worked_on LIMIT 400";
static const char SQL_WORKED_ADD[] =
    "INSERT INTO leave_collective_worked (employee_id, worked_on, year, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (employee_id, worked_on) DO NOTHING";
static const char SQL_WORKED_REMOVE[] =
    "DELETE FROM leave_collective_worked WHERE employee_id = $1 AND worked_on = $2";
static const char SQL_WORKED_YEARS[] =
    "SELECT year, count(*) FROM leave_collective_worked WHERE employee_id = $1"
    " AND year >= $2 AND year <= $3 GROUP BY year";
static const char SQL_EARLY[] =
    "SELECT COALESCE(sum(charged_days), 0) FROM leave_requests WHERE employee_id = $1"
    " AND id <> $2 AND type = 'tahunan' AND early_reason IS NOT NULL"
    " AND status IN ('pending_supervisor', 'pending_official', 'approved')";
static const char SQL_EXTEND[] =
    "UPDATE leave_requests SET cltn_extended_from = end_date, cltn_extension_reason = $3,"
    " end_date = $2, working_days = $4, calendar_days = $5, updated_at = $6"
    " WHERE id = $1 AND type = 'cltn' AND status = 'approved' AND end_date = $7"
    " AND cltn_extended_from IS NULL AND cltn_returned_on IS NULL";
/* an early return ends the CLTN the day before (the old end kept in shortened_from) */
static const char SQL_RETURN[] =
    "UPDATE leave_requests SET cltn_returned_on = $2, cltn_return_late = $3,"
    " shortened_from = CASE WHEN end_date = $4 THEN shortened_from ELSE end_date END,"
    " end_date = $4, working_days = $5, calendar_days = $6, updated_at = $7"
    " WHERE id = $1 AND type = 'cltn' AND status = 'approved' AND cltn_returned_on IS NULL";
static const char SQL_ACTIVE_AGAIN[] =
    "UPDATE employees SET state = 'active', updated_at = $2 WHERE id = $1 AND state = 'cltn'";

static void read_text(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_text_copy(st, a, 0);
}

enum err_code leave_worked_list(struct db *db, struct arena *a, int64_t employee_id, int year,
                                const char ***dates, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_WORKED, &st, e);

    *dates = NULL;
    *n = 0;
    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_int(st, 2, year);
    rc = db_collect(st, a, sizeof(const char *), read_text, &found, n, e);
    *dates = found;
    return rc;
}

enum err_code leave_worked_add(struct db *db, int64_t employee_id, int year,
                               const char *const *dates, size_t n, int64_t user_id, int64_t now,
                               int *added, struct err *e)
{
    *added = 0;
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st;
        enum err_code rc = db_prepare(db, SQL_WORKED_ADD, &st, e);
        int x;

        if (rc)
            return rc;
        db_bind_int(st, 1, employee_id);
        db_bind_text(st, 2, dates[i]);
        db_bind_int(st, 3, year);
        db_bind_int(st, 4, user_id);
        db_bind_int(st, 5, now);
        x = db_step(st, e);
        if (x >= 0)
            *added += (int)db_changes(st);
        db_reset(st);
        if (x < 0)
            return e->code;
    }
    return ERR_OK;
}

enum err_code leave_worked_remove(struct db *db, int64_t employee_id, const char *date,
                                  int *removed, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_WORKED_REMOVE, &st, e);
    int x;

    *removed = 0;
    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, date);
    x = db_step(st, e);
    if (x >= 0)
        *removed = (int)db_changes(st);
    db_reset(st);
    return x < 0 ? e->code : ERR_OK;
}

static void setting_key(int year, char key[48])
{
    snprintf(key, 48, "leave.collective_worked_adds.%04d", year % 10000);
}

enum err_code leave_worked_adds(struct db *db, int year, int *on, struct err *e)
{
    char key[48];
    int64_t v = 1;
    enum err_code rc;

    setting_key(year, key);
    rc = db_setting_int(db, key, 1, &v, e);
    *on = v != 0;
    return rc;
}

enum err_code leave_worked_adds_set(struct db *db, int year, int on, struct err *e)
{
    char key[48];

    setting_key(year, key);
    return db_setting_set(db, key, on ? "1" : "0", e);
}

enum err_code leave_worked_history(struct db *db, int64_t employee_id, struct leave_year *ys,
                                   size_t n, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc;
    int x;

    if (n == 0)
        return ERR_OK;
    rc = db_prepare(db, SQL_WORKED_YEARS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_int(st, 2, ys[0].year);
    db_bind_int(st, 3, ys[n - 1].year);
    while ((x = db_step(st, e)) == 1) {
        int64_t at = db_col_int(st, 0) - ys[0].year;

        if (at >= 0 && (size_t)at < n)
            ys[at].worked = (int)db_col_int(st, 1);
    }
    db_reset(st);
    if (x < 0)
        return e->code;
    /* the setting only for the years with days: one look-up per such year */
    for (size_t i = 0; !rc && i < n; i++)
        if (ys[i].worked)
            rc = leave_worked_adds(db, ys[i].year, &ys[i].worked_adds, e);
    return rc;
}

enum err_code leave_early_days(struct db *db, int64_t employee_id, int64_t except_id, int *days,
                               struct err *e)
{
    const int64_t args[] = {employee_id, except_id};
    int64_t v = 0;
    enum err_code rc = db_value_int(db, SQL_EARLY, args, 2, 0, &v, e);

    *days = (int)v;
    return rc;
}

static enum err_code changed_one(struct db_stmt *st, struct err *e)
{
    int64_t changed = 0;
    int x = db_step(st, e);

    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    return changed == 1 ? ERR_OK
                        : err_set(e, ERR_CONFLICT, "leave_not_pending",
                                  NULL, "Permohonan cuti sudah diproses");
}

enum err_code leave_cltn_extend(struct db *db, const struct leave_request *r, const char *old_end,
                                const char *reason, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_EXTEND, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->end_date);
    db_bind_text(st, 3, reason);
    db_bind_int(st, 4, r->working_days);
    db_bind_int(st, 5, r->calendar_days);
    db_bind_int(st, 6, now);
    db_bind_text(st, 7, old_end);
    return changed_one(st, e);
}

enum err_code leave_cltn_return(struct db *db, const struct leave_request *r, const char *on,
                                int late, int64_t now, struct err *e)
{
    const int64_t args[] = {r->employee_id, now};
    struct db_stmt *st;
    int64_t changed = 0;
    enum err_code rc = db_prepare(db, SQL_RETURN, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, on);
    db_bind_int(st, 3, late ? 1 : 0);
    db_bind_text(st, 4, r->end_date);
    db_bind_int(st, 5, r->working_days);
    db_bind_int(st, 6, r->calendar_days);
    db_bind_int(st, 7, now);
    rc = changed_one(st, e);
    if (!rc)
        rc = db_run_ints(db, SQL_ACTIVE_AGAIN, args, 2, &changed, e);
    if (!rc && changed != 1)
        rc = err_set(e, ERR_CONFLICT, "employee_not_cltn", NULL,
                     "Status kepegawaian pegawai bukan CLTN");
    return rc;
}
