/* report_api.c - the employee reports: the DUK (domain.md §13) as JSON, PDF or XLSX, the
 * employee list export (CSV, XLSX) behind GET /employees?format=, and the profile sheet
 * (riwayat hidup) as PDF. Scope as GET /employees (scope_unit_filter, scope_employee_read);
 * NIK masked everywhere here, as in the JSON list. Handlers hold no SQL and no rule. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/buf.h"
#include "modules/org/org.h"
#include "report/report.h"

#define REPORT_ROLES (ROLES_ADMIN | ROLE_PIMPINAN)

static const char *today_text(struct req *rq)
{
    char day[11];

    employee_date_format(employee_date_from_epoch(rq->now), day);
    return arena_strdup(rq->a, day);
}

/* "dr. Budi Santoso, S.Kom." */
static const char *full_name(struct arena *a, const char *depan, const char *name,
                             const char *belakang)
{
    return arena_printf(a, "%s%s%s%s%s", depan ? depan : "", depan ? " " : "", name ? name : "",
                        belakang ? ", " : "", belakang ? belakang : "");
}

static struct report_cell text_cell(const char *s)
{
    struct report_cell c = {s, 0, 0};

    return c;
}

static struct report_cell num_cell(int64_t n)
{
    struct report_cell c = {NULL, n, 0};

    return c;
}

/* The unit a report is about, for its subtitle and file name: unit_id, or the government
 * when the scope is everything (unit 0). */
static enum err_code report_unit(struct req *rq, int64_t unit_id, struct org_unit *u,
                                 const struct employee_government *gov, struct err *e)
{
    if (unit_id > 0)
        return org_unit_get(rq->db, rq->a, unit_id, u, e);
    memset(u, 0, sizeof *u);
    u->id = gov->id;
    u->code = gov->code;
    u->name = gov->name;
    return ERR_OK;
}

static const struct report_column duk_cols[] = {
    {"No", 5, REPORT_NUMBER},         {"NIP", 20, REPORT_TEXT},      {"Nama", 30, REPORT_TEXT},
    {"Gol.", 6, REPORT_TEXT},         {"TMT Gol.", 11, REPORT_DATE}, {"Jabatan", 30, REPORT_TEXT},
    {"TMT Jabatan", 11, REPORT_DATE}, {"MK Th", 6, REPORT_NUMBER},   {"MK Bl", 6, REPORT_NUMBER},
    {"Tgl. Lahir", 11, REPORT_DATE},  {"Unit", 24, REPORT_TEXT},
};
#define DUK_NCOLS ((int)(sizeof duk_cols / sizeof duk_cols[0]))

/* "dr. Budi Santoso, S.Kom." into out (the name with its titles; the DUK's rows make one each,
 * so not in the request's arena) */
static const char *duk_full_name(const struct employee_duk *x, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s%s%s%s", x->gelar_depan ? x->gelar_depan : "",
             x->gelar_depan ? " " : "", x->name ? x->name : "", x->gelar_belakang ? ", " : "",
             x->gelar_belakang ? x->gelar_belakang : "");
    return out;
}

#define DUK_NAME_BYTES (LIMIT_NAME_BYTES + 2 * EMPLOYEE_TEXT_MAX + 8) /* gelar, name, gelar */

static json_t *duk_json(const struct employee_duk *x, size_t no)
{
    char name[DUK_NAME_BYTES], day[11];
    json_t *o =
        json_pack("{s:I,s:I,s:s,s:s,s:o,s:o}", "no", (json_int_t)no, "id", (json_int_t)x->id, "nip",
                  x->nip, "name", x->name, "gelar_depan", json_str_or_null(x->gelar_depan),
                  "gelar_belakang", json_str_or_null(x->gelar_belakang));

    json_object_set_new(o, "full_name", json_string(duk_full_name(x, name, sizeof name)));
    json_object_set_new(o, "golongan", json_str_or_null(x->golongan));
    json_object_set_new(o, "pangkat", json_str_or_null(x->pangkat));
    json_object_set_new(o, "tmt_golongan",
                        json_str_or_null(employee_duk_date(x->tmt_golongan, x->tmt_rank, day)));
    json_object_set_new(o, "position_name", json_str_or_null(x->position_name));
    json_object_set_new(o, "position_kind", json_str_or_null(x->position_kind));
    json_object_set_new(o, "tmt_jabatan",
                        json_str_or_null(employee_duk_date(x->tmt_jabatan, x->tmt_position, day)));
    json_object_set_new(o, "years_of_service", json_integer(x->service_months / 12));
    json_object_set_new(o, "months_of_service", json_integer(x->service_months % 12));
    json_object_set_new(o, "birth_date",
                        json_str_or_null(employee_duk_date(x->birth_date, x->birth_on, day)));
    json_object_set_new(o, "unit_id", json_integer((json_int_t)x->unit_id));
    json_object_set_new(o, "unit_name", json_str_or_null(x->unit_name));
    return o;
}

