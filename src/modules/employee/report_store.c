/* report_store.c - the SQL of the employee reports: the DUK rows of a unit subtree with the
 * keys of domain.md §13 (rank and its TMT, position kind and class and its TMT, appointment,
 * education: highest level and its graduation, birth date; then the leadership trainings in
 * one more query merged by employee id), the rank and position histories of the profile
 * sheet, and the government's name (the root of the units tree). Superseded history rows are
 * ignored. Three statements for the whole DUK (its size, its rows, their trainings), never
 * one per row (100,000 rows in < 5 s); the order is duk.c's, not SQL's. */
#include "modules/employee/employee.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_DUK[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64),"
    /* per employee and level: the earliest graduation; then the highest level */
    " edg(employee_id, lvl, grad) AS (SELECT ed.employee_id, l.rank_order, MIN(ed.graduated_on)"
    "  FROM employee_education ed JOIN education_levels l ON l.code = ed.level_code"
    "  WHERE NOT EXISTS (SELECT 1 FROM employee_education n WHERE n.supersedes = ed.id)"
    "  GROUP BY ed.employee_id, l.rank_order),"
    " edl(employee_id, lvl) AS (SELECT employee_id, MAX(lvl) FROM edg GROUP BY employee_id)"
    " SELECT e.id, e.unit_id, e.nip, e.name, e.gelar_depan, e.gelar_belakang, e.status, u.name,"
    " g.code, g.pangkat, g.rank_order, r.tmt, p.name, p.kind, p.kelas_jabatan,"
    " (SELECT ph.tmt FROM employee_position_history ph WHERE ph.employee_id = e.id"
    "  ORDER BY ph.tmt DESC, ph.id DESC LIMIT 1),"
    " e.appointed_on, e.birth_date, edl.lvl, edg.grad"
    " FROM employees e JOIN units u ON u.id = e.unit_id"
    " LEFT JOIN positions p ON p.id = e.position_id"
    " LEFT JOIN employee_rank_history r ON r.id = (SELECT rh.id FROM employee_rank_history rh"
    "  WHERE rh.employee_id = e.id ORDER BY rh.tmt DESC, rh.id DESC LIMIT 1)"
    " LEFT JOIN golongan g ON g.code = r.golongan"
    " LEFT JOIN edl ON edl.employee_id = e.id"
    " LEFT JOIN edg ON edg.employee_id = e.id AND edg.lvl = edl.lvl"
    " WHERE (CAST($1 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"
    " AND e.status = 'PNS' AND e.state NOT IN ('retired', 'dismissed', 'deceased')";
/* How many rows SQL_DUK gives (its units and WHERE), to size the array once. */
static const char SQL_DUK_COUNT[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64)"
    " SELECT count(*) FROM employees e"
    " WHERE (CAST($1 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"
    " AND e.status = 'PNS' AND e.state NOT IN ('retired', 'dismissed', 'deceased')";
/* The trainings that may be the required position training (employee_training_level reads
 * the level from the name), of employees in service, by employee. */
static const char SQL_DUK_TRAINING[] =
    "SELECT t.employee_id, t.kind, t.name, t.end_date FROM employee_training t"
    " JOIN employees e ON e.id = t.employee_id"
    " WHERE t.kind IN ('struktural', 'manajerial') AND e.status = 'PNS'"
    " AND e.state NOT IN ('retired', 'dismissed', 'deceased')"
    " AND NOT EXISTS (SELECT 1 FROM employee_training n WHERE n.supersedes = t.id)"
    " ORDER BY t.employee_id";
static const char SQL_RANKS[] =
    "SELECT rh.tmt, rh.golongan, g.pangkat, rh.sk_number, rh.sk_date"
    " FROM employee_rank_history rh LEFT JOIN golongan g ON g.code = rh.golongan"
    " WHERE rh.employee_id = $1 ORDER BY rh.tmt, rh.id";
static const char SQL_POSITIONS[] =
    "SELECT ph.tmt, p.name, u.name, ph.sk_number, ph.sk_date"
    " FROM employee_position_history ph JOIN units u ON u.id = ph.unit_id"
    " LEFT JOIN positions p ON p.id = ph.position_id"
    " WHERE ph.employee_id = $1 ORDER BY ph.tmt, ph.id";
static const char SQL_GOVERNMENT[] =
    "SELECT id, code, name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1";

static struct employee_date col_date(struct db_stmt *st, int col)
{
    struct employee_date d = {0, 0, 0};

    if (db_col_is_null(st, col) || employee_date_parse(db_col_text(st, col), &d))
        memset(&d, 0, sizeof d);
    return d;
}

/* The texts of the DUK rows, packed one after the other in blocks (no per-string alignment),
 * each repeated text (unit, position, pangkat, gelar...: a few thousand distinct values over
 * 100,000 rows) stored once through an open-addressing set. Freed with the request's arena. */
#define POOL_BLOCK_BYTES (256u * 1024u)
struct pool_block {
    struct pool_block *next;
    size_t used, cap;
    char data[];
};
struct text_pool {
    struct pool_block *head;
    const char **set; /* set_cap slots (a power of two), NULL = empty */
    uint32_t *hash;
    size_t set_cap, set_n;
};

