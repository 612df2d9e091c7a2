/* import.c - employees from a CSV file: POST /api/v1/employees/import (admins) and the core
 * that `abdi import employees` shares. The columns are the fields of POST /api/v1/employees
 * (employee_fields), plus unit (a unit code) instead of unit_id and position (a position's name
 * in that unit) instead of position_id. Every row goes through the same checks as one POST
 * (employee_validate, employee_refs_check, with a memo of the lookups), then the NIP must not
 * repeat within the file. All rows are checked before the first INSERT; one bad row and
 * nothing is written. */
#include "modules/employee/employee.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "report/csv_read.h"

#define IMPORT_MAX_COLS 40 /* employee_fields plus unit and position */

/* Where each text column of employee_fields goes in the record. */
static const struct {
    const char *name;
    size_t off;
} text_slots[] = {
    {"nip", offsetof(struct employee, nip)},
    {"nik", offsetof(struct employee, nik)},
    {"name", offsetof(struct employee, name)},
    {"gelar_depan", offsetof(struct employee, gelar_depan)},
    {"gelar_belakang", offsetof(struct employee, gelar_belakang)},
    {"birth_place", offsetof(struct employee, birth_place)},
    {"birth_date", offsetof(struct employee, birth_date)},
    {"gender", offsetof(struct employee, gender)},
    {"status", offsetof(struct employee, status)},
    {"golongan", offsetof(struct employee, golongan)},
    {"tmt_golongan", offsetof(struct employee, tmt_golongan)},
    {"tmt_jabatan", offsetof(struct employee, tmt_jabatan)},
    {"pns_id", offsetof(struct employee, pns_id)},
    {"sk_number", offsetof(struct employee, sk_number)},
    {"sk_date", offsetof(struct employee, sk_date)},
};

struct importer {
    struct req *rq;
    struct employee_import *imp;
    struct employee_memo *memo;
    struct employee_date today;
    struct csv_col cols[IMPORT_MAX_COLS];
    long slot[IMPORT_MAX_COLS]; /* offset into struct employee of a text column, or -1 */
    size_t ncols, nfields, unit_ix, unit_code_ix, pos_ix, pos_name_ix, nip_ix;
    struct csv_reader *r;
    struct employee *rows; /* the good rows, kept for the insert */
    size_t nrows, cap;
};

static void rows_free(void *p)
{
    free(((struct importer *)p)->rows);
}

static size_t col_index(const struct importer *im, const char *name)
{
    for (size_t i = 0; i < im->ncols; i++)
        if (strcmp(im->cols[i].name, name) == 0)
            return i;
    return im->ncols; /* never: every name asked for is declared */
}

/* The columns: employee_fields (unit_id and position_id optional, since unit and position
 * may stand in for them), dates also as dd-mm-yyyy, then unit and position. */
static void declare(struct importer *im)
{
    for (const struct json_field *f = employee_fields; f->name && im->ncols < IMPORT_MAX_COLS - 2;
         f++) {
        struct csv_col *c = &im->cols[im->ncols];
        size_t n = strlen(f->name);

        c->name = f->name;
        c->flags = f->required && f->type == JF_STRING ? CSV_COL_REQUIRED : 0;
        if ((n > 5 && strcmp(f->name + n - 5, "_date") == 0) || strncmp(f->name, "tmt_", 4) == 0)
            c->flags |= CSV_COL_DATE_DMY;
        im->slot[im->ncols] = -1;
        for (size_t s = 0; s < sizeof text_slots / sizeof text_slots[0]; s++)
            if (strcmp(text_slots[s].name, f->name) == 0)
                im->slot[im->ncols] = (long)text_slots[s].off;
        im->ncols++;
    }
    im->nfields = im->ncols;
    im->cols[im->ncols++] = (struct csv_col){"unit", "unit_code", 0};
    im->cols[im->ncols++] = (struct csv_col){"position", "position_name", 0};
    im->unit_ix = col_index(im, "unit_id");
    im->unit_code_ix = col_index(im, "unit");
    im->pos_ix = col_index(im, "position_id");
    im->pos_name_ix = col_index(im, "position");
    im->nip_ix = col_index(im, "nip");
}

static int row_error(struct importer *im, long line, const char *column, const char *msg)
{
    csv_report_add(im->imp->rep, line, column, msg);
    return 1;
}

/* The column of the file an error of field belongs to. */
static const char *column_of(const struct importer *im, const struct csv_row *row,
                             const char *field)
{
    if (!field || !*field)
        return NULL;
    if (strcmp(field, "unit_id") == 0 && !row->values[im->unit_ix])
        return "unit";
    if (strcmp(field, "position_id") == 0 && !row->values[im->pos_ix])
        return "position";
    return field;
}

/* unit_id or position_id: the number in its own column, else found by code / name; 0 when
 * neither finds one (employee_refs_check then answers "not found" after the scope check). */
