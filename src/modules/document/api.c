/* api.c - document endpoints: upload a file to an employee's record (admins within the write
 * scope of the record's unit, and the employee themself as evidence for proposals), list a
 * record's documents, download one within the read scope of its record. The upload body is the
 * raw file (ROUTE_RAW_BODY, LIMIT_UPLOAD_BYTES); every check runs before anything is stored,
 * and a download is always an attachment that the browser may not sniff or render. */
#include "modules/document/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/mem.h"
#include "core/str.h"
#include "http/app.h"
#include "modules/employee/employee.h"

/* The record a document call names, within the caller's read scope (404 outside). */
static enum err_code record_readable(struct req *rq, int64_t id, struct employee *x, struct err *e)
{
    enum err_code rc = employee_get(rq->db, rq->a, id, x, e);

    if (!rc)
        rc = scope_employee_read(rq, x->id, x->unit_id, e);
    return rc;
}

/* Who may add a document to a record: the employee themself, or an admin whose write scope
 * covers the record's unit. Anyone else gets 404 (scope_unit_write logs the denial). */
static enum err_code record_uploadable(struct req *rq, int64_t id, struct employee *x,
                                       struct err *e)
{
    enum err_code rc = employee_get(rq->db, rq->a, id, x, e);

    if (rc)
        return rc;
    if (rq->user && rq->user->employee_id == x->id)
        return ERR_OK;
    return scope_unit_write(rq, x->unit_id, e);
}

struct doc_undo {
    const char *dir;
    char sha[65];
};

/* The file this upload created, removed when its transaction does not commit. */
static void doc_undo(void *arg)
{
    struct doc_undo *u = arg;

    document_file_remove(u->dir, u->sha);
}

static enum err_code api_upload(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"kind", "filename", NULL};
    const unsigned char *body = (const unsigned char *)rq->body;
    char name[DOCUMENT_FILENAME_MAX + 1], sha[DOCUMENT_SHA256_HEX + 1];
    struct employee x;
    struct document d, saved;
    enum document_type type = DOCUMENT_NONE;
    const char *dir = rq->app ? rq->app->files_dir : NULL;
    int64_t id;
    int created = 0;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = record_uploadable(rq, id, &x, e);
    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = document_kind_check(req_query(rq, "kind"), e);
    if (!rc)
        rc = document_content_check(rq->content_type, body, rq->body_len, &type, e);
    if (!rc)
        rc = document_filename_clean(req_query(rq, "filename"), type, name, e);
    if (rc)
        return rc;
    if (!dir)
        return err_set(e, ERR_STORAGE, "storage_unavailable", NULL,
                       "Penyimpanan berkas tidak tersedia");
    document_sha256_hex(body, rq->body_len, sha);
    rc = document_file_write(dir, sha, body, rq->body_len, &created, e);
    if (rc)
        return rc;
    memset(&d, 0, sizeof d);
    d.employee_id = x.id;
    d.kind = req_query(rq, "kind");
    d.filename = name;
    d.content_type = document_mime(type);
    d.size = (int64_t)rq->body_len;
    d.sha256 = sha;
    d.uploaded_by = rq->user ? rq->user->id : 0;
    d.created_at = rq->now;
    if (created) { /* nothing left behind by a request that does not commit */
        struct doc_undo *u = arena_alloc(rq->a, sizeof *u);

        u->dir = dir;
        str_copy(u->sha, sizeof u->sha, sha);
        rq->undo = doc_undo;
        rq->undo_arg = u;
    }
    rc = document_insert(rq->db, &d, &d.id, e);
    if (!rc)
        rc = document_get(rq->db, rq->a, d.id, &saved, e);
    if (rc)
        return rc;
    req_audit(rq, "document.upload", "document", saved.id, NULL, document_json(&saved));
    return resp_json(rs, 201, document_json(&saved));
}

static enum err_code api_list(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"page", "per_page", NULL};
    struct employee x;
    struct document *items = NULL;
    size_t n = 0;
    int64_t id, page, per_page, total = 0;
    json_t *arr;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = record_readable(rq, id, &x, e);
    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = document_list(rq->db, rq->a, x.id, page, per_page, &items, &n, &total, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, document_json(&items[i]));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total,
                               "page", (json_int_t)page, "per_page", (json_int_t)per_page));
}

/* The file itself: the stored type (never the client's), as an attachment under its
 * sanitised name, sandboxed (security.md "Uploads"); X-Content-Type-Options: nosniff and
 * Cache-Control: no-store come with every API response. A document of no employee is for
 * the whole-government roles only. */
static enum err_code api_download(struct req *rq, struct resp *rs, struct err *e)
{
    struct document d;
    struct employee x;
    char *data = NULL, disp[DOCUMENT_FILENAME_MAX + 32], name[DOCUMENT_FILENAME_MAX + 1];
    enum document_type type;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = document_get(rq->db, rq->a, id, &d, e);
    if (!rc && d.employee_id > 0)
        rc = record_readable(rq, d.employee_id, &x, e);
    if (rc)
        return rc;
    if (d.employee_id == 0 && !role_has(rq, ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN))
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Dokumen tidak ditemukan");
    type = document_type_parse(d.content_type);
    /* another module may have stored the row: the name is cleaned again for the header */
    rc = document_filename_clean(d.filename, type, name, e);
    if (rc)
        return err_internal(e, "stored document of an unknown type or without a name");
    rc = document_file_read(rq->app ? rq->app->files_dir : NULL, d.sha256, d.size, &data, e);
    if (rc)
        return rc;
    if (!rq->user || d.employee_id == 0 || rq->user->employee_id != d.employee_id)
        req_audit(rq, "document.read", "document", d.id, NULL, /* who read what, not the file */
                  json_pack("{s:I,s:s}", "employee_id", (json_int_t)d.employee_id, "kind",
                            d.kind ? d.kind : ""));
    free(rs->body);
    rs->body = data;
    rs->len = (size_t)d.size;
    rs->status = 200;
    rs->content_type = document_mime(type);
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
    resp_header(rs, "Content-Disposition", disp);
    resp_header(rs, "Content-Security-Policy", "sandbox");
    return ERR_OK;
}

const struct route document_routes[] = {
    {HTTP_POST, "/api/v1/employees/{id}/documents", api_upload, ROLES_ANY,
     ROUTE_WRITE | ROUTE_RAW_BODY, LIMIT_UPLOAD_BYTES},
    {HTTP_GET, "/api/v1/employees/{id}/documents", api_list, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/documents/{id}", api_download, ROLES_ANY, 0},
    {0},
};
