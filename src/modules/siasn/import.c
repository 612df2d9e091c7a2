/* import.c - an "Export Data ASN" file into Abdi (issue 7). Two passes over the file in
 * memory: the first checks every row (rules.c), the NIPs that repeat in the file and the
 * units found by unor_id (one that is only closed takes no one); only when no row is bad does
 * the second match each row to an employee (by NIP, then by pns_id) and create it here, or
 * fill or list differences (update.c), writing nothing in a dry run. Everything happens inside
 * the caller's one transaction (the dispatcher's, or the CLI's).
 *
 * A new employee goes through employee_insert (its first rank and position history rows with
 * their TMT), then its education history row. For an employee Abdi has, fields Abdi lacks are
 * filled; fields that differ are never overwritten but become open differences
 * (siasn_differences, 0017) unless prefer_siasn. Units unknown by their unor_id are created
 * under the government's root and marked unplaced; positions unknown in their unit are
 * created there with the kind of siasn_position_kind. Lookups go through prepared statements
 * and a small per-import map: no per-row scan. */
#include "modules/siasn/siasn.h"
#include "modules/siasn/siasn_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/str.h"
#include "modules/org/org.h"

static const char SQL_GOLONGAN[] = "SELECT code, kind, siasn_id FROM golongan ORDER BY rank_order";
/* The levels with their own code, then the other SIASN codes of a level (migration 0024:
 * 17/18 SLTA, 49 SPESIALIS), so that a level's own code is the one found for it. */
static const char SQL_EDU_LEVELS[] =
    "SELECT code, siasn_id, 0, rank_order FROM education_levels"
    " UNION ALL SELECT level_code, siasn_id, 1, 0 FROM education_level_siasn_codes"
    " ORDER BY 3, 4, 2";
/* An open unit of the unor_id first; a closed one only when no open one has it. */
static const char SQL_UNIT_BY_UNOR[] =
    "SELECT id, CASE WHEN closed_on IS NULL THEN 0 ELSE 1 END, name FROM units"
    " WHERE siasn_unor_id = $1 ORDER BY 2, id LIMIT 1";
static const char SQL_POSITION_FIND[] =
    "SELECT id FROM positions WHERE unit_id = $1 AND (siasn_jabatan_id = CAST($2 AS TEXT)"
    " OR lower(name) = lower(CAST($3 AS TEXT)))"
    " ORDER BY CASE WHEN siasn_jabatan_id = CAST($2 AS TEXT) THEN 0 ELSE 1 END, id LIMIT 1";
static const char SQL_IMPORT_NEW[] =
    "INSERT INTO siasn_imports (created_by, created_at, dry_run, prefer_siasn, rows_total,"
    " created, updated, unchanged, differing, differences, units_created, warnings)"
    " VALUES ($1, $2, 0, $3, 0, 0, 0, 0, 0, 0, 0, 0) RETURNING id";
static const char SQL_IMPORT_DONE[] =
    "UPDATE siasn_imports SET rows_total = $2, created = $3, updated = $4, unchanged = $5,"
    " differing = $6, differences = $7, units_created = $8, warnings = $9 WHERE id = $1";
static const char SQL_UNPLACED[] =
    "INSERT INTO siasn_unplaced_units (unit_id, import_id, created_at) VALUES ($1, $2, $3)";
static const char SQL_STATE[] = "UPDATE employees SET state = $2, updated_at = $3 WHERE id = $1";

/* ---- the small string -> int64 map of siasn_int.h ---- */
static void smap_free(void *p)
{
    free(((struct siasn_smap *)p)->s);
}

static void smap_init(struct siasn_smap *m, struct arena *a)
{
    m->a = a;
    m->cap = 1024;
    m->used = 0;
    m->s = xcalloc(m->cap, sizeof *m->s);
    arena_defer(a, smap_free, m);
}

