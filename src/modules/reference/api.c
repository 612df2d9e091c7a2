/* api.c - the reference lists over HTTP: GET /references (names and counts), GET
 * /references/{name} (search, paging, CSV) and POST /references/{name}/import (a large list
 * from a CSV: dry run, every bad row with line and column, all rows or none). The CSV front
 * (text/csv, dry_run) and the import report are the employee import's. Handlers hold no SQL. */
#include "modules/reference/reference.h"

#include <stdlib.h>
#include <string.h>

#include "modules/employee/employee.h" /* employee_import_begin, employee_import_json */
#include "report/csv_read.h"
#include "report/report.h"

static json_t *entry_json(const struct ref_list *l, const struct ref_entry *x)
{
    json_t *v =
        json_pack("{s:s,s:s}", "code", x->code ? x->code : "", "name", x->name ? x->name : "");

    if (l->attr_col)
        json_object_set_new(v, l->attr_col, json_str_or_null(x->attr));
    return v;
}

static enum err_code api_lists(struct req *rq, struct resp *rs, struct err *e)
{
    size_t n;
    const struct ref_list *l = reference_lists(&n);
    json_t *items = json_array();
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    for (size_t i = 0; !rc && i < n; i++) {
        int64_t count = 0;

        rc = reference_count(rq->db, &l[i], &count, e);
        if (!rc)
            json_array_append_new(items, json_pack("{s:s,s:s,s:b,s:I}", "name", l[i].name, "title",
                                                   l[i].title, "large", l[i].large, "count",
                                                   (json_int_t)count));
    }
    if (rc) {
        json_decref(items);
        return rc;
    }
    return resp_json(rs, 200, json_pack("{s:o}", "items", items));
}

/* The list of the path; 404 when there is none. */
static enum err_code list_of(const struct req *rq, const struct ref_list **out, struct err *e)
{
    *out = reference_list_find(rq->params[0]);
    if (!*out)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Daftar referensi tidak ditemukan");
    return ERR_OK;
}

static enum err_code list_csv(struct req *rq, struct resp *rs, const struct ref_list *l,
                              const struct ref_entry *rows, size_t n, struct err *e)
{
    struct report_column cols[3] = {
        {"id", 12, REPORT_TEXT}, {"nama", 40, REPORT_TEXT}, {l->attr_col, 12, REPORT_TEXT}};
    struct report_stream *out = NULL;
    struct report_table t;
    enum err_code rc;

    memset(&t, 0, sizeof t);
    t.title = l->title;
    t.cols = cols;
    t.ncols = l->attr_col ? 3 : 2;
    rc = report_stream_open(REPORT_CSV, &t, &out, e);
    for (size_t i = 0; !rc && i < n; i++) {
        struct report_cell c[3] = {
            {rows[i].code, 0, 0}, {rows[i].name, 0, 0}, {rows[i].attr, 0, 0}};

        rc = report_stream_row(out, c, e);
    }
    if (!rc)
        rc = report_stream_respond(out, rs, arena_printf(rq->a, "referensi-%s", l->name), e);
    report_stream_free(out);
    return rc;
}

static enum err_code api_list(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"q", "page", "per_page", "format", NULL};
    const struct ref_list *l;
    struct ref_entry *rows;
    size_t n;
    int64_t page = 1, per_page = 0, total = 0;
    enum report_format f = REPORT_JSON;
    const char *q;
    json_t *items;
    enum err_code rc = list_of(rq, &l, e);

    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = report_format_parse(req_query(rq, "format"),
                                 REPORT_ALLOW(REPORT_JSON) | REPORT_ALLOW(REPORT_CSV), &f, e);
    if (rc)
        return rc;
    q = req_query(rq, "q");
    if (q && strlen(q) > REF_NAME_MAX)
        return err_invalid(e, "q", "Kata kunci terlalu panjang");
    if (f == REPORT_CSV) /* the whole (filtered) list, in the shape its import reads */
        per_page = 0;
    rc = reference_page(rq->db, rq->a, l, q, page, per_page, &rows, &n, &total, e);
    if (rc)
        return rc;
    if (f == REPORT_CSV)
        return list_csv(rq, rs, l, rows, n, e);
    items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, entry_json(l, &rows[i]));
    return resp_json(rs, 200,
                     json_pack("{s:s,s:s,s:b,s:s*,s:o,s:I,s:I,s:I}", "name", l->name, "title",
                               l->title, "large", l->large, "attr", l->attr_col, "items", items,
                               "total", (json_int_t)total, "page", (json_int_t)page, "per_page",
                               (json_int_t)per_page));
}

struct coded_row {
    struct ref_entry x;
    long line;
};