static int dump_to_buf(const char *s, size_t n, void *data)
{
    struct buf *b = data;

    buf_append(b, s, n);
    return b->overflow ? -1 : 0;
}

/* An item is ~440 bytes (a whole government's DUK: 43.6 MB for 100,006 rows): room for all
 * at once, see buf_presize. */
#define DUK_JSON_ROW_BYTES 480
/* {"items":[...],"total":n} rendered one item at a time, so a whole government's DUK never
 * holds every row as a JSON tree at once. */
static enum err_code duk_json_respond(struct resp *rs,
                                      const struct employee_duk *rows, size_t n, struct err *e)
{
    struct buf b;

    buf_init(&b, LIMIT_RESPONSE_BYTES);
    buf_presize(&b, n * DUK_JSON_ROW_BYTES + 64);
    buf_puts(&b, "{\"items\":[");
    for (size_t i = 0; i < n && !b.overflow; i++) {
        json_t *o = duk_json(&rows[i], i + 1);

        if (i)
            buf_putc(&b, ',');
        json_dump_callback(o, dump_to_buf, &b, JSON_COMPACT | JSON_ENSURE_ASCII);
        json_decref(o);
    }
    buf_printf(&b, "],\"total\":%zu}", n);
    if (b.overflow) {
        buf_free(&b);
        return err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                       "Laporan terlalu besar; persempit filternya");
    }
    resp_free(rs);
    rs->body = buf_take(&b, &rs->len);
    rs->status = 200;
    rs->content_type = "application/json; charset=utf-8";
    return ERR_OK;
}

/* report_table.row of the DUK: row r of the ordered rows, its made texts (the name with
 * titles, the dates) in buffers reused from row to row. */
struct duk_rows {
    const struct employee_duk *rows;
    char name[DUK_NAME_BYTES];
    char tmt_golongan[11], tmt_jabatan[11], birth_date[11];
};

static void duk_row(void *ctx, size_t r, struct report_cell *c)
{
    struct duk_rows *d = ctx;
    const struct employee_duk *x = &d->rows[r];

    c[0] = num_cell((int64_t)r + 1);
    c[1] = text_cell(x->nip);
    c[2] = text_cell(duk_full_name(x, d->name, sizeof d->name));
    c[3] = text_cell(x->golongan);
    c[4] = text_cell(employee_duk_date(x->tmt_golongan, x->tmt_rank, d->tmt_golongan));
    c[5] = text_cell(x->position_name);
    c[6] = text_cell(employee_duk_date(x->tmt_jabatan, x->tmt_position, d->tmt_jabatan));
    c[7] = num_cell(x->service_months / 12);
    c[8] = num_cell(x->service_months % 12);
    c[9] = text_cell(employee_duk_date(x->birth_date, x->birth_on, d->birth_date));
    c[10] = text_cell(x->unit_name);
}

