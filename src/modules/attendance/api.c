/* api.c - attendance endpoints. Check-in/out (an employee's own record; the server's clock, the
 * day's arrangement from flexwork_day_get, the location kept and flagged when outside the
 * fence or missing), my month, the supervisor's flagged list, corrections (asked by the
 * employee with a reason, decided by a supervisor or admin in scope; the original stays on the
 * correction), the device CSV import (dry run, per-row errors, all rows or none), the month
 * recap (JSON or XLSX, recap_api.c) and the discipline list of domain.md §11; the device
 * import lives in import.c. Handlers hold no SQL. */
#include "modules/attendance/attendance.h"
#include "modules/attendance/attendance_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/str.h"
#include "modules/calendar/calendar.h"
#include "modules/flexwork/flexwork.h"
#include "modules/leave/leave_day.h"
#include "modules/notify/notify.h"

#define SUPERVISOR_ROLES (ROLE_ATASAN | ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM)
#define RECAP_ROLES (ROLE_ATASAN | ROLE_PIMPINAN | ROLES_ADMIN | ROLE_PEGAWAI)
#define CORRECTION_MAX_AGE_DAYS 62 /* a correction reaches back about two months */

const char *att_today_local(struct req *rq, int offset)
{
    char *day = arena_alloc(rq->a, 11);

    att_local_day(rq->now, offset, day);
    return day;
}

static enum err_code own_employee(const struct req *rq, int64_t *id, struct err *e)
{
    if (rq->user->employee_id <= 0)
        return err_set(e, ERR_NOT_FOUND, "no_employee_record", NULL,
                       "Akun ini tidak terhubung dengan data pegawai");
    *id = rq->user->employee_id;
    return ERR_OK;
}

/* The arrangement of the employee's local day that contains t: the day in WIB first, then in
 * the unit's own zone when that differs (WITA/WIT). */
static enum err_code day_of(struct req *rq, int64_t employee_id, int64_t t, const char **day,
                            struct flexwork_day *fd, struct err *e)
{
    char *d = arena_alloc(rq->a, 11), again[11];
    enum err_code rc;

    att_local_day(t, OFFSET_WIB, d);
    rc = flexwork_day_get(rq->db, rq->a, employee_id, d, fd, e);
    if (rc)
        return rc;
    att_local_day(t, fd->utc_offset_min, again);
    if (strcmp(again, d) != 0) {
        memcpy(d, again, 11);
        rc = flexwork_day_get(rq->db, rq->a, employee_id, d, fd, e);
        if (rc)
            return rc;
    }
    *day = d;
    return ERR_OK;
}

static void fences_of(struct arena *a, const struct flexwork_day *fd, struct att_fence **f,
                      size_t *n)
{
    *n = fd->n_fences;
    *f = arena_alloc(a, sizeof **f * (fd->n_fences ? fd->n_fences : 1));
    for (size_t i = 0; i < fd->n_fences; i++) {
        (*f)[i].lat = fd->fences[i].lat;
        (*f)[i].lon = fd->fences[i].lon;
        (*f)[i].radius_m = fd->fences[i].radius_m;
    }
}

/* Distance to the nearest fence's edge (negative inside), or NAN without a fix or fence. */
static double edge_distance(double lat, double lon, const struct att_fence *f, size_t n)
{
    double best = NAN;

    for (size_t i = 0; i < n; i++) {
        double d = att_distance_m(lat, lon, f[i].lat, f[i].lon) - f[i].radius_m;

        if (isnan(best) || d < best)
            best = d;
    }
    return best;
}

static json_t *time_or_null(int64_t t)
{
    return t ? json_time(t) : json_null();
}

static json_t *fix_json(int has, double lat, double lon, double acc)
{
    if (!has)
        return json_null();
    return json_pack("{s:f,s:f,s:f}", "lat", lat, "lon", lon, "accuracy_m", acc);
}

