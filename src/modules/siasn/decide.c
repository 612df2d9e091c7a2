/* decide.c - the writes a SIASN value makes in Abdi's record, shared by the import (a field
 * filled, prefer=siasn) and the reconciliation: an open difference decided by taking SIASN's
 * value (one column, a rank row that supersedes the old one, a position row, an education
 * row) or keeping
 * Abdi's, with who and when recorded on the difference (the API audits each decision). */
#include "modules/siasn/siasn_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/placement/placement.h"

#define SET(col) "UPDATE employees SET " col " = $2, updated_at = $3 WHERE id = $1"
const struct siasn_scalar siasn_scalars[SIASN_NSCALARS] = {
    {"nip_baru", offsetof(struct siasn_row, nip), M_NIP, 0, SET("nip")},
    {"nama", offsetof(struct siasn_row, name), M_NAME, 1, SET("name")},
    {"gelar_depan", offsetof(struct siasn_row, gelar_depan), M_GD, 1, SET("gelar_depan")},
    {"gelar_belakang", offsetof(struct siasn_row, gelar_belakang), M_GB, 1, SET("gelar_belakang")},
    {"tempat_lahir_nama", offsetof(struct siasn_row, birth_place), M_BPLACE, 1, SET("birth_place")},
    {"tanggal_lahir", offsetof(struct siasn_row, birth_date), M_BDATE, 0, SET("birth_date")},
    {"jenis_kelamin", offsetof(struct siasn_row, gender), M_GENDER, 0, SET("gender")},
    {"status_cpns_pns", offsetof(struct siasn_row, status_given), M_STATUS, 0, SET("status")},
    {"kedudukan_hukum_id", offsetof(struct siasn_row, state), M_STATE, 0, SET("state")},
    {"pns_id", offsetof(struct siasn_row, pns_id), M_PNS_ID, 0, SET("pns_id")},
    {"nomor_hp", offsetof(struct siasn_row, phone), M_PHONE, 0, SET("phone")},
    {"email", offsetof(struct siasn_row, email), M_EMAIL, 1, SET("email")},
    {"alamat", offsetof(struct siasn_row, address), M_ADDRESS, 1, SET("address")},
    {"agama_id", offsetof(struct siasn_row, religion), M_RELIGION, 0, SET("religion")},
    {"jenis_kawin_id", offsetof(struct siasn_row, marital), M_MARITAL, 0, SET("marital_status")},
};