static enum err_code api_duk(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "format", NULL};
    struct employee_government gov;
    struct employee_duk *rows = NULL;
    struct duk_rows *src;
    struct report_table t;
    struct org_unit unit;
    enum report_format f;
    int64_t unit_id;
    size_t n = 0;
    int subtree;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = report_format_parse(req_query(rq, "format"),
                                 REPORT_ALLOW(REPORT_JSON) | REPORT_ALLOW(REPORT_PDF) |
                                     REPORT_ALLOW(REPORT_XLSX),
                                 &f, e);
    if (!rc)
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit_id, &subtree, e);
    if (!rc)
        rc = employee_government(rq->db, rq->a, &gov, e);
    if (!rc && unit_id >= 0)
        rc = report_unit(rq, unit_id, &unit, &gov, e);
    if (!rc && unit_id >= 0)
        rc = employee_duk_rows(rq->db, rq->a, unit_id, subtree, employee_date_from_epoch(rq->now),
                               &rows, &n, e);
    if (rc)
        return rc;
    db_release_memory(rq->db); /* before the output grows: the rows are read */
    n = employee_duk_order(rows, n);
    if (f == REPORT_JSON)
        return duk_json_respond(rs, rows, n, e);
    if (unit_id < 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    src = arena_alloc(rq->a, sizeof *src);
    src->rows = rows;
    memset(&t, 0, sizeof t);
    t.org_name = gov.name;
    t.title = "Daftar Urut Kepangkatan (DUK) Pegawai Negeri Sipil";
    t.subtitle = arena_printf(rq->a, "%s%s - keadaan per %s", unit.name,
                              unit_id > 0 && subtree ? " (termasuk sub-unit)" : "", today_text(rq));
    t.cols = duk_cols;
    t.ncols = DUK_NCOLS;
    t.row = duk_row;
    t.row_ctx = src;
    t.nrows = n;
    return report_respond(rs, f, &t, arena_printf(rq->a, "DUK-%s-%s", unit.code, today_text(rq)),
                          e);
}

static const struct report_column export_cols[] = {
    {"NIP", 20, REPORT_TEXT},
    {"NIK", 18, REPORT_TEXT},
    {"Nama", 30, REPORT_TEXT},
    {"Gelar depan", 10, REPORT_TEXT},
    {"Gelar belakang", 12, REPORT_TEXT},
    {"Tempat lahir", 16, REPORT_TEXT},
    {"Tanggal lahir", 12, REPORT_DATE},
    {"L/P", 4, REPORT_TEXT},
    {"Status", 7, REPORT_TEXT},
    {"Kedudukan", 10, REPORT_TEXT},
    {"Unit", 28, REPORT_TEXT},
    {"Jabatan", 30, REPORT_TEXT},
    {"Golongan", 8, REPORT_TEXT},
    {"Pangkat", 22, REPORT_TEXT},
    {"TMT golongan", 12, REPORT_DATE},
    {"TMT jabatan", 12, REPORT_DATE},
    {"TMT pengangkatan", 12, REPORT_DATE},
    {"KGB berikutnya", 12, REPORT_DATE},
    {"KGB jatuh tempo", 12, REPORT_DATE},
    {"KGB ditunda", 8, REPORT_TEXT},
};
#define EXPORT_NCOLS ((int)(sizeof export_cols / sizeof export_cols[0]))

static const char *date_text(struct arena *a, int ok, struct employee_date d)
{
    char *s;

    if (!ok)
        return NULL;
    s = arena_alloc(a, 11);
    employee_date_format(d, s);
    return s;
}

/* One row of the list export: the record's columns, then its salary step as the JSON record
 * shows it (next_salary_step_date, salary_step_due_date, salary_step_postponed as "ya" or
 * "tidak"; empty when there is no step). */
static void export_row(struct arena *a, const struct employee *x, struct employee_date today,
                       struct report_cell *c)
{
    char *nik = arena_alloc(a, EMPLOYEE_NIK_LEN + 1);
    struct employee_salary_step step;
    int has_step = employee_record_salary_step(x, today, &step);

    employee_nik_mask(x->nik, nik); /* as the JSON list shows it (security.md) */
    c[0] = text_cell(x->nip);
    c[1] = text_cell(nik);
    c[2] = text_cell(x->name);
    c[3] = text_cell(x->gelar_depan);
    c[4] = text_cell(x->gelar_belakang);
    c[5] = text_cell(x->birth_place);
    c[6] = text_cell(x->birth_date);
    c[7] = text_cell(x->gender);
    c[8] = text_cell(x->status);
    c[9] = text_cell(x->state);
    c[10] = text_cell(x->unit_name);
    c[11] = text_cell(x->position_name);
    c[12] = text_cell(x->golongan);
    c[13] = text_cell(x->pangkat);
    c[14] = text_cell(x->tmt_golongan);
    c[15] = text_cell(x->tmt_jabatan);
    c[16] = text_cell(x->appointed_on);
    c[17] = text_cell(date_text(a, has_step, step.next_on));
    c[18] = text_cell(date_text(a, has_step, step.due_on));
    c[19] = text_cell(has_step ? (step.postponed ? "ya" : "tidak") : NULL);
}

