/* store.c - all SQL of announcements. The home list walks up from the reader's unit (the
 * unit and its parents: an announcement to a parent reaches the sub-units) and reads the
 * announcements valid today through the (valid_to, valid_from) index; the admin list walks
 * down from the admin's unit. Read counts are counted from announcement_reads only in the
 * admin views (one announcement to everyone may have 100,000 read marks). */
#include "modules/engagement/engagement.h"

#include <string.h>

/* Parents chain of unit $2 (the unit itself included). */
#define UP_CTE                                                                                 \
    "WITH RECURSIVE up(id, depth) AS (SELECT id, 0 FROM units WHERE id = $2"                  \
    " UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id"        \
    " WHERE u.parent_id IS NOT NULL AND up.depth < 64) "
/* Subtree of unit p (the unit itself included). */
#define DOWN_CTE(p)                                                                            \
    "WITH RECURSIVE down(id, depth) AS (SELECT id, 0 FROM units WHERE id = " p                \
    " UNION ALL SELECT u.id, down.depth + 1 FROM units u JOIN down ON u.parent_id = down.id"  \
    " WHERE down.depth < 64) "
#define A_COLS                                                                                 \
    "SELECT a.id, a.unit_id, un.name, a.title, a.body, a.valid_from, a.valid_to, a.created_at," \
    " a.created_by, us.name, a.updated_at, r.read_at"
#define READS "(SELECT count(*) FROM announcement_reads c WHERE c.announcement_id = a.id)"
/* $1 = the reading user */
#define A_JOIN                                                                                 \
    " FROM announcements a LEFT JOIN announcement_reads r ON r.announcement_id = a.id"        \
    " AND r.user_id = $1"
#define A_FROM A_JOIN " LEFT JOIN units un ON un.id = a.unit_id LEFT JOIN users us ON us.id = a.created_by"
#define FEED_WHERE                                                                             \
    " WHERE a.valid_from <= $3 AND a.valid_to >= $3"                                          \
    " AND (a.unit_id IS NULL OR a.unit_id IN (SELECT id FROM up))"
#define MANAGE_WHERE " WHERE ($3 = 0 OR a.unit_id IN (SELECT id FROM down))"

static const char SQL_ONE[] = A_COLS ", " READS A_FROM " WHERE a.id = $2";
static const char SQL_FEED[] = UP_CTE A_COLS ", -1" A_FROM FEED_WHERE
    " AND ($4 = 0 OR r.read_at IS NULL) ORDER BY a.valid_from DESC, a.id DESC LIMIT $5 OFFSET $6";
static const char SQL_FEED_COUNT[] =
    UP_CTE "SELECT count(*), COALESCE(SUM(CASE WHEN r.read_at IS NULL THEN 1 ELSE 0 END), 0)"
    A_JOIN FEED_WHERE;
static const char SQL_MANAGED[] = DOWN_CTE("$2") A_COLS ", " READS A_FROM MANAGE_WHERE
    " ORDER BY a.id DESC LIMIT $4 OFFSET $5";
static const char SQL_MANAGED_COUNT[] = DOWN_CTE("$2") "SELECT count(*)" A_JOIN MANAGE_WHERE;
static const char SQL_AUDIENCE[] = DOWN_CTE("$1")
    "SELECT count(*) FROM users WHERE active = 1 AND ($1 = 0 OR unit_id IN (SELECT id FROM down))";
static const char SQL_UNIT_OPEN[] =
    "SELECT count(*) FROM units WHERE id = $1 AND closed_on IS NULL";
static const char SQL_INSERT[] =
    "INSERT INTO announcements (unit_id, title, body, valid_from, valid_to, created_at,"
    " created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_UPDATE[] =
    "UPDATE announcements SET unit_id = $2, title = $3, body = $4, valid_from = $5,"
    " valid_to = $6, updated_at = $7 WHERE id = $1";
static const char SQL_DELETE_READS[] = "DELETE FROM announcement_reads WHERE announcement_id = $1";
static const char SQL_DELETE[] = "DELETE FROM announcements WHERE id = $1";
static const char SQL_MARK[] =
    "INSERT INTO announcement_reads (announcement_id, user_id, read_at) VALUES ($1, $2, $3)"
    " ON CONFLICT (announcement_id, user_id) DO NOTHING";

