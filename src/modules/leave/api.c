/* api.c - leave endpoints (docs/api-leave.md): the balance, a request (checked by the rules
 * with the facts the store finds, under a per-employee lock so two requests at once cannot
 * both spend the same days), the lists and the inbox, the decisions of the approval chain
 * (supervisor, then the official; delegation to the acting official or one level up is
 * resolved when a step starts), cancellation before the start, shortening after return, and
 * the chain per type. Out of scope is 404; nobody decides their own request (403). */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "modules/org/org.h"
#include "modules/proposal/proposal.h"

#define LOCK_EMPLOYEE_LEAVE 0x4c56000000000000LL /* + employee id: db_lock key */
#define ACTIVE_STATE "active"

int64_t leave_today(const struct req *rq)
{
    return rq->now >= 0 ? rq->now / 86400 : 0;
}

void leave_today_text(const struct req *rq, char out[11])
{
    leave_day_format(leave_today(rq), out);
}

static enum err_code not_found(struct err *e)
{
    return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Permohonan cuti tidak ditemukan");
}

int64_t leave_me(const struct req *rq)
{
    return rq->user ? rq->user->employee_id : 0;
}

/* May the user decide r now? The approver's employee, or any admin_bkpsdm for BKPSDM's step;
 * never on the own request. */
int leave_can_decide(const struct req *rq, const struct leave_request *r)
{
    if (!leave_status_pending(r->status) || !rq->user || r->employee_id == leave_me(rq))
        return 0;
    if (r->approver.bkpsdm)
        return role_has(rq, ROLE_ADMIN_BKPSDM);
    return r->approver.employee_id && r->approver.employee_id == leave_me(rq);
}

/* The employee themself, or an admin who may write the employee's unit. */
int leave_may_act_for(const struct req *rq, const struct leave_request *r)
{
    struct err ignored;

    if (r->employee_id == leave_me(rq))
        return 1;
    return role_has(rq, ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM) &&
           scope_unit_write(rq, r->current_unit_id, &ignored) == ERR_OK;
}

static json_t *approver_json(const struct leave_approver *a)
{
    if (a->bkpsdm)
        return json_pack("{s:s,s:n,s:s,s:n,s:n,s:n,s:n}", "kind", "bkpsdm", "employee_id", "name",
                         "BKPSDM", "position_id", "position_name", "acting",
                         "on_behalf_of_position_id");
    return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "kind", "employee", "employee_id",
                     json_id_or_null(a->employee_id), "name", json_str_or_null(a->name),
                     "position_id", json_id_or_null(a->position_id), "position_name",
                     json_str_or_null(a->position_name), "acting", json_str_or_null(a->acting),
                     "on_behalf_of_position_id",
                     a->acting ? json_id_or_null(a->position_id) : json_null());
}

