/* vacancy_store.c - the SQL of the vacancy report: every position of a unit subtree with the
 * count of active employees whose current position it is (employees.position_id repeats the
 * newest position history row). Static statements; scope is decided by the handler. */
#include "modules/org/org.h"

#include <string.h>

static const char SQL_VACANCIES[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64)"
    " SELECT p.id, p.unit_id, u.code, u.name, p.name, p.kind, p.kelas_jabatan, p.needed,"
    " (SELECT count(*) FROM employees e WHERE e.position_id = p.id AND e.state = 'active')"
    " FROM positions p JOIN units u ON u.id = p.unit_id"
    " WHERE CAST($1 AS BIGINT) = 0 OR p.unit_id IN (SELECT id FROM sub)"
    " ORDER BY u.code, p.name, p.id";

static void read_vacancy(struct db_stmt *st, struct arena *a, void *out)
{
    struct org_vacancy *v = out;

    memset(v, 0, sizeof *v);
    v->position_id = db_col_int(st, 0);
    v->unit_id = db_col_int(st, 1);
    v->unit_code = arena_strdup(a, db_col_text(st, 2));
    v->unit_name = arena_strdup(a, db_col_text(st, 3));
    v->position_name = arena_strdup(a, db_col_text(st, 4));
    v->kind = arena_strdup(a, db_col_text(st, 5));
    v->kelas_jabatan = (int)db_col_int(st, 6);
    v->needed = db_col_int(st, 7);
    v->filled = db_col_int(st, 8);
    org_vacancy_compute(v);
}

enum err_code org_vacancy_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                               struct org_vacancy **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_VACANCIES, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    rc = db_collect(st, a, sizeof(struct org_vacancy), read_vacancy, &found, n, e);
    if (!rc)
        *out = found;
    return rc;
}
