/* import.c - an "Export Data ASN" file into Abdi (issue 7). Two passes over the file in
 * memory: the first checks every row (rules.c) and the NIPs that repeat in the file; only when
 * no row is bad does the second match each row to an employee (by NIP, then by pns_id) and
 * create, fill or list differences, writing nothing in a dry run. Everything happens inside
 * the caller's one transaction (the dispatcher's, or the CLI's).
 *
 * A new employee goes through employee_insert (its first rank and position history rows with
 * their TMT). For an employee Abdi has, fields Abdi lacks are filled; fields that differ are
 * never overwritten but become open differences (siasn_differences, 0017) unless
 * prefer_siasn; a golongan Abdi does not have becomes a rank history row
 * (employee_history_insert), a newer unit or position a position history row
 * (placement_transfer_insert). Units unknown by their unor_id are created under the
 * government's root and marked unplaced; positions unknown in their unit are created there.
 * Lookups go through prepared statements and a small per-import map: no per-row scan. */
#include "modules/siasn/siasn.h"
#include "modules/siasn/siasn_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "modules/org/org.h"

static const char SQL_GOLONGAN[] = "SELECT code, kind, siasn_id FROM golongan ORDER BY rank_order";
static const char SQL_UNIT_BY_UNOR[] =
    "SELECT id FROM units WHERE siasn_unor_id = $1 ORDER BY id LIMIT 1";
static const char SQL_POSITION_FIND[] =
    "SELECT id FROM positions WHERE unit_id = $1 AND (siasn_jabatan_id = CAST($2 AS TEXT)"
    " OR lower(name) = lower(CAST($3 AS TEXT)))"
    " ORDER BY CASE WHEN siasn_jabatan_id = CAST($2 AS TEXT) THEN 0 ELSE 1 END, id LIMIT 1";
#define EMP_MATCH                                                                                  \
    "SELECT e.id, e.nip, e.name, e.gelar_depan, e.gelar_belakang, e.birth_place,"                  \
    " e.birth_date, e.gender, e.status, e.state, e.pns_id, e.phone, e.email, e.address,"           \
    " e.religion, e.marital_status,"                                                               \
    " e.unit_id, e.position_id, e.tmt_jabatan, u.name, p.name FROM employees e"                    \
    " LEFT JOIN units u ON u.id = e.unit_id LEFT JOIN positions p ON p.id = e.position_id"
static const char SQL_BY_NIP[] = EMP_MATCH " WHERE e.nip = $1";
static const char SQL_BY_PNS_ID[] = EMP_MATCH " WHERE e.pns_id = $1 ORDER BY e.id LIMIT 1";
static const char SQL_RANK_ROW[] =
    "SELECT r.id, r.tmt FROM employee_rank_history r WHERE r.employee_id = $1"
    " AND r.golongan = $2"
    " AND NOT EXISTS (SELECT 1 FROM employee_rank_history n WHERE n.supersedes = r.id)"
    " ORDER BY r.tmt DESC, r.id DESC LIMIT 1";
static const char SQL_IMPORT_NEW[] =
    "INSERT INTO siasn_imports (created_by, created_at, dry_run, prefer_siasn, rows_total,"
    " created, updated, unchanged, differing, differences, units_created, warnings)"
    " VALUES ($1, $2, 0, $3, 0, 0, 0, 0, 0, 0, 0, 0) RETURNING id";
static const char SQL_IMPORT_DONE[] =
    "UPDATE siasn_imports SET rows_total = $2, created = $3, updated = $4, unchanged = $5,"
    " differing = $6, differences = $7, units_created = $8, warnings = $9 WHERE id = $1";
static const char SQL_UNPLACED[] =
    "INSERT INTO siasn_unplaced_units (unit_id, import_id, created_at) VALUES ($1, $2, $3)";
static const char SQL_DIFF_OPEN[] =
    "SELECT id FROM siasn_differences WHERE employee_id = $1 AND field = $2"
    " AND decided_at IS NULL";