static void read_ann(struct db_stmt *st, struct arena *a, void *out)
{
    struct announcement *x = out;

    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, 0);
    x->unit_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    x->unit_name = db_col_text_copy(st, a, 2);
    x->title = db_col_text_copy(st, a, 3);
    x->body = db_col_text_copy(st, a, 4);
    x->valid_from = db_col_text_copy(st, a, 5);
    x->valid_to = db_col_text_copy(st, a, 6);
    x->created_at = db_col_int(st, 7);
    x->created_by = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
    x->author_name = db_col_text_copy(st, a, 9);
    x->updated_at = db_col_int(st, 10);
    x->read_at = db_col_is_null(st, 11) ? 0 : db_col_int(st, 11);
    x->read_count = db_col_int(st, 12);
    x->audience = -1;
}

enum err_code ann_audience(struct db *db, int64_t unit_id, int64_t *out, struct err *e)
{
    return db_value_int(db, SQL_AUDIENCE, &unit_id, 1, 0, out, e);
}

enum err_code ann_get(struct db *db, struct arena *a, int64_t id, int64_t user_id,
                      struct announcement *out, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_ONE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, id);
    r = db_step(st, e);
    if (r == 1)
        read_ann(st, a, out);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (r == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pengumuman tidak ditemukan");
    return ann_audience(db, out->unit_id, &out->audience, e);
}

enum err_code ann_feed(struct db *db, struct arena *a, int64_t user_id, int64_t unit_id,
                       const char *today, int unread_only, int64_t page, int64_t per_page,
                       struct announcement **items, size_t *n, int64_t *total, int64_t *unread,
                       struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_FEED_COUNT, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, unit_id);
    db_bind_text(st, 3, today);
    r = db_step(st, e);
    if (r == 1) {
        *unread = db_col_int(st, 1);
        *total = unread_only ? *unread : db_col_int(st, 0);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    rc = db_prepare(db, SQL_FEED, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, unit_id);
    db_bind_text(st, 3, today);
    db_bind_int(st, 4, unread_only ? 1 : 0);
    db_bind_int(st, 5, per_page);
    db_bind_int(st, 6, (page - 1) * per_page);
    return db_collect(st, a, sizeof **items, read_ann, (void **)items, n, e);
}

enum err_code ann_managed(struct db *db, struct arena *a, int64_t root, int64_t page,
                          int64_t per_page, struct announcement **items, size_t *n,
                          int64_t *total, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_MANAGED_COUNT, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, 0);
    db_bind_int(st, 2, root);
    db_bind_int(st, 3, root);
    r = db_step(st, e);
    *total = r == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (r < 0)
        return e->code;
    rc = db_prepare(db, SQL_MANAGED, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, 0);
    db_bind_int(st, 2, root);
    db_bind_int(st, 3, root);
    db_bind_int(st, 4, per_page);
    db_bind_int(st, 5, (page - 1) * per_page);
    rc = db_collect(st, a, sizeof **items, read_ann, (void **)items, n, e);
    for (size_t i = 0; !rc && i < *n; i++)
        rc = ann_audience(db, (*items)[i].unit_id, &(*items)[i].audience, e);
    return rc;
}

enum err_code ann_unit_open(struct db *db, int64_t unit_id, int *open, struct err *e)
{
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_UNIT_OPEN, &unit_id, 1, 0, &n, e);

    *open = !rc && n > 0;
    return rc;
}

enum err_code ann_insert(struct db *db, struct announcement *x, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_id_or_null(st, 1, x->unit_id);
    db_bind_text(st, 2, x->title);
    db_bind_text(st, 3, x->body);
    db_bind_text(st, 4, x->valid_from);
    db_bind_text(st, 5, x->valid_to);
    db_bind_int(st, 6, x->created_at);
    db_bind_id_or_null(st, 7, x->created_by);
    db_bind_int(st, 8, x->updated_at);
    return db_step_id(st, &x->id, e);
}

enum err_code ann_update(struct db *db, const struct announcement *x, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_UPDATE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, x->id);
    db_bind_id_or_null(st, 2, x->unit_id);
    db_bind_text(st, 3, x->title);
    db_bind_text(st, 4, x->body);
    db_bind_text(st, 5, x->valid_from);
    db_bind_text(st, 6, x->valid_to);
    db_bind_int(st, 7, x->updated_at);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code ann_delete(struct db *db, int64_t id, struct err *e)
{
    int64_t changed = 0;
    enum err_code rc = db_run_ints(db, SQL_DELETE_READS, &id, 1, NULL, e);

    if (!rc)
        rc = db_run_ints(db, SQL_DELETE, &id, 1, &changed, e);
    if (!rc && changed == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pengumuman tidak ditemukan");
    return rc;
}

enum err_code ann_mark_read(struct db *db, int64_t id, int64_t user_id, int64_t now,
                            int64_t *changed, struct err *e)
{
    const int64_t args[] = {id, user_id, now};

    return db_run_ints(db, SQL_MARK, args, 3, changed, e);
}