static int id_value(struct importer *im, const struct csv_row *row, size_t ix, int64_t *out)
{
    const struct json_field *f = &employee_fields[ix];
    const char *s = row->values[ix];

    *out = 0;
    if (!s)
        return 0;
    if (parse_int64(s, strlen(s), f->min, f->max, out))
        return row_error(im, row->line, f->name,
                         "Kolom harus bilangan bulat dalam rentang yang diizinkan");
    return 0;
}

/* One row into x: 0 good, 1 bad (recorded), -1 storage error in e. */
static int check_row(struct importer *im, const struct csv_row *row, struct employee *x,
                     struct err *e)
{
    struct req *rq = im->rq;
    const char *code = row->values[im->unit_code_ix];
    const char *pos_name = row->values[im->pos_name_ix];
    int nik_warning = 0;
    long first;
    enum err_code rc;

    memset(x, 0, sizeof *x);
    for (size_t i = 0; i < im->nfields; i++) { /* presence and length, as json_body_check */
        const struct json_field *f = &employee_fields[i];
        const char *v = row->values[i];

        if (f->type == JF_STRING) {
            if (!v && f->required)
                return row_error(im, row->line, f->name, "Kolom wajib diisi");
            if (v && f->max_len && strlen(v) > f->max_len)
                return row_error(im, row->line, f->name, "Teks terlalu panjang");
            if (im->slot[i] >= 0)
                *(const char **)(void *)((char *)x + im->slot[i]) = v;
        }
    }
    if (!row->values[im->unit_ix] && !code)
        return row_error(im, row->line, csv_reader_has(im->r, im->unit_ix) ? "unit_id" : "unit",
                         "Kolom wajib diisi");
    if (!row->values[im->pos_ix] && !pos_name)
        return row_error(im, row->line,
                         csv_reader_has(im->r, im->pos_ix) ? "position_id" : "position",
                         "Kolom wajib diisi");
    if (id_value(im, row, im->unit_ix, &x->unit_id) ||
        id_value(im, row, im->pos_ix, &x->position_id))
        return 1;
    first = employee_memo_nip_seen(im->memo, x->nip, row->line);
    if (first) {
        char msg[96];

        snprintf(msg, sizeof msg, "NIP sama dengan baris %ld di berkas ini", first);
        return row_error(im, row->line, "nip", msg);
    }
    if (!x->unit_id) {
        rc = employee_memo_unit_code(rq, im->memo, code, &x->unit_id, e);
        if (rc && rc != ERR_NOT_FOUND)
            return -1;
    }
    if (!x->position_id && x->unit_id) {
        rc = employee_memo_position_name(rq, im->memo, x->unit_id, pos_name, &x->position_id, e);
        if (rc && rc != ERR_NOT_FOUND)
            return -1;
    }
    rc = employee_validate(rq->a, x, im->today, &nik_warning, e);
    if (!rc)
        rc = employee_refs_check(rq, im->memo, x, e);
    if (rc == ERR_INVALID || rc == ERR_CONFLICT)
        return row_error(im, row->line, column_of(im, row, e->field), e->msg);
    if (rc == ERR_NOT_FOUND) /* the unit is outside the writer's scope: same as missing */
        return row_error(im, row->line, column_of(im, row, "unit_id"), "Unit tidak ditemukan");
    if (rc)
        return -1;
    if (nik_warning)
        csv_report_warn(im->imp->rep, row->line, "nik",
                        "NIK tidak sesuai dengan tanggal lahir atau jenis kelamin");
    return 0;
}

/* Keep a good row for the insert: its strings move out of the reader's row buffer. */
static void keep(struct importer *im, const struct employee *x)
{
    struct arena *a = im->rq->a;
    struct employee *k;

    if (im->nrows == im->cap) {
        im->cap = im->cap ? im->cap * 2 : 1024;
        im->rows = xrealloc(im->rows, im->cap * sizeof *im->rows);
    }
    k = &im->rows[im->nrows++];
    *k = *x;
    for (size_t s = 0; s < sizeof text_slots / sizeof text_slots[0]; s++) {
        const char **p = (const char **)(void *)((char *)k + text_slots[s].off);

        if (*p && *p != x->appointed_on)
            *p = arena_strdup(a, *p);
    }
    if (x->tmt_jabatan == x->tmt_golongan) /* defaulted by employee_validate */
        k->tmt_jabatan = k->tmt_golongan;
}

static void progress(struct importer *im, const char *phase, long done, long total)
{
    if (im->imp->progress)
        im->imp->progress(im->imp->progress_ctx, phase, done, total);
}

enum err_code employee_import_csv(struct req *rq, const char *data, size_t len,
                                  struct employee_import *imp, struct err *e)
{
    struct csv_read_options o = {0};
    struct importer *im = arena_alloc(rq->a, sizeof *im);
    struct csv_row row;
    struct employee x;
    int got, bad;

