/* extras_api.c - leave endpoints issue 4 left open (docs/api-leave.md "Collective leave worked
 * through" and "CLTN: extension and return"): BKPSDM extends an approved CLTN once; an admin
 * records the employee's return (the employment state back to active, a late report flagged);
 * admins record the collective-leave days an employee worked through, and BKPSDM says per year
 * whether they are added to annual leave. Out of scope is 404; nothing is written on an error. */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "modules/calendar/calendar.h"
#include "modules/notify/notify.h"

json_t *leave_cltn_json(const struct leave_request *r, int64_t today)
{
    char due[11];
    int64_t end = 0;
    int returned = r->cltn_returned_on != NULL;

    if (strcmp(r->type, "cltn") != 0 || leave_day(r->end_date, &end))
        return json_null();
    leave_day_format(leave_cltn_report_due(end), due);
    return json_pack("{s:o,s:o,s:s,s:o,s:o,s:b}", "extended_from",
                     json_str_or_null(r->cltn_extended_from), "extension_reason",
                     json_str_or_null(r->cltn_extension_reason), "report_due", due,
                     "returned_on", json_str_or_null(r->cltn_returned_on), "return_late",
                     returned ? json_boolean(r->cltn_return_late) : json_null(), "overdue",
                     strcmp(r->status, "approved") == 0 && !returned &&
                         today > leave_cltn_report_due(end));
}

/* An approved cltn request id readable by the caller, with its start and end. */
static enum err_code approved_cltn(struct req *rq, struct leave_request *r, int64_t *start,
                                   int64_t *end, struct err *e)
{
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_request_read(rq, id, r, e);
    if (rc)
        return rc;
    if (strcmp(r->type, "cltn") != 0)
        return err_set(e, ERR_CONFLICT, "leave_not_cltn", NULL,
                       "Hanya untuk cuti di luar tanggungan negara");
    if (strcmp(r->status, "approved") != 0)
        return err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                       "Hanya CLTN yang sudah disetujui");
    if (leave_day(r->start_date, start) || leave_day(r->end_date, end))
        return err_internal(e, "leave dates unreadable");
    return ERR_OK;
}

/* The request as the API shows it after a change, audited as action. */
static enum err_code answer(struct req *rq, struct resp *rs, const char *action, int64_t id,
                            json_t *before, struct err *e)
{
    json_t *after = NULL;
    enum err_code rc = leave_request_full(rq, id, &after, e);

    if (rc) {
        json_decref(before);
        return rc;
    }
    req_audit(rq, action, "leave_request", id, before, json_deep_copy(after));
    return resp_json(rs, 200, after);
}

/* The employee hears of what was recorded on the own CLTN (an extension, the return). */
static enum err_code tell_employee(struct req *rq, const struct leave_request *r,
                                   const char *title, struct err *e)
{
    char link[40], body[200];

    snprintf(link, sizeof link, "#/cuti/%lld", (long long)r->id);
    snprintf(body, sizeof body, "Cuti di luar tanggungan negara %s s.d. %s.", r->start_date,
             r->end_date);
    return notify_employee(rq->db, r->employee_id, "leave.status", title, body, link, rq->now,
                           e);
}

static const struct json_field extend_fields[] = {
    {"end_date", JF_STRING, 1, 10, 0, 0},
    {"reason", JF_STRING, 1, LEAVE_TEXT_MAX, 0, 0},
    {0},
};

