/* request_api.c - flexwork endpoints, part 2: one-off work requests (an employee asks for a
 * day WFH/WFA or back at the office; the direct supervisor — or, when there is none, an admin
 * in scope — approves or rejects with a reason; an approval that would break the unit's
 * minimum on-site staffing that day is refused with 409 saying the day and by how many), the
 * week plan of a unit for supervisors, and an employee's days as attendance will see them. */
#include "modules/flexwork/flexwork.h"
#include "modules/flexwork/flexwork_int.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "modules/calendar/calendar.h"

#define DAYS_MAX 31 /* days of one GET .../days */

static enum err_code not_found(struct err *e)
{
    return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Permintaan tidak ditemukan");
}

/* A positive id in the query parameter name (NULL/absent: *out 0); 422 naming it otherwise. */
static enum err_code query_id(const struct req *rq, const char *name, int64_t *out, struct err *e)
{
    const char *s = req_query(rq, name);

    *out = 0;
    if (s && parse_int64(s, strlen(s), 1, INT64_MAX, out))
        return err_invalid(e, name, "Harus bilangan bulat positif");
    return ERR_OK;
}

/* ---- list and read ---- */

enum err_code flexwork_api_requests(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"status", "employee_id", "unit_id", "inbox",
                                       "page",   "per_page",    NULL};
    struct flexwork_request_query q;
    struct flexwork_request *items = NULL;
    const char *status = req_query(rq, "status"), *inbox = req_query(rq, "inbox");
    size_t n = 0;
    int64_t total = 0, self;
    json_t *arr;
    enum err_code rc = req_query_allow(rq, keys, e);

    memset(&q, 0, sizeof q);
    if (!rc)
        rc = req_paging(rq, &q.page, &q.per_page, e);
    if (!rc)
        rc = query_id(rq, "employee_id", &q.employee_id, e);
    if (rc)
        return rc;
    if (status && strcmp(status, "pending") != 0 && strcmp(status, "approved") != 0 &&
        strcmp(status, "rejected") != 0)
        return err_invalid(e, "status", "Status harus pending, approved atau rejected");
    q.status = status;
    if (inbox && strcmp(inbox, "1") != 0 && strcmp(inbox, "0") != 0)
        return err_invalid(e, "inbox", "inbox harus 0 atau 1");
    if (inbox && strcmp(inbox, "1") == 0) {
        /* what the caller must decide as a direct supervisor */
        q.approver_employee_id = rq->user->employee_id ? rq->user->employee_id : -1;
        if (req_query(rq, "unit_id"))
            return err_invalid(e, "unit_id", "unit_id tidak dipakai bersama inbox");
    } else {
        self = scope_employee_self(rq);
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &q.unit_root, &q.subtree, e);
        if (rc)
            return rc;
        if (self) {
            if (q.employee_id && q.employee_id != self)
                return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
            q.employee_id = self;
            q.unit_root = 0;
        }
    }
    rc = flexwork_requests_list(rq->db, rq->a, &q, &items, &n, &total, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, flexwork_request_json(&items[i]));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total,
                               "page", (json_int_t)q.page, "per_page", (json_int_t)q.per_page));
}

/* The request id if the caller may read it: the employee, the approver, or a reader whose
 * scope covers the employee. */
static enum err_code request_read(struct req *rq, int64_t id, struct flexwork_request *r,
                                  struct err *e)
{
    int64_t unit = 0, post = 0;
    enum err_code rc = flexwork_request_get(rq->db, rq->a, id, r, e);

    if (rc == ERR_NOT_FOUND)
        return not_found(e);
    if (rc)
        return rc;
    if (rq->user->employee_id && (rq->user->employee_id == r->employee_id ||
                                  rq->user->employee_id == r->approver_employee_id))
        return ERR_OK;
    rc = flexwork_employee_unit(rq->db, r->employee_id, &unit, &post, e);
    if (!rc)
        rc = scope_employee_read(rq, r->employee_id, unit, e);
    return rc == ERR_NOT_FOUND ? not_found(e) : rc;
}

enum err_code flexwork_api_request(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_request r;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = request_read(rq, id, &r, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, flexwork_request_json(&r));
}

/* ---- rules against the database ---- */

/* A remote day needs a post on the policy's allow-list; the week of the date (Monday..Sunday)
 * may then hold at most max_remote_days WFH/WFA working days. */