static void pool_free(void *p)
{
    struct text_pool *t = p;

    for (struct pool_block *b = t->head, *nb; b; b = nb) {
        nb = b->next;
        free(b);
    }
    free(t->set);
    free(t->hash);
    free(t);
}

static const char *pool_copy(struct text_pool *t, const char *s, size_t len)
{
    struct pool_block *b = t->head;
    char *p;

    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > POOL_BLOCK_BYTES ? len + 1 : POOL_BLOCK_BYTES;

        b = xmalloc(sizeof *b + cap);
        b->cap = cap;
        b->used = 0;
        b->next = t->head;
        t->head = b;
    }
    p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

static void set_grow(struct text_pool *t)
{
    size_t cap = t->set_cap ? t->set_cap * 2 : 1024;
    const char **set = xcalloc(cap, sizeof *set);
    uint32_t *hash = xcalloc(cap, sizeof *hash);

    for (size_t i = 0; i < t->set_cap; i++) {
        size_t j;

        if (!t->set[i])
            continue;
        for (j = t->hash[i] & (cap - 1); set[j]; j = (j + 1) & (cap - 1))
            ;
        set[j] = t->set[i];
        hash[j] = t->hash[i];
    }
    free(t->set);
    free(t->hash);
    t->set = set;
    t->hash = hash;
    t->set_cap = cap;
}

static const char *pool_intern(struct text_pool *t, const char *s)
{
    uint32_t h = 2166136261u;
    size_t len = 0, i;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++, len++)
        h = (h ^ *p) * 16777619u;
    if (2 * (t->set_n + 1) > t->set_cap)
        set_grow(t);
    for (i = h & (t->set_cap - 1); t->set[i]; i = (i + 1) & (t->set_cap - 1))
        if (t->hash[i] == h && strcmp(t->set[i], s) == 0)
            return t->set[i];
    t->set[i] = pool_copy(t, s, len);
    t->hash[i] = h;
    t->set_n++;
    return t->set[i];
}

static const char *col_intern(struct text_pool *t, struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? NULL : pool_intern(t, db_col_text(st, col));
}

static const char *col_copy(struct text_pool *t, struct db_stmt *st, int col)
{
    const char *s;

    if (db_col_is_null(st, col))
        return NULL;
    s = db_col_text(st, col);
    return pool_copy(t, s, strlen(s));
}

/* A date column: its key, and its text only when the key does not give it back (not a valid
 * date), see employee_duk_date. */
static struct employee_date col_date_key(struct text_pool *t, struct db_stmt *st, int col,
                                         const char **text)
{
    struct employee_date d = col_date(st, col);

    *text = d.y == 0 ? col_intern(t, st, col) : NULL;
    return d;
}

static void read_duk(struct db_stmt *st, struct text_pool *t, struct employee_date today,
                     struct employee_duk *x)
{
    struct employee_date appointed;

    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, 0);
    x->unit_id = db_col_int(st, 1);
    x->nip = col_copy(t, st, 2);
    x->name = col_copy(t, st, 3);
    x->gelar_depan = col_intern(t, st, 4);
    x->gelar_belakang = col_intern(t, st, 5);
    x->status = col_intern(t, st, 6);
    x->unit_name = col_intern(t, st, 7);
    x->golongan = col_intern(t, st, 8);
    x->pangkat = col_intern(t, st, 9);
    x->rank_order = db_col_is_null(st, 10) ? 0 : (int)db_col_int(st, 10);
    x->tmt_rank = col_date_key(t, st, 11, &x->tmt_golongan);
    x->position_name = col_intern(t, st, 12);
    x->position_kind = col_intern(t, st, 13);
    x->position_level = employee_position_level(
        x->position_kind, db_col_is_null(st, 14) ? 0 : (int)db_col_int(st, 14));
    x->tmt_position = col_date_key(t, st, 15, &x->tmt_jabatan);
    if (!db_col_is_null(st, 16) && employee_date_parse(db_col_text(st, 16), &appointed) == 0)
        x->service_months = employee_service_months(appointed, today);
    x->birth_on = col_date_key(t, st, 17, &x->birth_date);
    x->education_level = db_col_is_null(st, 18) ? 0 : (int)db_col_int(st, 18);
    x->graduated_on = col_date(st, 19);
}

/* A row's employee id and index, sorted by id to find a training's row. */
struct row_key {
    int64_t id;
    size_t row;
};

static int by_id(const void *pa, const void *pb)
{
    int64_t a = ((const struct row_key *)pa)->id, b = ((const struct row_key *)pb)->id;

    return a < b ? -1 : a > b;
}

static struct employee_duk *find_row(struct employee_duk *rows, const struct row_key *keys,
                                     size_t n, int64_t id)
{
    struct row_key k = {id, 0};
    const struct row_key *hit = bsearch(&k, keys, n, sizeof *keys, by_id);

    return hit ? &rows[hit->row] : NULL;
}