json_t *att_record_json(const struct att_record *r, enum att_status s)
{
    json_t *j = json_pack(
        "{s:I,s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:b,s:o,s:o,s:o,s:b,s:s,s:i,s:i,s:i,s:i,s:s,s:o,s:o}",
        "id", (json_int_t)r->id, "employee_id", (json_int_t)r->employee_id, "unit_id",
        (json_int_t)r->unit_id, "day", r->day, "kind", r->kind ? r->kind : "work", "mode", r->mode,
        "check_in", time_or_null(r->check_in_at), "check_out", time_or_null(r->check_out_at),
        "inside_geofence", r->inside, "location",
        fix_json(r->has_fix, r->lat, r->lon, r->accuracy_m), "out_location",
        fix_json(r->has_out_fix, r->out_lat, r->out_lon, r->out_accuracy_m), "out_inside_geofence",
        r->out_inside < 0 ? json_null() : json_boolean(r->out_inside), "flagged", r->flagged,
        "source", r->source ? r->source : "web", "late_minutes", r->t.late_minutes, "early_minutes",
        r->t.early_minutes, "worked_minutes", r->t.worked_minutes, "required_minutes",
        r->sched.required_minutes, "status", att_status_name(s), "device",
        json_str_or_null(r->device), "corrected_by", json_id_or_null(r->corrected_by));

    if (r->employee_name)
        json_object_set_new(j, "employee",
                            json_pack("{s:I,s:s,s:s}", "id", (json_int_t)r->employee_id, "name",
                                      r->employee_name, "nip", r->nip ? r->nip : ""));
    return j;
}

/* The status a record shows now: a record of today stays open until checked out. */
static enum att_status record_status(const struct att_record *r, int day_over)
{
    if (r->kind && strcmp(r->kind, "duty") == 0)
        return r->sched.working ? ATT_DUTY : ATT_HOLIDAY;
    return att_day_status(r->sched.working, 0, 0, r->check_in_at != 0, r->check_out_at != 0, &r->t,
                          day_over || r->check_out_at != 0);
}

/* ---- check-in / check-out ---- */

static const struct json_field fix_fields[] = {
    {"lat", JF_NUMBER, 0, 0, 0, 0},
    {"lon", JF_NUMBER, 0, 0, 0, 0},
    {"accuracy_m", JF_NUMBER, 0, 0, 0, 0},
    {0},
};

/* The body's location: all three numbers, or all three null (the browser gave none: the
 * record is kept and flagged). Each key must be there: an empty body is refused. */
static enum err_code read_fix(struct req *rq, int *has, double *lat, double *lon, double *acc,
                              struct err *e)
{
    static const char *const names[] = {"lat", "lon", "accuracy_m"};
    int present = 0;
    enum err_code rc = json_body_check(rq, fix_fields, e);

    if (rc)
        return rc;
    for (int i = 0; i < 3; i++) {
        json_t *v = rq->json ? json_object_get(rq->json, names[i]) : NULL;

        if (!v)
            return err_invalid(e, names[i], "Kolom wajib ada (null bila lokasi tidak tersedia)");
        if (!json_is_null(v))
            present |= 1 << i;
    }
    *has = present == 7;
    if (present && present != 7) {
        for (int i = 0; i < 3; i++)
            if (!(present & (1 << i)))
                return err_invalid(e, names[i], "Lokasi harus lengkap: lat, lon dan accuracy_m");
    }
    if (!*has)
        return ERR_OK;
    *lat = json_body_num(rq, "lat", 0);
    *lon = json_body_num(rq, "lon", 0);
    *acc = json_body_num(rq, "accuracy_m", 0);
    return att_fix_check(*lat, *lon, *acc, e);
}

static json_t *punch_json(const struct att_record *r, enum att_status s, int64_t t, int inside,
                          double distance)
{
    json_t *j = att_record_json(r, s);

    json_object_set_new(j, "time", json_time(t));
    json_object_set_new(j, "inside_geofence", json_boolean(inside));
    json_object_set_new(j, "distance_m",
                        isnan(distance) ? json_null() : json_real(round(distance * 10) / 10));
    return j;
}

