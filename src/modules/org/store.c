/* store.c - all SQL of the organisation module: units and positions. Statements are static
 * text with bound parameters; nothing here decides scope (the handlers do). */
#include "modules/org/org.h"

#include <string.h>

#include "core/mem.h"

#define UNIT_COLS "id, parent_id, code, name, kind"

static const char SQL_ALL[] = "SELECT " UNIT_COLS " FROM units ORDER BY code";
static const char SQL_SUBTREE[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT u.id, sub.depth + 1 FROM units u JOIN sub ON u.parent_id = sub.id"
    " WHERE sub.depth < 64)"
    " SELECT " UNIT_COLS " FROM units WHERE id IN (SELECT id FROM sub) ORDER BY code";
static const char SQL_ONE[] = "SELECT " UNIT_COLS " FROM units WHERE id = $1";
static const char SQL_BY_CODE[] = "SELECT " UNIT_COLS " FROM units WHERE code = $1";
static const char SQL_INSERT[] =
    "INSERT INTO units (parent_id, code, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)"
    " RETURNING id";

#define POS_COLS "id, unit_id, name, kind, kelas_jabatan, needed, bup_age, siasn_jabatan_id"

static const char SQL_POS_ONE[] = "SELECT " POS_COLS " FROM positions WHERE id = $1";
static const char SQL_POS_LIST[] =
    "SELECT " POS_COLS " FROM positions WHERE unit_id = $1 ORDER BY name, id";
static const char SQL_POS_INSERT[] =
    "INSERT INTO positions (unit_id, name, kind, kelas_jabatan, needed, bup_age,"
    " siasn_jabatan_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

static void read_unit(struct db_stmt *st, struct arena *a, void *out)
{
    struct org_unit *u = out;

    u->id = db_col_int(st, 0);
    u->parent_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    u->code = arena_strdup(a, db_col_text(st, 2));
    u->name = arena_strdup(a, db_col_text(st, 3));
    u->kind = arena_strdup(a, db_col_text(st, 4));
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
    int r;

    if (rc)
        return rc;
    if (u->parent_id)
        db_bind_int(st, 1, u->parent_id);
    else
        db_bind_null(st, 1);
    db_bind_text(st, 2, u->code);
    db_bind_text(st, 3, u->name);
    db_bind_text(st, 4, u->kind);
    db_bind_int(st, 5, now);
    r = db_step(st, e);
    if (r == 1)
        *id_out = db_col_int(st, 0);
    db_reset(st);
    if (r < 0 && e->code == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "unit_code_taken", "code", "Kode unit sudah dipakai");
    if (r != 1)
        return r < 0 ? e->code : err_set(e, ERR_INTERNAL, "internal", NULL, "insert");
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
    p->siasn_jabatan_id = db_col_is_null(st, 7) ? NULL : arena_strdup(a, db_col_text(st, 7));
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
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, p->unit_id);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->kind);
    db_bind_int(st, 4, p->kelas_jabatan);
    db_bind_int(st, 5, p->needed);
    db_bind_int(st, 6, p->bup_age);
    db_bind_text(st, 7, p->siasn_jabatan_id);
    db_bind_int(st, 8, now);
    r = db_step(st, e);
    if (r == 1)
        *id_out = db_col_int(st, 0);
    db_reset(st);
    if (r != 1)
        return r < 0 ? e->code : err_set(e, ERR_INTERNAL, "internal", NULL, "insert");
    return ERR_OK;
}