static json_t *steps_json(const struct leave_step *s, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack(
            "{s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o}", "id", (json_int_t)s[i].id,
            "event", s[i].event, "step", json_str_or_null(s[i].step), "reason",
            json_str_or_null(s[i].reason), "start_date", json_str_or_null(s[i].start_date),
            "end_date", json_str_or_null(s[i].end_date), "working_days",
            s[i].start_date ? json_integer(s[i].working_days) : json_null(), "actor_user_id",
            json_id_or_null(s[i].actor_user_id), "actor_name", json_str_or_null(s[i].actor_name),
            "actor_employee_id", json_id_or_null(s[i].actor_employee_id), "acting",
            json_str_or_null(s[i].acting), "final", s[i].final, "at", json_time(s[i].created_at));

        json_object_set_new(o, "next_approver",
                            s[i].has_next ? approver_json(&s[i].next) : json_null());
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *leave_request_json(struct req *rq, const struct leave_request *r,
                           const struct leave_step *steps, size_t nsteps, int with_steps)
{
    int pending = leave_status_pending(r->status), approved = strcmp(r->status, "approved") == 0;
    int64_t start = 0, end = 0, today = leave_today(rq);
    json_t *o;
    struct err ignored;

    (void)leave_day(r->start_date, &start);
    (void)leave_day(r->end_date, &end);
    o = json_pack("{s:I,s:I,s:o,s:o,s:I,s:o,s:s,s:o,s:s,s:s,s:i,s:i,s:i,s:b,s:i}", "id",
                  (json_int_t)r->id, "employee_id", (json_int_t)r->employee_id, "employee_name",
                  json_str_or_null(r->employee_name), "employee_nip",
                  json_str_or_null(r->employee_nip), "unit_id", (json_int_t)r->current_unit_id,
                  "unit_name", json_str_or_null(r->unit_name), "type", r->type, "converted_from",
                  json_str_or_null(r->converted_from), "start_date", r->start_date, "end_date",
                  r->end_date, "working_days", r->working_days, "charged_days", r->charged_days,
                  "calendar_days", r->calendar_days, "hard_to_reach", r->hard_to_reach,
                  "travel_days", r->travel_days);
    json_object_set_new(o, "birth_order",
                        r->birth_order ? json_integer(r->birth_order) : json_null());
    json_object_set_new(o, "sick_kind", json_str_or_null(r->sick_kind));
    json_object_set_new(o, "doctor_kind", json_str_or_null(r->doctor_kind));
    json_object_set_new(o, "first_hajj", json_boolean(r->first_hajj));
    json_object_set_new(o, "early_reason", json_str_or_null(r->early_reason));
    json_object_set_new(o, "cltn", leave_cltn_json(r, today));
    json_object_set_new(o, "reason", json_str_or_null(r->reason));
    json_object_set_new(o, "address", json_str_or_null(r->address));
    json_object_set_new(o, "phone", json_str_or_null(r->phone));
    json_object_set_new(o, "document_id", json_id_or_null(r->document_id));
    json_object_set_new(o, "status", json_string(r->status));
    json_object_set_new(o, "step", pending ? json_str_or_null(r->step) : json_null());
    json_object_set_new(o, "approver", pending ? approver_json(&r->approver) : json_null());
    json_object_set_new(o, "approver_rerouted", json_boolean(pending && r->rerouted));
    json_object_set_new(o, "requested_start_date", json_str_or_null(r->requested_start_date));
    json_object_set_new(o, "requested_end_date", json_str_or_null(r->requested_end_date));
    json_object_set_new(o, "postponed", json_boolean(r->postponed));
    json_object_set_new(o, "decision_reason", json_str_or_null(r->decision_reason));
    json_object_set_new(o, "cancelled_at",
                        r->cancelled_at ? json_time(r->cancelled_at) : json_null());
    json_object_set_new(o, "cancel_reason", json_str_or_null(r->cancel_reason));
    json_object_set_new(o, "shortened_from", json_str_or_null(r->shortened_from));
    json_object_set_new(o, "letter_number", json_str_or_null(r->letter_number));
    json_object_set_new(o, "approved_on", json_str_or_null(r->approved_on));
    json_object_set_new(
        o, "signer",
        r->signer_user_id ? json_pack("{s:I,s:o,s:o,s:o}", "user_id", (json_int_t)r->signer_user_id,
                                      "employee_id", json_id_or_null(r->signer_employee_id),
                                      "position_id", json_id_or_null(r->signer_position_id),
                                      "acting", json_str_or_null(r->signer_acting))
                          : json_null());
    json_object_set_new(
        o, "letter_url",
        approved ? json_string(arena_printf(rq->a, "/api/v1/leave-requests/%lld/letter.pdf",
                                            (long long)r->id))
                 : json_null());
    json_object_set_new(o, "created_by", json_id_or_null(r->created_by));
    json_object_set_new(o, "created_at", json_time(r->created_at));
    json_object_set_new(o, "decided_at", r->decided_at ? json_time(r->decided_at) : json_null());
    json_object_set_new(o, "can_decide", json_boolean(leave_can_decide(rq, r)));
    json_object_set_new(
        o, "can_cancel",
        json_boolean(leave_may_act_for(rq, r) &&
                     leave_cancel_check(r->status, start, today, &ignored) == ERR_OK));
    json_object_set_new(
        o, "can_shorten",
        json_boolean(approved && leave_may_act_for(rq, r) && start < today && today <= end));
    if (with_steps)
        json_object_set_new(o, "steps", steps_json(steps, nsteps));
    return o;
}

/* Request id with its approver resolved for today (rq->now): whoever stands in for an approver
 * who is away or whose post became vacant sees and decides it. */
static enum err_code request_today(struct req *rq, int64_t id, struct leave_request *out,
                                   struct err *e)
{
    char today[11];
    enum err_code rc = leave_request_get(rq->db, rq->a, id, out, e);

    leave_today_text(rq, today);
    return rc ? rc : leave_approver_today(rq->db, rq->a, out, today, e);
}

/* The request with its steps as JSON. */
enum err_code leave_request_full(struct req *rq, int64_t id, json_t **out, struct err *e)
{
    struct leave_request r;
    struct leave_step *steps = NULL;
    size_t n = 0;
    enum err_code rc = request_today(rq, id, &r, e);

    if (!rc)
        rc = leave_steps_of(rq->db, rq->a, id, &steps, &n, e);
    if (rc)
        return rc;
    *out = leave_request_json(rq, &r, steps, n, 1);
    return ERR_OK;
}

enum err_code leave_request_read(struct req *rq, int64_t id, struct leave_request *out,
                                 struct err *e)
{
    int acted = 0;
    enum err_code rc = request_today(rq, id, out, e);

    if (rc == ERR_NOT_FOUND)
        return not_found(e);
    if (rc)
        return rc;
    if (!rq->user)
        return not_found(e);
    if (out->employee_id == leave_me(rq) || leave_can_decide(rq, out))
        return ERR_OK;
    rc = leave_user_acted(rq->db, out->id, rq->user->id, &acted, e);
    if (rc || acted)
        return rc;
    rc = scope_employee_read(rq, out->employee_id, out->current_unit_id, e);
    return rc == ERR_NOT_FOUND ? not_found(e) : rc;
}

/* ---- balance ---- */

/* The employee's own record, those who read it by scope (admins, pimpinan, the unit's
 * atasan), and holders of a post above the employee's post. */
static enum err_code balance_scope(struct req *rq, const struct employee_facts *x, struct err *e)
{
    struct employee_facts me;
    int64_t *ids = NULL;
    size_t n = 0;
    struct err quiet;
    enum err_code rc;

    if (x->id == leave_me(rq))
        return ERR_OK;
    if (scope_employee_read(rq, x->id, x->unit_id, &quiet) == ERR_OK)
        return ERR_OK;
    if (!leave_me(rq) || !x->position_id)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    rc = leave_employee(rq->db, rq->a, leave_me(rq), &me, e);
    if (!rc)
        rc = org_position_chain(rq->db, rq->a, x->position_id, &ids, &n, e);
    if (rc)
        return rc;
    for (size_t i = 1; me.position_id && i < n; i++)
        if (ids[i] == me.position_id)
            return ERR_OK;
    return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
}

static enum err_code api_balance(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"year", NULL};
    const char *y = req_query(rq, "year");
    struct employee_facts x;
    struct leave_settings s;
    struct leave_person p;
    struct leave_balance b;
    int64_t id, year = leave_day_year(leave_today(rq));
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_employee(rq->db, rq->a, id, &x, e);
    if (!rc)
        rc = balance_scope(rq, &x, e);
    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (rc)
        return rc;
    if (y && parse_int64(y, strlen(y), 1900, 2999, &year))
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    rc = leave_settings_load(rq->db, &s, e);
    if (!rc)
        rc = leave_person_of(&x, &p, e);
    if (!rc)
        rc = leave_balance_of(rq->db, rq->a, &s, &p, x.id, x.unit_id, (int)year, &b, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, leave_balance_json(&b, x.id));
}