static enum err_code api_check_in(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_day fd;
    struct att_record r;
    struct att_fence *f;
    size_t nf;
    int64_t emp = 0;
    int has = 0, created = 0;
    double lat = 0, lon = 0, acc = 0, dist = NAN;
    const char *day;
    enum err_code rc = read_fix(rq, &has, &lat, &lon, &acc, e);

    if (!rc)
        rc = own_employee(rq, &emp, e);
    if (!rc)
        rc = day_of(rq, emp, rq->now, &day, &fd, e);
    if (rc)
        return rc;
    fences_of(rq->a, &fd, &f, &nf);
    memset(&r, 0, sizeof r);
    r.employee_id = emp;
    r.unit_id = fd.unit_id;
    r.day = day;
    r.kind = "work";
    r.mode = fd.mode;
    r.check_in_at = rq->now;
    r.has_fix = has;
    r.lat = lat;
    r.lon = lon;
    r.accuracy_m = acc;
    r.inside = has && att_inside(lat, lon, acc, f, nf);
    if (has)
        dist = edge_distance(lat, lon, f, nf);
    r.flagged = !r.inside;
    r.out_inside = -1;
    r.sched.working = fd.working;
    r.sched.start_from = fd.start_from;
    r.sched.start_to = fd.start_to;
    r.sched.required_minutes = fd.required_minutes;
    r.sched.break_minutes = att_break_minutes(att_weekday(day), fd.required_minutes);
    r.utc_offset_min = fd.utc_offset_min;
    r.source = "web";
    att_times(&r.sched, att_minutes_in_day(rq->now, day, fd.utc_offset_min), -1, &r.t);
    rc = att_record_insert(rq->db, &r, &created, e);
    if (rc)
        return rc;
    if (!created)
        return err_set(e, ERR_CONFLICT, "already_checked_in", NULL,
                       "Anda sudah presensi masuk hari ini; gunakan presensi pulang");
    req_audit(rq, "attendance.check_in", "attendance", r.id, NULL,
              att_record_json(&r, record_status(&r, 0)));
    return resp_json(rs, 201, punch_json(&r, record_status(&r, 0), rq->now, r.inside, dist));
}

static enum err_code api_check_out(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_day fd;
    struct att_record r, before;
    struct att_fence *f;
    size_t nf;
    int64_t emp = 0;
    int has = 0, found = 0, out_inside;
    double lat = 0, lon = 0, acc = 0, dist = NAN;
    const char *day;
    enum err_code rc = read_fix(rq, &has, &lat, &lon, &acc, e);

    if (!rc)
        rc = own_employee(rq, &emp, e);
    if (!rc)
        rc = day_of(rq, emp, rq->now, &day, &fd, e);
    if (!rc)
        rc = att_record_on(rq->db, rq->a, emp, day, &r, &found, e);
    if (!rc && !found) {
        /* a shift across midnight: yesterday's open record, checked in under 20 h ago */
        const char *yday = att_today_local(rq, fd.utc_offset_min - 24 * 60);

        rc = att_record_on(rq->db, rq->a, emp, yday, &r, &found, e);
        if (!rc && found && (r.check_out_at || rq->now - r.check_in_at > ATT_NIGHT_SPAN_S))
            found = 0;
        if (!rc && found)
            rc = flexwork_day_get(rq->db, rq->a, emp, yday, &fd, e);
    }
    if (rc)
        return rc;
    if (!found || !r.check_in_at)
        return err_set(e, ERR_CONFLICT, "not_checked_in", NULL,
                       "Belum ada presensi masuk hari ini");
    if (r.check_out_at)
        return err_set(e, ERR_CONFLICT, "already_checked_out", NULL,
                       "Anda sudah presensi pulang hari ini");
    before = r;
    fences_of(rq->a, &fd, &f, &nf);
    out_inside = has && att_inside(lat, lon, acc, f, nf);
    if (has)
        dist = edge_distance(lat, lon, f, nf);
    r.check_out_at = rq->now;
    r.has_out_fix = has;
    r.out_lat = lat;
    r.out_lon = lon;
    r.out_accuracy_m = acc;
    r.out_inside = out_inside;
    r.flagged = r.flagged || !out_inside;
    att_times(&r.sched, att_minutes_in_day(r.check_in_at, r.day, r.utc_offset_min),
              att_minutes_in_day(rq->now, r.day, r.utc_offset_min), &r.t);
    rc = att_record_update(rq->db, &r, e);
    if (rc)
        return rc;
    req_audit(rq, "attendance.check_out", "attendance", r.id,
              att_record_json(&before, record_status(&before, 0)),
              att_record_json(&r, record_status(&r, 1)));
    return resp_json(rs, 201, punch_json(&r, record_status(&r, 1), rq->now, out_inside, dist));
}