static enum err_code remote_allowed(struct req *rq, const struct flexwork_request *r,
                                    int64_t position_id, struct err *e)
{
    struct flexwork_policy p;
    struct flexwork_plan plan;
    int64_t day, monday;
    int count = 1;
    enum err_code rc;

    if (!flexwork_mode_remote(r->mode))
        return ERR_OK;
    rc = flexwork_policy_get(rq->db, rq->a, r->unit_id, &p, e);
    if (rc)
        return rc;
    if (!flexwork_policy_allows(&p, position_id))
        return err_set(e, ERR_CONFLICT, "position_not_flexible", "mode",
                       "Jabatan pegawai ini tidak termasuk yang boleh bekerja fleksibel");
    if (calendar_day(r->date, &day))
        return err_invalid(e, "date", "Tanggal harus berformat YYYY-MM-DD");
    monday = day - (flexwork_weekday(day) - 1);
    rc = flexwork_plan_load(rq->db, rq->a, r->unit_id, monday, 7, &plan, e);
    if (rc)
        return rc;
    for (size_t k = 0; k < plan.n; k++) {
        if (plan.people[k].employee_id != r->employee_id)
            continue;
        for (int i = 0; i < 7; i++)
            if (monday + i != day && plan.working[i] &&
                flexwork_mode_remote(plan.people[k].modes[i]))
                count++;
    }
    if (count > p.max_remote_days) {
        char msg[160];

        snprintf(msg, sizeof msg,
                 "Minggu ini sudah %d hari di luar kantor; paling banyak %d hari seminggu",
                 count - 1, p.max_remote_days);
        return err_set(e, ERR_CONFLICT, "remote_days_exceeded", "date", msg);
    }
    return ERR_OK;
}

/* ---- create ---- */

static enum err_code request_from_body(struct req *rq, struct flexwork_request *r, struct err *e)
{
    static const char *const names[] = {"employee_id", "date", "mode",   "place",
                                        "lat",         "lon",  "reason", NULL};
    json_t *emp = json_object_get(rq->json, "employee_id");
    int has_lat = 0, has_lon = 0;
    int64_t day;
    enum err_code rc = flexwork_body_known(rq, names, e);

    memset(r, 0, sizeof *r);
    if (rc)
        return rc;
    if (emp && !json_is_null(emp) && (!json_is_integer(emp) || json_integer_value(emp) < 1))
        return err_invalid(e, "employee_id", "Harus bilangan bulat positif");
    r->employee_id = json_is_integer(emp) ? json_integer_value(emp) : rq->user->employee_id;
    if (!r->employee_id)
        return err_invalid(e, "employee_id", "Akun ini tidak terhubung ke data pegawai");
    rc = flexwork_json_text(json_object_get(rq->json, "date"), "date", 10, &r->date, e);
    if (!rc && (!r->date || calendar_day(r->date, &day)))
        rc = err_invalid(e, "date", "Tanggal harus berformat YYYY-MM-DD");
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "mode"), "mode", 3, &r->mode, e);
    if (!rc)
        rc = flexwork_mode_check(r->mode, "mode", e);
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "place"), "place", FLEXWORK_PLACE_MAX,
                                &r->place, e);
    if (!rc && strcmp(r->mode, "WFA") == 0 && !r->place)
        rc = err_invalid(e, "place", "Tempat kerja WFA wajib diisi");
    if (!rc)
        rc = flexwork_json_number(json_object_get(rq->json, "lat"), "lat", &r->lat, &has_lat, e);
    if (!rc)
        rc = flexwork_json_number(json_object_get(rq->json, "lon"), "lon", &r->lon, &has_lon, e);
    if (!rc && has_lat != has_lon)
        rc = err_invalid(e, has_lat ? "lon" : "lat", "Lintang dan bujur diisi bersama");
    if (!rc && has_lat)
        rc = flexwork_point_check(r->lat, r->lon, "lat", "lon", e);
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "reason"), "reason", FLEXWORK_REASON_MAX,
                                &r->reason, e);
    if (rc)
        return rc;
    r->has_point = has_lat;
    if (strcmp(r->mode, "WFO") == 0) {
        r->place = NULL;
        r->has_point = 0;
    }
    return ERR_OK;
}

