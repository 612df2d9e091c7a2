/* decide.c - the steps of a request after it is filed: a decision of the current approver
 * (approve, change, postpone, reject; the next approver resolved when the step starts, the
 * final approval numbering the letter and, for CLTN, changing the employment state), the
 * employee's cancellation before the start and the shortening after return. */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <string.h>

#include "auth/auth.h"

/* One step of request r in its history: by the caller (actor) or by nobody (a forward);
 * with_period: r's period and working days (a change, a shortening). */
static enum err_code add_step(struct req *rq, const struct leave_request *r, const char *event,
                              const char *step, const char *reason, int by_caller, int with_period,
                              const struct leave_approver *next, const char *acting, int final,
                              struct err *e)
{
    struct leave_step st;

    memset(&st, 0, sizeof st);
    st.request_id = r->id;
    st.event = event;
    st.step = step;
    st.reason = reason;
    if (with_period) {
        st.start_date = r->start_date;
        st.end_date = r->end_date;
        st.working_days = r->working_days;
    }
    if (by_caller) {
        st.actor_user_id = rq->user->id;
        st.actor_employee_id = leave_me(rq);
    }
    st.acting = acting;
    st.has_next = next != NULL;
    if (next)
        st.next = *next;
    st.created_at = rq->now;
    return leave_step_add(rq->db, &st, final, e);
}

static const char FORWARD_UP[] = "Jabatan kosong atau pejabatnya sedang cuti: diteruskan ke "
                                 "pelaksana tugas atau satu tingkat di atasnya";

/* ---- decisions ---- */

static const struct json_field decision_fields[] = {
    {"decision", JF_STRING, 1, 16, 0, 0},
    {"reason", JF_STRING, 0, LEAVE_TEXT_MAX, 0, 0},
    {"start_date", JF_STRING, 0, 10, 0, 0},
    {"end_date", JF_STRING, 0, 10, 0, 0},
    {0},
};

/* A "change": the new period checked like a new request (the request's own days given back). */
static enum err_code change_period(struct req *rq, struct leave_request *r, struct err *e)
{
    const char *ns = json_body_str(rq, "start_date"), *ne = json_body_str(rq, "end_date");
    struct employee_facts x;
    struct leave_settings s;
    struct leave_person p;
    struct leave_ask a;
    struct leave_outcome o;
    enum err_code rc;

    if (!ns && !ne)
        return err_invalid(e, "start_date", "Tanggal baru wajib diisi untuk perubahan");
    memset(&a, 0, sizeof a);
    if (leave_day(ns ? ns : r->start_date, &a.start))
        return err_invalid(e, "start_date", "Tanggal mulai harus berformat YYYY-MM-DD");
    if (leave_day(ne ? ne : r->end_date, &a.end))
        return err_invalid(e, "end_date", "Tanggal selesai harus berformat YYYY-MM-DD");
    a.type = r->converted_from ? leave_type_parse(r->converted_from) : leave_type_parse(r->type);
    a.today = leave_today(rq);
    a.changing = 1;
    a.hard_to_reach = r->hard_to_reach;
    a.travel_days = r->travel_days;
    a.birth_order = r->birth_order;
    a.sick_kind = r->sick_kind;
    a.doctor_kind = r->doctor_kind;
    a.first_hajj = r->first_hajj;
    a.early_reason = r->early_reason; /* a PPPK's early leave stays early: its own 6-day limit */
    a.has_document = r->document_id > 0;
    rc = leave_employee(rq->db, rq->a, r->employee_id, &x, e);
    if (!rc)
        rc = leave_settings_load(rq->db, &s, e);
    if (!rc)
        rc = leave_person_of(&x, &p, e);
    if (!rc)
        rc = leave_gather(rq, &s, &x, &p, &a, r->id, r->charged_days, e);
    if (!rc)
        rc = leave_check(&s, &p, &a, &o, e);
    if (rc)
        return rc;
    r->start_date = arena_strdup(rq->a, ns ? ns : r->start_date);
    r->end_date = arena_strdup(rq->a, ne ? ne : r->end_date);
    r->working_days = a.working_days;
    r->charged_days = o.charged_days;
    r->calendar_days = o.calendar_days;
    return ERR_OK;
}

/* The final approval: decree number, signer, and for CLTN the employment state. */
static enum err_code finalise(struct req *rq, const struct leave_request *old,
                              struct leave_request *r, struct err *e)
{
    char day[11];
    const char *number;
    int64_t signer_emp = old->approver.bkpsdm ? leave_me(rq) : old->approver.employee_id;
    enum err_code rc;

