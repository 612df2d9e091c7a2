/* store.c - all SQL of the reference lists: ref_codes (migration 0016) for the seeded and
 * imported lists, golongan and education_levels for the two lists Abdi already keeps with
 * their SIASN codes, and ref_map for Abdi's own values mapped to SIASN codes. Every statement
 * of one purpose takes the same parameters whatever the source ($1 the list name, always
 * used so that PostgreSQL knows its type). */
#include "modules/reference/reference.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"

#define Q_FILTER(codecol, namecol)                                                                 \
    " AND (CAST($2 AS TEXT) = '' OR lower(" codecol ") LIKE CAST($2 AS TEXT) ESCAPE '\\'"          \
    " OR lower(" namecol ") LIKE CAST($2 AS TEXT) ESCAPE '\\')"

/* codes: $1 list, $2 LIKE pattern or '', $3 limit, $4 offset */
static const char SQL_PAGE_CODES[] =
    "SELECT code, name, attr FROM ref_codes WHERE list = CAST($1 AS TEXT)" Q_FILTER(
        "code", "name") " ORDER BY length(code), code LIMIT $3 OFFSET $4";
static const char SQL_PAGE_GOL[] =
    "SELECT siasn_id, code, pangkat FROM golongan WHERE CAST($1 AS TEXT) <> ''"
    " AND siasn_id IS NOT NULL" Q_FILTER("siasn_id",
                                         "code") " ORDER BY rank_order LIMIT $3 OFFSET $4";
static const char SQL_PAGE_EDU[] =
    "SELECT siasn_id, name, code FROM education_levels WHERE CAST($1 AS TEXT) <> ''"
    " AND siasn_id IS NOT NULL" Q_FILTER("siasn_id",
                                         "name") " ORDER BY rank_order LIMIT $3 OFFSET $4";
/* $1 list, $2 pattern */
static const char SQL_COUNT_CODES[] =
    "SELECT COUNT(*) FROM ref_codes WHERE list = CAST($1 AS TEXT)" Q_FILTER("code", "name");
static const char SQL_COUNT_GOL[] =
    "SELECT COUNT(*) FROM golongan WHERE CAST($1 AS TEXT) <> '' AND siasn_id IS NOT NULL" Q_FILTER(
        "siasn_id", "code");
static const char SQL_COUNT_EDU[] = "SELECT COUNT(*) FROM education_levels WHERE CAST($1 AS TEXT) "
                                    "<> '' AND siasn_id IS NOT NULL" Q_FILTER("siasn_id", "name");
/* $1 list, $2 code */
static const char SQL_LOOKUP_CODES[] =
    "SELECT name FROM ref_codes WHERE list = CAST($1 AS TEXT) AND code = CAST($2 AS TEXT)";
static const char SQL_LOOKUP_GOL[] =
    "SELECT code FROM golongan WHERE CAST($1 AS TEXT) <> '' AND siasn_id = CAST($2 AS TEXT)";
static const char SQL_LOOKUP_EDU[] = "SELECT name FROM education_levels WHERE CAST($1 AS TEXT)"
                                     " <> '' AND siasn_id = CAST($2 AS TEXT) ORDER BY rank_order";
static const char SQL_MAP[] =
    "SELECT code FROM ref_map WHERE list = CAST($1 AS TEXT) AND abdi = CAST($2 AS TEXT)";
static const char SQL_EXISTING[] = "SELECT code, name, attr FROM ref_codes WHERE list = $1";
static const char SQL_INSERT[] =
    "INSERT INTO ref_codes (list, code, name, attr) VALUES ($1, $2, $3, $4)";
static const char SQL_UPDATE[] =
    "UPDATE ref_codes SET name = $3, attr = $4 WHERE list = $1 AND code = $2";

static const char *pick(enum ref_source s, const char *codes, const char *gol, const char *edu)
{
    return s == REF_SRC_GOLONGAN ? gol : s == REF_SRC_EDUCATION ? edu : codes;
}