/* ---- my day and my month ---- */

enum err_code att_month_param(struct req *rq, const char **month, struct err *e)
{
    const char *m = req_query(rq, "month");
    char first[11], last[11];

    if (!m) {
        char *def = arena_strdup(rq->a, att_today_local(rq, OFFSET_WIB));

        def[7] = '\0';
        m = def;
    }
    if (att_month_range(m, first, last))
        return err_invalid(e, "month", "Bulan harus berformat YYYY-MM");
    *month = m;
    return ERR_OK;
}

json_t *att_month_json(const struct attendance_month *m)
{
    return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "working_days", m->working_days,
                     "present_days", m->present_days, "late_minutes", m->late_minutes,
                     "early_minutes", m->early_minutes, "worked_minutes", m->worked_minutes,
                     "required_minutes", m->required_minutes, "absent_days", m->absent_days,
                     "leave_days", m->leave_days, "duty_days", m->duty_days);
}

json_t *att_weeks_json(const struct att_recap_row *r)
{
    json_t *w = json_array();

    for (int i = 0; i < r->nweeks; i++)
        json_array_append_new(w,
                              json_pack("{s:i,s:i,s:i}", "worked_minutes", r->week_worked[i],
                                        "required_minutes", r->week_required[i], "balance_minutes",
                                        r->week_worked[i] - r->week_required[i]));
    return w;
}

static enum err_code api_today(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_day fd;
    struct att_record r;
    int64_t emp = 0;
    int found = 0;
    const char *leave = NULL;
    const char *day;
    json_t *fences;
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    if (!rc)
        rc = own_employee(rq, &emp, e);
    if (!rc)
        rc = day_of(rq, emp, rq->now, &day, &fd, e);
    if (!rc)
        rc = att_record_on(rq->db, rq->a, emp, day, &r, &found, e);
    if (!rc)
        rc = leave_on_day(rq->db, emp, day, &leave, rq->a, e);
    if (rc)
        return rc;
    fences = json_array();
    for (size_t i = 0; i < fd.n_fences; i++)
        json_array_append_new(fences,
                              json_pack("{s:f,s:f,s:f}", "lat", fd.fences[i].lat, "lon",
                                        fd.fences[i].lon, "radius_m", fd.fences[i].radius_m));
    return resp_json(
        rs, 200,
        json_pack("{s:s,s:s,s:b,s:i,s:i,s:i,s:i,s:s,s:o,s:o,s:o,s:o}", "day", day, "mode", fd.mode,
                  "working", fd.working, "start_from", fd.start_from, "start_to", fd.start_to,
                  "required_minutes", fd.required_minutes, "utc_offset_min", fd.utc_offset_min,
                  "timezone", fd.timezone ? fd.timezone : "Asia/Jakarta", "place",
                  json_str_or_null(fd.place), "geofences", fences, "leave", json_str_or_null(leave),
                  "record", found ? att_record_json(&r, record_status(&r, 0)) : json_null()));
}

