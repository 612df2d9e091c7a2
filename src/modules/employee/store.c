/* store.c - all SQL of the employee module: the reference golongan, the record and its
 * first rank and position history rows, one record with its current values derived from the
 * newest history rows, and the scoped search. Static statements with bound parameters; the
 * sort key picks one of the fixed ORDER BY expressions, never SQL text from input (golongan:
 * PNS ranks highest first, then PPPK ranks highest first). */
#include "modules/employee/employee.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db/field.h"

static const char SQL_GOLONGAN[] =
    "SELECT code, kind, pangkat, rank_order FROM golongan WHERE code = $1";
static const char SQL_NIP_TAKEN[] = "SELECT count(*) FROM employees WHERE nip = $1";
/* The place of golongan g in the golongan sort: PNS ranks highest first, then PPPK ranks
 * highest first (employees.rank_sort, 0008). */
#define RANK_SORT "CASE WHEN g.kind = 'pns' THEN 100 - g.rank_order ELSE 1000 - g.rank_order END"
static const char SQL_INSERT[] =
    "INSERT INTO employees (nip, nik, name, gelar_depan, gelar_belakang, birth_place,"
    " birth_date, gender, status, state, appointed_on, unit_id, position_id, pns_id,"
    " created_at, updated_at, golongan, tmt_golongan, tmt_jabatan, rank_sort, nik_bidx)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $12, $13, $14, $14,"
    " $15, $16, $17, (SELECT " RANK_SORT " FROM golongan g WHERE g.code = $15), $18)"
    " RETURNING id";
static const char SQL_INSERT_RANK[] =
    "INSERT INTO employee_rank_history (employee_id, golongan, tmt, created_at, sk_number,"
    " sk_date) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_INSERT_POSITION[] =
    "INSERT INTO employee_position_history (employee_id, unit_id, position_id, tmt, created_at,"
    " sk_number, sk_date) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/* The cached current values (0008) from the histories: the newest rows by TMT, then by id,
 * that no other row corrects. */
#define NEWEST_RANK(col)                                                                      \
    "(SELECT r." col " FROM employee_rank_history r WHERE r.employee_id = $1"                 \
    " AND NOT EXISTS (SELECT 1 FROM employee_rank_history n WHERE n.supersedes = r.id)"       \
    " ORDER BY r.tmt DESC, r.id DESC LIMIT 1)"
static const char SQL_CURRENT[] =
    "UPDATE employees SET golongan = " NEWEST_RANK("golongan") ", tmt_golongan = "
    NEWEST_RANK("tmt") ", rank_sort = (SELECT " RANK_SORT " FROM golongan g WHERE g.code = "
    NEWEST_RANK("golongan") "), tmt_jabatan = (SELECT p.tmt FROM employee_position_history p"
    " WHERE p.employee_id = $1"
    " AND NOT EXISTS (SELECT 1 FROM employee_position_history n WHERE n.supersedes = p.id)"
    " ORDER BY p.tmt DESC, p.id DESC LIMIT 1) WHERE id = $1";

/* The record with its cached current rank and TMTs (units is a LEFT JOIN, as the others, so
 * that SQLite keeps employees the outer loop and reads the sort key's index in order), and
 * what its salary step reads: the cached predikat kinerja (0027) and the setting of the bar
 * (text or NULL; the same for every row: one read per statement on both engines). */
#define EMP_COLS                                                                              \
    "e.id, e.nip, e.nik, e.name, e.gelar_depan, e.gelar_belakang, e.birth_place,"             \
    " e.birth_date, e.gender, e.status, e.state, e.appointed_on, e.unit_id, e.position_id,"   \
    " u.name, p.name, p.kind, p.bup_age, e.golongan, g.pangkat, g.rank_order, e.tmt_golongan," \
    " e.tmt_jabatan, e.pns_id, e.created_at, e.updated_at, e.education_level, gc.rank_order,"   \
    " gc.code, e.kinerja_years,"                                                              \
    " (SELECT s.value FROM settings s WHERE s.key = '" EMPLOYEE_SETTING_KGB_MIN_PREDIKAT "')"
