/* export.c - the SIASN-shaped CSV exports (siasn_export.h): one row per history row that no
 * correction supersedes (and, in the position history, per Plt/Plh assignment), of the
 * employees of a unit (and its sub-units with sub=true) or of one employee, in the caller's
 * read scope (404 outside it; a pegawai-only account exports its own record only). Abdi's
 * values become SIASN codes in the SQL through the reference lists (golongan.siasn_id,
 * ref_map, ref_codes of migrations 0016 and 0023); dates are dd-mm-yyyy as SIASN writes them.
 * The CSV writer of src/report guards cells a spreadsheet would run as a formula, as the
 * employee export does. */
#include "modules/siasn/siasn_export.h"

#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "db/db.h"
#include "report/report.h"

/* $1 unit (0 = none), $2 1 = with sub-units, $3 employee id (0 = the unit's employees) */
#define SCOPE_WITH                                                                                 \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64) "
#define SCOPE_WHERE(table)                                                                         \
    " WHERE (e.id = CAST($3 AS BIGINT) OR (CAST($3 AS BIGINT) = 0"                                 \
    " AND e.unit_id IN (SELECT id FROM sub)))"                                                     \
    " AND NOT EXISTS (SELECT 1 FROM " table " c WHERE c.supersedes = h.id)"                        \
    " ORDER BY e.name, e.nip, 8, h.id"

/* Column 8 of each statement is the date an employee's rows are ordered by. */
static const char SQL_RANK[] =
    SCOPE_WITH "SELECT h.siasn_id, e.pns_id, e.nip, e.name, g.siasn_id, h.golongan, g.pangkat,"
               " h.tmt, h.sk_number, h.sk_date, h.id FROM employee_rank_history h"
               " JOIN employees e ON e.id = h.employee_id"
               " LEFT JOIN golongan g ON g.code = h.golongan" SCOPE_WHERE("employee_rank_history");
/* The position history and, as SIASN's riwayat jabatan records them with their jenis
 * penugasan (siasn.md §3), the Plt/Plh assignments (0007: they never become history rows);
 * a task force (satgas) is no position and is left out. abdi_sumber tells the two apart. */
/* clang-format off */
#define POSITION_JOINS(pos)                                                                        \
    " LEFT JOIN positions p ON p.id = " pos                                                        \
    " LEFT JOIN ref_map mj ON mj.list = 'jenis_jabatan' AND mj.abdi = p.kind"                      \
    " LEFT JOIN ref_codes rj ON rj.list = 'jenis_jabatan' AND rj.code = mj.code"                   \
    " LEFT JOIN ref_map me ON me.list = 'eselon' AND me.abdi = p.kind"
#define SCOPE_EMPLOYEE                                                                             \
    " (e.id = CAST($3 AS BIGINT)"                                                                  \
    " OR (CAST($3 AS BIGINT) = 0 AND e.unit_id IN (SELECT id FROM sub)))"
static const char SQL_POSITION[] = SCOPE_WITH
    "SELECT h.siasn_id, e.pns_id, e.nip, e.name, mj.code, rj.name, p.siasn_jabatan_id,"
    " h.tmt, p.name, me.code, u.siasn_unor_id, u.name, 'D', mm.code, h.sk_number, h.sk_date,"
    " h.id, 'riwayat_jabatan'"
    " FROM employee_position_history h JOIN employees e ON e.id = h.employee_id"
    " JOIN units u ON u.id = h.unit_id" POSITION_JOINS("h.position_id")
    " LEFT JOIN ref_map mm ON mm.list = 'jenis_mutasi' AND mm.abdi = h.move_kind"
    " WHERE" SCOPE_EMPLOYEE
    " AND NOT EXISTS (SELECT 1 FROM employee_position_history c WHERE c.supersedes = h.id)"
    " UNION ALL "
    "SELECT NULL, e.pns_id, e.nip, e.name, mj.code, rj.name, p.siasn_jabatan_id,"
    " a.start_date, p.name, me.code, u.siasn_unor_id, u.name, rp.code, NULL, a.sk_number,"
    " a.sk_date, a.id, 'penugasan'"
    " FROM assignments a JOIN employees e ON e.id = a.employee_id"
    " JOIN units u ON u.id = a.unit_id" POSITION_JOINS("a.position_id")
    " LEFT JOIN ref_codes rp ON rp.list = 'jenis_penugasan' AND rp.code = upper(a.kind)"
    " WHERE a.kind IN ('plt', 'plh') AND" SCOPE_EMPLOYEE
    " ORDER BY 4, 3, 8, 18 DESC, 17";
