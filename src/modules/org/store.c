/* store.c - all SQL of the organisation module: units (with their ancestors and what keeps
 * them from closing) and positions (with the chain of supervising posts). Statements are
 * static text with bound parameters; nothing here decides scope (the handlers do). */
#include "modules/org/org.h"

#include <string.h>

#include "core/mem.h"

#define UNIT_COLS "id, parent_id, code, name, kind, siasn_unor_id, closed_on, closed_reason"

static const char SQL_ALL[] = "SELECT " UNIT_COLS " FROM units ORDER BY code";
static const char SQL_SUBTREE[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT u.id, sub.depth + 1 FROM units u JOIN sub ON u.parent_id = sub.id"
    " WHERE sub.depth < 64)"
    " SELECT " UNIT_COLS " FROM units WHERE id IN (SELECT id FROM sub) ORDER BY code";
static const char SQL_ONE[] = "SELECT " UNIT_COLS " FROM units WHERE id = $1";
static const char SQL_BY_CODE[] = "SELECT " UNIT_COLS " FROM units WHERE code = $1";
static const char SQL_INSERT[] =
    "INSERT INTO units (parent_id, code, name, kind, siasn_unor_id, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_UPDATE[] =
    "UPDATE units SET parent_id = $2, code = $3, name = $4, siasn_unor_id = $5 WHERE id = $1";
static const char SQL_CLOSE[] =
    "UPDATE units SET closed_on = $2, closed_reason = $3 WHERE id = $1 AND closed_on IS NULL";
static const char SQL_ANCESTORS[] =
    "WITH RECURSIVE up(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id"
    " WHERE up.depth < 64)"
    " SELECT id FROM up ORDER BY depth";
static const char SQL_OUTSIDE_LINKS[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"
    " WHERE sub.depth < 64)"
    " SELECT p.id, p.name, p.unit_id, u.name, s.id, s.name, s.unit_id, su.name"
    " FROM positions p JOIN units u ON u.id = p.unit_id"
    " JOIN positions s ON s.id = p.parent_position_id JOIN units su ON su.id = s.unit_id"
    " WHERE p.unit_id IN (SELECT id FROM sub) AND s.unit_id NOT IN (SELECT id FROM sub)"
    " ORDER BY u.code, p.name, p.id";
static const char SQL_OPEN_CHILDREN[] =
    "SELECT count(*) FROM units WHERE parent_id = $1 AND closed_on IS NULL";
static const char SQL_ACTIVE_EMPLOYEES[] =
    "SELECT count(*) FROM employees WHERE unit_id = $1"
    " AND state IN ('active', 'cltn', 'seconded')";
static const char SQL_IS_CLOSED[] =
    "SELECT CASE WHEN closed_on IS NULL THEN 0 ELSE 1 END FROM units WHERE id = $1";

#define POS_COLS                                                                              \
    "p.id, p.unit_id, p.name, p.kind, p.kelas_jabatan, p.needed, p.bup_age,"                \
    " p.siasn_jabatan_id, p.parent_position_id, u.name, pp.name"
#define POS_FROM                                                                              \
    " FROM positions p JOIN units u ON u.id = p.unit_id"                                      \
    " LEFT JOIN positions pp ON pp.id = p.parent_position_id"

static const char SQL_POS_ONE[] = "SELECT " POS_COLS POS_FROM " WHERE p.id = $1";
static const char SQL_POS_LIST[] =
    "SELECT " POS_COLS POS_FROM " WHERE p.unit_id = $1 ORDER BY p.name, p.id";
static const char SQL_POS_INSERT[] =
    "INSERT INTO positions (unit_id, name, kind, kelas_jabatan, needed, bup_age,"
    " siasn_jabatan_id, parent_position_id, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
static const char SQL_POS_UPDATE[] =
    "UPDATE positions SET name = $2, kind = $3, kelas_jabatan = $4, needed = $5, bup_age = $6,"
    " siasn_jabatan_id = $7, parent_position_id = $8 WHERE id = $1";
static const char SQL_POS_CHAIN[] =
    "WITH RECURSIVE up(id, parent_id, depth) AS ("
    " SELECT id, parent_position_id, 0 FROM positions WHERE id = $1"
    " UNION ALL SELECT p.id, p.parent_position_id, up.depth + 1 FROM positions p"
    " JOIN up ON p.id = up.parent_id WHERE up.depth < 64)"
    " SELECT id FROM up ORDER BY depth";
static const char SQL_POS_DETACH[] =
    "UPDATE positions SET parent_position_id = NULL WHERE id = $1 AND parent_position_id = $2";
static const char SQL_POS_SUPERVISOR[] =
    "SELECT COALESCE(parent_position_id, 0) FROM positions WHERE id = $1";
#define POS_SUB                                                                               \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)" \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"     \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64) "
#define POS_WHERE                                                                             \
    " WHERE p.unit_id IN (SELECT id FROM sub)"                                                \
    " AND (CAST($3 AS TEXT) = '' OR p.kind = CAST($3 AS TEXT))"
static const char SQL_POS_SEARCH[] =
    POS_SUB "SELECT " POS_COLS POS_FROM POS_WHERE
    " ORDER BY u.code, p.kelas_jabatan DESC, p.name, p.id LIMIT $4 OFFSET $5";
static const char SQL_POS_COUNT[] = POS_SUB "SELECT count(*)" POS_FROM POS_WHERE;

static void read_unit(struct db_stmt *st, struct arena *a, void *out)
{
    struct org_unit *u = out;

    u->id = db_col_int(st, 0);
    u->parent_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    u->code = arena_strdup(a, db_col_text(st, 2));
    u->name = arena_strdup(a, db_col_text(st, 3));
    u->kind = arena_strdup(a, db_col_text(st, 4));
    u->siasn_unor_id = db_col_text_copy(st, a, 5);
    u->closed_on = db_col_text_copy(st, a, 6);
    u->closed_reason = db_col_text_copy(st, a, 7);
}

static void read_id(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

/* The ids sql gives for $1 = id, in order. */
static enum err_code ids_of(struct db *db, struct arena *a, const char *sql, int64_t id,
                            int64_t **ids, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *items = NULL;
    enum err_code rc = db_prepare(db, sql, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_collect(st, a, sizeof **ids, read_id, &items, n, e);
    if (!rc)
        *ids = items;
    return rc;
}

/* Step a write statement once; a unique-key clash becomes 409 duplicate_code. */
static enum err_code write_unit(struct db_stmt *st, int64_t *id_out, struct err *e)
{
    int r = db_step(st, e);

    if (r == 1 && id_out)
        *id_out = db_col_int(st, 0);
    db_reset(st);
    if (r < 0 && e->code == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "duplicate_code", "code", "Kode unit sudah dipakai");
    if (r < 0)
        return e->code;
    if (id_out && r != 1)
        return err_set(e, ERR_INTERNAL, "internal", NULL, "insert");
    return ERR_OK;
}

enum err_code org_units_list(struct db *db, struct arena *a, int64_t root, int subtree,
                             struct org_unit **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    struct org_unit *units;
    void *items = NULL;
    enum err_code rc;

    if (root != 0 && !subtree) {
        units = arena_alloc(a, sizeof *units);
        rc = org_unit_get(db, a, root, units, e);
        if (rc == ERR_NOT_FOUND) {
            *out = NULL;
            *n = 0;
            return ERR_OK;
        }
        if (rc)
            return rc;
        *out = units;
        *n = 1;
        return ERR_OK;
    }
    rc = db_prepare(db, root ? SQL_SUBTREE : SQL_ALL, &st, e);
    if (rc)
        return rc;
    if (root)
        db_bind_int(st, 1, root);
    rc = db_collect(st, a, sizeof **out, read_unit, &items, n, e);
    if (!rc)
        *out = items;
    return rc;
}

enum err_code org_unit_get(struct db *db, struct arena *a, int64_t id, struct org_unit *out,
                           struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_unit, out, "Unit tidak ditemukan", e);
}

enum err_code org_unit_by_code(struct db *db, struct arena *a, const char *code,
                               struct org_unit *out, struct err *e)
{
    return db_fetch_one(db, SQL_BY_CODE, 0, code, a, read_unit, out, "Unit tidak ditemukan", e);
}

enum err_code org_unit_insert(struct db *db, const struct org_unit *u, int64_t now,
                              int64_t *id_out, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_id_or_null(st, 1, u->parent_id);
    db_bind_text(st, 2, u->code);
    db_bind_text(st, 3, u->name);
    db_bind_text(st, 4, u->kind);
    db_bind_text(st, 5, u->siasn_unor_id);
    db_bind_int(st, 6, now);
    return write_unit(st, id_out, e);
}

enum err_code org_unit_update(struct db *db, const struct org_unit *u, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_UPDATE, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, u->id);
    db_bind_id_or_null(st, 2, u->parent_id);
    db_bind_text(st, 3, u->code);
    db_bind_text(st, 4, u->name);
    db_bind_text(st, 5, u->siasn_unor_id);
    return write_unit(st, NULL, e);
}

enum err_code org_unit_close(struct db *db, int64_t id, const char *date, const char *reason,
                             struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_CLOSE, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, date);
    db_bind_text(st, 3, reason);
    return write_unit(st, NULL, e);
}

enum err_code org_unit_ancestors(struct db *db, struct arena *a, int64_t id, int64_t **ids,
                                 size_t *n, struct err *e)
{
    return ids_of(db, a, SQL_ANCESTORS, id, ids, n, e);
}

static void read_link(struct db_stmt *st, struct arena *a, void *out)
{
    struct org_supervisor_link *l = out;

    l->position_id = db_col_int(st, 0);
    l->position_name = arena_strdup(a, db_col_text(st, 1));
    l->unit_id = db_col_int(st, 2);
    l->unit_name = arena_strdup(a, db_col_text(st, 3));
    l->supervisor_id = db_col_int(st, 4);
    l->supervisor_name = arena_strdup(a, db_col_text(st, 5));
    l->supervisor_unit_id = db_col_int(st, 6);
    l->supervisor_unit_name = arena_strdup(a, db_col_text(st, 7));
    l->broken = 0;
}

enum err_code org_unit_outside_links(struct db *db, struct arena *a, int64_t id,
                                     struct org_supervisor_link **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *items = NULL;
    enum err_code rc = db_prepare(db, SQL_OUTSIDE_LINKS, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_collect(st, a, sizeof **out, read_link, &items, n, e);
    if (!rc)
        *out = items;
    return rc;
}

enum err_code org_unit_usage(struct db *db, int64_t id, int64_t *open_children,
                             int64_t *active_employees, struct err *e)
{
    enum err_code rc = db_value_int(db, SQL_OPEN_CHILDREN, &id, 1, 0, open_children, e);

    if (!rc)
        rc = db_value_int(db, SQL_ACTIVE_EMPLOYEES, &id, 1, 0, active_employees, e);
    return rc;
}

enum err_code org_unit_open_check(struct db *db, int64_t unit_id, struct err *e)
{
    int64_t closed = -1;
    enum err_code rc = db_value_int(db, SQL_IS_CLOSED, &unit_id, 1, -1, &closed, e);

    if (rc)
        return rc;
    if (closed < 0)
        return err_set(e, ERR_INVALID, "validation_failed", "unit_id", "Unit tidak ditemukan");
    if (closed)
        return err_set(e, ERR_INVALID, "validation_failed", "unit_id", "Unit sudah ditutup");
    return ERR_OK;
}

static void read_position(struct db_stmt *st, struct arena *a, void *out)
{
    struct org_position *p = out;

    p->id = db_col_int(st, 0);
    p->unit_id = db_col_int(st, 1);
    p->name = arena_strdup(a, db_col_text(st, 2));
    p->kind = arena_strdup(a, db_col_text(st, 3));
    p->kelas_jabatan = (int)db_col_int(st, 4);
    p->needed = (int)db_col_int(st, 5);
    p->bup_age = (int)db_col_int(st, 6);
    p->siasn_jabatan_id = db_col_text_copy(st, a, 7);
    p->parent_position_id = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
    p->unit_name = db_col_text_copy(st, a, 9);
    p->parent_position_name = db_col_text_copy(st, a, 10);
}

enum err_code org_position_get(struct db *db, struct arena *a, int64_t id,
                               struct org_position *out, struct err *e)
{
    return db_fetch_one(db, SQL_POS_ONE, id, NULL, a, read_position, out,
                        "Jabatan tidak ditemukan", e);
}

enum err_code org_positions_list(struct db *db, struct arena *a, int64_t unit_id,
                                 struct org_position **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *items = NULL;
    enum err_code rc = db_prepare(db, SQL_POS_LIST, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    rc = db_collect(st, a, sizeof **out, read_position, &items, n, e);
    if (!rc)
        *out = items;
    return rc;
}

enum err_code org_position_insert(struct db *db, const struct org_position *p, int64_t now,
                                  int64_t *id_out, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_POS_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, p->unit_id);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->kind);
    db_bind_int(st, 4, p->kelas_jabatan);
    db_bind_int(st, 5, p->needed);
    db_bind_int(st, 6, p->bup_age);
    db_bind_text(st, 7, p->siasn_jabatan_id);
    db_bind_id_or_null(st, 8, p->parent_position_id);
    db_bind_int(st, 9, now);
    return db_step_id(st, id_out, e);
}

static void bind_query(struct db_stmt *st, const struct org_position_query *q)
{
    db_bind_int(st, 1, q->unit_id);
    db_bind_int(st, 2, q->subtree ? 1 : 0);
    db_bind_text(st, 3, q->kind ? q->kind : "");
}

enum err_code org_positions_search(struct db *db, struct arena *a,
                                   const struct org_position_query *q,
                                   struct org_position **out, size_t *n, int64_t *total,
                                   struct err *e)
{
    struct db_stmt *st;
    void *items = NULL;
    enum err_code rc = db_prepare(db, SQL_POS_COUNT, &st, e);
    int r;

    if (rc)
        return rc;
    bind_query(st, q);
    r = db_step(st, e);
    *total = r == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (r < 0)
        return e->code;
    rc = db_prepare(db, SQL_POS_SEARCH, &st, e);
    if (rc)
        return rc;
    bind_query(st, q);
    db_bind_int(st, 4, q->per_page);
    db_bind_int(st, 5, (q->page - 1) * q->per_page);
    rc = db_collect(st, a, sizeof **out, read_position, &items, n, e);
    if (!rc)
        *out = items;
    return rc;
}

enum err_code org_position_update(struct db *db, const struct org_position *p, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_POS_UPDATE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, p->id);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->kind);
    db_bind_int(st, 4, p->kelas_jabatan);
    db_bind_int(st, 5, p->needed);
    db_bind_int(st, 6, p->bup_age);
    db_bind_text(st, 7, p->siasn_jabatan_id);
    db_bind_id_or_null(st, 8, p->parent_position_id);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code org_position_chain(struct db *db, struct arena *a, int64_t id, int64_t **ids,
                                 size_t *n, struct err *e)
{
    return ids_of(db, a, SQL_POS_CHAIN, id, ids, n, e);
}

enum err_code org_position_detach_supervisor(struct db *db, int64_t position_id,
                                             int64_t supervisor_id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_POS_DETACH, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, position_id);
    db_bind_int(st, 2, supervisor_id);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code org_position_supervisor(struct db *db, int64_t position_id,
                                      int64_t *parent_position_id, struct err *e)
{
    int64_t v = -1;
    enum err_code rc = db_value_int(db, SQL_POS_SUPERVISOR, &position_id, 1, -1, &v, e);

    if (rc)
        return rc;
    if (v < 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Jabatan tidak ditemukan");
    *parent_position_id = v;
    return ERR_OK;
}
