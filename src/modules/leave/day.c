/* day.c - approved leave on a day and over a range, for the attendance module (leave_day.h). */
#include "modules/leave/leave_day.h"

#include <string.h>

static const char SQL_ON_DAY[] =
    "SELECT type FROM leave_requests WHERE employee_id = $1 AND status = 'approved'"
    " AND start_date <= $2 AND end_date >= $2 ORDER BY start_date LIMIT 1";
static const char SQL_SPANS[] =
    "SELECT employee_id, start_date, end_date, type FROM leave_requests WHERE status = 'approved'"
    " AND start_date <= $2 AND end_date >= $1 ORDER BY employee_id, start_date";

enum err_code leave_on_day(struct db *db, int64_t employee_id, const char *date, const char **type,
                           struct arena *a, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_ON_DAY, &st, e);
    int got;

    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, date);
    got = db_step(st, e);
    *type = got == 1 ? db_col_text_copy(st, a, 0) : NULL;
    db_reset(st);
    return got < 0 ? e->code : ERR_OK;
}

static void read_span(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_span *s = out;

    s->employee_id = db_col_int(st, 0);
    s->start_date = db_col_text_copy(st, a, 1);
    s->end_date = db_col_text_copy(st, a, 2);
    s->type = db_col_text_copy(st, a, 3);
}

enum err_code leave_spans(struct db *db, struct arena *a, const char *from, const char *to,
                          struct leave_span **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_SPANS, &st, e);

    if (rc)
        return rc;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    return db_collect(st, a, sizeof **out, read_span, (void **)out, n, e);
}