static enum err_code api_me(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"month", NULL};
    struct att_recap_row *rows = NULL;
    struct att_record *recs = NULL;
    struct att_day *days = NULL;
    size_t n = 0, nrec = 0, k = 0;
    int ndays = 0;
    int64_t emp = 0;
    const char *month = NULL, *today;
    char first[11], last[11];
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = att_month_param(rq, &month, e);
    if (!rc)
        rc = own_employee(rq, &emp, e);
    if (rc)
        return rc;
    today = att_today_local(rq, OFFSET_WIB);
    (void)att_month_range(month, first, last);
    db_read_begin(rq->db);
    rc = att_recap(rq->db, rq->a, emp, 0, 0, month, today, &rows, &n, e);
    if (!rc)
        rc = att_days_of(rq->db, rq->a, emp, month, today, &days, &ndays, e);
    if (!rc)
        rc = att_records_of(rq->db, rq->a, emp, first, last, &recs, &nrec, e);
    db_read_end(rq->db);
    if (rc)
        return rc;
    items = json_array();
    for (int i = 0; i < ndays; i++) {
        char date[11];
        const struct att_day *d = &days[i];
        json_t *j;

        memcpy(date, first, 11);
        date[8] = (char)('0' + (i + 1) / 10);
        date[9] = (char)('0' + (i + 1) % 10);
        while (k < nrec && strcmp(recs[k].day, date) < 0)
            k++;
        if (k < nrec && strcmp(recs[k].day, date) == 0) {
            enum att_status s =
                att_day_status(d->working, d->on_leave, d->on_duty, recs[k].check_in_at != 0,
                               recs[k].check_out_at != 0, &recs[k].t, d->over);
            j = att_record_json(&recs[k], s);
        } else {
            j = json_pack("{s:s,s:s,s:n,s:n}", "day", date, "status",
                          att_status_name(att_day_status(d->working, d->on_leave, d->on_duty, 0, 0,
                                                         &d->t, d->over)),
                          "check_in", "check_out");
        }
        json_array_append_new(items, j);
    }
    return resp_json(rs, 200,
                     json_pack("{s:s,s:I,s:o,s:o,s:o}", "month", month, "employee_id",
                               (json_int_t)emp, "summary", att_month_json(&rows[0].m), "weeks",
                               att_weeks_json(&rows[0]), "days", items));
}

/* ---- supervisors: flagged records ---- */

static enum err_code api_flagged(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "month", "page", "per_page", NULL};
    struct att_record *recs = NULL;
    size_t n = 0;
    int64_t unit = 0, page, per_page, total = 0;
    int subtree = 0;
    const char *month = NULL;
    char first[11], last[11];
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = att_month_param(rq, &month, e);
    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit, &subtree, e);
    if (rc)
        return rc;
    (void)att_month_range(month, first, last);
    if (unit >= 0)
        rc = att_records_flagged(rq->db, rq->a, unit, subtree, first, last, per_page,
                                 (page - 1) * per_page, &recs, &n, &total, e);
    if (rc)
        return rc;
    items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, att_record_json(&recs[i], record_status(&recs[i], 1)));
    return resp_json(rs, 200,
                     json_pack("{s:s,s:o,s:I,s:I,s:I}", "month", month, "items", items, "total",
                               (json_int_t)total, "page", (json_int_t)page, "per_page",
                               (json_int_t)per_page));
}

/* ---- corrections ---- */

static json_t *correction_json(const struct att_correction *c)
{
    json_t *j = json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:o,s:o}", "id", (json_int_t)c->id, "employee_id",
        (json_int_t)c->employee_id, "day", c->day, "kind", c->kind, "reason", c->reason, "check_in",
        time_or_null(c->check_in_at), "check_out", time_or_null(c->check_out_at), "status",
        c->status, "created_at", json_time(c->created_at), "decision_reason",
        json_str_or_null(c->decision_reason), "decided_at", time_or_null(c->decided_at));

    json_object_set_new(j, "original",
                        json_pack("{s:o,s:o}", "check_in", time_or_null(c->orig_check_in_at),
                                  "check_out", time_or_null(c->orig_check_out_at)));
    json_object_set_new(j, "record_id", json_id_or_null(c->record_id));
    json_object_set_new(j, "requested_by", json_id_or_null(c->requested_by));
    json_object_set_new(j, "decided_by", json_id_or_null(c->decided_by));
    json_object_set_new(j, "employee",
                        json_pack("{s:I,s:s,s:s}", "id", (json_int_t)c->employee_id, "name",
                                  c->employee_name ? c->employee_name : "", "nip",
                                  c->nip ? c->nip : ""));
    return j;
}

/* In the request's transaction: a new correction tells the employee's direct supervisor
 * (flexwork_supervisor: the supervising post's holder, its Plt/Plh, else one level up; nobody
 * when there is none), a decision tells the employee. */
static enum err_code correction_notify(struct req *rq, const struct att_correction *c, int decided,
                                       struct err *e)
{
    char title[NOTIFY_TITLE_MAX], body[NOTIFY_BODY_MAX];
    int64_t to = c->employee_id;
    enum err_code rc = ERR_OK;