    leave_today_text(rq, day);
    number = arena_printf(rq->a, "800.1.11.4/%lld/%s/%d", (long long)r->id,
                          old->approver.bkpsdm ? "BKPSDM" : (r->unit_code ? r->unit_code : "-"),
                          leave_day_year(leave_today(rq)));
    rc = leave_request_final(rq->db, r, number, day, rq->user->id, signer_emp,
                             old->approver.bkpsdm ? 0 : old->approver.position_id,
                             old->approver.bkpsdm ? NULL : old->approver.acting, e);
    if (!rc && strcmp(r->type, "cltn") == 0)
        rc = leave_employee_cltn(rq->db, r->employee_id, rq->now, e);
    return rc;
}

enum err_code leave_api_decide(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request old, r;
    struct leave_chain chain;
    struct employee_facts x;
    enum leave_decision d = LEAVE_DECIDE_NONE;
    const char *reason;
    int64_t id;
    int official_step, final = 0, hops = 0;
    json_t *before = NULL, *after = NULL;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_request_read(rq, id, &old, e);
    if (rc)
        return rc;
    if (old.employee_id == leave_me(rq))
        return err_set(e, ERR_FORBIDDEN, "own_request", NULL,
                       "Permohonan cuti sendiri tidak dapat diputuskan sendiri");
    if (!leave_status_pending(old.status))
        return err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                       "Permohonan cuti sudah diproses");
    if (!leave_can_decide(rq, &old))
        return err_set(e, ERR_FORBIDDEN, "not_your_turn", NULL,
                       "Permohonan ini menunggu keputusan pejabat lain");
    rc = json_body_check(rq, decision_fields, e);
    reason = json_body_str(rq, "reason");
    if (!rc)
        rc = leave_decision_check(json_body_str(rq, "decision"), reason, leave_type_parse(old.type),
                                  leave_type_parse(old.converted_from), &d, e);
    if (!rc && d != LEAVE_DECIDE_CHANGE &&
        (json_body_str(rq, "start_date") || json_body_str(rq, "end_date")))
        rc = err_invalid(e, json_body_str(rq, "start_date") ? "start_date" : "end_date",
                         "Tanggal hanya untuk keputusan perubahan (change)");
    if (rc)
        return rc;
    if (reason && !*reason)
        reason = NULL;
    r = old;
    if (d == LEAVE_DECIDE_CHANGE) {
        rc = change_period(rq, &r, e);
        if (rc)
            return rc;
    }
    official_step = old.step && strcmp(old.step, "official") == 0;
    before = leave_request_json(rq, &old, NULL, 0, 0);
    memset(&r.approver, 0, sizeof r.approver);
    r.decision_reason = reason;
    if (d == LEAVE_DECIDE_REJECT) {
        r.status = "rejected";
    } else if (d == LEAVE_DECIDE_POSTPONE) {
        r.status = "postponed";
        r.postponed = 1;
    } else if (official_step) {
        r.status = "approved";
        final = 1;
    } else {
        char today[11];

        leave_today_text(rq, today);
        rc = leave_chain_get(rq->db, leave_type_parse(old.type), &chain, e);
        if (!rc)
            rc = leave_employee(rq->db, rq->a, old.employee_id, &x, e);
        if (!rc)
            rc = leave_resolve(rq->db, rq->a, &x, &chain, 1, today, &r.approver, &hops, e);
        if (rc) {
            json_decref(before);
            return rc;
        }
        if (r.approver.bkpsdm
                ? old.approver.bkpsdm
                : !old.approver.bkpsdm && r.approver.employee_id == old.approver.employee_id) {
            /* the official is who just approved as supervisor (BKPSDM standing in included) */
            r.status = "approved";
            final = 1;
        } else {
            r.status = "pending_official";
            r.step = "official";
        }
    }
    rc = leave_request_move(rq->db, &r, old.status, rq->now, e);
    if (!rc)
        rc = leave_request_step_done(rq->db, r.id, official_step, leave_decision_name(d), reason,
                                     rq->user->id, rq->now, e);
    if (!rc && final)
        rc = finalise(rq, &old, &r, e);
    if (!rc && old.rerouted) /* decided by whoever stands in today: the history says so */
        rc = add_step(rq, &old, "forward", old.step, FORWARD_UP, 0, 0, &old.approver, NULL, 0, e);
    if (!rc)
        rc = add_step(rq, &r, leave_decision_name(d), old.step, reason, 1, d == LEAVE_DECIDE_CHANGE,
                      leave_status_pending(r.status) ? &r.approver : NULL,
                      old.approver.bkpsdm ? NULL : old.approver.acting, final, e);
    if (!rc && hops > 0)
        rc = add_step(rq, &r, "forward", "official", FORWARD_UP, 0, 0, &r.approver, NULL, 0, e);
    if (!rc)
        rc = leave_request_get(rq->db, rq->a, r.id, &r, e);
    if (!rc)
        rc = leave_notify_next(rq->db, &r, 1, rq->now, e);
    if (!rc)
        rc = leave_request_full(rq, r.id, &after, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    req_audit(rq, "leave.decide", "leave_request", r.id, before, json_deep_copy(after));
    return resp_json(rs, 200, after);
}

