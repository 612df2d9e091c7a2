/* api.c - proposal endpoints: an employee proposes a change to the own record (validated
 * exactly like an admin's PATCH before it is saved) or a new family or education history row
 * (validated exactly like POST /employees/{id}/family|education) and may cancel it while
 * pending; admins see the verification queue of their scope and approve (the change is
 * applied, or the row added, in the same transaction) or reject with a reason. Nobody decides
 * a proposal about their own record (403 own_proposal). Out of scope is 404 everywhere. A
 * family member's NIK is sealed in the stored payload (db/field.h) and shown whole only to
 * the employee and to admins who may write the record; the audit log has it masked. */
#include "modules/proposal/proposal.h"

#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "db/field.h"
#include "modules/employee/employee.h"

static void json_release(void *p)
{
    json_decref(p);
}

/* A JSON text stored by this module, as a value owned by the request (NULL when unreadable). */
static json_t *stored_json(struct req *rq, const char *text)
{
    json_t *v = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;

    if (v)
        arena_defer(rq->a, json_release, v);
    return v;
}

#define PAYLOAD_NIK_COLUMN "employee_proposals.payload.nik"

/* The payload as stored: a family member's NIK sealed (a copy; the rest unchanged). NULL when
 * the NIK cannot be sealed. */
static json_t *payload_sealed(struct req *rq, json_t *payload)
{
    json_t *out = json_deep_copy(payload), *nik = json_object_get(payload, "nik");
    char *sealed;

    if (!json_is_string(nik))
        return out;
    sealed = field_seal(rq->a, PAYLOAD_NIK_COLUMN, json_string_value(nik));
    if (!sealed) {
        json_decref(out);
        return NULL;
    }
    json_object_set_new(out, "nik", json_string(sealed));
    return out;
}

/* The stored payload with the NIK opened: whole when whole, else masked (owned by rq). */
static json_t *payload_of(struct req *rq, const struct proposal *p, int whole)
{
    json_t *v = stored_json(rq, p->payload), *nik = json_object_get(v, "nik");
    char masked[EMPLOYEE_NIK_LEN + 1];
    const char *plain;

    if (!json_is_string(nik))
        return v;
    plain = field_open(rq->a, PAYLOAD_NIK_COLUMN, json_string_value(nik));
    employee_nik_mask(plain, masked);
    json_object_set_new(v, "nik", json_string(whole && plain ? plain : masked));
    return v;
}

/* May the user see a proposed NIK whole? The employee, and admins who may write the record
 * (as for the family history). Only admins are asked, so no denial is logged for readers. */
static int whole_nik(const struct req *rq, const struct proposal *p)
{
    struct err ignored;

    if (rq->user && rq->user->employee_id == p->employee_id)
        return 1;
    return role_has(rq, ROLES_ADMIN) && scope_unit_write(rq, p->unit_id, &ignored) == ERR_OK;
}

/* The record's current values of the fields a proposal touches. */
static json_t *current_json(const struct proposal *p, json_t *payload)
{
    struct employee cur;
    json_t *all, *out = json_object();
    const char *key;
    json_t *v;

    memset(&cur, 0, sizeof cur);
    cur.name = p->name;
    cur.gelar_depan = p->gelar_depan;
    cur.gelar_belakang = p->gelar_belakang;
    cur.contact.religion = p->religion;
    cur.contact.marital_status = p->marital_status;
    cur.contact.phone = p->phone;
    cur.contact.email = p->email;
    cur.contact.address = p->address;
    cur.contact.photo_document_id = p->photo_document_id;
    all = employee_edit_json(&cur);
    json_object_foreach(payload, key, v)
    {
        json_t *now = json_object_get(all, key);

        (void)v;
        json_object_set(out, key, now ? now : json_null());
    }
    json_decref(all);
    return out;
}

/* A proposal as the API shows it; whole: the proposed NIK unmasked (never for the audit). A
 * history row proposal has no current values ("current" is {}): it adds a row. */
static json_t *proposal_json(struct req *rq, const struct proposal *p, int whole)
{
    json_t *payload = payload_of(rq, p, whole), *evidence = stored_json(rq, p->evidence);
    int record = proposal_kind_parse(p->kind) == PROPOSAL_RECORD;
    json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)p->id,
                          "employee_id", (json_int_t)p->employee_id, "employee_name",
                          p->name ? p->name : "", "nip", p->employee_nip ? p->employee_nip : "",
                          "unit_id", (json_int_t)p->unit_id, "unit_name",
                          p->unit_name ? p->unit_name : "", "kind", p->kind, "status", p->status);

    json_object_set(o, "payload", payload ? payload : json_object());
    json_object_set(o, "evidence", evidence ? evidence : json_array());
    json_object_set_new(o, "current", payload && record ? current_json(p, payload) : json_object());
    json_object_set_new(o, "reason", json_str_or_null(p->reason));
    json_object_set_new(o, "proposed_by", json_id_or_null(p->proposed_by));
    json_object_set_new(o, "decided_by", json_id_or_null(p->decided_by));
    json_object_set_new(o, "created_at", json_time(p->created_at));
    json_object_set_new(o, "decided_at", p->decided_at ? json_time(p->decided_at) : json_null());
    return o;
}