#define EMP_FROM                                                                              \
    " FROM employees e LEFT JOIN units u ON u.id = e.unit_id"                                 \
    " LEFT JOIN positions p ON p.id = e.position_id"                                          \
    " LEFT JOIN golongan g ON g.code = e.golongan"                                            \
    " LEFT JOIN education_levels el ON el.code = e.education_level"                           \
    " LEFT JOIN golongan gc ON gc.code = el.max_golongan"

/* One record: the list columns, then (last, read by read_employee_one) the contact fields. */
#define EMP_CONTACT_COLS 6
static const char SQL_ONE[] = "SELECT " EMP_COLS ", e.religion, e.marital_status, e.phone,"
                              " e.email, e.address, e.photo_document_id" EMP_FROM
                              " WHERE e.id = $1";
/* The record as GET /employees/{id} shows it, with what it derives from the histories in the
 * same statement ($2, $3: the year's first day and the next year's): the JP of training rows
 * starting in the year, and the family members counted for the allowance (living, allowance
 * 1); superseded history rows are ignored. Then the contact fields, as SQL_ONE. */
static const char SQL_RECORD[] =
    "SELECT " EMP_COLS ","
    " (SELECT COALESCE(SUM(t.hours), 0) FROM employee_training t WHERE t.employee_id = e.id"
    "  AND t.start_date >= CAST($2 AS TEXT) AND t.start_date < CAST($3 AS TEXT)"
    "  AND NOT EXISTS (SELECT 1 FROM employee_training n WHERE n.supersedes = t.id)),"
    " (SELECT count(*) FROM employee_family f WHERE f.employee_id = e.id AND f.allowance = 1"
    "  AND f.life_state = 'hidup'"
    "  AND NOT EXISTS (SELECT 1 FROM employee_family n WHERE n.supersedes = f.id)),"
    " e.religion, e.marital_status, e.phone, e.email, e.address, e.photo_document_id" EMP_FROM
    " WHERE e.id = $1";
static const char SQL_EDIT[] =
    "UPDATE employees SET name = $2, gelar_depan = $3, gelar_belakang = $4, religion = $5,"
    " marital_status = $6, phone = $7, email = $8, address = $9, photo_document_id = $10,"
    " updated_at = $11 WHERE id = $1";
static const char SQL_PHOTO_OK[] =
    "SELECT count(*) FROM documents WHERE id = $1 AND employee_id = $2"
    " AND content_type IN ('image/jpeg', 'image/png')";

/* Search: $1 unit (0 = all), $2 1 = with sub-units, $3 q ("" = any) as a LIKE pattern for the
 * lower-cased name and the NIP, $4 golongan ("" = any), $5..$10 the filters of
 * struct employee_query ("" = any), $11 the blind index of q when q is a whole NIK ("" when
 * not: guarded so that nik_bidx, which employees_name does not cover, is only read then:
 * unguarded, every row of a q search cost a table lookup, 34 -> 400 ms), $12 limit,
 * $13 offset. Every filter reads employees only (the position kind through a subquery), so
 * the count needs no join. */
#define EMP_SUB                                                                               \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)" \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"     \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64) "
/* name: "lower(e.name)" on PostgreSQL, whose LIKE keeps case; SQLite's LIKE folds ASCII case
 * itself (as its lower() does), and a lower() per row doubled a name search (24 -> 10 ms for
 * the count of q=siti over 100,000 rows). $3 is lower-case (db_like_pattern). */
#define EMP_WHERE(name)                                                                       \
    " WHERE (CAST($1 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"                    \
    " AND (CAST($3 AS TEXT) = '' OR " name " LIKE CAST($3 AS TEXT) ESCAPE '\\'"              \
    "  OR e.nip LIKE CAST($3 AS TEXT) ESCAPE '\\'"                                           \
    "  OR (CAST($11 AS TEXT) <> '' AND e.nik_bidx = CAST($11 AS TEXT)))"                       \
    " AND (CAST($4 AS TEXT) = '' OR e.golongan = CAST($4 AS TEXT))"                           \
    " AND (CAST($5 AS TEXT) = '' OR e.position_id IN (SELECT k.id FROM positions k"           \
    "  WHERE k.kind = CAST($5 AS TEXT)))"                                                     \
    " AND (CAST($6 AS TEXT) = '' OR e.status = CAST($6 AS TEXT))"                              \
    " AND (CAST($7 AS TEXT) = '' OR e.state = CAST($7 AS TEXT))"                               \
    " AND (CAST($8 AS TEXT) = '' OR e.education_level = CAST($8 AS TEXT))"                     \
    " AND (CAST($9 AS TEXT) = '' OR e.birth_date <= CAST($9 AS TEXT))"                         \
    " AND (CAST($10 AS TEXT) = '' OR e.birth_date > CAST($10 AS TEXT))"