/* ---- a new request ---- */

static const struct json_field create_fields[] = {
    {"type", JF_STRING, 1, 32, 0, 0},
    {"start_date", JF_STRING, 1, 10, 0, 0},
    {"end_date", JF_STRING, 1, 10, 0, 0},
    {"reason", JF_STRING, 1, LEAVE_TEXT_MAX, 0, 0},
    {"address", JF_STRING, 1, LEAVE_ADDRESS_MAX, 0, 0},
    {"phone", JF_STRING, 1, 32, 0, 0},
    {"employee_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"document_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"hard_to_reach", JF_BOOL, 0, 0, 0, 0},
    {"travel_days", JF_INT, 0, 0, 0, 366},
    {"birth_order", JF_INT, 0, 0, 1, 30},
    {"sick_kind", JF_STRING, 0, 32, 0, 0},
    {"doctor_kind", JF_STRING, 0, 32, 0, 0},
    {"first_hajj", JF_BOOL, 0, 0, 0, 0},
    {"early_reason", JF_STRING, 0, 32, 0, 0},
    {0},
};

static int body_true(const struct req *rq, const char *name)
{
    return rq->json && json_is_true(json_object_get(rq->json, name));
}

/* Everything the rules need about a period of request r (type, dates, fields already set) of
 * employee x; except_id: the request itself when its period changes. */