enum err_code siasn_set_text(struct db *db, const char *sql, int64_t id, const char *v, int64_t now,
                             struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, v);
    db_bind_int(st, 3, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code siasn_add_rank(struct db *db, int64_t emp, const char *golongan, const char *tmt,
                             int64_t supersedes, int64_t now, int64_t actor, struct err *e)
{
    const struct history_kind *k = employee_history_kind("ranks");
    struct history_value v[HISTORY_MAX_FIELDS];

    memset(v, 0, sizeof v);
    v[employee_history_field(k, "golongan")] = (struct history_value){1, golongan, 0};
    v[employee_history_field(k, "tmt")] = (struct history_value){1, tmt, 0};
    if (supersedes)
        v[employee_history_field(k, "supersedes")] = (struct history_value){1, NULL, supersedes};
    return employee_history_insert(db, k, emp, v, now, actor, NULL, e);
}

enum err_code siasn_add_position(struct db *db, int64_t emp, int64_t unit, int64_t pos,
                                 const char *tmt, int64_t now, struct err *e)
{
    struct placement_transfer t;
    int64_t id = 0;
    enum err_code rc;

    memset(&t, 0, sizeof t);
    t.employee_id = emp;
    t.unit_id = unit;
    t.position_id = pos;
    t.tmt = tmt;
    t.move_kind = "mutasi";
    rc = placement_transfer_insert(db, &t, now, &id, e);
    return rc ? rc : employee_current_refresh(db, emp, e);
}

json_t *siasn_education_row(const struct siasn_row *x)
{
    char on[16];

    snprintf(on, sizeof on, "%s-01-01", x->tahun_lulus);
    return json_pack("{s:s,s:s,s:o,s:s,s:o}", "level_code", x->edu_level, "institution",
                     x->school ? x->school : SIASN_NO_SCHOOL, "major",
                     json_str_or_null(x->pendidikan_nama), "graduated_on", on, "pendidikan_id",
                     json_str_or_null(x->pendidikan_id));
}

enum err_code siasn_add_education(struct db *db, struct arena *a, int64_t emp, json_t *row,
                                  int64_t supersedes, int64_t now, int64_t actor, struct err *e)
{
    json_t *r = json_copy(row);
    enum err_code rc;

    if (supersedes)
        json_object_set_new(r, "supersedes", json_integer(supersedes));
    rc = employee_history_add(db, a, "education", emp, r, actor, now, NULL, e);
    json_decref(r);
    return rc;
}

int64_t siasn_actor(const struct req *rq)
{
    return rq->user ? rq->user->id : 0;
}

/* ---- reconciliation: one open difference decided ---- */
static const char SQL_DIFF_GET[] =
    "SELECT d.id, d.employee_id, d.field, d.abdi_value, d.siasn_value, d.apply, e.nip"
    " FROM siasn_differences d JOIN employees e ON e.id = d.employee_id"
    " WHERE d.id = $1 AND d.decided_at IS NULL";
static const char SQL_DIFF_DECIDE[] =
    "UPDATE siasn_differences SET choice = $2, decided_by = $3, decided_at = $4"
    " WHERE id = $1 AND decided_at IS NULL";

struct open_diff {
    int64_t id, employee_id;
    const char *field, *abdi, *siasn, *apply, *nip;
};

static void read_diff(struct db_stmt *st, struct arena *a, void *out)
{
    struct open_diff *d = out;

    d->id = db_col_int(st, 0);
    d->employee_id = db_col_int(st, 1);
    d->field = db_col_text_copy(st, a, 2);
    d->abdi = db_col_text_copy(st, a, 3);
    d->siasn = db_col_text_copy(st, a, 4);
    d->apply = db_col_text_copy(st, a, 5);
    d->nip = db_col_text_copy(st, a, 6);
}

/* SIASN's value written: one column, or the rank or position row of apply. */
static enum err_code take_siasn(struct req *rq, const struct open_diff *d, struct err *e)
{
    json_t *ap;
    enum err_code rc = ERR_OK;

    for (size_t i = 0; i < SIASN_NSCALARS; i++) {
        if (strcmp(siasn_scalars[i].field, d->field) != 0)
            continue;
        if (strcmp(d->field, "nip_baru") == 0) {
            int taken = 0;

            rc = employee_nip_taken(rq->db, d->siasn, &taken, e);
            if (!rc && taken)
                return err_set(e, ERR_CONFLICT, "duplicate_nip", "nip",
                               "NIP dari SIASN sudah dipakai pegawai lain");
            if (rc)
                return rc;
        }
        return siasn_set_text(rq->db, siasn_scalars[i].sql, d->employee_id, d->siasn, rq->now, e);
    }
    ap = d->apply ? json_loads(d->apply, 0, NULL) : NULL;
    if (!ap)
        return err_internal(e, "SIASN difference without its apply data");
    if (strcmp(d->field, "tmt_golongan") == 0)
        rc = siasn_add_rank(
            rq->db, d->employee_id, json_string_value(json_object_get(ap, "golongan")),
            json_string_value(json_object_get(ap, "tmt")),
            json_integer_value(json_object_get(ap, "supersedes")), rq->now, siasn_actor(rq), e);
    else if (strcmp(d->field, "pendidikan") == 0)
        rc = siasn_add_education(rq->db, rq->a, d->employee_id, json_object_get(ap, "row"),
                                 json_integer_value(json_object_get(ap, "supersedes")), rq->now,
                                 siasn_actor(rq), e);
    else if (strcmp(d->field, "jabatan") == 0)
        rc = siasn_add_position(rq->db, d->employee_id,
                                json_integer_value(json_object_get(ap, "unit_id")),
                                json_integer_value(json_object_get(ap, "position_id")),
                                json_string_value(json_object_get(ap, "tmt")), rq->now, e);
    else
        rc = err_internal(e, "SIASN difference of an unknown field");
    json_decref(ap);
    return rc;
}

enum err_code siasn_difference_decide(struct req *rq, int64_t id, const char *choice,
                                      json_t **before, json_t **after, struct err *e)
{
    struct open_diff d;
    struct db_stmt *st;
    enum err_code rc = db_fetch_one(rq->db, SQL_DIFF_GET, id, NULL, rq->a, read_diff, &d,
                                    "Perbedaan tidak ditemukan atau sudah diputuskan", e);
    int r;

    if (rc)
        return rc;
    if (strcmp(choice, "siasn") == 0) {
        rc = take_siasn(rq, &d, e);
        if (rc)
            return rc;
    }
    rc = db_prepare(rq->db, SQL_DIFF_DECIDE, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, choice);
    db_bind_id_or_null(st, 3, siasn_actor(rq));
    db_bind_int(st, 4, rq->now);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (before)
        *before = json_pack("{s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)d.id, "nip", d.nip, "field",
                            d.field, "abdi", json_str_or_null(d.abdi), "siasn",
                            json_str_or_null(d.siasn));
    if (after)
        *after = json_pack("{s:I,s:s}", "id", (json_int_t)d.id, "choice", choice);
    return ERR_OK;
}