#define EMP_SEARCH(where, order) EMP_SUB "SELECT " EMP_COLS EMP_FROM where " ORDER BY " order \
    " LIMIT $12 OFFSET $13"
#define EMP_SORTS(where)                                                                      \
    {{"name", EMP_SEARCH(where, "e.name, e.id")},                                             \
     {"nip", EMP_SEARCH(where, "e.nip")},                                                     \
     {"golongan", EMP_SEARCH(where, "e.rank_sort, e.name, e.id")},                            \
     {"birth_date", EMP_SEARCH(where, "e.birth_date, e.name, e.id")}}

/* One statement per sort key of EMPLOYEE_SORTS, each readable from an index in order; by
 * engine ([DB_ENGINE_SQLITE], [DB_ENGINE_POSTGRES]: the name test differs). */
static const struct {
    const char *key, *sql;
} search_sql[2][4] = {EMP_SORTS(EMP_WHERE("e.name")), EMP_SORTS(EMP_WHERE("lower(e.name)"))};
static const char *const SQL_COUNT[2] = {
    EMP_SUB "SELECT count(*) FROM employees e" EMP_WHERE("e.name"),
    EMP_SUB "SELECT count(*) FROM employees e" EMP_WHERE("lower(e.name)")};
_Static_assert(DB_ENGINE_SQLITE == 0 && DB_ENGINE_POSTGRES == 1, "search_sql is by engine");
static const char SQL_COUNT_ALL[] = "SELECT count(*) FROM employees"; /* no filter at all */

static void read_employee(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee *x = out;

    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, 0);
    x->nip = db_col_text_copy(st, a, 1);
    x->nik = field_open(a, "employees.nik", db_col_text(st, 2));
    x->name = db_col_text_copy(st, a, 3);
    x->gelar_depan = db_col_text_copy(st, a, 4);
    x->gelar_belakang = db_col_text_copy(st, a, 5);
    x->birth_place = db_col_text_copy(st, a, 6);
    x->birth_date = db_col_text_copy(st, a, 7);
    x->gender = db_col_text_copy(st, a, 8);
    x->status = db_col_text_copy(st, a, 9);
    x->state = db_col_text_copy(st, a, 10);
    x->appointed_on = db_col_text_copy(st, a, 11);
    x->unit_id = db_col_int(st, 12);
    x->position_id = db_col_is_null(st, 13) ? 0 : db_col_int(st, 13);
    x->unit_name = db_col_text_copy(st, a, 14);
    x->position_name = db_col_text_copy(st, a, 15);
    x->position_kind = db_col_text_copy(st, a, 16);
    x->bup_age = db_col_is_null(st, 17) ? 0 : (int)db_col_int(st, 17);
    x->golongan = db_col_text_copy(st, a, 18);
    x->pangkat = db_col_text_copy(st, a, 19);
    x->rank_order = db_col_is_null(st, 20) ? 0 : (int)db_col_int(st, 20);
    x->tmt_golongan = db_col_text_copy(st, a, 21);
    x->tmt_jabatan = db_col_text_copy(st, a, 22);
    x->pns_id = db_col_text_copy(st, a, 23);
    x->created_at = db_col_int(st, 24);
    x->updated_at = db_col_int(st, 25);
    x->education_level = db_col_text_copy(st, a, 26);
    x->cap_rank_order = db_col_is_null(st, 27) ? 0 : (int)db_col_int(st, 27);
    x->cap_golongan = db_col_text_copy(st, a, 28);
    x->kinerja_years = db_col_text_copy(st, a, 29);
    x->kgb_min_predikat =
        employee_kgb_min_predikat_of(db_col_is_null(st, 30) ? NULL : db_col_text(st, 30));
}