enum err_code leave_api_cltn_extend(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request r;
    char from[11];
    const char *old_end, *reason;
    int64_t start = 0, end = 0, new_end = 0;
    int overlap = 0;
    json_t *before;
    enum err_code rc = approved_cltn(rq, &r, &start, &end, e);

    if (!rc)
        rc = json_body_check(rq, extend_fields, e);
    reason = json_body_str(rq, "reason");
    if (!rc)
        rc = leave_text_check(reason, LEAVE_TEXT_MAX, "reason", e);
    if (rc)
        return rc;
    if (leave_day(json_body_str(rq, "end_date"), &new_end))
        return err_invalid(e, "end_date", "Tanggal selesai harus berformat YYYY-MM-DD");
    rc = leave_cltn_extend_check(start, end, r.cltn_extended_from != NULL,
                                 r.cltn_returned_on != NULL, new_end, leave_today(rq), e);
    leave_day_format(end + 1, from);
    if (!rc)
        rc = leave_overlap(rq->db, r.employee_id, r.id, from, json_body_str(rq, "end_date"),
                           &overlap, e);
    if (!rc && overlap)
        rc = err_invalid(e, "end_date", "Perpanjangan bertumpang tindih dengan permohonan cuti lain");
    if (rc)
        return rc;
    before = leave_request_json(rq, &r, NULL, 0, 0);
    old_end = r.end_date;
    r.end_date = json_body_str(rq, "end_date");
    r.calendar_days = (int)(new_end - start + 1);
    rc = leave_working_days(rq->db, r.current_unit_id, start, new_end, &r.working_days, e);
    if (!rc)
        rc = leave_cltn_extend(rq->db, &r, old_end, reason, rq->now, e);
    if (!rc)
        rc = tell_employee(rq, &r, "CLTN Anda diperpanjang", e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    return answer(rq, rs, "leave.cltn_extend", r.id, before, e);
}

static const struct json_field return_fields[] = {
    {"returned_on", JF_STRING, 1, 10, 0, 0},
    {0},
};

/* The employee reported back on returned_on: recorded by an admin with the employee's unit in
 * write scope; a return before the end ends the CLTN the day before. */
enum err_code leave_api_cltn_return(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request r;
    const char *on;
    int64_t start = 0, end = 0, day = 0;
    int late = 0;
    json_t *before;
    enum err_code rc = approved_cltn(rq, &r, &start, &end, e);

    if (!rc)
        rc = scope_unit_write(rq, r.current_unit_id, e);
    if (!rc)
        rc = json_body_check(rq, return_fields, e);
    if (rc)
        return rc;
    on = json_body_str(rq, "returned_on");
    if (leave_day(on, &day))
        return err_invalid(e, "returned_on", "Tanggal melapor kembali harus berformat YYYY-MM-DD");
    rc = leave_cltn_return_check(start, end, r.cltn_returned_on != NULL, day, leave_today(rq),
                                 &late, e);
    if (rc)
        return rc;
    before = leave_request_json(rq, &r, NULL, 0, 0);
    if (day <= end) {
        char last[11];

        leave_day_format(day - 1, last);
        r.end_date = arena_strdup(rq->a, last);
        r.calendar_days = (int)(day - start);
        rc = leave_working_days(rq->db, r.current_unit_id, start, day - 1, &r.working_days, e);
    }
    if (!rc)
        rc = leave_cltn_return(rq->db, &r, on, late, rq->now, e);
    if (!rc)
        rc = tell_employee(rq, &r, "Kembali bertugas dari CLTN dicatat", e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    return answer(rq, rs, "leave.cltn_return", r.id, before, e);
}

/* ---- collective leave worked through ---- */

static json_t *worked_json(int64_t employee_id, int year, int adds, const char **dates, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(dates[i]));
    return json_pack("{s:I,s:i,s:b,s:i,s:o}", "employee_id", (json_int_t)employee_id, "year", year,
                     "adds_to_annual", adds, "days", (int)n, "dates", arr);
}

static enum err_code worked_now(struct req *rq, int64_t employee_id, int year, json_t **out,
                                struct err *e)
{
    const char **dates = NULL;
    size_t n = 0;
    int adds = 1;
    enum err_code rc = leave_worked_list(rq->db, rq->a, employee_id, year, &dates, &n, e);

    if (!rc)
        rc = leave_worked_adds(rq->db, year, &adds, e);
    if (!rc)
        *out = worked_json(employee_id, year, adds, dates, n);
    return rc;
}

static enum err_code employee_in_scope(struct req *rq, int64_t id, int write,
                                       struct employee_facts *x, struct err *e)
{
    enum err_code rc = leave_employee(rq->db, rq->a, id, x, e);

    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    if (rc)
        return rc;
    return write ? scope_unit_write(rq, x->unit_id, e) : scope_employee_read(rq, x->id, x->unit_id, e);
}

enum err_code leave_api_worked(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"employee_id", "year", NULL};
    const char *emp = req_query(rq, "employee_id"), *y = req_query(rq, "year");
    struct employee_facts x;
    int64_t id = 0, year = 0;
    json_t *out = NULL;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (rc)
        return rc;
    if (!emp || parse_int64(emp, strlen(emp), 1, INT64_MAX, &id))
        return err_invalid(e, "employee_id", "employee_id wajib, bilangan bulat positif");
    if (!y || parse_int64(y, strlen(y), 1900, 2999, &year))
        return err_invalid(e, "year", "Tahun wajib, 1900 sampai 2999");
    rc = employee_in_scope(rq, id, 0, &x, e);
    if (!rc)
        rc = worked_now(rq, x.id, (int)year, &out, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, out);
}

/* Body {"employee_id", "year", "dates": [...]}: declared by hand, "dates" being an array. */
static enum err_code worked_body(struct req *rq, int64_t *id, int64_t *year, const char ***dates,
                                 size_t *n, struct err *e)
{
    const char *key;
    json_t *v, *arr;

    if (!rq->json)
        return err_invalid(e, "employee_id", "Body JSON wajib");
    json_object_foreach(rq->json, key, v)
    {
        if (strcmp(key, "employee_id") != 0 && strcmp(key, "year") != 0 &&
            strcmp(key, "dates") != 0)
            return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
    }
    v = json_object_get(rq->json, "employee_id");
    if (!json_is_integer(v) || json_integer_value(v) < 1)
        return err_invalid(e, "employee_id", "employee_id wajib, bilangan bulat positif");
    *id = json_integer_value(v);
    v = json_object_get(rq->json, "year");
    if (!json_is_integer(v))
        return err_invalid(e, "year", "Tahun wajib diisi");
    *year = json_integer_value(v);
    arr = json_object_get(rq->json, "dates");
    if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > LEAVE_WORKED_MAX)
        return err_invalid(e, "dates", "Isi 1 sampai 31 tanggal cuti bersama");
    *n = json_array_size(arr);
    *dates = arena_alloc(rq->a, *n * sizeof **dates);
    for (size_t i = 0; i < *n; i++) {
        (*dates)[i] = json_string_value(json_array_get(arr, i));
        if (!(*dates)[i])
            return err_invalid(e, "dates", "Tanggal harus berformat YYYY-MM-DD");
    }
    return ERR_OK;
}