/* The first text column of the one row of sql($1 list, $2 text) into out. */
static enum err_code text_of(struct db *db, const char *sql, const char *list, const char *text,
                             char *out, size_t cap, int *found, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    *found = 0;
    if (cap)
        out[0] = '\0';
    if (rc)
        return rc;
    db_bind_text(st, 1, list);
    db_bind_text(st, 2, text ? text : "");
    r = db_step(st, e);
    if (r == 1) {
        *found = 1;
        str_copy(out, cap, db_col_is_null(st, 0) ? "" : db_col_text(st, 0));
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code reference_lookup(struct db *db, const char *list, const char *code, char *name,
                               size_t cap, int *found, struct err *e)
{
    const struct ref_list *l = reference_list_find(list);

    *found = 0;
    if (cap)
        name[0] = '\0';
    if (!l)
        return err_invalid(e, "list", "Daftar referensi tidak dikenal");
    if (!code || !*code)
        return ERR_OK;
    return text_of(db, pick(l->source, SQL_LOOKUP_CODES, SQL_LOOKUP_GOL, SQL_LOOKUP_EDU), l->name,
                   code, name, cap, found, e);
}

enum err_code reference_map(struct db *db, const char *list, const char *abdi, char *code,
                            size_t cap, int *found, struct err *e)
{
    *found = 0;
    if (cap)
        code[0] = '\0';
    if (!list || !abdi || !*abdi)
        return ERR_OK;
    return text_of(db, SQL_MAP, list, abdi, code, cap, found, e);
}

static enum err_code count_q(struct db *db, const struct ref_list *l, const char *pat, int64_t *n,
                             struct err *e)
{
    struct db_stmt *st;
    enum err_code rc =
        db_prepare(db, pick(l->source, SQL_COUNT_CODES, SQL_COUNT_GOL, SQL_COUNT_EDU), &st, e);
    int r;

    *n = 0;
    if (rc)
        return rc;
    db_bind_text(st, 1, l->name);
    db_bind_text(st, 2, pat);
    r = db_step(st, e);
    if (r == 1)
        *n = db_col_int(st, 0);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code reference_count(struct db *db, const struct ref_list *list, int64_t *n, struct err *e)
{
    return count_q(db, list, "", n, e);
}

static void read_entry(struct db_stmt *st, struct arena *a, void *out)
{
    struct ref_entry *x = out;

    x->code = db_col_text_copy(st, a, 0);
    x->name = db_col_text_copy(st, a, 1);
    x->attr = db_col_text_copy(st, a, 2);
}

enum err_code reference_page(struct db *db, struct arena *a, const struct ref_list *list,
                             const char *q, int64_t page, int64_t per_page, struct ref_entry **out,
                             size_t *n, int64_t *total, struct err *e)
{
    const char *pat = db_like_pattern(a, q);
    struct db_stmt *st;
    enum err_code rc = count_q(db, list, pat, total, e);

    *out = NULL;
    *n = 0;
    if (!rc)
        rc = db_prepare(db, pick(list->source, SQL_PAGE_CODES, SQL_PAGE_GOL, SQL_PAGE_EDU), &st, e);
    if (rc)
        return rc;
    if (per_page <= 0) { /* every row */
        per_page = *total > 0 ? *total : 1;
        page = 1;
    }
    db_bind_text(st, 1, list->name);
    db_bind_text(st, 2, pat);
    db_bind_int(st, 3, per_page);
    db_bind_int(st, 4, (page - 1) * per_page);
    return db_collect(st, a, sizeof **out, read_entry, (void **)out, n, e);
}

static int entry_cmp(const void *pa, const void *pb)
{
    return strcmp(((const struct ref_entry *)pa)->code, ((const struct ref_entry *)pb)->code);
}

static int same(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

enum err_code reference_upsert(struct db *db, struct arena *a, const struct ref_list *list,
                               const struct ref_entry *rows, size_t n, int dry_run,
                               int64_t *created, int64_t *updated, struct err *e)
{
    struct ref_entry *old = NULL;
    size_t nold = 0;
    struct db_stmt *st;
    enum err_code rc;

    *created = *updated = 0;
    if (list->source != REF_SRC_CODES || !list->large)
        return err_internal(e, "reference_upsert on a list that is not imported");
    rc = db_prepare(db, SQL_EXISTING, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, list->name);
    rc = db_collect(st, a, sizeof *old, read_entry, (void **)&old, &nold, e);
    if (rc)
        return rc;
    if (nold > 1)
        qsort(old, nold, sizeof *old, entry_cmp);
    for (size_t i = 0; i < n; i++) {
        const struct ref_entry *hit =
            nold ? bsearch(&rows[i], old, nold, sizeof *old, entry_cmp) : NULL;
        const char *sql;
        int r;

        if (hit && same(hit->name, rows[i].name) && same(hit->attr, rows[i].attr))
            continue;
        if (hit)
            ++*updated;
        else
            ++*created;
        if (dry_run)
            continue;
        sql = hit ? SQL_UPDATE : SQL_INSERT;
        rc = db_prepare(db, sql, &st, e);
        if (rc)
            return rc;
        db_bind_text(st, 1, list->name);
        db_bind_text(st, 2, rows[i].code);
        db_bind_text(st, 3, rows[i].name);
        db_bind_text(st, 4, rows[i].attr);
        r = db_step(st, e);
        db_reset(st);
        if (r < 0)
            return e->code;
    }
    return ERR_OK;
}