enum err_code flexwork_api_request_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_request r;
    struct flexwork_who who;
    char today[11];
    int64_t other = 0;
    int n = 0;
    enum err_code rc = request_from_body(rq, &r, e);

    if (!rc)
        rc = flexwork_access(rq, r.employee_id, &who, e);
    /* the employee asks; an admin in scope may file for them */
    if (!rc && !who.self && !who.admin)
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    if (rc)
        return rc;
    flexwork_today(rq, today);
    if (strcmp(r.date, today) < 0)
        return err_invalid(e, "date", "Tanggal tidak boleh sebelum hari ini");
    r.unit_id = who.unit_id;
    rc = calendar_working_days(rq->db, r.unit_id, r.date, r.date, &n, e);
    if (rc)
        return rc;
    if (n != 1)
        return err_invalid(e, "date", "Tanggal ini bukan hari kerja unit");
    rc = flexwork_request_on(rq->db, r.employee_id, r.date, &other, e);
    if (rc)
        return rc;
    if (other)
        return err_set(e, ERR_CONFLICT, "duplicate_request", "date",
                       "Sudah ada permintaan untuk tanggal ini");
    rc = remote_allowed(rq, &r, who.position_id, e);
    if (rc)
        return rc;
    r.approver_employee_id = who.supervisor_id;
    r.status = "pending";
    r.created_by = rq->user->id;
    r.created_at = rq->now;
    rc = flexwork_request_insert(rq->db, &r, e);
    if (!rc)
        rc = flexwork_request_get(rq->db, rq->a, r.id, &r, e);
    if (rc)
        return rc;
    rc = flexwork_notify(rq, r.approver_employee_id, "flexwork.request",
                         arena_printf(rq->a, "Permintaan %s %s tanggal %s", r.mode,
                                      r.employee_name ? r.employee_name : "", r.date),
                         r.reason, "#/kerja/rencana", e);
    if (rc)
        return rc;
    req_audit(rq, "work_request.create", "work_request", r.id, NULL, flexwork_request_json(&r));
    return resp_json(rs, 201, flexwork_request_json(&r));
}

/* ---- decide ---- */

enum err_code flexwork_api_request_decide(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_request r, before;
    int64_t id, unit = 0, post = 0, day;
    int approve = 0, may = 0;
    const char *reason = NULL;
    enum err_code rc = flexwork_decision_body(rq, &approve, &reason, e);

    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = flexwork_request_get(rq->db, rq->a, id, &r, e);
    if (rc == ERR_NOT_FOUND)
        return not_found(e);
    if (!rc)
        rc = flexwork_employee_unit(rq->db, r.employee_id, &unit, &post, e);
    if (rc)
        return rc;
    /* the direct supervisor recorded when filed; an admin in scope only when there was none */
    if (rq->user->employee_id && rq->user->employee_id == r.approver_employee_id)
        may = 1;
    else if (!r.approver_employee_id && role_has(rq, ROLES_ADMIN) &&
             scope_unit_write(rq, unit, e) == ERR_OK)
        may = 1;
    err_clear(e);
    if (!may || rq->user->employee_id == r.employee_id)
        return not_found(e);
    if (strcmp(r.status, "pending") != 0)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Permintaan sudah diputuskan");
    before = r;
    if (approve) {
        const char *modes[1] = {r.mode};

        r.unit_id = unit;
        rc = remote_allowed(rq, &r, post, e);
        if (!rc && calendar_day(r.date, &day))
            rc = err_internal(e, "stored request date");
        if (!rc)
            rc = flexwork_onsite_keep(rq, unit, r.employee_id, day, 1, modes, "date", e);
        if (rc)
            return rc;
    }
    r.status = approve ? "approved" : "rejected";
    r.decision_reason = reason;
    r.decided_by = rq->user->id;
    r.decided_at = rq->now;
    rc = flexwork_request_decide(rq->db, &r, e);
    if (!rc)
        rc = flexwork_request_get(rq->db, rq->a, id, &r, e);
    if (rc)
        return rc;
    rc = flexwork_notify(rq, r.employee_id, "flexwork.decision",
                         arena_printf(rq->a, "Permintaan %s tanggal %s %s", r.mode, r.date,
                                      approve ? "disetujui" : "ditolak"),
                         reason, "#/kerja", e);
    if (rc)
        return rc;
    req_audit(rq, approve ? "work_request.approve" : "work_request.reject", "work_request", id,
              flexwork_request_json(&before), flexwork_request_json(&r));
    return resp_json(rs, 200, flexwork_request_json(&r));
}

/* ---- week plan ---- */

/* ?week=YYYY-Www or ?from=YYYY-MM-DD (7 days), default the week of today. */
static enum err_code week_start(const struct req *rq, int64_t *from, struct err *e)
{
    const char *week = req_query(rq, "week"), *start = req_query(rq, "from");

    if (week && start)
        return err_invalid(e, "from", "Pilih salah satu: week atau from");
    if (week)
        return flexwork_iso_week(week, from) ? err_invalid(e, "week", "Minggu harus YYYY-Www")
                                             : ERR_OK;
    if (start)
        return calendar_day(start, from)
                   ? err_invalid(e, "from", "Tanggal harus berformat YYYY-MM-DD")
                   : ERR_OK;
    *from = rq->now >= 0 ? rq->now / 86400 : 0;
    *from -= flexwork_weekday(*from) - 1;
    return ERR_OK;
}