static int coded_cmp(const void *pa, const void *pb)
{
    const struct coded_row *a = pa, *b = pb;
    int c = strcmp(a->x.code, b->x.code);

    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Read and check every row into *rows (sorted by code); problems go into imp->rep. */
static void read_rows(struct req *rq, const struct ref_list *l, struct employee_import *imp,
                      struct coded_row **rows, size_t *n)
{
    struct csv_col cols[3] = {{"id", "kode", CSV_COL_REQUIRED},
                              {"nama", "name", CSV_COL_REQUIRED},
                              {l->attr_col, NULL, l->attr == REF_ATTR_BUP ? CSV_COL_REQUIRED : 0}};
    struct csv_read_options o = {0};
    struct csv_reader *r;
    struct csv_row row;
    size_t cap = 0;

    *rows = NULL;
    *n = 0;
    o.flags = CSV_READ_APOSTROPHE | CSV_READ_NULL_EMPTY;
    r = csv_reader_open(rq->a, rq->body ? rq->body : "", rq->body_len, &o, cols,
                        l->attr_col ? 3 : 2, imp->rep);
    if (!r)
        return;
    while (csv_reader_next(r, &row) == 1) {
        const char *fields[3] = {row.values[0], row.values[1], l->attr_col ? row.values[2] : NULL};
        struct ref_entry x;
        struct err ve;

        if (reference_row_check(l, fields, &x, &ve)) {
            csv_report_add(imp->rep, row.line, ve.field, ve.msg);
            continue;
        }
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct coded_row *grown = arena_alloc(rq->a, ncap * sizeof *grown);

            if (*n)
                memcpy(grown, *rows, *n * sizeof **rows);
            *rows = grown;
            cap = ncap;
        }
        (*rows)[*n].x.code = arena_strdup(rq->a, x.code);
        (*rows)[*n].x.name = arena_strdup(rq->a, x.name);
        (*rows)[*n].x.attr = x.attr ? arena_strdup(rq->a, x.attr) : NULL;
        (*rows)[*n].line = row.line;
        ++*n;
    }
    csv_reader_close(r);
    if (*n > 1)
        qsort(*rows, *n, sizeof **rows, coded_cmp);
    for (size_t i = 1; i < *n; i++)
        if (!strcmp((*rows)[i].x.code, (*rows)[i - 1].x.code))
            csv_report_add(imp->rep, (*rows)[i].line, "id",
                           arena_printf(rq->a, "Kode %s ganda (sudah ada di baris %ld)",
                                        (*rows)[i].x.code, (*rows)[i - 1].line));
}

static enum err_code api_import(struct req *rq, struct resp *rs, struct err *e)
{
    const struct ref_list *l;
    struct employee_import imp;
    struct coded_row *rows;
    struct ref_entry *entries;
    size_t n;
    int64_t created = 0, updated = 0;
    json_t *out;
    enum err_code rc = list_of(rq, &l, e);

    if (!rc)
        rc = employee_import_begin(rq, &imp, e);
    if (rc)
        return rc;
    if (!l->large)
        return err_invalid(e, "name", "Daftar ini bawaan aplikasi dan tidak diimpor dari berkas");
    imp.rep = arena_alloc(rq->a, sizeof *imp.rep);
    csv_report_init(imp.rep, rq->a, 0);
    read_rows(rq, l, &imp, &rows, &n);
    entries = arena_alloc(rq->a, (n ? n : 1) * sizeof *entries);
    for (size_t i = 0; i < n; i++)
        entries[i] = rows[i].x;
    /* a file with errors writes nothing: its good rows are only counted, as in a dry run */
    rc = reference_upsert(rq->db, rq->a, l, entries, n, imp.dry_run || imp.rep->errors_total > 0,
                          &created, &updated, e);
    if (rc)
        return rc;
    if (!imp.dry_run && imp.rep->errors_total == 0)
        imp.imported = (long)(created + updated);
    if (imp.imported > 0)
        req_audit(rq, "reference.import", "reference", 0, NULL,
                  json_pack("{s:s,s:I,s:I,s:I}", "list", l->name, "rows", (json_int_t)imp.rep->rows,
                            "created", (json_int_t)created, "updated", (json_int_t)updated));
    else
        rq->no_audit = 1; /* a dry run, errors, or nothing new: nothing was written */
    out = employee_import_json(&imp);
    json_object_set_new(out, "list", json_string(l->name));
    json_object_set_new(out, "created", json_integer(created));
    json_object_set_new(out, "updated", json_integer(updated));
    json_object_set_new(out, "unchanged", json_integer((json_int_t)n - created - updated));
    return resp_json(rs, 200, out);
}

const struct route reference_routes[] = {
    {HTTP_GET, "/api/v1/references", api_lists, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/references/{name}", api_list, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/references/{name}/import", api_import, ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN,
     ROUTE_WRITE | ROUTE_RAW_BODY, LIMIT_IMPORT_BYTES},
    {0},
};