static void read_employee_one(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee *x = out;
    int c = db_col_count(st) - EMP_CONTACT_COLS;

    read_employee(st, a, out);
    x->contact.religion = db_col_text_copy(st, a, c);
    x->contact.marital_status = db_col_text_copy(st, a, c + 1);
    x->contact.phone = db_col_text_copy(st, a, c + 2);
    x->contact.email = db_col_text_copy(st, a, c + 3);
    x->contact.address = db_col_text_copy(st, a, c + 4);
    x->contact.photo_document_id = db_col_is_null(st, c + 5) ? 0 : db_col_int(st, c + 5);
}

static void read_golongan(struct db_stmt *st, struct arena *a, void *out)
{
    struct employee_golongan *g = out;

    g->code = db_col_text_copy(st, a, 0);
    g->kind = db_col_text_copy(st, a, 1);
    g->pangkat = db_col_text_copy(st, a, 2);
    g->rank_order = (int)db_col_int(st, 3);
}

enum err_code employee_golongan_get(struct db *db, struct arena *a, const char *code,
                                    struct employee_golongan *out, struct err *e)
{
    return db_fetch_one(db, SQL_GOLONGAN, 0, code, a, read_golongan, out,
                        "Golongan tidak dikenal", e);
}

enum err_code employee_nip_taken(struct db *db, const char *nip, int *yes, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_NIP_TAKEN, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, nip);
    r = db_step(st, e);
    if (r == 1)
        *yes = db_col_int(st, 0) > 0;
    db_reset(st);
    if (r != 1)
        return r < 0 ? e->code : err_internal(e, "count without a row");
    return ERR_OK;
}

static enum err_code insert_history(struct db *db, const struct employee *x, int64_t id,
                                    int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT_RANK, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, x->golongan);
    db_bind_text(st, 3, x->tmt_golongan);
    db_bind_int(st, 4, now);
    db_bind_text(st, 5, x->sk_number);
    db_bind_text(st, 6, x->sk_date);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        return e->code;
    rc = db_prepare(db, SQL_INSERT_POSITION, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, x->unit_id);
    db_bind_int(st, 3, x->position_id);
    db_bind_text(st, 4, x->tmt_jabatan);
    db_bind_int(st, 5, now);
    db_bind_text(st, 6, x->sk_number);
    db_bind_text(st, 7, x->sk_date);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code employee_insert(struct db *db, const struct employee *x, int64_t now,
                              int64_t *id_out, struct err *e)
{
    char nik_sealed[FIELD_SEALED_CAP(EMPLOYEE_NIK_LEN + 16)], nik_bidx[FIELD_BLIND_HEX + 1];
    struct db_stmt *st;
    enum err_code rc;
    int64_t id = 0;

    if (field_seal_to(nik_sealed, sizeof nik_sealed, "employees.nik", x->nik))
        return err_internal(e, "NIK cannot be sealed (no key, or too long)");
    if (field_blind("employees.nik", x->nik, nik_bidx))
        return err_internal(e, "NIK cannot be indexed (no key)");
    rc = db_prepare(db, SQL_INSERT, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, x->nip);
    db_bind_text(st, 2, nik_sealed);
    db_bind_text(st, 3, x->name);
    db_bind_text(st, 4, x->gelar_depan);
    db_bind_text(st, 5, x->gelar_belakang);
    db_bind_text(st, 6, x->birth_place);
    db_bind_text(st, 7, x->birth_date);
    db_bind_text(st, 8, x->gender);
    db_bind_text(st, 9, x->status);
    db_bind_text(st, 10, x->appointed_on);
    db_bind_int(st, 11, x->unit_id);
    db_bind_int(st, 12, x->position_id);
    db_bind_text(st, 13, x->pns_id);
    db_bind_int(st, 14, now);
    db_bind_text(st, 15, x->golongan);
    db_bind_text(st, 16, x->tmt_golongan);
    db_bind_text(st, 17, x->tmt_jabatan);
    db_bind_text(st, 18, nik_bidx);
    rc = db_step_id(st, &id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "duplicate_nip", "nip", "NIP sudah terdaftar");
    if (rc)
        return rc;
    rc = insert_history(db, x, id, now, e);
    if (rc)
        return rc;
    *id_out = id;
    return ERR_OK;
}