enum err_code flexwork_api_week_plan(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"week", "from", NULL};
    struct flexwork_policy p;
    struct flexwork_plan plan;
    int64_t id, from = 0;
    json_t *days, *people;
    const char **modes;
    char first[11], last[11];
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = scope_unit_read(rq, id, e);
    if (!rc)
        rc = week_start(rq, &from, e);
    if (!rc)
        rc = flexwork_policy_get(rq->db, rq->a, id, &p, e);
    if (!rc)
        rc = flexwork_plan_load(rq->db, rq->a, id, from, 7, &plan, e);
    if (rc)
        return rc;
    days = json_array();
    people = json_array();
    modes = arena_alloc(rq->a, sizeof(char *) * (plan.n + 1));
    for (int i = 0; i < 7; i++) {
        int need = 0, on = 0, gap = 0, remote = 0, leave = 0, staff = 0;
        char date[11];

        for (size_t k = 0; k < plan.n; k++) {
            modes[k] = plan.people[k].modes[i];
            staff += modes[k] != NULL;
            remote += flexwork_mode_remote(modes[k]);
            leave += modes[k] && strcmp(modes[k], "CUTI") == 0;
        }
        if (plan.working[i])
            gap = flexwork_onsite_short(modes, plan.n, &p, &need, &on);
        flexwork_date_text(from + i, date);
        json_array_append_new(days, json_pack("{s:s,s:i,s:b,s:I,s:i,s:i,s:i,s:i,s:i}", "date", date,
                                              "weekday", flexwork_weekday(from + i), "working",
                                              plan.working[i], "staff", (json_int_t)staff, "onsite",
                                              plan.working[i] ? on : 0, "remote", remote, "leave",
                                              leave, "required", need, "short", gap));
    }
    for (size_t k = 0; k < plan.n; k++) {
        const struct flexwork_plan_person *pp = &plan.people[k];
        json_t *row = json_array();

        for (int i = 0; i < 7; i++)
            json_array_append_new(
                row, json_pack("{s:o,s:o,s:b}", "mode", json_str_or_null(pp->modes[i]), "place",
                               json_str_or_null(pp->places[i]), "in_unit", pp->modes[i] != NULL));
        json_array_append_new(
            people, json_pack("{s:I,s:s,s:s,s:o,s:b,s:o,s:o}", "employee_id",
                              (json_int_t)pp->employee_id, "name", pp->name, "nip", pp->nip,
                              "position_name", json_str_or_null(pp->position_name),
                              "may_work_flexibly", flexwork_policy_allows(&p, pp->position_id),
                              "assignment", json_str_or_null(pp->assignment), "days", row));
    }
    flexwork_date_text(from, first);
    flexwork_date_text(from + 6, last);
    return resp_json(rs, 200,
                     json_pack("{s:I,s:s,s:s,s:f,s:i,s:o,s:o}", "unit_id", (json_int_t)id, "from",
                               first, "to", last, "min_onsite_ratio", p.min_onsite_pct / 100.0,
                               "min_onsite_count", p.min_onsite_count, "days", days, "people",
                               people));
}

/* ---- an employee's days ---- */

enum err_code flexwork_api_days(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"from", "days", NULL};
    struct flexwork_who who;
    const char *n_text = req_query(rq, "days");
    int64_t id, from = 0, ndays = 7;
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = week_start(rq, &from, e);
    if (!rc && n_text && parse_int64(n_text, strlen(n_text), 1, DAYS_MAX, &ndays))
        rc = err_invalid(e, "days", "Jumlah hari harus 1 sampai 31");
    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = flexwork_access(rq, id, &who, e);
    if (rc)
        return rc;
    items = json_array();
    for (int64_t i = 0; i < ndays; i++) {
        struct flexwork_day d;
        char date[11];
        int64_t req_id = 0;
        json_t *v;

        flexwork_date_text(from + i, date);
        rc = flexwork_day_get(rq->db, rq->a, id, date, &d, e);
        if (!rc)
            rc = flexwork_request_on(rq->db, id, date, &req_id, e);
        if (rc) {
            json_decref(items);
            return rc;
        }
        v = flexwork_day_json(&d);
        json_object_set_new(v, "date", json_string(date));
        json_object_set_new(v, "request_id", json_id_or_null(req_id));
        json_array_append_new(items, v);
    }
    return resp_json(rs, 200,
                     json_pack("{s:I,s:o}", "employee_id", (json_int_t)id, "items", items));
}
