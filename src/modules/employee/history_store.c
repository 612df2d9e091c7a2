/* history_store.c - the SQL side of the histories: the checks a row needs from the database
 * (reference codes, the document and the corrected row belong to the employee, a promotion
 * not dated before the current rank), the insert of a validated row through its kind's
 * statement, the refresh of the record's cached education level, lists as JSON, the derived
 * values of the record, the education level reference and the demo histories. NIK fields
 * (HT_NIK) are sealed at rest (db/field.h, column "<table>.<field>") and opened on read. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <string.h>

#include "db/field.h"

static const char SQL_DOCUMENT_OF[] =
    "SELECT count(*) FROM documents WHERE id = $1 AND employee_id = $2";
/* The highest level of the rows no other row corrects. */
static const char SQL_EDUCATION_CACHE[] =
    "UPDATE employees SET education_level = (SELECT ed.level_code FROM employee_education ed"
    " JOIN education_levels l ON l.code = ed.level_code WHERE ed.employee_id = $1"
    " AND NOT EXISTS (SELECT 1 FROM employee_education n WHERE n.supersedes = ed.id)"
    " ORDER BY l.rank_order DESC, ed.id DESC LIMIT 1), updated_at = $2 WHERE id = $1";
/* Active appraisals (0027: not superseded) of the year ($2), but the row a correction
 * replaces ($3). */
static const char SQL_KINERJA_YEAR[] =
    "SELECT count(*) FROM employee_kinerja t WHERE t.employee_id = $1 AND t.year = $2"
    " AND t.id <> $3 AND t.superseded = 0";
/* The row a correction replaces stops being active (0027), before the correction's insert so
 * that the index employee_kinerja_year lets the new row take its year. 0 rows changed: a
 * correction committed in the meantime replaced it already (PostgreSQL: this waits for it). */
static const char SQL_KINERJA_RETIRE[] =
    "UPDATE employee_kinerja SET superseded = 1 WHERE id = $1 AND superseded = 0";
/* The record's cache of its active appraisals (0027 employees.kinerja_years, "YYYYP,..."; the
 * migration fills it with the same aggregate), by engine: [DB_ENGINE_SQLITE] group_concat,
 * [DB_ENGINE_POSTGRES] string_agg (SQLite 3.40 has no string_agg). */
#define KINERJA_CACHE(agg)                                                                    \
    "UPDATE employees SET kinerja_years = (SELECT " agg "(CAST(k.year AS TEXT) || k.predikat,"   \
    " ',') FROM employee_kinerja k WHERE k.employee_id = $1 AND k.superseded = 0) WHERE id = $1"
static const char *const SQL_KINERJA_CACHE[2] = {KINERJA_CACHE("group_concat"),
                                                 KINERJA_CACHE("string_agg")};
_Static_assert(DB_ENGINE_SQLITE == 0 && DB_ENGINE_POSTGRES == 1, "SQL_KINERJA_CACHE by engine");
static const char SQL_TOUCH[] = "UPDATE employees SET updated_at = $2 WHERE id = $1";
/* The record's two sums in one statement (one per GET /employees/{id}): JP of training that
 * started in [$2, $3), and the living family members counted for the allowance. */
static const char SQL_LEVEL_KNOWN[] = "SELECT count(*) FROM education_levels WHERE code = $1";
static const char SQL_LEVELS[] =
    "SELECT code, name, rank_order, siasn_id, entry_golongan, max_golongan"
    " FROM education_levels ORDER BY rank_order";

static enum err_code unknown_code(struct err *e, const struct history_field *f)
{
    char msg[160];

    snprintf(msg, sizeof msg, "%s tidak dikenal", f->label);
    return err_invalid(e, f->name, msg);
}

static enum err_code count_text(struct db *db, const char *sql, const char *text, int64_t *n,
                                struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, text);
    r = db_step(st, e);
    *n = r == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

static enum err_code already_superseded(struct err *e)
{
    return err_set(e, ERR_CONFLICT, "already_superseded", "supersedes",
                   "Baris ini sudah dikoreksi oleh baris lain");
}

/* The corrected row: of this kind and this employee, not corrected yet (409 otherwise). */
static enum err_code check_supersedes(struct db *db, const struct history_kind *k, int64_t row,
                                      int64_t employee_id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, k->sql_owner, &st, e);
    int64_t owner = 0, done = 0;
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, row);
    r = db_step(st, e);
    if (r == 1) {
        owner = db_col_int(st, 0);
        done = db_col_int(st, 1);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (owner != employee_id)
        return err_invalid(e, "supersedes",
                           "Baris yang dikoreksi tidak ditemukan pada riwayat ini");
    if (done)
        return already_superseded(e);
    return ERR_OK;
}