/* Every row of the search, streamed from the statement into the writer: the rows' strings
 * live in an arena freed every EXPORT_CHUNK rows, so memory stays flat however many rows. */
#define EXPORT_CHUNK 512
static enum err_code export_rows(struct req *rq, struct employee_query *qr,
                                 struct report_stream *out, struct err *e)
{
    struct report_cell cells[EXPORT_NCOLS];
    struct arena *chunk = arena_new();
    struct db_stmt *st = NULL;
    struct employee x;
    struct employee_date today = employee_date_from_epoch(rq->now);
    size_t n = 0;
    enum err_code rc = employee_search_open(rq->db, rq->a, qr, -1, &st, e);
    int r = 0;

    while (!rc && (r = db_step(st, e)) == 1) {
        if (++n % EXPORT_CHUNK == 0) {
            arena_free(chunk);
            chunk = arena_new();
        }
        employee_search_read(st, chunk, &x);
        export_row(chunk, &x, today, cells);
        rc = report_stream_row(out, cells, e);
    }
    if (!rc && r < 0)
        rc = e->code;
    db_reset(st);
    arena_free(chunk);
    return rc;
}

enum err_code employee_export(struct req *rq, struct resp *rs, struct employee_query *qr,
                              const char *format, struct err *e)
{
    struct report_stream *out = NULL;
    struct report_cell cells[EXPORT_NCOLS];
    struct report_table t;
    struct employee x;
    enum report_format f;
    int64_t total = 0, self = scope_employee_self(rq);
    enum err_code rc =
        report_format_parse(format, REPORT_ALLOW(REPORT_CSV) | REPORT_ALLOW(REPORT_XLSX), &f, e);

    if (!rc && self == 0) { /* an export is every matching row, never a page */
        rc = employee_search_count(rq->db, rq->a, qr, &total, e);
        if (!rc && total > LIMIT_EXPORT_ROWS)
            rc = err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                         "Data terlalu banyak untuk diekspor; persempit filternya");
    }
    if (rc)
        return rc;
    memset(&t, 0, sizeof t);
    t.title = "Daftar Pegawai";
    t.cols = export_cols;
    t.ncols = EXPORT_NCOLS;
    rc = report_stream_open(f, &t, &out, e);
    if (!rc && self == 0) {
        rc = export_rows(rq, qr, out, e);
    } else if (!rc && self > 0) { /* self-service: the own record or nothing, as the list */
        rc = employee_get(rq->db, rq->a, self, &x, e);
        if (!rc) {
            export_row(rq->a, &x, employee_date_from_epoch(rq->now), cells);
            rc = report_stream_row(out, cells, e);
        } else if (rc == ERR_NOT_FOUND) {
            rc = ERR_OK;
        }
    }
    if (!rc)
        rc = report_stream_respond(out, rs, arena_printf(rq->a, "pegawai-%s", today_text(rq)), e);
    report_stream_free(out);
    return rc;
}

static const struct report_column kv_cols[] = {
    {"Data", 12, REPORT_TEXT},
    {"Keterangan", 40, REPORT_TEXT},
};
static const struct report_column rank_cols[] = {
    {"TMT", 10, REPORT_DATE},
    {"Golongan / pangkat", 26, REPORT_TEXT},
    {"Nomor SK", 20, REPORT_TEXT},
    {"Tanggal SK", 10, REPORT_DATE},
};
static const struct report_column position_cols[] = {
    {"TMT", 10, REPORT_DATE},      {"Jabatan", 26, REPORT_TEXT},    {"Unit", 22, REPORT_TEXT},
    {"Nomor SK", 16, REPORT_TEXT}, {"Tanggal SK", 10, REPORT_DATE},
};