enum err_code leave_gather(struct req *rq, const struct leave_settings *s,
                           const struct employee_facts *x, const struct leave_person *p,
                           struct leave_ask *a, int64_t except_id, int own_charged, struct err *e)
{
    char from[11], to[11];
    struct leave_balance b;
    int year = leave_day_year(a->start), both = 0, count = 0;
    enum err_code rc;

    leave_day_format(a->start, from);
    leave_day_format(a->end, to);
    rc = leave_working_days(rq->db, x->unit_id, a->start, a->end, &a->working_days, e);
    if (!rc)
        rc = leave_working_days(rq->db, x->unit_id, a->start,
                                a->end - (a->travel_days > 0 ? a->travel_days : 0),
                                &a->charged_working_days, e);
    if (!rc)
        rc = leave_overlap(rq->db, x->id, except_id, from, to, &a->overlap, e);
    if (!rc && a->type == LEAVE_BESAR)
        rc = leave_recent_big(rq->db, x->id, except_id, a->start, s, &a->recent_big, e);
    if (!rc && a->type == LEAVE_SAKIT && (!a->sick_kind || strcmp(a->sick_kind, "biasa") == 0)) {
        int64_t wfrom = 0;
        int limit = 0;

        leave_sick_window(s, p, a->start, a->end, &wfrom, &limit);
        rc = leave_sick_used(rq->db, rq->a, x->id, except_id, wfrom, a->end, &a->sick_used, e);
    }
    if (!rc && (a->type == LEAVE_TAHUNAN || a->type == LEAVE_BESAR || a->type == LEAVE_MELAHIRKAN))
        rc = leave_balance_of(rq->db, rq->a, s, p, x->id, x->unit_id, year, &b, e);
    if (rc)
        return rc;
    if (a->type == LEAVE_TAHUNAN || a->type == LEAVE_BESAR || a->type == LEAVE_MELAHIRKAN) {
        /* the request itself, when pending, is already counted: give its days back */
        a->available = b.available + own_charged;
        a->annual_taken_year = b.taken + b.pending - own_charged - b.carried_over;
        if (a->annual_taken_year < 0)
            a->annual_taken_year = 0;
    }
    if (!rc && a->type == LEAVE_TAHUNAN && a->early_reason)
        rc = leave_early_days(rq->db, x->id, except_id, &a->early_used, e);
    if (!rc && a->type == LEAVE_BERSAMA) {
        rc = leave_collective(rq->db, rq->a, x->unit_id, year, from, to, &count, &both, e);
        a->collective_ok = both;
    }
    return rc;
}

/* The employee a request is for: the caller's own record, or (admins) one in their scope. */
static enum err_code target_employee(struct req *rq, struct employee_facts *x, struct err *e)
{
    int64_t id = json_body_int(rq, "employee_id", 0);
    enum err_code rc;