enum err_code employee_current_refresh(struct db *db, int64_t employee_id, struct err *e)
{
    return db_run_ints(db, SQL_CURRENT, &employee_id, 1, NULL, e);
}

enum err_code employee_get(struct db *db, struct arena *a, int64_t id, struct employee *out,
                           struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_employee_one, out, "Data tidak ditemukan",
                        e);
}

enum err_code employee_record_get(struct db *db, struct arena *a, int64_t id, int year,
                                  struct employee *out, struct err *e)
{
    char from[24], to[24];
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_RECORD, &st, e);
    int r, c;

    if (rc)
        return rc;
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    r = db_step(st, e);
    if (r == 1) {
        read_employee_one(st, a, out);
        c = db_col_count(st) - EMP_CONTACT_COLS;
        out->training_hours_year = db_col_int(st, c - 2);
        out->family_allowance_count = db_col_int(st, c - 1);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (r == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    return ERR_OK;
}

enum err_code employee_edit_save(struct db *db, const struct employee *x, int64_t now,
                                 struct err *e)
{
    const struct employee_contact *c = &x->contact;
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_EDIT, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, x->id);
    db_bind_text(st, 2, x->name);
    db_bind_text(st, 3, x->gelar_depan);
    db_bind_text(st, 4, x->gelar_belakang);
    db_bind_text(st, 5, c->religion);
    db_bind_text(st, 6, c->marital_status);
    db_bind_text(st, 7, c->phone);
    db_bind_text(st, 8, c->email);
    db_bind_text(st, 9, c->address);
    if (c->photo_document_id > 0)
        db_bind_int(st, 10, c->photo_document_id);
    else
        db_bind_null(st, 10);
    db_bind_int(st, 11, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code employee_photo_ok(struct db *db, int64_t employee_id, int64_t document_id, int *yes,
                                struct err *e)
{
    const int64_t args[] = {document_id, employee_id};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_PHOTO_OK, args, 2, 0, &n, e);

    *yes = !rc && n > 0;
    return rc;
}

static void bind_search(struct db_stmt *st, const struct employee_query *qr, const char *pat)
{
    db_bind_int(st, 1, qr->unit_id);
    db_bind_int(st, 2, qr->subtree ? 1 : 0);
    db_bind_text(st, 3, pat);
    db_bind_text(st, 4, qr->golongan ? qr->golongan : "");
    db_bind_text(st, 5, qr->position_kind ? qr->position_kind : "");
    db_bind_text(st, 6, qr->status ? qr->status : "");
    db_bind_text(st, 7, qr->state ? qr->state : "");
    db_bind_text(st, 8, qr->education_level ? qr->education_level : "");
    db_bind_text(st, 9, qr->born_to ? qr->born_to : "");
    db_bind_text(st, 10, qr->born_after ? qr->born_after : "");
    db_bind_text(st, 11, qr->nik_bidx ? qr->nik_bidx : "");
}

/* The statement of the sort key (the API checked it against EMPLOYEE_SORTS; name otherwise). */
static const char *search_statement(struct db *db, const char *sort)
{
    int v = db_engine(db) == DB_ENGINE_POSTGRES;

    for (size_t i = 0; sort && i < sizeof search_sql[v] / sizeof search_sql[v][0]; i++)
        if (strcmp(search_sql[v][i].key, sort) == 0)
            return search_sql[v][i].sql;
    return search_sql[v][0].sql;
}

static int set(const char *filter)
{
    return filter && *filter;
}

enum err_code employee_search_count(struct db *db, struct arena *a,
                                    const struct employee_query *qr, int64_t *total,
                                    struct err *e)
{
    struct db_stmt *st;
    int all = qr->unit_id == 0 && !set(qr->q) && !set(qr->golongan) &&
              !set(qr->position_kind) && !set(qr->status) && !set(qr->state) &&
              !set(qr->education_level) && !set(qr->born_to) && !set(qr->born_after);
    enum err_code rc = db_prepare(
        db, all ? SQL_COUNT_ALL : SQL_COUNT[db_engine(db) == DB_ENGINE_POSTGRES], &st, e);
    int r;

    if (rc)
        return rc;
    if (!all)
        bind_search(st, qr, db_like_pattern(a, qr->q));
    r = db_step(st, e);
    if (r == 1)
        *total = db_col_int(st, 0);
    db_reset(st);
    if (r != 1)
        return r < 0 ? e->code : err_internal(e, "count without a row");
    return ERR_OK;
}

enum err_code employee_search_open(struct db *db, struct arena *a,
                                   const struct employee_query *qr, int64_t limit,
                                   struct db_stmt **out, struct err *e)
{
    enum err_code rc = db_prepare(db, search_statement(db, qr->sort), out, e);

    if (rc)
        return rc;
    bind_search(*out, qr, db_like_pattern(a, qr->q));
    db_bind_int(*out, 12, limit < 0 ? INT64_MAX : limit); /* PostgreSQL refuses LIMIT -1 */
    db_bind_int(*out, 13, limit < 0 ? 0 : (qr->page - 1) * qr->per_page);
    return ERR_OK;
}

void employee_search_read(struct db_stmt *st, struct arena *a, struct employee *out)
{
    read_employee(st, a, out);
}

enum err_code employee_search(struct db *db, struct arena *a, const struct employee_query *qr,
                              struct employee **items, size_t *n, int64_t *total,
                              struct err *e)
{
    struct employee *found;
    struct db_stmt *st;
    size_t count = 0;
    int64_t all = 0;
    enum err_code rc = employee_search_count(db, a, qr, &all, e);
    int r = 0;

    if (rc)
        return rc;
    rc = employee_search_open(db, a, qr, qr->per_page, &st, e);
    if (rc)
        return rc;
    /* one page at most: the array is allocated once, not grown row by row */
    found = arena_alloc(a, sizeof *found * (size_t)(qr->per_page > 0 ? qr->per_page : 1));
    while ((int64_t)count < qr->per_page && (r = db_step(st, e)) == 1)
        read_employee(st, a, &found[count++]);
    db_reset(st);
    if (r < 0)
        return e->code;
    *items = found;
    *n = count;
    *total = all;
    return ERR_OK;
}

/* ---- NIK blind index of older rows (0021) ---- */

static const char SQL_NIK_UNINDEXED[] =
    "SELECT id, nik FROM employees WHERE nik IS NOT NULL AND nik_bidx IS NULL ORDER BY id";
static const char SQL_NIK_INDEX[] = "UPDATE employees SET nik_bidx = $2 WHERE id = $1";

struct nik_row {
    int64_t id;
    const char *nik;
};

static void read_nik_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct nik_row *r = out;

    r->id = db_col_int(st, 0);
    r->nik = field_open(a, "employees.nik", db_col_text(st, 1));
}

enum err_code employee_nik_backfill(struct db *db, int64_t *filled, struct err *e)
{
    struct arena *a = arena_new();
    struct nik_row *rows = NULL;
    struct db_stmt *st;
    size_t n = 0;
    enum err_code rc = db_prepare(db, SQL_NIK_UNINDEXED, &st, e);

    *filled = 0;
    if (!rc)
        rc = db_collect(st, a, sizeof *rows, read_nik_row, (void **)&rows, &n, e);
    if (!rc && n)
        rc = db_begin(db, e);
    for (size_t i = 0; !rc && i < n; i++) {
        char bidx[FIELD_BLIND_HEX + 1];

        if (!rows[i].nik || field_blind("employees.nik", rows[i].nik, bidx))
            continue; /* sealed under another key: nothing to index it by */
        rc = db_prepare(db, SQL_NIK_INDEX, &st, e);
        if (!rc) {
            db_bind_int(st, 1, rows[i].id);
            db_bind_text(st, 2, bidx);
            rc = db_step(st, e) < 0 ? e->code : ERR_OK;
            db_reset(st);
            (*filled)++;
        }
    }
    if (n && !rc)
        rc = db_commit(db, e);
    else if (n)
        db_rollback(db);
    arena_free(a);
    return rc;
}