/* ---- cancel, shorten ---- */

static enum err_code own_or_admin(struct req *rq, const struct leave_request *r, struct err *e)
{
    if (leave_may_act_for(rq, r))
        return ERR_OK;
    return err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
                   "Hanya pegawai yang bersangkutan atau admin kepegawaian");
}

static const struct json_field cancel_fields[] = {
    {"reason", JF_STRING, 0, LEAVE_TEXT_MAX, 0, 0},
    {0},
};

enum err_code leave_api_cancel(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request r;
    const char *reason;
    int64_t id, start = 0;
    json_t *before, *after = NULL;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_request_read(rq, id, &r, e);
    if (!rc)
        rc = own_or_admin(rq, &r, e);
    if (!rc)
        rc = json_body_check(rq, cancel_fields, e);
    if (rc)
        return rc;
    reason = json_body_str(rq, "reason");
    if (reason && *reason) {
        rc = leave_text_check(reason, LEAVE_TEXT_MAX, "reason", e);
        if (rc)
            return rc;
    } else {
        reason = NULL;
    }
    if (leave_day(r.start_date, &start))
        return err_internal(e, "leave start_date unreadable");
    rc = leave_cancel_check(r.status, start, leave_today(rq), e);
    if (rc)
        return rc;
    before = leave_request_json(rq, &r, NULL, 0, 0);
    rc = leave_request_cancel(rq->db, r.id, r.status, rq->user->id, reason, rq->now, e);
    if (!rc)
        rc = add_step(rq, &r, "cancel", NULL, reason, 1, 0, NULL, NULL, 0, e);
    if (!rc) /* the approver it waited on (resolved for today) no longer has it to decide */
        rc = leave_notify_cancelled(rq->db, &r, rq->now, e);
    if (!rc)
        rc = leave_request_full(rq, r.id, &after, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    req_audit(rq, "leave.cancel", "leave_request", r.id, before, json_deep_copy(after));
    return resp_json(rs, 200, after);
}

static const struct json_field shorten_fields[] = {
    {"end_date", JF_STRING, 1, 10, 0, 0},
    {"reason", JF_STRING, 0, LEAVE_TEXT_MAX, 0, 0},
    {0},
};

enum err_code leave_api_shorten(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request r;
    const char *reason, *old_end;
    int64_t id, start = 0, end = 0, new_end = 0;
    int charged = 0;
    json_t *before, *after = NULL;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_request_read(rq, id, &r, e);
    if (!rc)
        rc = own_or_admin(rq, &r, e);
    if (!rc)
        rc = json_body_check(rq, shorten_fields, e);
    if (rc)
        return rc;
    reason = json_body_str(rq, "reason");
    if (reason && *reason) {
        rc = leave_text_check(reason, LEAVE_TEXT_MAX, "reason", e);
        if (rc)
            return rc;
    } else {
        reason = NULL;
    }
    if (leave_day(json_body_str(rq, "end_date"), &new_end))
        return err_invalid(e, "end_date", "Tanggal selesai harus berformat YYYY-MM-DD");
    if (leave_day(r.start_date, &start) || leave_day(r.end_date, &end))
        return err_internal(e, "leave dates unreadable");
    rc = leave_shorten_check(r.status, start, end, new_end, leave_today(rq), e);
    if (rc)
        return rc;
    before = leave_request_json(rq, &r, NULL, 0, 0);
    old_end = r.end_date;
    r.end_date = json_body_str(rq, "end_date");
    rc = leave_working_days(rq->db, r.current_unit_id, start, new_end, &r.working_days, e);
    if (!rc && strcmp(r.type, "tahunan") == 0)
        rc = leave_working_days(rq->db, r.current_unit_id, start, new_end - r.travel_days, &charged,
                                e);
    if (!rc) {
        r.charged_days = strcmp(r.type, "tahunan") == 0 ? charged : 0;
        r.calendar_days = (int)(new_end - start + 1);
        rc = leave_request_shorten(rq->db, &r, old_end, rq->now, e);
    }
    if (!rc)
        rc = add_step(rq, &r, "shorten", NULL, reason, 1, 1, NULL, NULL, 0, e);
    if (!rc)
        rc = leave_request_full(rq, r.id, &after, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    req_audit(rq, "leave.shorten", "leave_request", r.id, before, json_deep_copy(after));
    return resp_json(rs, 200, after);
}