    if (!id)
        id = leave_me(rq);
    if (!id)
        return err_invalid(e, "employee_id", "Akun ini tidak terhubung dengan data pegawai");
    rc = leave_employee(rq->db, rq->a, id, x, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    if (rc || id == leave_me(rq))
        return rc;
    if (!role_has(rq, ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM))
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    return scope_unit_write(rq, x->unit_id, e);
}

/* The approver of the first step: the supervisor (when the chain has one and someone is
 * found), else the official. */
static enum err_code first_approver(struct req *rq, const struct employee_facts *x,
                                    const struct leave_chain *chain, struct leave_approver *ap,
                                    int *official, int *hops, struct err *e)
{
    char today[11];
    enum err_code rc = ERR_OK;

    leave_today_text(rq, today);
    *official = 0;
    *hops = 0;
    if (chain->supervisor) {
        rc = leave_resolve(rq->db, rq->a, x, chain, 0, today, ap, hops, e);
        if (rc || ap->employee_id)
            return rc;
    }
    *official = 1;
    return leave_resolve(rq->db, rq->a, x, chain, 1, today, ap, hops, e);
}

static enum err_code api_create(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"dry_run", NULL};
    const char *dry = req_query(rq, "dry_run");
    struct employee_facts x;
    struct leave_settings s;
    struct leave_person p;
    struct leave_chain chain;
    struct leave_ask a;
    struct leave_outcome o;
    struct leave_request r;
    struct leave_approver ap;
    struct leave_step st;
    int official = 0, hops = 0, mine = 0;
    int64_t doc = json_body_int(rq, "document_id", 0), id = 0;
    enum err_code rc = req_query_allow(rq, keys, e);
    json_t *out;