    im->rq = rq;
    im->imp = imp;
    im->today = employee_date_from_epoch(rq->now);
    im->memo = employee_memo_new(rq->a);
    imp->imported = 0;
    if (!imp->rep) {
        imp->rep = arena_alloc(rq->a, sizeof *imp->rep);
        csv_report_init(imp->rep, rq->a, 0);
    }
    arena_defer(rq->a, rows_free, im);
    declare(im);
    o.flags = CSV_READ_APOSTROPHE; /* '198503... keeps a NIP as text in a spreadsheet */
    im->r = csv_reader_open(rq->a, data, len, &o, im->cols, im->ncols, imp->rep);
    if (!im->r)
        return ERR_OK;
    if (!csv_reader_has(im->r, im->unit_ix) && !csv_reader_has(im->r, im->unit_code_ix)) {
        csv_report_add(imp->rep, 1, "unit",
                       "Kolom wajib unit (kode unit) atau unit_id tidak ada"
                       " di baris judul");
        return ERR_OK;
    }
    if (!csv_reader_has(im->r, im->pos_ix) && !csv_reader_has(im->r, im->pos_name_ix)) {
        csv_report_add(imp->rep, 1, "position",
                       "Kolom wajib position (nama jabatan) atau position_id tidak ada di baris"
                       " judul");
        return ERR_OK;
    }
    while ((got = csv_reader_next(im->r, &row)) == 1) {
        bad = check_row(im, &row, &x, e);
        if (bad < 0)
            return e->code;
        if (!bad && !imp->dry_run && imp->rep->errors_total == 0)
            keep(im, &x);
        if (imp->rep->rows % 1000 == 0)
            progress(im, "memeriksa", (long)csv_reader_offset(im->r), (long)len);
    }
    progress(im, "memeriksa", (long)len, (long)len);
    if (got < 0 || imp->dry_run || imp->rep->errors_total > 0)
        return ERR_OK;
    for (size_t i = 0; i < im->nrows; i++) {
        enum err_code rc = employee_insert(rq->db, &im->rows[i], rq->now, &im->rows[i].id, e);

        if (rc)
            return rc;
        if ((i + 1) % 1000 == 0 || i + 1 == im->nrows)
            progress(im, "menyimpan", (long)i + 1, (long)im->nrows);
    }
    imp->imported = (long)im->nrows;
    return ERR_OK;
}

static json_t *issues_json(const struct csv_issue *list, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I,s:o,s:s}", "line", (json_int_t)list[i].line,
                                             "column", json_str_or_null(list[i].column), "message",
                                             list[i].message));
    return arr;
}

json_t *employee_import_json(const struct employee_import *imp)
{
    const struct csv_report *rep = imp->rep;

    return json_pack("{s:I,s:I,s:b,s:o,s:I,s:o,s:I}", "rows", (json_int_t)rep->rows, "imported",
                     (json_int_t)imp->imported, "dry_run", imp->dry_run, "errors",
                     issues_json(rep->errors, rep->nerrors), "errors_total",
                     (json_int_t)rep->errors_total, "warnings",
                     issues_json(rep->warnings, rep->nwarnings), "warnings_total",
                     (json_int_t)rep->warnings_total);
}

/* Declared in employee.h. */
enum err_code employee_import_begin(struct req *rq, struct employee_import *imp, struct err *e)
{
    static const char *const keys[] = {"dry_run", NULL};
    const char *dry;
    enum err_code rc;

    if (!csv_is_content_type(rq->content_type))
        return err_set(e, ERR_MEDIA_TYPE, "unsupported_media_type", NULL,
                       "Isi permintaan harus text/csv");
    rc = req_query_allow(rq, keys, e);
    if (rc)
        return rc;
    dry = req_query(rq, "dry_run");
    if (dry && strcmp(dry, "true") != 0 && strcmp(dry, "false") != 0)
        return err_invalid(e, "dry_run", "dry_run harus true atau false");
    memset(imp, 0, sizeof *imp);
    imp->dry_run = dry && strcmp(dry, "true") == 0;
    return ERR_OK;
}

static enum err_code api_import(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_import imp;
    enum err_code rc = employee_import_begin(rq, &imp, e);

    if (rc)
        return rc;
    rc = employee_import_csv(rq, rq->body ? rq->body : "", rq->body_len, &imp, e);
    if (rc)
        return rc;
    if (imp.imported > 0)
        req_audit(rq, "employee.import", "employee", 0, NULL,
                  json_pack("{s:I,s:I,s:I}", "rows", (json_int_t)imp.rep->rows, "imported",
                            (json_int_t)imp.imported, "warnings",
                            (json_int_t)imp.rep->warnings_total));
    else
        rq->no_audit = 1; /* a dry run, or errors: nothing was written */
    return resp_json(rs, 200, employee_import_json(&imp));
}

const struct route employee_import_routes[] = {
    {HTTP_POST, "/api/v1/employees/import", api_import, ROLES_ADMIN, ROUTE_WRITE | ROUTE_RAW_BODY,
     LIMIT_IMPORT_BYTES},
    {0},
};