/* A promotion: a golongan of the record's kind (PNS/CPNS or PPPK), dated on or after the
 * current rank's TMT unless it corrects a row. */
static enum err_code check_rank(struct db *db, struct arena *a, const struct history_kind *k,
                                const struct history_value *v, const struct employee *x,
                                struct err *e)
{
    struct employee_golongan g;
    const char *tmt = v[employee_history_field(k, "tmt")].s;
    enum err_code rc = employee_golongan_get(db, a, v[employee_history_field(k, "golongan")].s,
                                             &g, e);

    if (rc == ERR_NOT_FOUND)
        return err_invalid(e, "golongan", "Golongan tidak dikenal");
    if (rc)
        return rc;
    if (strcmp(g.kind, strcmp(x->status, "PPPK") == 0 ? "pppk" : "pns") != 0)
        return err_invalid(e, "golongan", "Golongan tidak sesuai dengan status kepegawaian");
    if (!v[employee_history_field(k, "supersedes")].present && x->tmt_golongan &&
        strcmp(tmt, x->tmt_golongan) < 0)
        return err_invalid(e, "tmt", "TMT tidak boleh sebelum TMT golongan saat ini");
    return ERR_OK;
}

static enum err_code kinerja_duplicate(struct err *e)
{
    return err_set(e, ERR_CONFLICT, "duplicate_year", "year",
                   "Penilaian kinerja tahun ini sudah ada; koreksi baris tersebut");
}

/* One appraisal per year: a second one is a correction of the first (409 otherwise). The
 * index employee_kinerja_year (0027) holds it against a concurrent save
 * (employee_history_insert). */
static enum err_code check_kinerja_year(struct db *db, const struct history_kind *k,
                                        const struct history_value *v, int64_t employee_id,
                                        struct err *e)
{
    const struct history_value *sup = &v[employee_history_field(k, "supersedes")];
    const int64_t args[] = {employee_id, v[employee_history_field(k, "year")].i,
                            sup->present ? sup->i : 0};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_KINERJA_YEAR, args, 3, 0, &n, e);

    /* PostgreSQL reads each statement at its own start: a concurrent correction of the same
     * row committed since db_checks' check_supersedes shows here as the year's active row;
     * asked again, check_supersedes answers already_superseded */
    if (!rc && n > 0 && sup->present)
        rc = check_supersedes(db, k, sup->i, employee_id, e);
    if (!rc && n > 0)
        rc = kinerja_duplicate(e);
    return rc;
}

static enum err_code db_checks(struct db *db, struct arena *a, const struct history_kind *k,
                               const struct history_value *v, const struct employee *x,
                               struct err *e)
{
    enum err_code rc = ERR_OK;
    int64_t n = 0;

    for (int i = 0; !rc && k->fields[i].name; i++) {
        const struct history_field *f = &k->fields[i];

        if (!v[i].present)
            continue;
        if (f->type == HT_REF) {
            rc = count_text(db, f->ref_sql, v[i].s, &n, e);
            if (!rc && n == 0)
                rc = unknown_code(e, f);
        } else if (strcmp(f->name, "document_id") == 0) {
            const int64_t args[] = {v[i].i, x->id};

            rc = db_value_int(db, SQL_DOCUMENT_OF, args, 2, 0, &n, e);
            if (!rc && n == 0)
                rc = err_invalid(e, "document_id", "Dokumen tidak ditemukan pada pegawai ini");
        } else if (strcmp(f->name, "supersedes") == 0) {
            rc = check_supersedes(db, k, v[i].i, x->id, e);
        }
    }
    if (!rc && strcmp(k->name, "ranks") == 0)
        rc = check_rank(db, a, k, v, x, e);
    if (!rc && strcmp(k->name, "kinerja") == 0)
        rc = check_kinerja_year(db, k, v, x->id, e);
    return rc;
}

/* "<table>.<field>": the column a sealed value is bound to (field_seal's additional data). */
static void sealed_column(const struct history_kind *k, const struct history_field *f, char *out,
                          size_t cap)
{
    snprintf(out, cap, "%s.%s", k->table, f->name);
}

/* A NIK as stored: sealed, never in clear (a NIK is 16 digits: the buffer has room). */
static enum err_code bind_sealed(struct db_stmt *st, int idx, const struct history_kind *k,
                                 const struct history_field *f, const char *plain, struct err *e)
{
    char column[128], sealed[FIELD_SEALED_CAP(EMPLOYEE_NIK_LEN + 16)];

    sealed_column(k, f, column, sizeof column);
    if (field_seal_to(sealed, sizeof sealed, column, plain))
        return err_internal(e, "NIK cannot be sealed (no key, or too long)");
    db_bind_text(st, idx, sealed);
    return ERR_OK;
}