enum err_code leave_api_worked_add(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_facts x;
    const char **dates = NULL, **collective = NULL;
    size_t n = 0, m = 0;
    int64_t id = 0, year = 0;
    int added = 0;
    json_t *before = NULL, *after = NULL;
    enum err_code rc = worked_body(rq, &id, &year, &dates, &n, e);

    if (!rc)
        rc = employee_in_scope(rq, id, 1, &x, e);
    if (!rc)
        rc = leave_worked_check(year, dates, n, e);
    if (!rc)
        rc = calendar_collective_days(rq->db, rq->a, (int)year, &collective, &m, e);
    for (size_t i = 0; !rc && i < n; i++) {
        size_t k = 0;

        while (k < m && strcmp(collective[k], dates[i]) != 0)
            k++;
        if (k == m)
            rc = err_invalid(e, "dates",
                             arena_printf(rq->a, "%s bukan hari cuti bersama di kalender",
                                          dates[i]));
    }
    if (!rc)
        rc = worked_now(rq, x.id, (int)year, &before, e);
    if (!rc)
        rc = leave_worked_add(rq->db, x.id, (int)year, dates, n, rq->user->id, rq->now, &added, e);
    if (!rc)
        rc = worked_now(rq, x.id, (int)year, &after, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    json_object_set_new(after, "added", json_integer(added));
    if (added == 0) { /* all recorded already: nothing changed, nothing audited */
        json_decref(before);
        rq->no_audit = 1;
    } else {
        req_audit(rq, "leave.collective_worked", "employee", x.id, before, json_deep_copy(after));
    }
    return resp_json(rs, 200, after);
}

/* DELETE /leave-collective-worked/{employee_id}/{date}: a day recorded by mistake (404 when
 * it is not recorded or the employee is outside the admin's write scope). */
enum err_code leave_api_worked_delete(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_facts x;
    const char *date = rq->nparams > 1 ? rq->params[1] : NULL;
    int64_t id = 0, d = 0;
    int removed = 0;
    json_t *before = NULL, *after = NULL;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_in_scope(rq, id, 1, &x, e);
    if (rc)
        return rc;
    if (leave_day(date, &d))
        return err_invalid(e, "date", "Tanggal harus berformat YYYY-MM-DD");
    rc = worked_now(rq, x.id, leave_day_year(d), &before, e);
    if (!rc)
        rc = leave_worked_remove(rq->db, x.id, date, &removed, e);
    if (!rc && !removed)
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Tanggal ini tidak tercatat");
    if (!rc)
        rc = worked_now(rq, x.id, leave_day_year(d), &after, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    req_audit(rq, "leave.collective_worked", "employee", x.id, before, json_deep_copy(after));
    return resp_json(rs, 200, after);
}

static enum err_code year_param(struct req *rq, int *year, struct err *e)
{
    int64_t y = 0;
    enum err_code rc = req_param_id(rq, 0, &y, e);

    if (rc)
        return rc;
    if (y < 1900 || y > 2999)
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    *year = (int)y;
    return ERR_OK;
}

static json_t *year_json(int year, int on)
{
    return json_pack("{s:i,s:b}", "year", year, "adds_to_annual", on);
}

enum err_code leave_api_worked_year(struct req *rq, struct resp *rs, struct err *e)
{
    int year = 0, on = 1;
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    if (!rc)
        rc = year_param(rq, &year, e);
    if (!rc)
        rc = leave_worked_adds(rq->db, year, &on, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, year_json(year, on));
}

static const struct json_field year_fields[] = {
    {"adds_to_annual", JF_BOOL, 1, 0, 0, 0},
    {0},
};

enum err_code leave_api_worked_year_put(struct req *rq, struct resp *rs, struct err *e)
{
    int year = 0, old = 1, on;
    enum err_code rc = year_param(rq, &year, e);

    if (!rc)
        rc = json_body_check(rq, year_fields, e);
    if (!rc)
        rc = leave_worked_adds(rq->db, year, &old, e);
    on = rq->json && json_is_true(json_object_get(rq->json, "adds_to_annual"));
    if (!rc)
        rc = leave_worked_adds_set(rq->db, year, on, e);
    if (rc)
        return rc;
    req_audit(rq, "leave.collective_year", "setting", year, year_json(year, old),
              year_json(year, on));
    return resp_json(rs, 200, year_json(year, on));
}