/* clang-format on */
static const char SQL_TRAINING[] = SCOPE_WITH
    "SELECT h.siasn_id, e.pns_id, e.nip, e.name, md.code, rd.name, h.name,"
    " h.start_date, h.end_date, substr(h.end_date, 1, 4), h.organizer, h.hours,"
    " h.certificate_number, h.id FROM employee_training h"
    " JOIN employees e ON e.id = h.employee_id"
    " LEFT JOIN ref_map md ON md.list = 'jenis_diklat' AND md.abdi = h.kind"
    " LEFT JOIN ref_codes rd ON rd.list = 'jenis_diklat' AND rd.code = md.code" SCOPE_WHERE(
        "employee_training");

/* Columns are the statement's, in its order; REPORT_DATE columns are written dd-mm-yyyy. */
static const struct report_column rank_cols[] = {
    {"id", 36, REPORT_TEXT},           {"pns_id", 36, REPORT_TEXT},
    {"nip_baru", 20, REPORT_TEXT},     {"nama", 30, REPORT_TEXT},
    {"golongan_id", 6, REPORT_TEXT},   {"golongan_nama", 8, REPORT_TEXT},
    {"pangkat_nama", 24, REPORT_TEXT}, {"tmt_golongan", 10, REPORT_DATE},
    {"sk_nomor", 24, REPORT_TEXT},     {"sk_tanggal", 10, REPORT_DATE},
    {"abdi_id", 10, REPORT_NUMBER},
};
static const struct report_column position_cols[] = {
    {"id", 36, REPORT_TEXT},
    {"pns_id", 36, REPORT_TEXT},
    {"nip_baru", 20, REPORT_TEXT},
    {"nama", 30, REPORT_TEXT},
    {"jenis_jabatan_id", 4, REPORT_TEXT},
    {"jenis_jabatan_nama", 24, REPORT_TEXT},
    {"jabatan_id", 36, REPORT_TEXT},
    {"tmt_jabatan", 10, REPORT_DATE},
    {"jabatan_nama", 30, REPORT_TEXT},
    {"eselon_id", 4, REPORT_TEXT},
    {"unor_id", 36, REPORT_TEXT},
    {"unor_nama", 30, REPORT_TEXT},
    {"jenis_penugasan_id", 4, REPORT_TEXT}, /* D for history rows, PLT/PLH for assignments */
    {"jenis_mutasi_id", 4, REPORT_TEXT},
    {"nomor_sk", 24, REPORT_TEXT},
    {"tanggal_sk", 10, REPORT_DATE},
    {"abdi_id", 10, REPORT_NUMBER},
    {"abdi_sumber", 16, REPORT_TEXT}, /* riwayat_jabatan or penugasan: the table of abdi_id */
};
static const struct report_column training_cols[] = {
    {"id", 36, REPORT_TEXT},
    {"pns_id", 36, REPORT_TEXT},
    {"nip_baru", 20, REPORT_TEXT},
    {"nama", 30, REPORT_TEXT},
    {"jenis_diklat_id", 4, REPORT_TEXT},
    {"jenis_diklat_nama", 24, REPORT_TEXT},
    {"nama_diklat", 30, REPORT_TEXT},
    {"tanggal_mulai", 10, REPORT_DATE},
    {"tanggal_selesai", 10, REPORT_DATE},
    {"tahun", 4, REPORT_TEXT},
    {"institusi_penyelenggara", 30, REPORT_TEXT},
    {"jumlah_jam", 6, REPORT_NUMBER},
    {"nomor_sertifikat", 24, REPORT_TEXT},
    {"abdi_id", 10, REPORT_NUMBER},
};