    if (!decided) {
        rc = flexwork_supervisor(rq->db, rq->a, c->employee_id, att_today_local(rq, OFFSET_WIB),
                                 &to, e);
        if (rc || !to || to == c->employee_id)
            return rc;
        snprintf(title, sizeof title, "Koreksi presensi %s menunggu keputusan",
                 c->employee_name ? c->employee_name : "");
        snprintf(body, sizeof body, "Tanggal %s. Alasan: %s", c->day, c->reason);
        return notify_employee(rq->db, to, "attendance.correction", title, body, "#/presensi/rekap",
                               rq->now, e);
    }
    snprintf(title, sizeof title, "Koreksi presensi tanggal %s %s", c->day,
             strcmp(c->status, "approved") == 0 ? "disetujui" : "ditolak");
    snprintf(body, sizeof body, "%s%s", c->decision_reason ? "Alasan: " : "",
             c->decision_reason ? c->decision_reason : "");
    return notify_employee(rq->db, to, "attendance.correction_decided", title, body,
                           "#/presensi/bulan", rq->now, e);
}

static const struct json_field correction_fields[] = {
    {"day", JF_STRING, 1, 10, 0, 0},
    {"kind", JF_STRING, 1, 10, 0, 0},
    {"check_in", JF_STRING, 0, 5, 0, 0},
    {"check_out", JF_STRING, 0, 5, 0, 0},
    {"reason", JF_STRING, 1, ATT_REASON_MAX, 0, 0},
    {0},
};

/* "HH:MM" of day (local) as epoch; a check-out before the check-in is the next morning. */
static enum err_code hhmm_field(struct req *rq, const char *name, const char *day, int offset,
                                int64_t *out, struct err *e)
{
    int m = att_hhmm(json_body_str(rq, name));

    if (m < 0)
        return err_invalid(e, name, "Jam harus berformat HH:MM");
    *out = att_day_start(day, offset) + (int64_t)m * 60;
    return ERR_OK;
}

static enum err_code api_correction_create(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const kinds[] = {"check_in", "check_out", "both", "duty"};
    struct att_correction c;
    struct att_record r;
    struct flexwork_day fd;
    int64_t emp = 0, unit = 0, dday = 0, tday = 0;
    int found = 0, pending = 0, kind_ok = 0, offset;
    const char *today;
    enum err_code rc = json_body_check(rq, correction_fields, e);

    if (!rc)
        rc = own_employee(rq, &emp, e);
    if (rc)
        return rc;
    memset(&c, 0, sizeof c);
    c.day = json_body_str(rq, "day");
    c.kind = json_body_str(rq, "kind");
    c.reason = json_body_str(rq, "reason");
    today = att_today_local(rq, OFFSET_WIB);
    if (calendar_day(c.day, &dday))
        return err_invalid(e, "day", "Tanggal harus berformat YYYY-MM-DD");
    (void)calendar_day(today, &tday);
    if (dday > tday)
        return err_invalid(e, "day", "Koreksi tidak boleh untuk hari yang akan datang");
    if (tday - dday > CORRECTION_MAX_AGE_DAYS)
        return err_invalid(e, "day", "Koreksi hanya untuk dua bulan terakhir");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        kind_ok |= strcmp(c.kind, kinds[i]) == 0;
    if (!kind_ok)
        return err_invalid(e, "kind", "Jenis koreksi: check_in, check_out, both atau duty");
    if (!c.reason[strspn(c.reason, " \t\r\n")])
        return err_invalid(e, "reason", "Alasan wajib diisi");
    rc = att_record_on(rq->db, rq->a, emp, c.day, &r, &found, e);
    if (!rc && !found)
        rc = flexwork_day_get(rq->db, rq->a, emp, c.day, &fd, e);
    if (rc)
        return rc;
    offset = found ? r.utc_offset_min : fd.utc_offset_min;
    if (!rc && (!strcmp(c.kind, "check_in") || !strcmp(c.kind, "both")))
        rc = hhmm_field(rq, "check_in", c.day, offset, &c.check_in_at, e);
    if (!rc && (!strcmp(c.kind, "check_out") || !strcmp(c.kind, "both")))
        rc = hhmm_field(rq, "check_out", c.day, offset, &c.check_out_at, e);
    if (rc)
        return rc;
    if (!strcmp(c.kind, "check_out") && !found)
        return err_invalid(e, "kind", "Tidak ada presensi masuk pada hari itu: pilih both");
    {
        int64_t in = c.check_in_at ? c.check_in_at : (found ? r.check_in_at : 0);

        if (c.check_out_at && in && c.check_out_at <= in)
            c.check_out_at += 86400; /* out before in: the next morning */
    }
    rc = att_correction_pending(rq->db, emp, c.day, &pending, e);
    if (!rc)
        rc = att_employee_unit(rq->db, emp, &unit, e);
    if (rc)
        return rc;
    if (pending)
        return err_set(e, ERR_CONFLICT, "correction_pending", "day",
                       "Masih ada koreksi yang menunggu keputusan untuk hari ini");
    c.employee_id = emp;
    c.unit_id = unit;
    c.record_id = found ? r.id : 0;
    c.status = "pending";
    c.requested_by = rq->user->id;
    c.created_at = rq->now;
    rc = att_correction_insert(rq->db, &c, e);
    if (!rc)
        rc = att_correction_get(rq->db, rq->a, c.id, &c, e);
    if (rc)
        return rc;
    rc = correction_notify(rq, &c, 0, e);
    if (rc)
        return rc;
    req_audit(rq, "attendance.correction_request", "attendance_correction", c.id, NULL,
              correction_json(&c));
    return resp_json(rs, 201, correction_json(&c));
}