static void history_table(struct arena *a, struct report_table *t, const char *title,
                          const struct employee_history *h, size_t n, int with_where)
{
    int nc = with_where ? 5 : 4;
    struct report_cell *c = arena_alloc(a, (n ? n : 1) * (size_t)nc * sizeof *c);

    for (size_t i = 0; i < n; i++) {
        struct report_cell *row = c + i * (size_t)nc;
        int k = 0;

        row[k++] = text_cell(h[i].tmt);
        row[k++] = text_cell(h[i].what);
        if (with_where)
            row[k++] = text_cell(h[i].where);
        row[k++] = text_cell(h[i].sk_number);
        row[k] = text_cell(h[i].sk_date);
    }
    memset(t, 0, sizeof *t);
    t->title = title;
    t->cols = with_where ? position_cols : rank_cols;
    t->ncols = nc;
    t->cells = c;
    t->nrows = n;
}

static enum err_code api_profile_pdf(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_government gov;
    struct employee_history *ranks = NULL, *posts = NULL;
    struct report_table tables[3];
    struct report_doc doc;
    struct employee x;
    struct report_cell *kv;
    size_t nranks = 0, nposts = 0, k = 0;
    char nik[EMPLOYEE_NIK_LEN + 1];
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_get(rq->db, rq->a, id, &x, e);
    if (!rc)
        rc = scope_employee_read(rq, x.id, x.unit_id, e);
    if (!rc)
        rc = employee_rank_history(rq->db, rq->a, x.id, &ranks, &nranks, e);
    if (!rc)
        rc = employee_position_history(rq->db, rq->a, x.id, &posts, &nposts, e);
    if (!rc)
        rc = employee_government(rq->db, rq->a, &gov, e);
    if (rc)
        return rc;
    employee_nik_mask(x.nik, nik);
    {
        const char *pairs[][2] = {
            {"NIP", x.nip},
            {"NIK", arena_strdup(rq->a, nik)},
            {"Nama", full_name(rq->a, x.gelar_depan, x.name, x.gelar_belakang)},
            {"Tempat, tanggal lahir", arena_printf(rq->a, "%s, %s", x.birth_place, x.birth_date)},
            {"Jenis kelamin", strcmp(x.gender, "L") == 0 ? "Laki-laki" : "Perempuan"},
            {"Status kepegawaian", x.status},
            {"Kedudukan", x.state},
            {"TMT pengangkatan", x.appointed_on},
            {"Unit kerja", x.unit_name},
            {"Jabatan", x.position_name},
            {"Golongan / pangkat",
             x.golongan ? arena_printf(rq->a, "%s%s%s%s", x.golongan, x.pangkat ? " (" : "",
                                       x.pangkat ? x.pangkat : "", x.pangkat ? ")" : "")
                        : NULL},
            {"TMT golongan", x.tmt_golongan},
            {"TMT jabatan", x.tmt_jabatan},
        };
        size_t np = sizeof pairs / sizeof pairs[0];

        kv = arena_alloc(rq->a, np * 2 * sizeof *kv);
        for (k = 0; k < np; k++) {
            kv[2 * k] = text_cell(pairs[k][0]);
            kv[2 * k + 1] = text_cell(pairs[k][1] ? pairs[k][1] : "-");
        }
    }
    memset(tables, 0, sizeof tables);
    tables[0].title = "Identitas";
    tables[0].cols = kv_cols;
    tables[0].ncols = 2;
    tables[0].cells = kv;
    tables[0].nrows = k;
    history_table(rq->a, &tables[1], "Riwayat pangkat", ranks, nranks, 0);
    history_table(rq->a, &tables[2], "Riwayat jabatan", posts, nposts, 1);
    doc.org_name = gov.name;
    doc.title = "Daftar Riwayat Hidup Pegawai";
    doc.subtitle = arena_printf(rq->a, "%s - dicetak %s", x.nip, today_text(rq));
    doc.tables = tables;
    doc.ntables = 3;
    {
        char *body = NULL;
        size_t len = 0;

        rc = report_pdf_doc(&doc, &body, &len, e);
        if (rc)
            return rc;
        report_attach(rs, REPORT_PDF, body, len, arena_printf(rq->a, "riwayat-hidup-%s", x.nip));
    }
    return ERR_OK;
}

const struct route employee_report_routes[] = {
    {HTTP_GET, "/api/v1/reports/duk", api_duk, REPORT_ROLES, 0},
    {HTTP_GET, "/api/v1/employees/{id}/profile.pdf", api_profile_pdf, ROLES_ANY, 0},
    {0},
};