static enum err_code not_found(struct err *e)
{
    return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Usulan tidak ditemukan");
}

/* A record edit as a payload: parsed and checked like a PATCH; a photo must be an image
 * document of the same employee. */
static enum err_code record_edit(struct req *rq, int64_t employee_id, json_t *payload,
                                 struct employee_edit *ed, struct err *e)
{
    int ok = 1;
    enum err_code rc = employee_edit_parse(payload, ed, e);

    if (!rc && (ed->set & EMPLOYEE_EDIT_PHOTO) && ed->c.photo_document_id > 0)
        rc = employee_photo_ok(rq->db, employee_id, ed->c.photo_document_id, &ok, e);
    if (!rc && !ok)
        return err_invalid(e, "photo_document_id", "Foto harus dokumen JPEG/PNG milik pegawai ini");
    return rc;
}

/* A history row as a payload: checked like POST /employees/{id}/family|education. Without
 * its own document_id, the row's document is the first evidence document. */
static enum err_code history_row(struct req *rq, int64_t employee_id, enum proposal_kind kind,
                                 json_t *payload, const int64_t *ids, size_t nids, struct err *e)
{
    if (nids > 0 && !json_object_get(payload, "document_id"))
        json_object_set_new(payload, "document_id", json_integer(ids[0]));
    return employee_history_check(rq->db, rq->a, proposal_kind_name(kind), employee_id, payload,
                                  rq->now, e);
}

/* Body of a new proposal: {"kind", "payload": {...}, "evidence": [ids]}; unknown fields
 * refused by name. */
static enum err_code create_parse(struct req *rq, int64_t employee_id, enum proposal_kind *kind,
                                  json_t **payload, int64_t *ids, size_t *nids, struct err *e)
{
    static const char *const keys[] = {"kind", "payload", "evidence", NULL};
    struct employee_edit ed;
    const char *key;
    json_t *v;
    enum err_code rc;

    if (!rq->json)
        return err_invalid(e, "kind", "Kolom wajib diisi");
    json_object_foreach(rq->json, key, v)
    {
        int known = 0;

        for (const char *const *k = keys; *k; k++)
            known |= strcmp(*k, key) == 0;
        if (!known)
            return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
    }
    v = json_object_get(rq->json, "kind");
    rc = proposal_kind_check(json_is_string(v) ? json_string_value(v) : NULL, kind, e);
    if (rc)
        return rc;
    *payload = json_object_get(rq->json, "payload");
    if (!json_is_object(*payload))
        return err_invalid(e, "payload", "Isi usulan harus berupa objek JSON");
    rc = proposal_evidence_parse(json_object_get(rq->json, "evidence"), ids, nids, e);
    for (size_t i = 0; !rc && i < *nids; i++) {
        int mine = 0;

        rc = proposal_document_of(rq->db, ids[i], employee_id, &mine, e);
        if (!rc && !mine)
            return err_invalid(e, "evidence", "Dokumen bukti harus milik pegawai yang sama");
    }
    if (rc)
        return rc;
    if (*kind == PROPOSAL_RECORD)
        return record_edit(rq, employee_id, *payload, &ed, e);
    return history_row(rq, employee_id, *kind, *payload, ids, *nids, e);
}