static enum err_code api_corrections(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"status", "unit_id", NULL};
    static const char *const statuses[] = {"pending", "approved", "rejected"};
    struct att_correction *list = NULL;
    size_t n = 0;
    int64_t unit = 0, self = scope_employee_self(rq);
    int subtree = 0, ok = 0;
    const char *status = req_query(rq, "status");
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (rc)
        return rc;
    for (size_t i = 0; status && i < 3; i++)
        ok |= strcmp(status, statuses[i]) == 0;
    if (status && !ok)
        return err_invalid(e, "status", "Status: pending, approved atau rejected");
    if (!self)
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit, &subtree, e);
    if (rc)
        return rc;
    if (self > 0 || (self == 0 && unit >= 0))
        rc = att_corrections_list(rq->db, rq->a, self > 0 ? self : 0, self > 0 ? 0 : unit, subtree,
                                  status, &list, &n, e);
    if (rc)
        return rc;
    items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, correction_json(&list[i]));
    return resp_json(rs, 200, json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)n));
}

static const struct json_field decision_fields[] = {
    {"decision", JF_STRING, 1, 10, 0, 0},
    {"reason", JF_STRING, 0, ATT_REASON_MAX, 0, 0},
    {0},
};

/* Apply an approved correction to the day's record (created when there is none). */
static enum err_code apply_correction(struct req *rq, struct att_correction *c, struct err *e)
{
    struct flexwork_day fd; /* r.mode points into it */
    struct att_record r;
    int found = 0, created = 0;
    enum err_code rc = att_record_on(rq->db, rq->a, c->employee_id, c->day, &r, &found, e);

    if (rc)
        return rc;
    if (!found) {
        rc = flexwork_day_get(rq->db, rq->a, c->employee_id, c->day, &fd, e);
        if (rc)
            return rc;
        memset(&r, 0, sizeof r);
        r.employee_id = c->employee_id;
        r.unit_id = fd.unit_id;
        r.day = c->day;
        r.mode = fd.mode;
        r.sched.working = fd.working;
        r.sched.start_from = fd.start_from;
        r.sched.start_to = fd.start_to;
        r.sched.required_minutes = fd.required_minutes;
        r.sched.break_minutes = att_break_minutes(att_weekday(c->day), fd.required_minutes);
        r.utc_offset_min = fd.utc_offset_min;
        r.out_inside = -1;
    } else {
        c->orig_check_in_at = r.check_in_at;
        c->orig_check_out_at = r.check_out_at;
    }
    r.source = found ? r.source : "correction";
    r.corrected_by = c->id;
    if (strcmp(c->kind, "duty") == 0) {
        r.kind = "duty";
    } else {
        r.kind = "work";
        if (c->check_in_at)
            r.check_in_at = c->check_in_at;
        if (c->check_out_at)
            r.check_out_at = c->check_out_at;
        /* corrected times were vouched for by the supervisor: no longer flagged */
        r.flagged = 0;
    }
    att_times(
        &r.sched, r.check_in_at ? att_minutes_in_day(r.check_in_at, r.day, r.utc_offset_min) : -1,
        r.check_out_at ? att_minutes_in_day(r.check_out_at, r.day, r.utc_offset_min) : -1, &r.t);
    if (found) {
        rc = att_record_update(rq->db, &r, e);
    } else {
        rc = att_record_insert(rq->db, &r, &created, e);
        if (!rc && !created)
            rc = err_set(e, ERR_CONFLICT, "conflict", NULL, "Data presensi berubah; ulangi");
    }
    c->record_id = r.id;
    return rc;
}

