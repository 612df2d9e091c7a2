/* report.c - the SQL of the leave outputs: who signed a request's final approval (from the
 * step history), the OPD above a unit (the letter's header), the unit leave calendar and the
 * yearly recap rows. Static statements; scope is decided by the handlers (report_api.c). */
#include "modules/leave/leave_report.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "modules/leave/leave.h"

/* "dr. Budi Santoso, M.Kes." from e.gelar_depan, e.name, e.gelar_belakang */
#define FULL_NAME                                                                                  \
    "COALESCE(e.gelar_depan || ' ', '') || e.name || COALESCE(', ' || e.gelar_belakang, '')"

#define SUBTREE                                                                                    \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64) "

/* The signer columns the final approval stores on the request (docs/api-leave.md "Tables"). */
static const char SQL_SIGNER[] =
    "SELECT r.signer_employee_id, r.signer_acting, r.signer_position_id, " FULL_NAME ","
    " e.nip, p.name, pe.name, r.approved_on"
    " FROM leave_requests r"
    " LEFT JOIN employees e ON e.id = r.signer_employee_id"
    " LEFT JOIN positions p ON p.id = r.signer_position_id"
    " LEFT JOIN positions pe ON pe.id = e.position_id"
    " WHERE r.id = $1 AND r.signer_user_id IS NOT NULL";

static void read_signer(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_signer *s = out;

    memset(s, 0, sizeof *s);
    s->employee_id = db_col_int(st, 0);
    s->acting = db_col_text_copy(st, a, 1);
    s->position_id = db_col_int(st, 2);
    s->bkpsdm = db_col_is_null(st, 2);
    s->name = db_col_text_copy(st, a, 3);
    s->nip = db_col_text_copy(st, a, 4);
    /* the post decided for; else (BKPSDM) the decider's own post */
    s->position_name = db_col_text_copy(st, a, 5);
    if (!s->position_name)
        s->position_name = db_col_text_copy(st, a, 6);
    s->approved_on = db_col_text_copy(st, a, 7);
}

enum err_code leave_report_signer(struct db *db, struct arena *a, int64_t request_id,
                                  struct leave_signer *out, struct err *e)
{
    return db_fetch_one(db, SQL_SIGNER, request_id, NULL, a, read_signer, out,
                        "Persetujuan akhir tidak ditemukan", e);
}

/* The chain from unit_id up: the OPD is the unit whose parent is the root. */
static const char SQL_OPD[] =
    "WITH RECURSIVE up(id, parent_id, name, depth) AS ("
    " SELECT id, parent_id, name, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT u.id, u.parent_id, u.name, up.depth + 1 FROM units u"
    " JOIN up ON u.id = up.parent_id WHERE up.depth < 64)"
    " SELECT up.name FROM up JOIN units p ON p.id = up.parent_id WHERE p.parent_id IS NULL";

static void read_name(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_text_copy(st, a, 0);
}

enum err_code leave_report_opd(struct db *db, struct arena *a, int64_t unit_id, const char **name,
                               struct err *e)
{
    enum err_code rc = db_fetch_one(db, SQL_OPD, unit_id, NULL, a, read_name, name, "", e);

    if (rc == ERR_NOT_FOUND) {
        *name = NULL;
        err_clear(e);
        return ERR_OK;
    }
    return rc;
}

static const char SQL_CALENDAR[] =
    SUBTREE "SELECT r.id, r.employee_id, e.unit_id, " FULL_NAME ", e.nip, u.name, r.type,"
            " r.start_date, r.end_date, r.status, r.working_days"
            " FROM leave_requests r JOIN employees e ON e.id = r.employee_id"
            " JOIN units u ON u.id = e.unit_id"
            " WHERE e.unit_id IN (SELECT id FROM sub)"
            " AND r.status IN ('pending_supervisor', 'pending_official', 'approved')"
            " AND r.start_date <= $4 AND r.end_date >= $3"
            " ORDER BY r.start_date, e.name, r.id LIMIT 5001";