/* Before a kinerja row is inserted: the row it corrects stops being active (SQL_KINERJA_RETIRE;
 * 409 already_superseded when a concurrent correction was first). */
static enum err_code kinerja_retire(struct db *db, const struct history_kind *k,
                                    const struct history_value *v, struct err *e)
{
    const struct history_value *sup = &v[employee_history_field(k, "supersedes")];
    int64_t changed = 0;
    enum err_code rc;

    if (!sup->present)
        return ERR_OK;
    rc = db_run_ints(db, SQL_KINERJA_RETIRE, &sup->i, 1, &changed, e);
    if (!rc && changed == 0)
        rc = already_superseded(e);
    return rc;
}

enum err_code employee_history_insert(struct db *db, const struct history_kind *k,
                                      int64_t employee_id, const struct history_value *v,
                                      int64_t now, int64_t actor, int64_t *id_out, struct err *e)
{
    struct db_stmt *st;
    int kinerja = k == employee_history_kind("kinerja");
    enum err_code rc = kinerja ? kinerja_retire(db, k, v, e) : ERR_OK;
    int64_t id = 0;
    int p = 1;

    if (!rc)
        rc = db_prepare(db, k->sql_insert, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, p++, employee_id);
    for (int i = 0; !rc && k->fields[i].name; i++) {
        const struct history_field *f = &k->fields[i];

        if (f->flags & HF_OUTPUT)
            continue;
        if (!v[i].present)
            db_bind_null(st, p++);
        else if (f->type == HT_NIK)
            rc = bind_sealed(st, p++, k, f, v[i].s, e);
        else if (f->type == HT_INT || f->type == HT_ID)
            db_bind_int(st, p++, v[i].i);
        else
            db_bind_text(st, p++, v[i].s);
    }
    if (rc) {
        db_reset(st);
        return rc;
    }
    db_bind_int(st, p++, now);
    if (actor > 0)
        db_bind_int(st, p, actor);
    else
        db_bind_null(st, p);
    rc = db_step_id(st, &id, e);
    if (rc == ERR_CONFLICT && kinerja) /* employee_kinerja_year: a concurrent save was first */
        return kinerja_duplicate(e);
    if (rc)
        return rc;
    if (id_out)
        *id_out = id;
    if (k == employee_history_kind("ranks") || k == employee_history_kind("positions"))
        return employee_current_refresh(db, employee_id, e); /* the cached current rank, 0008 */
    if (kinerja) /* the record's cache of its active appraisals, 0027 */
        return db_run_ints(db, SQL_KINERJA_CACHE[db_engine(db) == DB_ENGINE_POSTGRES],
                           &employee_id, 1, NULL, e);
    return ERR_OK;
}

static void context_of(const struct employee *x, int64_t now, struct history_context *cx)
{
    memset(cx, 0, sizeof *cx);
    cx->today = employee_date_from_epoch(now);
    if (employee_date_parse(x->birth_date, &cx->birth))
        cx->birth = (struct employee_date){1, 1, 1};
    if (employee_date_parse(x->appointed_on, &cx->appointed))
        cx->appointed = cx->birth;
    cx->gender = x->gender && x->gender[0] == 'P' ? EMPLOYEE_FEMALE : EMPLOYEE_MALE;
}

/* Validate row as kind for the employee (rules, then the database checks); *kp and v are
 * what the insert needs. */
static enum err_code check_row(struct db *db, struct arena *a, const char *kind,
                               int64_t employee_id, json_t *row, int64_t now,
                               const struct history_kind **kp, struct history_value *v,
                               struct err *e)
{
    const struct history_kind *k = employee_history_kind(kind);
    struct history_context cx;
    struct employee x;
    enum err_code rc;

    if (!k || !k->sql_insert)
        return err_invalid(e, "kind", "Jenis riwayat tidak dikenal");
    rc = employee_get(db, a, employee_id, &x, e);
    if (rc)
        return rc;
    context_of(&x, now, &cx);
    rc = employee_history_validate(k, row, &cx, v, e);
    if (!rc)
        rc = db_checks(db, a, k, v, &x, e);
    *kp = k;
    return rc;
}