/* The required position training of each row: the highest level passed, earliest pass. */
static enum err_code duk_training(struct db *db, struct employee_duk *rows, size_t n, struct err *e)
{
    struct row_key *keys;
    struct db_stmt *st;
    enum err_code rc;
    int r;

    if (n == 0)
        return ERR_OK;
    rc = db_prepare(db, SQL_DUK_TRAINING, &st, e);
    if (rc)
        return rc;
    keys = xmalloc(n * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = (struct row_key){rows[i].id, i};
    qsort(keys, n, sizeof *keys, by_id);
    while ((r = db_step(st, e)) == 1) {
        struct employee_duk *x = find_row(rows, keys, n, db_col_int(st, 0));
        int level = employee_training_level(db_col_text(st, 1), db_col_text(st, 2));
        struct employee_date on = col_date(st, 3);

        /* a leadership training without a level in its name still counts as passed */
        if (x && (!x->training_passed || level > x->training_level ||
                  (level == x->training_level && employee_date_cmp(on, x->training_on) < 0))) {
            x->training_passed = 1;
            x->training_level = level;
            x->training_on = on;
        }
    }
    db_reset(st);
    free(keys);
    return r < 0 ? e->code : ERR_OK;
}

/* The rows are counted first and stored in one malloc'd array of that size (freed with the
 * arena), grown only if rows were added in between: doubling an array of 100,000 rows copies
 * and leaves behind up to twice its size in the allocator. */
enum err_code employee_duk_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                struct employee_date today, struct employee_duk **out, size_t *n,
                                struct err *e)
{
    struct employee_duk *rows = NULL;
    struct text_pool *strings;
    struct db_stmt *st;
    const int64_t args[] = {unit_id, subtree ? 1 : 0};
    int64_t counted = 0;
    size_t count = 0, cap;
    enum err_code rc = db_value_int(db, SQL_DUK_COUNT, args, 2, 0, &counted, e);
    int r;

    if (rc)
        return rc;
    cap = counted > 0 ? (size_t)counted : 0;
    rc = db_prepare(db, SQL_DUK, &st, e);
    if (rc)
        return rc;
    strings = xcalloc(1, sizeof *strings);
    arena_defer(a, pool_free, strings);
    rows = xmalloc((cap ? cap : 1) * sizeof *rows);
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    while ((r = db_step(st, e)) == 1) {
        if (count == cap) {
            cap = cap + cap / 4 + 64;
            rows = xrealloc(rows, cap * sizeof *rows);
        }
        read_duk(st, strings, today, &rows[count++]);
    }
    db_reset(st);
    if (r < 0) {
        free(rows);
        return e->code;
    }
    arena_defer(a, free, rows);
    rc = duk_training(db, rows, count, e);
    if (rc)
        return rc;
    *out = rows;
    *n = count;
    return ERR_OK;
}

static void read_rank(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee_history *h = out;
    const char *pangkat = db_col_text_copy(st, a, 2);

    h->tmt = db_col_text_copy(st, a, 0);
    h->what = pangkat ? arena_printf(a, "%s (%s)", db_col_text(st, 1), pangkat)
                      : db_col_text_copy(st, a, 1);
    h->where = NULL;
    h->sk_number = db_col_text_copy(st, a, 3);
    h->sk_date = db_col_text_copy(st, a, 4);
}

static void read_position(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee_history *h = out;

    h->tmt = db_col_text_copy(st, a, 0);
    h->what = db_col_text_copy(st, a, 1);
    h->where = db_col_text_copy(st, a, 2);
    h->sk_number = db_col_text_copy(st, a, 3);
    h->sk_date = db_col_text_copy(st, a, 4);
}

static enum err_code history(struct db *db, struct arena *a, const char *sql, int64_t id,
                             void (*read)(struct db_stmt *, struct arena *, void *),
                             struct employee_history **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, sql, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    rc = db_collect(st, a, sizeof(struct employee_history), read, &found, n, e);
    if (!rc)
        *out = found;
    return rc;
}

enum err_code employee_rank_history(struct db *db, struct arena *a, int64_t id,
                                    struct employee_history **out, size_t *n, struct err *e)
{
    return history(db, a, SQL_RANKS, id, read_rank, out, n, e);
}

enum err_code employee_position_history(struct db *db, struct arena *a, int64_t id,
                                        struct employee_history **out, size_t *n, struct err *e)
{
    return history(db, a, SQL_POSITIONS, id, read_position, out, n, e);
}

static void read_government(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee_government *g = out;

    g->id = db_col_int(st, 0);
    g->code = db_col_text_copy(st, a, 1);
    g->name = db_col_text_copy(st, a, 2);
}

enum err_code employee_government(struct db *db, struct arena *a, struct employee_government *out,
                                  struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    size_t n = 0;
    enum err_code rc = db_prepare(db, SQL_GOVERNMENT, &st, e);

    if (rc)
        return rc;
    rc = db_collect(st, a, sizeof *out, read_government, &found, &n, e);
    if (rc)
        return rc;
    if (n == 0) {
        out->id = 0;
        out->code = "PEMDA";
        out->name = "";
    } else {
        *out = *(struct employee_government *)found;
    }
    return ERR_OK;
}