static void read_cal(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_cal_row *r = out;

    memset(r, 0, sizeof *r);
    r->request_id = db_col_int(st, 0);
    r->employee_id = db_col_int(st, 1);
    r->unit_id = db_col_int(st, 2);
    r->employee_name = db_col_text_copy(st, a, 3);
    r->employee_nip = db_col_text_copy(st, a, 4);
    r->unit_name = db_col_text_copy(st, a, 5);
    r->type = db_col_text_copy(st, a, 6);
    r->start_date = db_col_text_copy(st, a, 7);
    r->end_date = db_col_text_copy(st, a, 8);
    r->status = db_col_text_copy(st, a, 9);
    r->working_days = (int)db_col_int(st, 10);
}

enum err_code leave_calendar_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                  const char *from, const char *to, struct leave_cal_row **out,
                                  size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_CALENDAR, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    rc = db_collect(st, a, sizeof(struct leave_cal_row), read_cal, &found, n, e);
    if (!rc)
        *out = found;
    return rc;
}

static const char SQL_RECAP_EMPLOYEES[] =
    SUBTREE "SELECT e.id, e.nip, " FULL_NAME ", u.name FROM employees e"
            " JOIN units u ON u.id = e.unit_id"
            " WHERE e.unit_id IN (SELECT id FROM sub) AND e.state = 'active'"
            " ORDER BY e.id LIMIT 20001";

/* Working days of approved requests starting in the year ($3, $4: first and last day). */
static const char SQL_RECAP_DAYS[] =
    SUBTREE "SELECT r.employee_id, r.type, sum(r.working_days) FROM leave_requests r"
            " JOIN employees e ON e.id = r.employee_id"
            " WHERE e.unit_id IN (SELECT id FROM sub) AND e.state = 'active'"
            " AND r.status = 'approved' AND r.start_date >= $3 AND r.start_date <= $4"
            " GROUP BY r.employee_id, r.type ORDER BY r.employee_id";

static void read_recap(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_recap_row *r = out;

    memset(r, 0, sizeof *r);
    r->employee_id = db_col_int(st, 0);
    r->nip = db_col_text_copy(st, a, 1);
    r->name = db_col_text_copy(st, a, 2);
    r->unit_name = db_col_text_copy(st, a, 3);
}

static int by_unit_name(const void *x, const void *y)
{
    const struct leave_recap_row *a = x, *b = y;
    int c = strcmp(a->unit_name, b->unit_name);

    if (!c)
        c = strcmp(a->name, b->name);
    return c ? c : (a->employee_id > b->employee_id) - (a->employee_id < b->employee_id);
}

enum err_code leave_recap_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                               int year, struct leave_recap_row **out, size_t *n, struct err *e)
{
    struct leave_recap_row *rows = NULL;
    struct db_stmt *st;
    void *found = NULL;
    size_t at = 0;
    int r;
    enum err_code rc = db_prepare(db, SQL_RECAP_EMPLOYEES, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    rc = db_collect(st, a, sizeof *rows, read_recap, &found, n, e);
    if (rc)
        return rc;
    rows = found;
    if (*n > LEAVE_RECAP_MAX || *n == 0) {
        *out = rows;
        return ERR_OK;
    }
    rc = db_prepare(db, SQL_RECAP_DAYS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    db_bind_text(st, 3, arena_printf(a, "%04d-01-01", year));
    db_bind_text(st, 4, arena_printf(a, "%04d-12-31", year));
    while ((r = db_step(st, e)) == 1) {
        int64_t id = db_col_int(st, 0);
        enum leave_type t = leave_type_parse(db_col_text(st, 1));

        while (at < *n && rows[at].employee_id < id)
            at++;
        if (at < *n && rows[at].employee_id == id && t > LEAVE_NONE && t < LEAVE_RECAP_TYPES)
            rows[at].days[t] += (int)db_col_int(st, 2);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    qsort(rows, *n, sizeof *rows, by_unit_name);
    *out = rows;
    return ERR_OK;
}