static const char SQL_DIFF_NEW[] =
    "INSERT INTO siasn_differences (import_id, employee_id, field, abdi_value, siasn_value,"
    " apply, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_DIFF_AGAIN[] =
    "UPDATE siasn_differences SET import_id = $2, abdi_value = $3, siasn_value = $4,"
    " apply = $5 WHERE id = $1";
static const char SQL_STATE[] = "UPDATE employees SET state = $2, updated_at = $3 WHERE id = $1";

/* ---- a small string -> int64 map in the arena of the import (units, positions, NIPs) ---- */
struct smap_slot {
    const char *key;
    int64_t val;
};
struct smap {
    struct arena *a;
    struct smap_slot *s;
    size_t cap, used;
};

static void smap_free(void *p)
{
    free(((struct smap *)p)->s);
}

static void smap_init(struct smap *m, struct arena *a)
{
    m->a = a;
    m->cap = 1024;
    m->used = 0;
    m->s = xcalloc(m->cap, sizeof *m->s);
    arena_defer(a, smap_free, m);
}

static struct smap_slot *smap_at(struct smap_slot *s, size_t cap, const char *key)
{
    size_t h = 1469598103934665603u;

    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    for (h &= cap - 1; s[h].key && strcmp(s[h].key, key) != 0; h = (h + 1) & (cap - 1))
        ;
    return &s[h];
}

/* The value of key, or 0 (values are never 0). */
static int64_t smap_get(const struct smap *m, const char *key)
{
    return smap_at(m->s, m->cap, key)->val;
}

