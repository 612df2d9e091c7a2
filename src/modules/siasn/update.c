/* update.c - an employee Abdi has, compared with a row of the export (issue 7, the second
 * pass of import.c): found by NIP then pns_id, each plain field equal, filled or a
 * difference (kept open for the reconciliation unless prefer_siasn took it), the golongan
 * (a rank row, or a difference of its TMT), the unit and position (a newer position row, or
 * a difference), the education (a row, or a difference "pendidikan"). Writes nothing in a
 * dry run; never overwrites a differing value without prefer_siasn (siasn.md §1). */
#include "modules/siasn/siasn_int.h"

#include <stdlib.h>
#include <string.h>

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
/* The employee's education rows no correction supersedes, the highest level first. */
static const char SQL_EDU_ROWS[] =
    "SELECT ed.id, ed.level_code, substr(ed.graduated_on, 1, 4), ed.pendidikan_id, ed.major"
    " FROM employee_education ed JOIN education_levels l ON l.code = ed.level_code"
    " WHERE ed.employee_id = $1"
    " AND NOT EXISTS (SELECT 1 FROM employee_education n WHERE n.supersedes = ed.id)"
    " ORDER BY l.rank_order DESC, ed.graduated_on DESC, ed.id DESC";
static const char SQL_DIFF_OPEN[] =
    "SELECT id FROM siasn_differences WHERE employee_id = $1 AND field = $2"
    " AND decided_at IS NULL";
static const char SQL_DIFF_NEW[] =
    "INSERT INTO siasn_differences (import_id, employee_id, field, abdi_value, siasn_value,"
    " apply, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_DIFF_AGAIN[] =
    "UPDATE siasn_differences SET import_id = $2, abdi_value = $3, siasn_value = $4,"
    " apply = $5 WHERE id = $1";

const char *siasn_row_field(const struct siasn_row *x, size_t off)
{
    return *(const char *const *)(const void *)((const char *)x + off);
}

static enum err_code match(struct siasn_importer *im, const char *sql, const char *key,
                           struct siasn_matched *m, int *found, struct err *e)
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
static enum err_code difference(struct siasn_importer *im, const struct siasn_row *x, int64_t emp,
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

enum err_code siasn_match_employee(struct siasn_importer *im, const struct siasn_row *x,
                                   struct siasn_matched *m, int *found, struct err *e)
{
    enum err_code rc = match(im, SQL_BY_NIP, x->nip, m, found, e);

    if (!rc && !*found && x->pns_id)
        rc = match(im, SQL_BY_PNS_ID, x->pns_id, m, found, e);
    return rc;
}

/* "S1 2010 (Kesehatan Masyarakat)": an education as a difference shows it. */
static const char *education_text(struct arena *a, const char *level, const char *year,
                                  const char *major)
{
    return major ? arena_printf(a, "%s %s (%s)", level, year, major)
                 : arena_printf(a, "%s %s", level, year);
}

/* The education: equal to a row Abdi has (level and year, and the programme code when both
 * have one) is nothing; none in Abdi is filled; otherwise a difference "pendidikan" (Abdi's
 * row of the same level, else its highest), whose taking adds SIASN's row, superseding
 * Abdi's row of the same level when there is one. */
static enum err_code compare_education(struct siasn_importer *im, const struct siasn_row *x,
                                       const struct siasn_matched *m, int *wrote, int *differs,
                                       struct err *e)
{
    struct req *rq = im->rq;
    const char *abdi = NULL, *abdi_same = NULL, *siasn;
    int64_t same_level = 0;
    int rows = 0, equal = 0, r = 0;
    struct db_stmt *st;
    json_t *row;
    enum err_code rc;

    if (!x->edu_level)
        return ERR_OK;
    rc = db_prepare(rq->db, SQL_EDU_ROWS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, m->id);
    while (!equal && (r = db_step(st, e)) == 1) {
        const char *level = db_col_text(st, 1), *year = db_col_text(st, 2);
        const char *pid = db_col_text(st, 3), *major = db_col_text(st, 4);
        int same = level && strcmp(level, x->edu_level) == 0;

        if (rows++ == 0)
            abdi = education_text(im->row_a, level, year ? year : "-", major);
        if (same && year && strcmp(year, x->tahun_lulus) == 0 &&
            (!pid || !x->pendidikan_id || strcmp(pid, x->pendidikan_id) == 0))
            equal = 1;
        else if (same && !same_level) {
            same_level = db_col_int(st, 0);
            abdi_same = education_text(im->row_a, level, year ? year : "-", major);
        }
    }
    db_reset(st);
    if (!equal && r < 0)
        return e->code;
    if (equal)
        return ERR_OK;
    row = siasn_education_row(x);
    if (rows == 0 || im->imp->prefer_siasn) {
        *wrote = 1;
        if (!im->imp->dry_run)
            rc = siasn_add_education(rq->db, im->row_a, m->id, row, rows ? same_level : 0, rq->now,
                                     siasn_actor(rq), e);
        json_decref(row);
        if (rc || rows == 0)
            return rc;
        row = NULL; /* taken by prefer_siasn: still listed */
    } else {
        *differs = 1;
        row = json_pack("{s:s,s:o,s:I}", "kind", "education", "row", row, "supersedes",
                        (json_int_t)same_level);
    }
    siasn = education_text(im->row_a, x->edu_level, x->tahun_lulus, x->pendidikan_nama);
    return difference(im, x, m->id, "pendidikan", abdi_same ? abdi_same : abdi, siasn, row, e);
}

/* The golongan: a rank row when Abdi has none of it, a difference when its TMT differs. */
static enum err_code compare_rank(struct siasn_importer *im, const struct siasn_row *x,
                                  const struct siasn_matched *m, int *wrote, int *differs,
                                  struct err *e)
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
static enum err_code compare_position(struct siasn_importer *im, const struct siasn_row *x,
                                      const struct siasn_matched *m, int64_t unit, int64_t pos,
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

enum err_code siasn_update(struct siasn_importer *im, const struct siasn_row *x,
                           const struct siasn_matched *m, int64_t unit, int64_t pos, struct err *e)
{
    struct req *rq = im->rq;
    int wrote = 0, differs = 0;
    enum err_code rc = ERR_OK;

    for (size_t i = 0; !rc && i < SIASN_NSCALARS; i++) {
        const struct siasn_scalar *s = &siasn_scalars[i];
        const char *v = siasn_row_field(x, s->off);
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
    if (!rc)
        rc = compare_education(im, x, m, &wrote, &differs, e);
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