static struct siasn_smap_slot *smap_at(struct siasn_smap_slot *s, size_t cap, const char *key)
{
    size_t h = 1469598103934665603u;

    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    for (h &= cap - 1; s[h].key && strcmp(s[h].key, key) != 0; h = (h + 1) & (cap - 1))
        ;
    return &s[h];
}

/* The value of key, or 0 (values are never 0). */
static int64_t smap_get(const struct siasn_smap *m, const char *key)
{
    return smap_at(m->s, m->cap, key)->val;
}

static void smap_put(struct siasn_smap *m, const char *key, int64_t val)
{
    struct siasn_smap_slot *slot;

    if ((m->used + 1) * 4 > m->cap * 3) {
        struct siasn_smap_slot *bigger = xcalloc(m->cap * 2, sizeof *bigger);

        for (size_t i = 0; i < m->cap; i++)
            if (m->s[i].key)
                *smap_at(bigger, m->cap * 2, m->s[i].key) = m->s[i];
        free(m->s);
        m->s = bigger;
        m->cap *= 2;
    }
    slot = smap_at(m->s, m->cap, key);
    if (!slot->key) {
        slot->key = arena_strdup(m->a, key);
        m->used++;
    }
    slot->val = val;
}

static enum err_code load_golongan(struct siasn_importer *im, struct err *e)
{
    struct siasn_golongan *g = NULL;
    size_t n = 0, cap = 0;
    struct db_stmt *st;
    enum err_code rc = db_prepare(im->rq->db, SQL_GOLONGAN, &st, e);
    int r;

    if (rc)
        return rc;
    while ((r = db_step(st, e)) == 1) {
        if (n == cap) {
            struct siasn_golongan *more = arena_alloc(im->rq->a, (cap + 64) * sizeof *more);

            if (n)
                memcpy(more, g, n * sizeof *g);
            g = more;
            cap += 64;
        }
        g[n].code = db_col_text_copy(st, im->rq->a, 0);
        g[n].kind = db_col_text_copy(st, im->rq->a, 1);
        g[n].siasn_id = db_col_text_copy(st, im->rq->a, 2);
        n++;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    im->cx.golongan = g;
    im->cx.ngolongan = n;
    return ERR_OK;
}

static enum err_code load_education(struct siasn_importer *im, struct err *e)
{
    struct siasn_education *lv = NULL;
    size_t n = 0, cap = 0;
    struct db_stmt *st;
    enum err_code rc = db_prepare(im->rq->db, SQL_EDU_LEVELS, &st, e);
    int r;