static enum err_code api_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee x;
    struct proposal p, saved;
    enum proposal_kind kind = PROPOSAL_NONE;
    int64_t id, ids[PROPOSAL_EVIDENCE_MAX];
    size_t nids = 0;
    json_t *payload = NULL, *stored, *evidence;
    char *payload_text, *evidence_text;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_get(rq->db, rq->a, id, &x, e);
    if (!rc && (!rq->user || rq->user->employee_id != x.id)) /* only the employee themself */
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    if (!rc)
        rc = create_parse(rq, x.id, &kind, &payload, ids, &nids, e);
    if (rc)
        return rc;
    stored = payload_sealed(rq, payload);
    if (!stored)
        return err_internal(e, "NIK cannot be sealed (no key)");
    evidence = json_array();
    for (size_t i = 0; i < nids; i++)
        json_array_append_new(evidence, json_integer(ids[i]));
    payload_text = json_dumps(stored, JSON_COMPACT | JSON_SORT_KEYS);
    evidence_text = json_dumps(evidence, JSON_COMPACT);
    json_decref(stored);
    json_decref(evidence);
    if (!payload_text || !evidence_text) {
        free(payload_text);
        free(evidence_text);
        return err_internal(e, "proposal json");
    }
    memset(&p, 0, sizeof p);
    p.employee_id = x.id;
    p.kind = proposal_kind_name(kind);
    p.payload = arena_strdup(rq->a, payload_text);
    p.evidence = arena_strdup(rq->a, evidence_text);
    free(payload_text);
    free(evidence_text);
    p.proposed_by = rq->user->id;
    p.created_at = rq->now;
    rc = proposal_insert(rq->db, &p, &p.id, e);
    if (!rc)
        rc = proposal_get(rq->db, rq->a, p.id, &saved, e);
    if (rc)
        return rc;
    req_audit(rq, "proposal.create", "proposal", saved.id, NULL, proposal_json(rq, &saved, 0));
    return resp_json(rs, 201, proposal_json(rq, &saved, 1));
}

static enum err_code list_reply(struct req *rq, struct resp *rs, const struct proposal_query *q,
                                struct err *e)
{
    struct proposal *items = NULL;
    size_t n = 0;
    int64_t total = 0;
    json_t *arr;
    enum err_code rc = proposal_list(rq->db, rq->a, q, &items, &n, &total, e);

    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, proposal_json(rq, &items[i], whole_nik(rq, &items[i])));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total,
                               "page", (json_int_t)q->page, "per_page", (json_int_t)q->per_page));
}

/* status: absent = dflt, "all" = any, else one of the statuses. */
static enum err_code status_param(const struct req *rq, const char *dflt, const char **out,
                                  struct err *e)
{
    const char *s = req_query(rq, "status");

    if (!s)
        s = dflt;
    if (strcmp(s, "all") == 0)
        s = "";
    else if (!proposal_status_valid(s))
        return err_invalid(e, "status",
                           "Status harus pending, approved, rejected, cancelled atau all");
    *out = s;
    return ERR_OK;
}

static enum err_code api_list_own(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"status", "page", "per_page", NULL};
    struct proposal_query q;
    struct employee x;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    memset(&q, 0, sizeof q);
    if (!rc)
        rc = employee_get(rq->db, rq->a, id, &x, e);
    if (!rc)
        rc = scope_employee_read(rq, x.id, x.unit_id, e);
    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = req_paging(rq, &q.page, &q.per_page, e);
    if (!rc)
        rc = status_param(rq, "all", &q.status, e);
    if (rc)
        return rc;
    q.employee_id = x.id;
    return list_reply(rq, rs, &q, e);
}

/* The verification queue: pending (by default) proposals of records in the admin's scope,
 * optionally narrowed to a unit and its sub-units. */
static enum err_code api_queue(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"status", "unit_id", "page", "per_page", NULL};
    const char *unit = req_query(rq, "unit_id");
    struct proposal_query q;
    int64_t root, filter = 0;
    int subtree;
    enum err_code rc = req_query_allow(rq, keys, e);

    memset(&q, 0, sizeof q);
    if (!rc)
        rc = req_paging(rq, &q.page, &q.per_page, e);
    if (!rc)
        rc = status_param(rq, "pending", &q.status, e);
    if (rc)
        return rc;
    if (unit && parse_int64(unit, strlen(unit), 1, INT64_MAX, &filter))
        return err_invalid(e, "unit_id", "unit_id harus bilangan bulat positif");
    if (filter) {
        rc = scope_unit_write(rq, filter, e);
        if (rc)
            return rc;
    }
    scope_unit_root(rq, &root, &subtree);
    q.unit_id = root < 0 ? -1 : filter ? filter : root; /* -1: no home unit, an empty queue */
    q.subtree = root == 0 || subtree;
    return list_reply(rq, rs, &q, e);
}

static enum err_code api_one(struct req *rq, struct resp *rs, struct err *e)
{
    struct proposal p;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = proposal_get(rq->db, rq->a, id, &p, e);
    if (!rc)
        rc = scope_employee_read(rq, p.employee_id, p.unit_id, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, proposal_json(rq, &p, whole_nik(rq, &p)));
}

static const struct json_field decision_fields[] = {
    {"decision", JF_STRING, 1, 16, 0, 0},
    {"reason", JF_STRING, 0, PROPOSAL_REASON_MAX, 0, 0},
    {0},
};

/* Approve: apply the payload by kind: the record edit, or the history row added as the
 * deciding admin (validated again: the record may have changed since). *row_id is the new
 * history row, 0 for a record edit. */