    if (!rc && dry && strcmp(dry, "true") != 0 && strcmp(dry, "false") != 0)
        rc = err_invalid(e, "dry_run", "dry_run harus true atau false");
    if (!rc)
        rc = json_body_check(rq, create_fields, e);
    if (rc)
        return rc;
    memset(&a, 0, sizeof a);
    a.type = leave_type_parse(json_body_str(rq, "type"));
    if (a.type == LEAVE_NONE)
        return err_invalid(e, "type", "Jenis cuti tidak dikenal");
    if (leave_day(json_body_str(rq, "start_date"), &a.start))
        return err_invalid(e, "start_date", "Tanggal mulai harus berformat YYYY-MM-DD");
    if (leave_day(json_body_str(rq, "end_date"), &a.end))
        return err_invalid(e, "end_date", "Tanggal selesai harus berformat YYYY-MM-DD");
    rc = leave_text_check(json_body_str(rq, "reason"), LEAVE_TEXT_MAX, "reason", e);
    if (!rc)
        rc = leave_text_check(json_body_str(rq, "address"), LEAVE_ADDRESS_MAX, "address", e);
    if (!rc)
        rc = leave_phone_check(json_body_str(rq, "phone"), e);
    if (!rc)
        rc = target_employee(rq, &x, e);
    if (rc)
        return rc;
    if (strcmp(x.state, ACTIVE_STATE) != 0)
        return err_invalid(e, "employee_id", "Pegawai tidak berstatus aktif");
    /* one request of an employee at a time from here (SQLite: the write transaction already
     * is one), so two sent at once cannot both spend the same balance */
    rc = db_lock(rq->db, LOCK_EMPLOYEE_LEAVE + x.id, e);
    if (!rc)
        rc = leave_chain_get(rq->db, a.type, &chain, e);
    if (rc)
        return rc;
    if (!chain.enabled)
        return err_invalid(e, "type", "Jenis cuti ini tidak aktif");
    a.today = leave_today(rq);
    a.hard_to_reach = body_true(rq, "hard_to_reach");
    a.travel_days = (int)json_body_int(rq, "travel_days", 0);
    a.birth_order = (int)json_body_int(rq, "birth_order", 0);
    a.sick_kind = json_body_str(rq, "sick_kind");
    a.doctor_kind = json_body_str(rq, "doctor_kind");
    a.first_hajj = body_true(rq, "first_hajj");
    a.early_reason = json_body_str(rq, "early_reason");
    if (doc) {
        rc = proposal_document_of(rq->db, doc, x.id, &mine, e);
        if (rc)
            return rc;
        if (!mine)
            return err_invalid(e, "document_id", "Dokumen harus milik pegawai yang sama");
        a.has_document = 1;
    }
    rc = leave_settings_load(rq->db, &s, e);
    if (!rc)
        rc = leave_person_of(&x, &p, e);
    if (!rc)
        rc = leave_gather(rq, &s, &x, &p, &a, 0, 0, e);
    if (!rc)
        rc = leave_check(&s, &p, &a, &o, e);
    if (!rc && o.type != a.type) /* 4th birth: the chain of besar */
        rc = leave_chain_get(rq->db, o.type, &chain, e);
    if (!rc)
        rc = first_approver(rq, &x, &chain, &ap, &official, &hops, e);
    if (rc)
        return rc;
    if (dry && strcmp(dry, "true") == 0) {
        rc = leave_approver_names(rq->db, rq->a, &ap, e);
        if (rc)
            return rc;
        rq->no_audit = 1;
        return resp_json(rs, 200,
                         json_pack("{s:b,s:s,s:i,s:i,s:i,s:i,s:o}", "ok", 1, "type",
                                   leave_type_name(o.type), "working_days", a.working_days,
                                   "charged_days", o.charged_days, "available_before", a.available,
                                   "available_after", a.available - o.charged_days, "approver",
                                   approver_json(&ap)));
    }
    memset(&r, 0, sizeof r);
    r.employee_id = x.id;
    r.unit_id = x.unit_id;
    r.type = leave_type_name(o.type);
    r.converted_from = leave_type_name(o.converted_from);
    r.start_date = json_body_str(rq, "start_date");
    r.end_date = json_body_str(rq, "end_date");
    r.working_days = a.working_days;
    r.charged_days = o.charged_days;
    r.calendar_days = o.calendar_days;
    r.hard_to_reach = a.hard_to_reach;
    r.travel_days = a.travel_days;
    r.birth_order = a.birth_order;
    r.sick_kind = a.sick_kind;
    r.doctor_kind = a.doctor_kind;
    r.first_hajj = a.first_hajj;
    r.early_reason = o.early ? a.early_reason : NULL;
    r.reason = json_body_str(rq, "reason");
    r.address = json_body_str(rq, "address");
    r.phone = json_body_str(rq, "phone");
    r.document_id = doc;
    r.status = official ? "pending_official" : "pending_supervisor";
    r.step = official ? "official" : "supervisor";
    r.approver = ap;
    r.created_by = rq->user->id;
    r.created_at = rq->now;
    rc = leave_request_insert(rq->db, &r, &id, e);
    if (rc)
        return rc;
    memset(&st, 0, sizeof st);
    st.request_id = id;
    st.event = "submit";
    st.start_date = r.start_date;
    st.end_date = r.end_date;
    st.working_days = r.working_days;
    st.actor_user_id = rq->user->id;
    st.actor_employee_id = leave_me(rq);
    st.has_next = 1;
    st.next = ap;
    st.created_at = rq->now;
    rc = leave_step_add(rq->db, &st, 0, e);
    if (!rc && (hops > 0 || (official && chain.supervisor))) {
        st.event = "forward";
        st.step = r.step;
        st.reason = official && chain.supervisor
                        ? "Tidak ada atasan langsung yang dapat memutuskan: diteruskan ke pejabat "
                          "yang berwenang"
                        : "Jabatan kosong atau pejabatnya sedang cuti: diteruskan ke pelaksana "
                          "tugas atau satu tingkat di atasnya";
        st.actor_user_id = 0;
        st.actor_employee_id = 0;
        rc = leave_step_add(rq->db, &st, 0, e);
    }
    if (!rc)
        rc = leave_request_get(rq->db, rq->a, id, &r, e);
    if (!rc)
        rc = leave_notify_next(rq->db, &r, 0, rq->now, e);
    if (!rc)
        rc = leave_request_full(rq, id, &out, e);
    if (rc)
        return rc;
    req_audit(rq, "leave.request", "leave_request", id, NULL, json_deep_copy(out));
    return resp_json(rs, 201, out);
}

/* ---- lists ---- */

/* "1,5,9": the requests re-routed today to the caller (their employee record, or BKPSDM). */
static const char *inbox_ids(struct req *rq, const struct leave_reroute *moved, size_t n,
                             int bkpsdm)
{
    const char *ids = "";

    for (size_t i = 0; i < n; i++) {
        const struct leave_approver *ap = &moved[i].approver;

        if (ap->bkpsdm ? bkpsdm : ap->employee_id && ap->employee_id == leave_me(rq))
            ids = arena_printf(rq->a, "%s%s%lld", ids, *ids ? "," : "", (long long)moved[i].id);
    }
    return ids;
}