enum err_code employee_history_check(struct db *db, struct arena *a, const char *kind,
                                     int64_t employee_id, json_t *row, int64_t now,
                                     struct err *e)
{
    const struct history_kind *k = NULL;
    struct history_value v[HISTORY_MAX_FIELDS];

    return check_row(db, a, kind, employee_id, row, now, &k, v, e);
}

enum err_code employee_history_add(struct db *db, struct arena *a, const char *kind,
                                   int64_t employee_id, json_t *row, int64_t actor_user_id,
                                   int64_t now, int64_t *id_out, struct err *e)
{
    const struct history_kind *k = NULL;
    struct history_value v[HISTORY_MAX_FIELDS];
    enum err_code rc = check_row(db, a, kind, employee_id, row, now, &k, v, e);

    if (!rc)
        rc = employee_history_insert(db, k, employee_id, v, now, actor_user_id, id_out, e);
    if (!rc) {
        const int64_t args[] = {employee_id, now};

        rc = db_run_ints(db,
                         k == employee_history_kind("education") ? SQL_EDUCATION_CACHE : SQL_TOUCH,
                         args, 2, NULL, e);
    }
    return rc;
}

/* One row of k->sql_list as the API shows it. */
static json_t *read_row(struct db_stmt *st, struct arena *a, const struct history_kind *k,
                        int show_nik)
{
    json_t *o = json_object();
    int c = 1;

    json_object_set_new(o, "id", json_integer(db_col_int(st, 0)));
    for (int i = 0; k->fields[i].name; i++, c++) {
        const struct history_field *f = &k->fields[i];
        json_t *val;

        if (db_col_is_null(st, c)) {
            val = json_null();
        } else if (f->type == HT_INT || f->type == HT_ID) {
            val = json_integer(db_col_int(st, c));
        } else if (f->type == HT_NIK) {
            char column[128], masked[EMPLOYEE_NIK_LEN + 1];
            const char *plain;

            sealed_column(k, f, column, sizeof column);
            plain = field_open(a, column, db_col_text(st, c));
            employee_nik_mask(plain, masked);
            val = show_nik && plain ? json_string(plain) : json_string(masked);
        } else {
            val = json_string(db_col_text(st, c));
        }
        json_object_set_new(o, f->name, val);
    }
    json_object_set_new(o, "superseded_by",
                        db_col_is_null(st, c) ? json_null() : json_integer(db_col_int(st, c)));
    json_object_set_new(o, "created_at", json_time(db_col_int(st, c + 1)));
    json_object_set_new(o, "created_by", db_col_is_null(st, c + 2)
                                             ? json_null()
                                             : json_integer(db_col_int(st, c + 2)));
    return o;
}

enum err_code employee_history_list(struct db *db, struct arena *a,
                                    const struct history_kind *k, int64_t employee_id,
                                    int show_nik, json_t **out, struct err *e)
{
    struct db_stmt *st;
    json_t *arr = json_array();
    enum err_code rc = db_prepare(db, k->sql_list, &st, e);
    int r;

    if (rc) {
        json_decref(arr);
        return rc;
    }
    db_bind_int(st, 1, employee_id);
    while ((r = db_step(st, e)) == 1)
        json_array_append_new(arr, read_row(st, a, k, show_nik));
    db_reset(st);
    if (r < 0) {
        json_decref(arr);
        return e->code;
    }
    *out = arr;
    return ERR_OK;
}

enum err_code employee_education_levels(struct db *db, json_t **out, struct err *e)
{
    struct db_stmt *st;
    json_t *arr = json_array();
    enum err_code rc = db_prepare(db, SQL_LEVELS, &st, e);
    int r;

    if (rc) {
        json_decref(arr);
        return rc;
    }
    while ((r = db_step(st, e)) == 1)
        json_array_append_new(
            arr, json_pack("{s:s,s:s,s:I,s:o,s:s,s:s}", "code", db_col_text(st, 0), "name",
                           db_col_text(st, 1), "rank_order", (json_int_t)db_col_int(st, 2),
                           "siasn_id", json_str_or_null(db_col_is_null(st, 3) ? NULL
                                                                               : db_col_text(st, 3)),
                           "entry_golongan", db_col_text(st, 4), "max_golongan",
                           db_col_text(st, 5)));
    db_reset(st);
    if (r < 0) {
        json_decref(arr);
        return e->code;
    }
    *out = arr;
    return ERR_OK;
}

enum err_code employee_education_level_known(struct db *db, const char *code, int *yes,
                                             struct err *e)
{
    int64_t n = 0;
    enum err_code rc = count_text(db, SQL_LEVEL_KNOWN, code, &n, e);

    *yes = n > 0;
    return rc;
}