    if (rc)
        return rc;
    while ((r = db_step(st, e)) == 1) {
        if (n == cap) {
            struct siasn_education *more = arena_alloc(im->rq->a, (cap + 32) * sizeof *more);

            if (n)
                memcpy(more, lv, n * sizeof *lv);
            lv = more;
            cap += 32;
        }
        lv[n].code = db_col_text_copy(st, im->rq->a, 0);
        lv[n].siasn_id = db_col_text_copy(st, im->rq->a, 1);
        n++;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    im->cx.education = lv;
    im->cx.neducation = n;
    return ERR_OK;
}

/* The unit of unor_id Abdi has: *id (0 when none), *closed, its name in a. */
static enum err_code unit_by_unor(struct siasn_importer *im, const char *unor_id, struct arena *a,
                                  int64_t *id, int *closed, const char **name, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(im->rq->db, SQL_UNIT_BY_UNOR, &st, e);
    int r;

    *id = 0;
    *closed = 0;
    if (rc)
        return rc;
    db_bind_text(st, 1, unor_id);
    r = db_step(st, e);
    if (r == 1) {
        *id = db_col_int(st, 0);
        *closed = db_col_int(st, 1) != 0;
        if (name)
            *name = db_col_text_copy(st, a, 2);
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* Pass 1: a unit found by unor_id that is closed (and no open one has the unor_id) takes no
 * one: the row is bad (org.h: a closed unit keeps its history, takes no new placement).
 * 0 good, 1 bad (reported), -1 storage failure (e). */
static int check_unit_open(struct siasn_importer *im, const struct siasn_row *x, struct err *e)
{
    char key[EMPLOYEE_TEXT_MAX + 8], msg[LIMIT_NAME_BYTES + 160];
    const char *name = NULL;
    int64_t id;
    int closed;

    snprintf(key, sizeof key, "O:%s", x->unor_id);
    if (smap_get(&im->map, key))
        return 0;
    if (unit_by_unor(im, x->unor_id, im->rq->a, &id, &closed, &name, e))
        return -1;
    if (!closed) {
        smap_put(&im->map, key, 1);
        return 0;
    }
    snprintf(msg, sizeof msg,
             "Unit %s (unor_id %s) sudah ditutup; pindahkan unor_id ke unit yang masih aktif",
             name ? name : "-", x->unor_id);
    csv_report_add(im->imp->rep, x->line, "unor_id", msg);
    return 1;
}

static void json_release(void *p)
{
    json_decref(p);
}

static void progress(struct siasn_importer *im, const char *phase, long done, long total)
{
    if (im->imp->progress)
        im->imp->progress(im->imp->progress_ctx, phase, done, total);
}

/* Pass 1: every row checked; NIP and pns_id unique in the file; its unit not closed. 0 read
 * (bad rows reported), -1 unreadable (reported), -2 storage failure (e). */
static int check_all(struct siasn_importer *im, const char *data, size_t len, struct err *e)
{
    struct csv_report *rep = im->imp->rep;
    struct csv_reader *r =
        csv_reader_open(im->rq->a, data, len, &siasn_read_options, siasn_columns, SIASN_NCOLS, rep);
    struct csv_row row;
    struct siasn_row x;
    char key[EMPLOYEE_TEXT_MAX + 8];
    int got, bad = 0;

    if (!r)
        return -1;
    while ((got = csv_reader_next(r, &row)) == 1) {
        int64_t first;

        siasn_row_read(row.values, row.line, &x);
        if (siasn_row_check(&x, &im->cx, rep))
            continue;
        snprintf(key, sizeof key, "N:%s", x.nip);
        first = smap_get(&im->map, key);
        if (first) {
            char msg[96];

            snprintf(msg, sizeof msg, "NIP sama dengan baris %lld di berkas ini", (long long)first);
            csv_report_add(rep, row.line, "nip_baru", msg);
            continue;
        }
        smap_put(&im->map, key, row.line);
        if (x.pns_id) {
            snprintf(key, sizeof key, "I:%s", x.pns_id);
            first = smap_get(&im->map, key);
            if (first) {
                char msg[96];

                snprintf(msg, sizeof msg, "pns_id sama dengan baris %lld di berkas ini",
                         (long long)first);
                csv_report_add(rep, row.line, "pns_id", msg);
                continue;
            }
            smap_put(&im->map, key, row.line);
        }
        bad = check_unit_open(im, &x, e);
        if (bad < 0)
            break;
        if (rep->rows % 1000 == 0)
            progress(im, "memeriksa", (long)csv_reader_offset(r), (long)len);
    }
    progress(im, "memeriksa", (long)len, (long)len);
    csv_reader_close(r);
    return bad < 0 ? -2 : got < 0 ? -1 : 0;
}

/* A unit code for a unit SIASN knows by unor_id: "S-" and 12 hex digits of its hash, the
 * salt moved on while the code is taken. */
static enum err_code unit_code(struct siasn_importer *im, const char *unor_id, char *out,
                               size_t cap, struct err *e)
{
    for (unsigned salt = 0; salt < 16; salt++) {
        uint64_t h = 1469598103934665603u + salt;
        struct org_unit u;
        enum err_code rc;

        for (const char *p = unor_id; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211u;
        snprintf(out, cap, "S-%012llX", (unsigned long long)(h & 0xffffffffffffull));
        rc = org_unit_by_code(im->rq->db, im->rq->a, out, &u, e);
        if (rc == ERR_NOT_FOUND)
            return ERR_OK;
        if (rc)
            return rc;
    }
    return err_internal(e, "no free unit code for a SIASN unit");
}

/* The unit of unor_id: found, created unplaced under the government's root, or (dry run) a
 * pseudo id of one that would be. */
static enum err_code unit_of(struct siasn_importer *im, const struct siasn_row *x, int64_t *id,
                             struct err *e)
{
    struct req *rq = im->rq;
    char key[EMPLOYEE_TEXT_MAX + 8], code[ORG_CODE_MAX + 1];
    struct org_unit u;
    enum err_code rc;
    int closed;

    snprintf(key, sizeof key, "U:%s", x->unor_id);
    *id = smap_get(&im->refs, key);
    if (*id)
        return ERR_OK;
    rc = unit_by_unor(im, x->unor_id, NULL, id, &closed, NULL, e);
    if (rc)
        return rc;
    if (closed) /* pass 1 reported the row */
        return err_internal(e, "SIASN row of a closed unit in the second pass");
    if (!*id) {
        im->imp->units_created++;
        if (im->imp->dry_run) {
            *id = --im->pseudo;
        } else {
            rc = unit_code(im, x->unor_id, code, sizeof code, e);
            if (rc)
                return rc;
            memset(&u, 0, sizeof u);
            u.parent_id = im->gov.id;
            u.code = code;
            u.name = x->unor_nama;
            u.kind = "kantor";
            u.siasn_unor_id = x->unor_id;
            rc = org_unit_insert(rq->db, &u, rq->now, id, e);
            if (!rc) {
                int64_t args[3] = {*id, im->imp->import_id, rq->now};

                rc = db_run_ints(rq->db, SQL_UNPLACED, args, 3, NULL, e);
            }
            if (rc)
                return rc;
        }
    }
    smap_put(&im->refs, key, *id);
    return ERR_OK;
}

static enum err_code position_of(struct siasn_importer *im, const struct siasn_row *x, int64_t unit,
                                 int64_t *id, struct err *e)
{
    struct req *rq = im->rq;
    char *key = arena_printf(im->row_a, "P:%lld:%s", (long long)unit,
                             x->jabatan_id ? x->jabatan_id : x->jabatan_nama);
    enum err_code rc;

    if (!x->jabatan_id)
        for (char *p = key; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    *id = smap_get(&im->refs, key);
    if (*id)
        return ERR_OK;
    if (unit > 0) {
        struct db_stmt *st;
        int r;

        rc = db_prepare(rq->db, SQL_POSITION_FIND, &st, e);
        if (rc)
            return rc;
        db_bind_int(st, 1, unit);
        db_bind_text(st, 2, x->jabatan_id);
        db_bind_text(st, 3, x->jabatan_nama);
        r = db_step(st, e);
        if (r == 1)
            *id = db_col_int(st, 0);
        db_reset(st);
        if (r < 0)
            return e->code;
    }
    if (!*id) {
        im->imp->positions_created++;
        if (im->imp->dry_run || unit < 0) {
            *id = --im->pseudo;
        } else {
            struct org_position p;

            memset(&p, 0, sizeof p);
            p.unit_id = unit;
            p.name = x->jabatan_nama;
            p.kind = siasn_position_kind(x->jenis_jabatan_id, x->eselon_id, x->jabatan_nama);
            p.kelas_jabatan = 1;
            p.bup_age = org_position_bup_default(p.kind);
            p.siasn_jabatan_id = x->jabatan_id;
            rc = org_position_insert(rq->db, &p, rq->now, id, e);
            if (rc)
                return rc;
        }
    }
    smap_put(&im->refs, key, *id);
    return ERR_OK;
}

/* A new employee from a good row. */
static enum err_code create(struct siasn_importer *im, const struct siasn_row *x, int64_t unit,
                            int64_t pos, struct err *e)
{
    struct req *rq = im->rq;
    struct employee emp;
    int64_t id = 0;
    enum err_code rc;

    im->imp->created++;
    if (im->imp->dry_run)
        return ERR_OK;
    memset(&emp, 0, sizeof emp);
    emp.nip = x->nip;
    emp.nik = x->nik;
    emp.name = x->name;
    emp.gelar_depan = x->gelar_depan;
    emp.gelar_belakang = x->gelar_belakang;
    emp.birth_place = x->birth_place;
    emp.birth_date = x->birth_date;
    emp.gender = x->gender;
    emp.status = x->status;
    emp.appointed_on = x->appointed_on;
    emp.unit_id = unit;
    emp.position_id = pos;
    emp.golongan = x->golongan;
    emp.tmt_golongan = x->tmt_golongan;
    emp.tmt_jabatan = x->tmt_jabatan ? x->tmt_jabatan : x->tmt_golongan;
    emp.pns_id = x->pns_id;
    rc = employee_insert(rq->db, &emp, rq->now, &id, e);
    if (!rc && (x->phone || x->email || x->address)) {
        emp.id = id;
        emp.contact.phone = x->phone;
        emp.contact.email = x->email;
        emp.contact.address = x->address;
        rc = employee_edit_save(rq->db, &emp, rq->now, e);
    }
    if (!rc && x->state && strcmp(x->state, "active") != 0)
        rc = siasn_set_text(rq->db, SQL_STATE, id, x->state, rq->now, e);
    for (size_t i = 0; !rc && i < SIASN_NSCALARS; i++) { /* religion, marital status */
        const struct siasn_scalar *sc = &siasn_scalars[i];
        const char *v = siasn_row_field(x, sc->off);

        if (v && (sc->col == M_RELIGION || sc->col == M_MARITAL))
            rc = siasn_set_text(rq->db, sc->sql, id, v, rq->now, e);
    }
    if (!rc && x->edu_level) {
        json_t *row = siasn_education_row(x);

        rc = siasn_add_education(rq->db, im->row_a, id, row, 0, rq->now, siasn_actor(rq), e);
        json_decref(row);
    }
    return rc;
}

static enum err_code apply_row(struct siasn_importer *im, struct siasn_row *x, struct err *e)
{
    struct siasn_matched m;
    int64_t unit = 0, pos = 0;
    int found = 0;
    enum err_code rc = unit_of(im, x, &unit, e);

    if (!rc)
        rc = position_of(im, x, unit, &pos, e);
    if (!rc)
        rc = siasn_match_employee(im, x, &m, &found, e);
    if (rc)
        return rc;
    return found ? siasn_update(im, x, &m, unit, pos, e) : create(im, x, unit, pos, e);
}

/* Pass 2: every (good) row matched and applied. */
static enum err_code apply_all(struct siasn_importer *im, const char *data, size_t len,
                               struct err *e)
{
    struct req *rq = im->rq;
    struct csv_report scratch; /* the rows were reported by pass 1 */
    struct csv_reader *r;
    struct csv_row row;
    struct siasn_row x;
    enum err_code rc = ERR_OK;
    long n = 0;
    int got;

    csv_report_init(&scratch, rq->a, 1);
    r = csv_reader_open(rq->a, data, len, &siasn_read_options, siasn_columns, SIASN_NCOLS,
                        &scratch);
    if (!r)
        return err_internal(e, "SIASN file unreadable in the second pass");
    while (!rc && (got = csv_reader_next(r, &row)) == 1) {
        siasn_row_read(row.values, row.line, &x);
        if (siasn_row_check(&x, &im->cx, &scratch)) {
            rc = err_internal(e, "SIASN row bad in the second pass");
            break;
        }
        if (n % 256 == 0) { /* the matched records' values, renewed every 256 rows */
            arena_free(im->row_a);
            im->row_a = arena_new();
        }
        rc = apply_row(im, &x, e);
        if (++n % 1000 == 0)
            progress(im, "menyimpan", n, im->imp->rep->rows);
    }
    arena_free(im->row_a);
    im->row_a = NULL;
    progress(im, "menyimpan", n, n);
    csv_reader_close(r);
    return rc;
}

enum err_code siasn_import_csv(struct req *rq, const char *data, size_t len,
                               struct siasn_import *imp, struct err *e)
{
    struct siasn_importer *im = arena_alloc(rq->a, sizeof *im);
    enum err_code rc;
    int checked;

    im->rq = rq;
    im->imp = imp;
    im->cx.today = employee_date_from_epoch(rq->now);
    smap_init(&im->map, rq->a);
    if (!imp->rep) {
        imp->rep = arena_alloc(rq->a, sizeof *imp->rep);
        csv_report_init(imp->rep, rq->a, 0);
    }
    if (!imp->differences) {
        imp->differences = json_array();
        arena_defer(rq->a, json_release, imp->differences);
    }
    rc = load_golongan(im, e);
    if (!rc)
        rc = load_education(im, e);
    if (rc)
        return rc;
    checked = check_all(im, data, len, e);
    if (checked == -2)
        return e->code;
    if (checked < 0 || imp->rep->errors_total > 0 || imp->rep->rows == 0)
        return ERR_OK; /* bad rows, or none: nothing to write */
    rc = employee_government(rq->db, rq->a, &im->gov, e);
    if (!rc && !imp->dry_run) {
        struct db_stmt *st;

        rc = db_prepare(rq->db, SQL_IMPORT_NEW, &st, e);
        if (!rc) {
            db_bind_id_or_null(st, 1, siasn_actor(rq));
            db_bind_int(st, 2, rq->now);
            db_bind_int(st, 3, imp->prefer_siasn);
            rc = db_step_id(st, &imp->import_id, e);
        }
    }
    smap_init(&im->refs, rq->a);
    if (!rc)
        rc = apply_all(im, data, len, e);
    if (!rc && !imp->dry_run) {
        struct db_stmt *st;
        int r;

        rc = db_prepare(rq->db, SQL_IMPORT_DONE, &st, e);
        if (rc)
            return rc;
        db_bind_int(st, 1, imp->import_id);
        db_bind_int(st, 2, imp->rep->rows);
        db_bind_int(st, 3, imp->created);
        db_bind_int(st, 4, imp->updated);
        db_bind_int(st, 5, imp->unchanged);
        db_bind_int(st, 6, imp->differing);
        db_bind_int(st, 7, imp->differences_total);
        db_bind_int(st, 8, imp->units_created);
        db_bind_int(st, 9, imp->rep->warnings_total);
        r = db_step(st, e);
        db_reset(st);
        if (r < 0)
            rc = e->code;
    }
    return rc;
}

json_t *siasn_import_counts(const struct siasn_import *imp)
{
    return json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:b}", "rows", (json_int_t)imp->rep->rows, "created",
        (json_int_t)imp->created, "updated", (json_int_t)imp->updated, "unchanged",
        (json_int_t)imp->unchanged, "differing", (json_int_t)imp->differing, "differences_total",
        (json_int_t)imp->differences_total, "units_created", (json_int_t)imp->units_created,
        "positions_created", (json_int_t)imp->positions_created, "warnings_total",
        (json_int_t)imp->rep->warnings_total, "prefer_siasn", imp->prefer_siasn);
}

json_t *siasn_import_json(const struct siasn_import *imp)
{
    /* rows, dry_run, errors and warnings (with their totals) as every CSV import answers */
    struct employee_import ei = {.dry_run = imp->dry_run, .rep = imp->rep};
    json_t *v = employee_import_json(&ei), *counts = siasn_import_counts(imp);

    json_object_del(v, "imported");
    json_object_update(v, counts);
    json_decref(counts);
    json_object_set_new(v, "import_id", json_id_or_null(imp->import_id));
    json_object_set_new(v, "differences", json_incref(imp->differences));
    return v;
}