static enum err_code api_list(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"inbox", "mine", "employee_id", "unit_id",  "status", "type",
                                       "year",  "sort", "page",        "per_page", NULL};
    static const char *const sorts[] = {"",           "start_date",  "-start_date",
                                        "created_at", "-created_at", NULL};
    const char *inbox = req_query(rq, "inbox"), *mine = req_query(rq, "mine"),
               *emp = req_query(rq, "employee_id"), *status = req_query(rq, "status"),
               *type = req_query(rq, "type"), *year = req_query(rq, "year"),
               *sort = req_query(rq, "sort");
    struct leave_query q;
    struct leave_request *items = NULL;
    struct leave_reroute *moved = NULL;
    size_t n = 0, nmoved = 0;
    char today[11];
    int64_t total = 0, v = 0;
    int scoped = role_has(rq, ROLES_ADMIN | ROLE_PIMPINAN);
    json_t *arr;
    enum err_code rc = req_query_allow(rq, keys, e);

    memset(&q, 0, sizeof q);
    if (!rc)
        rc = req_paging(rq, &q.page, &q.per_page, e);
    if (rc)
        return rc;
    if (inbox && strcmp(inbox, "true") != 0 && strcmp(inbox, "false") != 0)
        return err_invalid(e, "inbox", "inbox harus true atau false");
    if (mine && strcmp(mine, "true") != 0 && strcmp(mine, "false") != 0)
        return err_invalid(e, "mine", "mine harus true atau false");
    if (emp) {
        if (parse_int64(emp, strlen(emp), 1, INT64_MAX, &v))
            return err_invalid(e, "employee_id", "employee_id harus bilangan bulat positif");
        q.employee_id = v;
    }
    if (status && !leave_status_valid(status))
        return err_invalid(e, "status", "Status tidak dikenal");
    if (type && leave_type_parse(type) == LEAVE_NONE)
        return err_invalid(e, "type", "Jenis cuti tidak dikenal");
    if (year) {
        if (parse_int64(year, strlen(year), 1900, 2999, &v))
            return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
        q.year = (int)v;
    }
    q.sort = 2;
    if (sort) {
        q.sort = 0;
        for (int i = 1; sorts[i]; i++)
            if (strcmp(sort, sorts[i]) == 0)
                q.sort = i;
        if (!q.sort)
            return err_invalid(e, "sort",
                               "sort harus start_date, -start_date, created_at atau "
                               "-created_at");
    }
    q.status = status;
    q.type = type;
    leave_today_text(rq, today);
    q.today = today;
    rc = leave_rerouted(rq->db, rq->a, today, &moved, &nmoved, e);
    if (rc)
        return rc;
    if (inbox && strcmp(inbox, "true") == 0) {
        /* what the caller must decide now; the unit scope does not apply (a Plt may decide
         * for another unit), the request's approver does */
        q.inbox_employee_id = leave_me(rq) ? leave_me(rq) : -1;
        q.inbox_bkpsdm = role_has(rq, ROLE_ADMIN_BKPSDM);
        q.inbox_ids = inbox_ids(rq, moved, nmoved, q.inbox_bkpsdm);
        if (!sort)
            q.sort = 5;
    } else if (!scoped || (mine && strcmp(mine, "true") == 0)) {
        q.own_employee_id = leave_me(rq) ? leave_me(rq) : -1;
    } else {
        int subtree = 0;

        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &q.unit_id, &subtree, e);
        if (rc)
            return rc;
        q.subtree = subtree;
    }
    if (q.unit_id < 0)
        q.own_employee_id = -1; /* no home unit: nothing */
    rc = leave_list(rq->db, rq->a, &q, &items, &n, &total, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < nmoved; k++)
            if (moved[k].id == items[i].id) {
                items[i].approver = moved[k].approver;
                items[i].rerouted = 1;
            }
        json_array_append_new(arr, leave_request_json(rq, &items[i], NULL, 0, 0));
    }
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total,
                               "page", (json_int_t)q.page, "per_page", (json_int_t)q.per_page));
}

static enum err_code api_one(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request r;
    int64_t id;
    json_t *out = NULL;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_request_read(rq, id, &r, e);
    if (!rc)
        rc = leave_request_full(rq, id, &out, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, out);
}

/* ---- chains ---- */