static void smap_put(struct smap *m, const char *key, int64_t val)
{
    struct smap_slot *slot;

    if ((m->used + 1) * 4 > m->cap * 3) {
        struct smap_slot *bigger = xcalloc(m->cap * 2, sizeof *bigger);

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

struct importer {
    struct req *rq;
    struct siasn_import *imp;
    struct siasn_context cx;
    struct smap map;  /* pass 1: NIPs and pns_ids of the file, with their line */
    struct smap refs; /* pass 2: units by unor_id, positions by unit and jabatan */
    struct employee_government gov;
    int64_t pseudo;      /* dry run: ids of units and positions that would be created (< 0) */
    struct arena *row_a; /* per row: the matched record's values */
};

static enum err_code load_golongan(struct importer *im, struct err *e)
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

static void json_release(void *p)
{
    json_decref(p);
}

static void progress(struct importer *im, const char *phase, long done, long total)
{
    if (im->imp->progress)
        im->imp->progress(im->imp->progress_ctx, phase, done, total);
}

/* Pass 1: every row checked; NIP and pns_id unique in the file. */
static int check_all(struct importer *im, const char *data, size_t len)
{
    struct csv_report *rep = im->imp->rep;
    struct csv_reader *r =
        csv_reader_open(im->rq->a, data, len, &siasn_read_options, siasn_columns, SIASN_NCOLS, rep);
    struct csv_row row;
    struct siasn_row x;
    char key[EMPLOYEE_TEXT_MAX + 8];
    int got;

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
        if (rep->rows % 1000 == 0)
            progress(im, "memeriksa", (long)csv_reader_offset(r), (long)len);
    }
    progress(im, "memeriksa", (long)len, (long)len);
    csv_reader_close(r);
    return got < 0 ? -1 : 0;
}

/* A unit code for a unit SIASN knows by unor_id: "S-" and 12 hex digits of its hash, the
 * salt moved on while the code is taken. */
static enum err_code unit_code(struct importer *im, const char *unor_id, char *out, size_t cap,
                               struct err *e)
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
static enum err_code unit_of(struct importer *im, const struct siasn_row *x, int64_t *id,
                             struct err *e)
{
    struct req *rq = im->rq;
    char key[EMPLOYEE_TEXT_MAX + 8], code[ORG_CODE_MAX + 1];
    struct org_unit u;
    enum err_code rc;

    snprintf(key, sizeof key, "U:%s", x->unor_id);
    *id = smap_get(&im->refs, key);
    if (*id)
        return ERR_OK;
    {
        struct db_stmt *st;
        int r;

        rc = db_prepare(rq->db, SQL_UNIT_BY_UNOR, &st, e);
        if (rc)
            return rc;
        db_bind_text(st, 1, x->unor_id);
        r = db_step(st, e);
        if (r == 1)
            *id = db_col_int(st, 0);
        db_reset(st);
        if (r < 0)
            return e->code;
    }
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

/* PP 11/2017 kinds by SIASN's jenis jabatan: 1 struktural -> pengawas, 2 fungsional tertentu
 * -> ahli_pertama, anything else (4 pelaksana) -> pelaksana; an admin corrects them. */
static const char *position_kind(const char *jenis_jabatan_id)
{
    if (jenis_jabatan_id && strcmp(jenis_jabatan_id, "1") == 0)
        return "pengawas";
    if (jenis_jabatan_id && strcmp(jenis_jabatan_id, "2") == 0)
        return "ahli_pertama";
    return "pelaksana";
}

static enum err_code position_of(struct importer *im, const struct siasn_row *x, int64_t unit,
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
            p.kind = position_kind(x->jenis_jabatan_id);
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

static const char *field_of(const struct siasn_row *x, size_t off)
{
    return *(const char *const *)(const void *)((const char *)x + off);
}

/* The record's value of column col of the matched row. */
struct matched {
    const char *v[M_NCOLS];
    int64_t id, unit_id, position_id;
};

static enum err_code match(struct importer *im, const char *sql, const char *key, struct matched *m,
                           int *found, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(im->rq->db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, key);
    r = db_step(st, e);
    *found = r == 1;
    if (r == 1) {
        for (int c = 0; c < M_NCOLS; c++)
            m->v[c] = db_col_text_copy(st, im->row_a, c);
        m->id = db_col_int(st, M_ID);
        m->unit_id = db_col_int(st, M_UNIT);
        m->position_id = db_col_is_null(st, M_POSITION) ? 0 : db_col_int(st, M_POSITION);
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* A difference: in the answer (the first SIASN_DIFF_KEEP), and, in a real run without
 * prefer_siasn, as an open difference (one per employee and field: a re-import refreshes it). */
static enum err_code difference(struct importer *im, const struct siasn_row *x, int64_t emp,
                                const char *field, const char *abdi, const char *siasn,
                                json_t *apply, struct err *e)
{
    struct siasn_import *imp = im->imp;
    struct req *rq = im->rq;
    struct db_stmt *st;
    int64_t open = 0;
    char *apply_text = NULL;
    enum err_code rc = ERR_OK;
    int r;

    imp->differences_total++;
    if (json_array_size(imp->differences) < SIASN_DIFF_KEEP)
        json_array_append_new(imp->differences,
                              json_pack("{s:s,s:s,s:o,s:o}", "nip", x->nip, "field", field, "abdi",
                                        json_str_or_null(abdi), "siasn", json_str_or_null(siasn)));
    /* prefer_siasn took the value; a NIP it never takes, so that one stays open */
    if (imp->dry_run || (imp->prefer_siasn && strcmp(field, "nip_baru") != 0)) {
        json_decref(apply);
        return ERR_OK;
    }
    if (apply) {
        apply_text = json_dumps(apply, JSON_COMPACT);
        json_decref(apply);
    }
    rc = db_prepare(rq->db, SQL_DIFF_OPEN, &st, e);
    if (rc)
        goto out;
    db_bind_int(st, 1, emp);
    db_bind_text(st, 2, field);
    r = db_step(st, e);
    if (r == 1)
        open = db_col_int(st, 0);
    db_reset(st);
    if (r < 0) {
        rc = e->code;
        goto out;
    }
    rc = db_prepare(rq->db, open ? SQL_DIFF_AGAIN : SQL_DIFF_NEW, &st, e);
    if (rc)
        goto out;
    if (open) {
        db_bind_int(st, 1, open);
        db_bind_int(st, 2, imp->import_id);
        db_bind_text(st, 3, abdi);
        db_bind_text(st, 4, siasn);
        db_bind_text(st, 5, apply_text);
    } else {
        db_bind_int(st, 1, imp->import_id);
        db_bind_int(st, 2, emp);
        db_bind_text(st, 3, field);
        db_bind_text(st, 4, abdi);
        db_bind_text(st, 5, siasn);
        db_bind_text(st, 6, apply_text);
        db_bind_int(st, 7, rq->now);
    }
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        rc = e->code;
out:
    free(apply_text);
    return rc;
}

/* A new employee from a good row. */
static enum err_code create(struct importer *im, const struct siasn_row *x, int64_t unit,
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
        const char *v = field_of(x, sc->off);

        if (v && (sc->col == M_RELIGION || sc->col == M_MARITAL))
            rc = siasn_set_text(rq->db, sc->sql, id, v, rq->now, e);
    }
    return rc;
}

/* The golongan: a rank row when Abdi has none of it, a difference when its TMT differs. */
static enum err_code compare_rank(struct importer *im, const struct siasn_row *x,
                                  const struct matched *m, int *wrote, int *differs, struct err *e)
{
    struct req *rq = im->rq;
    struct db_stmt *st;
    int64_t row = 0;
    const char *tmt = NULL;
    enum err_code rc = db_prepare(rq->db, SQL_RANK_ROW, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, m->id);
    db_bind_text(st, 2, x->golongan);
    r = db_step(st, e);
    if (r == 1) {
        row = db_col_int(st, 0);
        tmt = db_col_text_copy(st, im->row_a, 1);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (!row) {
        *wrote = 1;
        return im->imp->dry_run ? ERR_OK
                                : siasn_add_rank(rq->db, m->id, x->golongan, x->tmt_golongan, 0,
                                                 rq->now, siasn_actor(rq), e);
    }
    if (strcmp(tmt, x->tmt_golongan) == 0)
        return ERR_OK;
    if (im->imp->prefer_siasn) {
        *wrote = 1;
        if (im->imp->dry_run)
            return difference(im, x, m->id, "tmt_golongan", tmt, x->tmt_golongan, NULL, e);
        rc = siasn_add_rank(rq->db, m->id, x->golongan, x->tmt_golongan, row, rq->now,
                            siasn_actor(rq), e);
        return rc ? rc : difference(im, x, m->id, "tmt_golongan", tmt, x->tmt_golongan, NULL, e);
    }
    *differs = 1;
    return difference(im, x, m->id, "tmt_golongan", tmt, x->tmt_golongan,
                      json_pack("{s:s,s:s,s:s,s:I}", "kind", "rank", "golongan", x->golongan, "tmt",
                                x->tmt_golongan, "supersedes", (json_int_t)row),
                      e);
}

/* The unit and position: a newer SIASN one becomes a position row; an older or undated one
 * that differs is a difference. */
static enum err_code compare_position(struct importer *im, const struct siasn_row *x,
                                      const struct matched *m, int64_t unit, int64_t pos,
                                      int *wrote, int *differs, struct err *e)
{
    struct req *rq = im->rq;
    const char *abdi_tmt = m->v[M_TMT_JAB];
    char *abdi, *siasn;
    int newer;

    if (m->unit_id == unit && m->position_id == pos)
        return ERR_OK;
    newer = x->tmt_jabatan && (!abdi_tmt || strcmp(x->tmt_jabatan, abdi_tmt) > 0);
    abdi = arena_printf(im->row_a, "%s — %s", m->v[M_POS_NAME] ? m->v[M_POS_NAME] : "-",
                        m->v[M_UNIT_NAME] ? m->v[M_UNIT_NAME] : "-");
    siasn = arena_printf(im->row_a, "%s — %s", x->jabatan_nama, x->unor_nama);
    if (newer || im->imp->prefer_siasn) {
        const char *tmt = x->tmt_jabatan ? x->tmt_jabatan : x->tmt_golongan;
        enum err_code rc = ERR_OK;

        *wrote = 1;
        if (!im->imp->dry_run)
            rc = siasn_add_position(rq->db, m->id, unit, pos, tmt, rq->now, e);
        if (!rc && !newer) /* taken by prefer_siasn: still listed */
            rc = difference(im, x, m->id, "jabatan", abdi, siasn, NULL, e);
        return rc;
    }
    *differs = 1;
    return difference(im, x, m->id, "jabatan", abdi, siasn,
                      json_pack("{s:s,s:I,s:I,s:s}", "kind", "position", "unit_id",
                                (json_int_t)unit, "position_id", (json_int_t)pos, "tmt",
                                x->tmt_jabatan ? x->tmt_jabatan : x->tmt_golongan),
                      e);
}

/* An employee Abdi has: fill, list or (prefer_siasn) take each field. */
static enum err_code update(struct importer *im, const struct siasn_row *x, const struct matched *m,
                            int64_t unit, int64_t pos, struct err *e)
{
    struct req *rq = im->rq;
    int wrote = 0, differs = 0;
    enum err_code rc = ERR_OK;

    for (size_t i = 0; !rc && i < SIASN_NSCALARS; i++) {
        const struct siasn_scalar *s = &siasn_scalars[i];
        const char *v = field_of(x, s->off);
        enum siasn_cmp c = siasn_compare(m->v[s->col], v, s->ci);

        if (c == SIASN_SAME)
            continue;
        if (c == SIASN_DIFFER && strcmp(s->field, "nip_baru") == 0) {
            differs = 1; /* a NIP is never taken in bulk: the reconciliation decides */
            rc = difference(im, x, m->id, s->field, m->v[s->col], v, NULL, e);
            continue;
        }
        if (c == SIASN_FILL || im->imp->prefer_siasn) {
            wrote = 1;
            if (!im->imp->dry_run)
                rc = siasn_set_text(rq->db, s->sql, m->id, v, rq->now, e);
            if (!rc && c == SIASN_DIFFER)
                rc = difference(im, x, m->id, s->field, m->v[s->col], v, NULL, e);
            continue;
        }
        differs = 1;
        rc = difference(im, x, m->id, s->field, m->v[s->col], v, NULL, e);
    }
    if (!rc)
        rc = compare_rank(im, x, m, &wrote, &differs, e);
    if (!rc)
        rc = compare_position(im, x, m, unit, pos, &wrote, &differs, e);
    if (rc)
        return rc;
    if (wrote)
        im->imp->updated++;
    else if (differs)
        im->imp->differing++;
    else
        im->imp->unchanged++;
    return ERR_OK;
}

static enum err_code apply_row(struct importer *im, struct siasn_row *x, struct err *e)
{
    struct matched m;
    int64_t unit = 0, pos = 0;
    int found = 0;
    enum err_code rc = unit_of(im, x, &unit, e);

    if (!rc)
        rc = position_of(im, x, unit, &pos, e);
    if (!rc)
        rc = match(im, SQL_BY_NIP, x->nip, &m, &found, e);
    if (!rc && !found && x->pns_id)
        rc = match(im, SQL_BY_PNS_ID, x->pns_id, &m, &found, e);
    if (rc)
        return rc;
    return found ? update(im, x, &m, unit, pos, e) : create(im, x, unit, pos, e);
}

/* Pass 2: every (good) row matched and applied. */
static enum err_code apply_all(struct importer *im, const char *data, size_t len, struct err *e)
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
    struct importer *im = arena_alloc(rq->a, sizeof *im);
    enum err_code rc;

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
    if (rc)
        return rc;
    if (check_all(im, data, len) < 0 || imp->rep->errors_total > 0 || imp->rep->rows == 0)
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