static enum err_code apply(struct req *rq, const struct proposal *p, struct employee *x,
                           int64_t *row_id, struct err *e)
{
    struct employee_edit ed;
    enum proposal_kind kind = proposal_kind_parse(p->kind);
    json_t *payload = payload_of(rq, p, 1);
    enum err_code rc;

    *row_id = 0;
    if (!payload)
        return err_internal(e, "proposal payload unreadable");
    switch (kind) {
    case PROPOSAL_RECORD:
        rc = record_edit(rq, x->id, payload, &ed, e);
        if (rc)
            return rc;
        employee_edit_apply(x, &ed);
        return employee_edit_save(rq->db, x, rq->now, e);
    case PROPOSAL_FAMILY:
    case PROPOSAL_EDUCATION:
        return employee_history_add(rq->db, rq->a, proposal_kind_name(kind), x->id, payload,
                                    rq->user->id, rq->now, row_id, e);
    case PROPOSAL_NONE:
        break;
    }
    return err_invalid(e, "kind", "Jenis usulan tidak dikenal");
}

static enum err_code api_decide(struct req *rq, struct resp *rs, struct err *e)
{
    struct proposal p, saved;
    struct employee x;
    const char *reason;
    int64_t id, row_id = 0;
    int approve = 0;
    json_t *before, *after;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = proposal_get(rq->db, rq->a, id, &p, e);
    if (!rc)
        rc = scope_unit_write(rq, p.unit_id, e);
    if (rc)
        return rc;
    if (p.employee_id == rq->user->employee_id || p.proposed_by == rq->user->id)
        return err_set(e, ERR_FORBIDDEN, "own_proposal", NULL,
                       "Usulan tentang data sendiri harus diputuskan verifikator lain");
    if (strcmp(p.status, "pending") != 0)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Usulan sudah diputuskan");
    rc = json_body_check(rq, decision_fields, e);
    reason = json_body_str(rq, "reason");
    if (!rc)
        rc = proposal_decision_check(json_body_str(rq, "decision"), reason, &approve, e);
    if (!rc)
        rc = employee_get(rq->db, rq->a, p.employee_id, &x, e);
    if (rc)
        return rc;
    if (reason && !*reason)
        reason = NULL;
    before = json_pack("{s:s,s:o}", "status", "pending", "record", employee_edit_json(&x));
    rc = approve ? apply(rq, &p, &x, &row_id, e) : ERR_OK;
    if (!rc)
        rc = proposal_decide(rq->db, p.id, approve ? "approved" : "rejected", reason, rq->user->id,
                             rq->now, e);
    if (!rc)
        rc = employee_get(rq->db, rq->a, p.employee_id, &x, e);
    if (!rc)
        rc = proposal_get(rq->db, rq->a, p.id, &saved, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    after = json_pack("{s:s,s:o,s:o}", "status", saved.status, "reason",
                      json_str_or_null(saved.reason), "record", employee_edit_json(&x));
    if (row_id) /* the history row added: its table and id */
        json_object_set_new(after, "history",
                            json_pack("{s:s,s:I}", "kind", saved.kind, "id", (json_int_t)row_id));
    req_audit(rq, approve ? "proposal.approve" : "proposal.reject", "proposal", p.id, before,
              after);
    return resp_json(rs, 200, proposal_json(rq, &saved, 1));
}

/* The employee withdraws a pending proposal about the own record. */
static enum err_code api_cancel(struct req *rq, struct resp *rs, struct err *e)
{
    struct proposal p, saved;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = proposal_get(rq->db, rq->a, id, &p, e);
    if (rc)
        return rc;
    if (!rq->user || p.employee_id != rq->user->employee_id)
        return not_found(e);
    if (strcmp(p.status, "pending") != 0)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Usulan sudah diputuskan");
    rc = json_body_check(rq, (const struct json_field[]){{0}}, e);
    if (!rc)
        rc = proposal_decide(rq->db, p.id, "cancelled", NULL, rq->user->id, rq->now, e);
    if (!rc)
        rc = proposal_get(rq->db, rq->a, p.id, &saved, e);
    if (rc)
        return rc;
    req_audit(rq, "proposal.cancel", "proposal", p.id, json_pack("{s:s}", "status", "pending"),
              json_pack("{s:s}", "status", "cancelled"));
    return resp_json(rs, 200, proposal_json(rq, &saved, 1));
}

const struct route proposal_routes[] = {
    {HTTP_POST, "/api/v1/employees/{id}/proposals", api_create, ROLES_ANY, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/employees/{id}/proposals", api_list_own, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/proposals", api_queue, ROLES_ADMIN, 0},
    {HTTP_GET, "/api/v1/proposals/{id}", api_one, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/proposals/{id}/decision", api_decide, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/proposals/{id}/cancel", api_cancel, ROLES_ANY, ROUTE_WRITE},
    {0},
};