static enum err_code api_chains(struct req *rq, struct resp *rs, struct err *e)
{
    json_t *arr = json_array();
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    for (int t = 1; !rc && t < LEAVE_TYPE_COUNT; t++) {
        struct leave_chain c;

        rc = leave_chain_get(rq->db, (enum leave_type)t, &c, e);
        if (!rc)
            json_array_append_new(arr, leave_chain_json(&c));
    }
    if (rc) {
        json_decref(arr);
        return rc;
    }
    return resp_json(rs, 200, json_pack("{s:o}", "items", arr));
}

static const struct json_field chain_fields[] = {
    {"type", JF_STRING, 1, 32, 0, 0},
    {"supervisor", JF_BOOL, 0, 0, 0, 0},
    {"official", JF_STRING, 0, 16, 0, 0},
    {"enabled", JF_BOOL, 0, 0, 0, 0},
    {0},
};

static enum err_code api_chain_put(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_chain c, old;
    const char *official;
    json_t *v;
    enum err_code rc = json_body_check(rq, chain_fields, e);

    if (rc)
        return rc;
    c.type = leave_type_parse(json_body_str(rq, "type"));
    if (c.type == LEAVE_NONE)
        return err_invalid(e, "type", "Jenis cuti tidak dikenal");
    official = json_body_str(rq, "official");
    if (official && strcmp(official, "unit_head") != 0 && strcmp(official, "bkpsdm") != 0)
        return err_invalid(e, "official", "Pejabat yang berwenang harus unit_head atau bkpsdm");
    rc = leave_chain_get(rq->db, c.type, &old, e);
    if (rc)
        return rc;
    c = old;
    if ((v = json_object_get(rq->json, "supervisor")) && json_is_boolean(v))
        c.supervisor = json_is_true(v);
    if (official)
        c.official_bkpsdm = strcmp(official, "bkpsdm") == 0;
    if ((v = json_object_get(rq->json, "enabled")) && json_is_boolean(v))
        c.enabled = json_is_true(v);
    rc = leave_chain_set(rq->db, &c, rq->user->id, rq->now, e);
    if (rc)
        return rc;
    req_audit(rq, "leave.chain", "leave_chain", c.type, leave_chain_json(&old),
              leave_chain_json(&c));
    return resp_json(rs, 200, leave_chain_json(&c));
}

const struct route leave_routes[] = {
    {HTTP_GET, "/api/v1/leave-balances/{employee_id}", api_balance, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/leave-requests", api_create, ROLES_ANY, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/leave-requests", api_list, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/leave-requests/{id}", api_one, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/leave-requests/{id}/decision", leave_api_decide, ROLES_ANY, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/leave-requests/{id}/cancel", leave_api_cancel, ROLES_ANY, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/leave-requests/{id}/shorten", leave_api_shorten, ROLES_ANY, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/leave-chains", api_chains, ROLES_ADMIN | ROLE_PIMPINAN, 0},
    {HTTP_PUT, "/api/v1/leave-chains", api_chain_put, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/leave-settings", leave_api_settings, ROLES_ADMIN, 0},
    {HTTP_PUT, "/api/v1/leave-settings", leave_api_settings_put, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/leave-requests/{id}/extend", leave_api_cltn_extend, ROLE_ADMIN_BKPSDM,
     ROUTE_WRITE},
    {HTTP_POST, "/api/v1/leave-requests/{id}/return", leave_api_cltn_return,
     ROLE_ADMIN_BKPSDM | ROLE_ADMIN_UNIT, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/leave-collective-worked", leave_api_worked, ROLES_ADMIN, 0},
    {HTTP_POST, "/api/v1/leave-collective-worked", leave_api_worked_add,
     ROLE_ADMIN_BKPSDM | ROLE_ADMIN_UNIT, ROUTE_WRITE},
    {HTTP_DELETE, "/api/v1/leave-collective-worked/{employee_id}/{date}", leave_api_worked_delete,
     ROLE_ADMIN_BKPSDM | ROLE_ADMIN_UNIT, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/leave-collective-years/{year}", leave_api_worked_year, ROLES_ADMIN, 0},
    {HTTP_PUT, "/api/v1/leave-collective-years/{year}", leave_api_worked_year_put,
     ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {0},
};