static enum err_code api_correction_decide(struct req *rq, struct resp *rs, struct err *e)
{
    struct att_correction c, before;
    int64_t id;
    const char *decision, *reason;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = att_correction_get(rq->db, rq->a, id, &c, e);
    if (!rc)
        rc = scope_employee_read(rq, c.employee_id, c.unit_id, e);
    if (!rc)
        rc = json_body_check(rq, decision_fields, e);
    if (rc)
        return rc;
    decision = json_body_str(rq, "decision");
    reason = json_body_str(rq, "reason");
    if (strcmp(decision, "approve") != 0 && strcmp(decision, "reject") != 0)
        return err_invalid(e, "decision", "Keputusan: approve atau reject");
    if (strcmp(decision, "reject") == 0 && (!reason || !reason[strspn(reason, " \t\r\n")]))
        return err_invalid(e, "reason", "Alasan penolakan wajib diisi");
    if (c.employee_id == rq->user->employee_id)
        return err_set(e, ERR_FORBIDDEN, "own_request", NULL,
                       "Koreksi presensi sendiri diputuskan oleh atasan");
    if (strcmp(c.status, "pending") != 0)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Koreksi ini sudah diputuskan");
    before = c;
    c.status = strcmp(decision, "approve") == 0 ? "approved" : "rejected";
    c.decision_reason = reason;
    c.decided_by = rq->user->id;
    c.decided_at = rq->now;
    if (strcmp(c.status, "approved") == 0)
        rc = apply_correction(rq, &c, e);
    if (!rc)
        rc = att_correction_decide(rq->db, &c, e);
    if (!rc)
        rc = att_correction_get(rq->db, rq->a, id, &c, e);
    if (rc)
        return rc;
    rc = correction_notify(rq, &c, 1, e);
    if (rc)
        return rc;
    req_audit(rq, "attendance.correction_decide", "attendance_correction", id,
              correction_json(&before), correction_json(&c));
    return resp_json(rs, 200, correction_json(&c));
}

const struct route attendance_routes[] = {
    {HTTP_POST, "/api/v1/attendance/check-in", api_check_in, ROLES_ANY, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/attendance/check-out", api_check_out, ROLES_ANY, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/attendance/today", api_today, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/attendance/me", api_me, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/attendance/flagged", api_flagged, ROLE_ATASAN | ROLE_PIMPINAN | ROLES_ADMIN,
     0},
    {HTTP_GET, "/api/v1/attendance/corrections", api_corrections, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/attendance/corrections", api_correction_create, ROLES_ANY, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/attendance/corrections/{id}/decision", api_correction_decide,
     SUPERVISOR_ROLES, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/attendance/import", att_api_import, ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM,
     ROUTE_WRITE | ROUTE_RAW_BODY, LIMIT_IMPORT_BYTES},
    {HTTP_GET, "/api/v1/attendance/device-users", att_api_device_users,
     ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM, 0},
    {HTTP_POST, "/api/v1/attendance/device-users", att_api_device_user_add,
     ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_DELETE, "/api/v1/attendance/device-users/{id}", att_api_device_user_delete,
     ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/attendance/recap", att_api_recap, RECAP_ROLES, 0},
    {HTTP_GET, "/api/v1/attendance/discipline", att_api_discipline, ROLE_PIMPINAN | ROLES_ADMIN, 0},
    {0},
};