struct export_kind {
    const char *sql;
    const struct report_column *cols;
    int ncols;
    const char *title;
    const char *file; /* file name base */
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const struct export_kind kinds[] = {
    {SQL_RANK, rank_cols, N(rank_cols), "Riwayat golongan (SIASN)", "siasn-riwayat-golongan"},
    {SQL_POSITION, position_cols, N(position_cols), "Riwayat jabatan (SIASN)",
     "siasn-riwayat-jabatan"},
    {SQL_TRAINING, training_cols, N(training_cols), "Riwayat diklat (SIASN)",
     "siasn-riwayat-diklat"},
};

void siasn_export_date(const char *iso, char out[11])
{
    int ok = iso && strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-';

    for (int i = 0; ok && i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            ok = 0;
    if (!ok) {
        str_copy(out, 11, iso ? iso : "");
        return;
    }
    memcpy(out, iso + 8, 2);
    out[2] = '-';
    memcpy(out + 3, iso + 5, 2);
    out[5] = '-';
    memcpy(out + 6, iso, 4);
    out[10] = '\0';
}

/* Who and what: unit_id[&sub=true] or employee_id, in the read scope. */
static enum err_code export_target(struct req *rq, int64_t *unit, int *subtree, int64_t *emp,
                                   struct err *e)
{
    static const char *const keys[] = {"unit_id", "sub", "employee_id", NULL};
    static const char SQL_EMP_UNIT[] = "SELECT unit_id FROM employees WHERE id = $1";
    const char *u = req_query(rq, "unit_id"), *s = req_query(rq, "sub");
    const char *em = req_query(rq, "employee_id");
    int64_t self = scope_employee_self(rq), eunit = 0;
    enum err_code rc = req_query_allow(rq, keys, e);

    *unit = *emp = 0;
    *subtree = 0;
    if (rc)
        return rc;
    if (s && strcmp(s, "true") && strcmp(s, "false"))
        return err_invalid(e, "sub", "sub harus true atau false");
    if ((u && em) || (!u && !em))
        return err_invalid(e, "unit_id", "Isi unit_id atau employee_id (salah satu)");
    if (em) {
        if (parse_int64(em, strlen(em), 1, INT64_MAX, emp))
            return err_invalid(e, "employee_id", "employee_id harus bilangan bulat positif");
        rc = db_value_int(rq->db, SQL_EMP_UNIT, emp, 1, 0, &eunit, e);
        if (!rc && eunit == 0)
            rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
        if (!rc)
            rc = scope_employee_read(rq, *emp, eunit, e);
        return rc;
    }
    if (self != 0) /* a pegawai-only account: its own record, never a unit */
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    rc = scope_unit_filter(rq, u, unit, subtree, e);
    if (rc)
        return rc;
    *subtree = *subtree && s && !strcmp(s, "true");
    return ERR_OK;
}

#define EXPORT_CHUNK 512
static enum err_code export_rows(struct req *rq, const struct export_kind *k, int64_t unit,
                                 int subtree, int64_t emp, struct report_stream *out, struct err *e)
{
    struct report_cell cells[REPORT_MAX_COLS];
    struct arena *chunk = arena_new();
    struct db_stmt *st = NULL;
    size_t n = 0;
    int r = 0;
    enum err_code rc = db_prepare(rq->db, k->sql, &st, e);

    if (!rc) {
        db_bind_int(st, 1, unit > 0 ? unit : 0);
        db_bind_int(st, 2, subtree ? 1 : 0);
        db_bind_int(st, 3, emp);
    }
    while (!rc && (r = db_step(st, e)) == 1) {
        if (++n > LIMIT_EXPORT_ROWS) {
            rc = err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                         "Data terlalu banyak untuk diekspor; pilih unit yang lebih kecil");
            break;
        }
        if (n % EXPORT_CHUNK == 0) {
            arena_free(chunk);
            chunk = arena_new();
        }
        for (int c = 0; c < k->ncols; c++) {
            const char *t = db_col_text_copy(st, chunk, c);

            memset(&cells[c], 0, sizeof cells[c]);
            if (k->cols[c].kind == REPORT_NUMBER) {
                cells[c].is_null = db_col_is_null(st, c);
                cells[c].num = db_col_int(st, c);
            } else if (k->cols[c].kind == REPORT_DATE && t) {
                char *d = arena_alloc(chunk, 11);

                siasn_export_date(t, d);
                cells[c].text = d;
            } else {
                cells[c].text = t;
            }
        }
        rc = report_stream_row(out, cells, e);
    }
    if (!rc && r < 0)
        rc = e->code;
    db_reset(st);
    arena_free(chunk);
    return rc;
}

static enum err_code export_kind(struct req *rq, struct resp *rs, const struct export_kind *k,
                                 struct err *e)
{
    struct report_stream *out = NULL;
    struct report_table t;
    int64_t unit, emp;
    int subtree;
    enum err_code rc = export_target(rq, &unit, &subtree, &emp, e);

    if (rc)
        return rc;
    memset(&t, 0, sizeof t);
    t.title = k->title;
    t.cols = k->cols;
    t.ncols = k->ncols;
    rc = report_stream_open(REPORT_CSV, &t, &out, e);
    if (!rc && (emp > 0 || unit > 0))
        rc = export_rows(rq, k, unit, subtree, emp, out, e);
    if (!rc)
        rc = report_stream_respond(
            out, rs,
            emp > 0 ? arena_printf(rq->a, "%s-pegawai-%lld", k->file, (long long)emp)
                    : arena_printf(rq->a, "%s-unit-%lld", k->file, (long long)unit),
            e);
    report_stream_free(out);
    return rc;
}

static enum err_code api_rank(struct req *rq, struct resp *rs, struct err *e)
{
    return export_kind(rq, rs, &kinds[0], e);
}

static enum err_code api_position(struct req *rq, struct resp *rs, struct err *e)
{
    return export_kind(rq, rs, &kinds[1], e);
}

static enum err_code api_training(struct req *rq, struct resp *rs, struct err *e)
{
    return export_kind(rq, rs, &kinds[2], e);
}

const struct route siasn_export_routes[] = {
    {HTTP_GET, "/api/v1/exports/siasn/rank-history", api_rank, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/exports/siasn/position-history", api_position, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/exports/siasn/training-history", api_training, ROLES_ANY, 0},
    {0},
};
