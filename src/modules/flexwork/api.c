/* api.c - flexwork endpoints, part 1: a unit's work policy (GET: anyone whose scope reads the
 * unit; PUT: the unit head's admin_unit in scope or admin_bkpsdm) and an employee's weekly
 * arrangement (GET; PUT by the employee = a proposal the direct supervisor decides, by the
 * direct supervisor or an admin in scope = in force at once), plus the helpers request_api.c
 * shares: who the caller is to an employee, the minimum on-site check and the notification
 * call site. Handlers parse, check scope, call rules and store; they hold no SQL. */
#include "modules/flexwork/flexwork.h"
#include "modules/flexwork/flexwork_int.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/calendar/calendar.h"
#include "modules/leave/leave.h"
#include "modules/notify/notify.h"
#include "modules/org/org.h"

/* ---- shared helpers ---- */

void flexwork_today(const struct req *rq, char out[11])
{
    flexwork_date_text(rq->now >= 0 ? rq->now / 86400 : 0, out);
}

enum err_code flexwork_body_known(const struct req *rq, const char *const *names, struct err *e)
{
    const char *key;
    json_t *v;

    if (!rq->json)
        return ERR_OK;
    json_object_foreach(rq->json, key, v)
    {
        int ok = 0;

        for (const char *const *n = names; *n; n++)
            ok |= strcmp(*n, key) == 0;
        if (!ok)
            return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
    }
    return ERR_OK;
}

/* A JSON number (integer or real) in v; *present 0 when v is NULL or null. */
enum err_code flexwork_json_number(json_t *v, const char *field, double *out, int *present,
                                   struct err *e)
{
    *present = 0;
    if (!v || json_is_null(v))
        return ERR_OK;
    if (!json_is_number(v))
        return err_invalid(e, field, "Kolom harus berupa angka");
    *out = json_number_value(v);
    *present = 1;
    return ERR_OK;
}

/* A string or null/absent (*out NULL); 422 when longer than max bytes or not a string. */
enum err_code flexwork_json_text(json_t *v, const char *field, size_t max, const char **out,
                                 struct err *e)
{
    *out = NULL;
    if (!v || json_is_null(v))
        return ERR_OK;
    if (!json_is_string(v))
        return err_invalid(e, field, "Kolom harus berupa teks");
    if (json_string_length(v) > max)
        return err_invalid(e, field, "Teks terlalu panjang");
    *out = json_string_value(v);
    if (!**out)
        *out = NULL;
    return ERR_OK;
}

enum err_code flexwork_supervisor(struct db *db, struct arena *a, int64_t employee_id,
                                  const char *date, int64_t *out, struct err *e)
{
    struct employee_facts x;
    struct leave_chain chain;
    struct leave_approver ap;
    int hops = 0;
    enum err_code rc = leave_employee(db, a, employee_id, &x, e);

    *out = 0;
    memset(&chain, 0, sizeof chain);
    memset(&ap, 0, sizeof ap);
    /* the leave module's supervisor step: the supervising post's holder, its Plt/Plh, else
     * one level up (step_official 0 never reads the chain) */
    if (!rc)
        rc = leave_resolve(db, a, &x, &chain, 0, date, &ap, &hops, e);
    if (!rc)
        *out = ap.employee_id;
    return rc;
}

enum err_code flexwork_access(struct req *rq, int64_t employee_id, struct flexwork_who *who,
                              struct err *e)
{
    char today[11];
    enum err_code rc;

    memset(who, 0, sizeof *who);
    who->employee_id = employee_id;
    rc = flexwork_employee_unit(rq->db, employee_id, &who->unit_id, &who->position_id, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    if (rc)
        return rc;
    flexwork_today(rq, today);
    rc = flexwork_supervisor(rq->db, rq->a, employee_id, today, &who->supervisor_id, e);
    if (rc)
        return rc;
    who->self = rq->user->employee_id && rq->user->employee_id == employee_id;
    who->supervisor = rq->user->employee_id && who->supervisor_id == rq->user->employee_id;
    if (role_has(rq, ROLES_ADMIN)) {
        if (scope_unit_write(rq, who->unit_id, e) == ERR_OK)
            who->admin = 1;
        err_clear(e);
    }
    if (who->self || who->supervisor || who->admin)
        return ERR_OK;
    return scope_employee_read(rq, employee_id, who->unit_id, e);
}

/* The one notification call site of the module: an in-app notice (and mail when configured)
 * in the request's transaction; employee_id 0 (nobody to tell) does nothing. */
enum err_code flexwork_notify(struct req *rq, int64_t employee_id, const char *kind,
                              const char *title, const char *body, const char *link, struct err *e)
{
    if (!employee_id)
        return ERR_OK;
    return notify_employee(rq->db, employee_id, kind, title, body, link, rq->now, e);
}

enum err_code flexwork_onsite_keep(struct req *rq, int64_t unit_id, int64_t employee_id,
                                   int64_t from, int ndays, const char *const *modes,
                                   const char *field, struct err *e)
{
    struct flexwork_policy p;
    struct flexwork_plan plan;
    const char **day;
    enum err_code rc = flexwork_policy_get(rq->db, rq->a, unit_id, &p, e);

    if (!rc)
        rc = flexwork_plan_load(rq->db, rq->a, unit_id, from, ndays, &plan, e);
    if (rc)
        return rc;
    day = arena_alloc(rq->a, sizeof(char *) * (plan.n + 1));
    for (int i = 0; i < ndays; i++) {
        int need = 0, on = 0, gap;
        char date[11], msg[192];

        if (!plan.working[i] || !modes[i] || !flexwork_mode_remote(modes[i]))
            continue;
        for (size_t k = 0; k < plan.n; k++) {
            day[k] = plan.people[k].modes[i];
            if (plan.people[k].employee_id == employee_id && day[k] && strcmp(day[k], "CUTI") != 0)
                day[k] = modes[i];
        }
        gap = flexwork_onsite_short(day, plan.n, &p, &need, &on);
        if (!gap)
            continue;
        flexwork_date_text(from + i, date);
        snprintf(msg, sizeof msg,
                 "Tanggal %s: pegawai di kantor tinggal %d dari minimum %d (kurang %d orang)", date,
                 on, need, gap);
        err_set(e, ERR_CONFLICT, "onsite_minimum", field, msg);
        return err_detail(e, "unit %lld date %s short %d", (long long)unit_id, date, gap);
    }
    return ERR_OK;
}

/* ---- policy ---- */

static enum err_code api_policy_get(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_policy p;
    int64_t id;
    json_t *v;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = scope_unit_read(rq, id, e);
    if (!rc)
        rc = flexwork_policy_get(rq->db, rq->a, id, &p, e);
    if (rc)
        return rc;
    v = flexwork_policy_json(&p);
    json_object_set_new(v, "unit_id", json_integer(id));
    json_object_set_new(v, "inherited", json_boolean(p.unit_id != id));
    return resp_json(rs, 200, v);
}

/* ["HH:MM", "HH:MM"] into *from, *to; null/absent leaves them 0 unless required. */
static enum err_code body_pair(const struct req *rq, const char *name, int required, int *from,
                               int *to, struct err *e)
{
    json_t *v = json_object_get(rq->json, name);

    *from = *to = 0;
    if (!v || json_is_null(v))
        return required ? err_invalid(e, name, "Kolom wajib diisi") : ERR_OK;
    if (!json_is_array(v) || json_array_size(v) != 2 ||
        (*from = flexwork_hhmm(json_string_value(json_array_get(v, 0)))) < 0 ||
        (*to = flexwork_hhmm(json_string_value(json_array_get(v, 1)))) < 0)
        return err_invalid(e, name, "Harus berupa [\"HH:MM\", \"HH:MM\"]");
    return ERR_OK;
}

static enum err_code body_fences(struct req *rq, struct flexwork_policy *p, struct err *e)
{
    json_t *arr = json_object_get(rq->json, "geofences"), *f;
    size_t i;

    if (!arr || json_is_null(arr))
        return ERR_OK;
    if (!json_is_array(arr))
        return err_invalid(e, "geofences", "Harus berupa daftar titik {lat, lon, radius_m}");
    if (json_array_size(arr) > FLEXWORK_FENCES_MAX)
        return err_invalid(e, "geofences", "Paling banyak 10 titik kantor");
    p->fences = arena_alloc(rq->a, sizeof(struct flexwork_fence) * (json_array_size(arr) + 1));
    json_array_foreach(arr, i, f)
    {
        static const char *const keys[] = {"lat", "lon", "radius_m"};
        double *slots[] = {&p->fences[i].lat, &p->fences[i].lon, &p->fences[i].radius_m};
        char field[48];

        if (!json_is_object(f) || json_object_size(f) != 3) {
            snprintf(field, sizeof field, "geofences[%d]", (int)i);
            return err_invalid(e, field, "Harus berupa {lat, lon, radius_m}");
        }
        for (int k = 0; k < 3; k++) {
            int present = 0;
            enum err_code rc;

            snprintf(field, sizeof field, "geofences[%d].%s", (int)i, keys[k]);
            rc = flexwork_json_number(json_object_get(f, keys[k]), field, slots[k], &present, e);
            if (!rc && !present)
                rc = err_invalid(e, field, "Kolom wajib diisi");
            if (rc)
                return rc;
        }
        p->n_fences = i + 1;
    }
    return ERR_OK;
}

/* Posts of the allow-list: each must exist in the unit or below it. */
static enum err_code body_positions(struct req *rq, int64_t unit_id, struct flexwork_policy *p,
                                    struct err *e)
{
    json_t *arr = json_object_get(rq->json, "flexible_positions"), *v;
    size_t i;

    if (!arr || json_is_null(arr))
        return ERR_OK;
    if (!json_is_array(arr) || json_array_size(arr) > FLEXWORK_POSITIONS_MAX)
        return err_invalid(e, "flexible_positions", "Harus berupa daftar id jabatan");
    p->positions = arena_alloc(rq->a, sizeof(int64_t) * (json_array_size(arr) + 1));
    json_array_foreach(arr, i, v)
    {
        struct org_position pos;
        char field[48];
        int yes = 0;
        enum err_code rc = ERR_OK;

        snprintf(field, sizeof field, "flexible_positions[%d]", (int)i);
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return err_invalid(e, field, "Harus id jabatan");
        for (size_t k = 0; k < p->n_positions; k++)
            if (p->positions[k] == json_integer_value(v))
                return err_invalid(e, field, "Jabatan disebut dua kali");
        rc = org_position_get(rq->db, rq->a, json_integer_value(v), &pos, e);
        if (rc == ERR_NOT_FOUND)
            return err_invalid(e, field, "Jabatan tidak ditemukan");
        if (!rc)
            rc = scope_unit_within(rq->db, unit_id, pos.unit_id, &yes, e);
        if (rc)
            return rc;
        if (!yes)
            return err_invalid(e, field, "Jabatan bukan di unit ini atau sub-unitnya");
        p->positions[p->n_positions++] = pos.id;
    }
    return ERR_OK;
}

static enum err_code policy_from_body(struct req *rq, int64_t unit_id, struct flexwork_policy *p,
                                      struct err *e)
{
    static const char *const names[] = {
        "flexible_allowed", "min_onsite_ratio", "min_onsite_count",   "max_remote_days",
        "start_window",     "core_hours",       "fixed_start",        "remote_radius_m",
        "geofences",        "timezone",         "flexible_positions", NULL};
    static const struct json_field ints[] = {
        {"min_onsite_count", JF_INT, 0, 0, 0, 100000},
        {"max_remote_days", JF_INT, 0, 0, 0, FLEXWORK_REMOTE_DAYS_MAX},
        {"remote_radius_m", JF_INT, 0, 0, 10, 5000},
        {0},
    };
    json_t *flag;
    double ratio = 0;
    int present = 0;
    const char *fixed;
    enum err_code rc = flexwork_body_known(rq, names, e);

    flexwork_policy_default(p);
    if (rc)
        return rc;
    flag = json_object_get(rq->json, "flexible_allowed");
    if (!flag || json_is_null(flag))
        return err_invalid(e, "flexible_allowed", "Kolom wajib diisi");
    if (!json_is_boolean(flag))
        return err_invalid(e, "flexible_allowed", "Kolom harus true atau false");
    p->flexible_allowed = json_is_true(flag);
    rc = flexwork_json_number(json_object_get(rq->json, "min_onsite_ratio"), "min_onsite_ratio",
                              &ratio, &present, e);
    if (!rc && !present)
        rc = err_invalid(e, "min_onsite_ratio", "Kolom wajib diisi");
    if (rc)
        return rc;
    if (!(ratio >= 0.0 && ratio <= 1.0))
        return err_invalid(e, "min_onsite_ratio", "Rasio minimum di kantor harus 0 sampai 1");
    p->min_onsite_pct = (int)(ratio * 100.0 + 0.5);
    for (const struct json_field *f = ints; f->name; f++) {
        json_t *v = json_object_get(rq->json, f->name);

        if (v && !json_is_null(v) &&
            (!json_is_integer(v) || json_integer_value(v) < f->min ||
             json_integer_value(v) > f->max))
            return err_invalid(e, f->name,
                               "Kolom harus bilangan bulat dalam rentang yang diizinkan");
    }
    p->min_onsite_count = (int)json_body_int(rq, "min_onsite_count", 0);
    p->max_remote_days = (int)json_body_int(rq, "max_remote_days", FLEXWORK_REMOTE_DAYS_MAX);
    p->remote_radius_m = (int)json_body_int(rq, "remote_radius_m", 100);
    rc = body_pair(rq, "start_window", 1, &p->start_from, &p->start_to, e);
    if (!rc)
        rc = body_pair(rq, "core_hours", 0, &p->core_from, &p->core_to, e);
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "fixed_start"), "fixed_start", 5, &fixed,
                                e);
    if (!rc && fixed && (p->fixed_start = flexwork_hhmm(fixed)) < 0)
        rc = err_invalid(e, "fixed_start", "Jam harus berformat HH:MM");
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "timezone"), "timezone", 32, &p->timezone,
                                e);
    if (!rc && !p->timezone)
        rc = err_invalid(e, "timezone", "Kolom wajib diisi");
    if (!rc)
        rc = body_fences(rq, p, e);
    if (!rc)
        rc = flexwork_policy_check(p, e);
    if (!rc)
        rc = body_positions(rq, unit_id, p, e);
    return rc;
}

static enum err_code api_policy_put(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_policy p, old;
    int64_t id;
    json_t *after;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = scope_unit_write(rq, id, e);
    if (!rc)
        rc = flexwork_policy_get(rq->db, rq->a, id, &old, e);
    if (!rc)
        rc = policy_from_body(rq, id, &p, e);
    if (rc)
        return rc;
    p.unit_id = id;
    p.updated_at = rq->now;
    p.updated_by = rq->user->id;
    rc = flexwork_policy_put(rq->db, id, &p, e);
    if (rc)
        return rc;
    after = flexwork_policy_json(&p);
    req_audit(rq, "work_policy.update", "unit", id,
              old.unit_id == id ? flexwork_policy_json(&old) : NULL, json_incref(after));
    json_object_set_new(after, "unit_id", json_integer(id));
    json_object_set_new(after, "inherited", json_false());
    return resp_json(rs, 200, after);
}

/* ---- arrangements ---- */

static enum err_code api_arrangement_get(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_who who;
    struct flexwork_arrangement cur, prop;
    struct flexwork_policy p;
    int has_cur = 0, has_prop = 0;
    char today[11];
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = flexwork_access(rq, id, &who, e);
    flexwork_today(rq, today);
    if (!rc)
        rc = flexwork_arrangement_on(rq->db, rq->a, id, today, &cur, &has_cur, e);
    if (!rc)
        rc = flexwork_arrangement_proposed(rq->db, rq->a, id, &prop, &has_prop, e);
    if (!rc)
        rc = flexwork_policy_get(rq->db, rq->a, who.unit_id, &p, e);
    if (rc)
        return rc;
    return resp_json(rs, 200,
                     json_pack("{s:I,s:I,s:o,s:o,s:o,s:b,s:b,s:o}", "employee_id", (json_int_t)id,
                               "unit_id", (json_int_t)who.unit_id, "current",
                               has_cur ? flexwork_arrangement_json(&cur) : json_null(), "proposed",
                               has_prop ? flexwork_arrangement_json(&prop) : json_null(),
                               "supervisor_id", json_id_or_null(who.supervisor_id),
                               "may_work_flexibly", flexwork_policy_allows(&p, who.position_id),
                               "may_decide", (who.supervisor || who.admin) && !who.self, "policy",
                               flexwork_policy_json(&p)));
}

/* days[] of the body into x->days (weekdays not given stay WFO with the fixed start). */
static enum err_code body_days(struct req *rq, const struct flexwork_policy *p,
                               struct flexwork_arrangement *x, struct err *e)
{
    static const char *const keys[] = {"weekday", "mode",     "place", "lat",
                                       "lon",     "flexible", "start", NULL};
    json_t *arr = json_object_get(rq->json, "days"), *d;
    int seen[7] = {0};
    size_t i;

    flexwork_days_default(x->days, p->fixed_start);
    if (!arr || json_is_null(arr))
        return err_invalid(e, "days", "Kolom wajib diisi");
    if (!json_is_array(arr) || json_array_size(arr) > 7)
        return err_invalid(e, "days", "Harus berupa daftar hari (paling banyak 7)");
    json_array_foreach(arr, i, d)
    {
        char field[48], lon_field[48];
        const char *key, *mode = NULL, *start = NULL;
        json_t *v, *w;
        struct flexwork_arr_day *day;
        int has_lat = 0, has_lon = 0;
        double lat = 0, lon = 0;
        enum err_code rc = ERR_OK;

        snprintf(field, sizeof field, "days[%d]", (int)i);
        if (!json_is_object(d))
            return err_invalid(e, field, "Harus berupa objek hari");
        json_object_foreach(d, key, v)
        {
            int ok = 0;

            for (const char *const *k = keys; *k; k++)
                ok |= strcmp(*k, key) == 0;
            if (!ok) {
                snprintf(field, sizeof field, "days[%d].%s", (int)i, key);
                return err_set(e, ERR_INVALID, "unknown_field", field, "Kolom tidak dikenal");
            }
        }
        w = json_object_get(d, "weekday");
        snprintf(field, sizeof field, "days[%d].weekday", (int)i);
        if (!json_is_integer(w) || json_integer_value(w) < 1 || json_integer_value(w) > 7)
            return err_invalid(e, field, "Hari harus 1 (Senin) sampai 7 (Minggu)");
        if (seen[json_integer_value(w) - 1]++)
            return err_invalid(e, field, "Hari disebut dua kali");
        day = &x->days[json_integer_value(w) - 1];
        snprintf(field, sizeof field, "days[%d].mode", (int)i);
        rc = flexwork_json_text(json_object_get(d, "mode"), field, 3, &mode, e);
        if (!rc)
            rc = flexwork_mode_check(mode, field, e);
        if (rc)
            return rc;
        flexwork_mode_copy(day->mode, mode);
        snprintf(field, sizeof field, "days[%d].place", (int)i);
        rc = flexwork_json_text(json_object_get(d, "place"), field, FLEXWORK_PLACE_MAX, &day->place,
                                e);
        snprintf(field, sizeof field, "days[%d].lat", (int)i);
        snprintf(lon_field, sizeof lon_field, "days[%d].lon", (int)i);
        if (!rc)
            rc = flexwork_json_number(json_object_get(d, "lat"), field, &lat, &has_lat, e);
        if (!rc)
            rc = flexwork_json_number(json_object_get(d, "lon"), lon_field, &lon, &has_lon, e);
        if (!rc && has_lat != has_lon)
            rc = err_invalid(e, has_lat ? lon_field : field, "Lintang dan bujur diisi bersama");
        if (rc)
            return rc;
        day->has_point = has_lat;
        day->lat = lat;
        day->lon = lon;
        v = json_object_get(d, "flexible");
        snprintf(field, sizeof field, "days[%d].flexible", (int)i);
        if (v && !json_is_null(v) && !json_is_boolean(v))
            return err_invalid(e, field, "Kolom harus true atau false");
        day->flexible = json_is_true(v);
        snprintf(field, sizeof field, "days[%d].start", (int)i);
        rc = flexwork_json_text(json_object_get(d, "start"), field, 5, &start, e);
        if (rc)
            return rc;
        if (start && (day->start = flexwork_hhmm(start)) < 0)
            return err_invalid(e, field, "Jam harus berformat HH:MM");
        if (day->flexible && start)
            return err_invalid(e, field, "Jam mulai tetap tidak dipakai pada jam fleksibel");
    }
    return ERR_OK;
}

/* 1 when the arrangement uses any flexibility (a remote day or a flexible start). */
static int uses_flex(const struct flexwork_arrangement *x)
{
    for (int i = 0; i < 7; i++)
        if (flexwork_mode_remote(x->days[i].mode) || x->days[i].flexible)
            return 1;
    return 0;
}

/* Everything an arrangement must satisfy before it is stored: the post may work flexibly,
 * the days and the weekly limit, and — when it takes effect — the minimum on-site staffing of
 * every working day of its first week. */
static enum err_code arrangement_check(struct req *rq, const struct flexwork_who *who,
                                       const struct flexwork_arrangement *x, int approve,
                                       struct err *e)
{
    struct flexwork_policy p;
    const char *modes[7];
    int work_days = 5;
    int64_t from;
    enum err_code rc = flexwork_policy_get(rq->db, rq->a, who->unit_id, &p, e);

    if (!rc)
        rc = calendar_unit_week(rq->db, who->unit_id, &work_days, e);
    if (rc)
        return rc;
    if (uses_flex(x) && !flexwork_policy_allows(&p, who->position_id))
        return err_set(e, ERR_CONFLICT, "position_not_flexible", "days",
                       "Jabatan pegawai ini tidak termasuk yang boleh bekerja fleksibel");
    rc = flexwork_days_check(x->days, work_days, p.max_remote_days, e);
    if (rc || !approve)
        return rc;
    if (calendar_day(x->valid_from, &from))
        return err_invalid(e, "valid_from", "Tanggal harus berformat YYYY-MM-DD");
    for (int i = 0; i < 7; i++)
        modes[i] = x->days[flexwork_weekday(from + i) - 1].mode;
    return flexwork_onsite_keep(rq, who->unit_id, who->employee_id, from, 7, modes, "days", e);
}

static enum err_code api_arrangement_put(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const names[] = {"valid_from", "valid_to", "days", "note", NULL};
    struct flexwork_who who;
    struct flexwork_arrangement x;
    struct flexwork_policy p;
    int64_t id, from, to;
    char today[11];
    int direct;
    enum err_code rc = flexwork_body_known(rq, names, e);

    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = flexwork_access(rq, id, &who, e);
    if (!rc && !who.self && !who.supervisor && !who.admin)
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    if (!rc)
        rc = flexwork_policy_get(rq->db, rq->a, who.unit_id, &p, e);
    if (rc)
        return rc;
    memset(&x, 0, sizeof x);
    x.employee_id = id;
    rc = flexwork_json_text(json_object_get(rq->json, "valid_from"), "valid_from", 10,
                            &x.valid_from, e);
    if (!rc && (!x.valid_from || calendar_day(x.valid_from, &from)))
        rc = err_invalid(e, "valid_from", "Tanggal mulai harus berformat YYYY-MM-DD");
    flexwork_today(rq, today);
    if (!rc && strcmp(x.valid_from, today) < 0)
        rc = err_invalid(e, "valid_from", "Tanggal mulai tidak boleh sebelum hari ini");
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "valid_to"), "valid_to", 10, &x.valid_to,
                                e);
    if (!rc && x.valid_to && (calendar_day(x.valid_to, &to) || to < from))
        rc = err_invalid(e, "valid_to", "Tanggal selesai harus YYYY-MM-DD, tidak sebelum mulai");
    if (!rc)
        rc = flexwork_json_text(json_object_get(rq->json, "note"), "note", FLEXWORK_REASON_MAX,
                                &x.note, e);
    if (!rc)
        rc = body_days(rq, &p, &x, e);
    direct = (who.supervisor || who.admin) && !who.self;
    if (!rc)
        rc = arrangement_check(rq, &who, &x, direct, e);
    if (rc)
        return rc;
    x.status = direct ? "approved" : "proposed";
    x.approver_employee_id = direct ? 0 : who.supervisor_id;
    x.created_by = rq->user->id;
    x.created_at = rq->now;
    if (direct) {
        x.decided_by = rq->user->id;
        x.decided_at = rq->now;
    }
    rc = flexwork_arrangement_insert(rq->db, &x, e);
    if (rc)
        return rc;
    rc = direct
             ? flexwork_notify(rq, id, "flexwork.arrangement", "Pengaturan kerja Anda ditetapkan",
                               arena_printf(rq->a, "Berlaku mulai %s.", x.valid_from), "#/kerja", e)
             : flexwork_notify(rq, who.supervisor_id, "flexwork.proposal",
                               "Usulan pengaturan kerja mingguan menunggu keputusan Anda",
                               arena_printf(rq->a, "Berlaku mulai %s.", x.valid_from),
                               "#/kerja/rencana", e);
    if (rc)
        return rc;
    req_audit(rq, direct ? "work_arrangement.set" : "work_arrangement.propose", "work_arrangement",
              x.id, NULL, flexwork_arrangement_json(&x));
    return resp_json(rs, direct ? 200 : 202, flexwork_arrangement_json(&x));
}

static const struct json_field decision_fields[] = {
    {"decision", JF_STRING, 1, 16, 0, 0},
    {"reason", JF_STRING, 0, FLEXWORK_REASON_MAX, 0, 0},
    {0},
};

enum err_code flexwork_decision_body(struct req *rq, int *approve, const char **reason,
                                     struct err *e)
{
    enum err_code rc = json_body_check(rq, decision_fields, e);
    const char *d = json_body_str(rq, "decision");

    if (rc)
        return rc;
    *reason = json_body_str(rq, "reason");
    if (*reason && !**reason)
        *reason = NULL;
    if (strcmp(d, "approve") != 0 && strcmp(d, "reject") != 0)
        return err_invalid(e, "decision", "Keputusan harus approve atau reject");
    *approve = strcmp(d, "approve") == 0;
    if (!*approve && !*reason)
        return err_invalid(e, "reason", "Alasan penolakan wajib diisi");
    return ERR_OK;
}

static enum err_code api_arrangement_decide(struct req *rq, struct resp *rs, struct err *e)
{
    struct flexwork_who who;
    struct flexwork_arrangement x;
    int64_t id;
    int found = 0, approve = 0;
    const char *reason = NULL;
    enum err_code rc = flexwork_decision_body(rq, &approve, &reason, e);

    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = flexwork_access(rq, id, &who, e);
    if (!rc && (who.self || (!who.supervisor && !who.admin)))
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Tidak ada usulan yang bisa diputuskan");
    if (!rc)
        rc = flexwork_arrangement_proposed(rq->db, rq->a, id, &x, &found, e);
    if (!rc && !found)
        rc = err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Tidak ada usulan yang bisa diputuskan");
    if (!rc && approve)
        rc = arrangement_check(rq, &who, &x, 1, e);
    if (rc)
        return rc;
    x.status = approve ? "approved" : "rejected";
    x.decision_reason = reason;
    x.decided_by = rq->user->id;
    x.decided_at = rq->now;
    rc = flexwork_arrangement_decide(rq->db, &x, e);
    if (rc)
        return rc;
    rc = flexwork_notify(rq, id, "flexwork.decision",
                         approve ? "Usulan pengaturan kerja Anda disetujui"
                                 : "Usulan pengaturan kerja Anda ditolak",
                         reason, "#/kerja", e);
    if (rc)
        return rc;
    req_audit(rq, approve ? "work_arrangement.approve" : "work_arrangement.reject",
              "work_arrangement", x.id, NULL, flexwork_arrangement_json(&x));
    return resp_json(rs, 200, flexwork_arrangement_json(&x));
}

/* GET /work-arrangements?inbox=1: the open proposals the caller must decide. */
static enum err_code api_arrangements_inbox(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"inbox", NULL};
    const char *inbox = req_query(rq, "inbox");
    struct flexwork_arrangement *x = NULL;
    size_t n = 0;
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (rc)
        return rc;
    if (!inbox || strcmp(inbox, "1") != 0)
        return err_invalid(e, "inbox", "Hanya inbox=1 yang tersedia");
    if (rq->user->employee_id) {
        rc = flexwork_proposals_inbox(rq->db, rq->a, rq->user->employee_id, &x, &n, e);
        if (rc)
            return rc;
    }
    items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *v = flexwork_arrangement_json(&x[i]);

        json_object_set_new(v, "employee_name", json_str_or_null(x[i].employee_name));
        json_array_append_new(items, v);
    }
    return resp_json(rs, 200, json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)n));
}

const struct route flexwork_routes[] = {
    {HTTP_GET, "/api/v1/units/{id}/work-policy", api_policy_get, ROLES_ANY, 0, 0},
    {HTTP_PUT, "/api/v1/units/{id}/work-policy", api_policy_put, ROLES_ADMIN, ROUTE_WRITE, 0},
    {HTTP_GET, "/api/v1/work-arrangements", api_arrangements_inbox, ROLES_ANY, 0, 0},
    {HTTP_GET, "/api/v1/work-arrangements/{employee_id}", api_arrangement_get, ROLES_ANY, 0, 0},
    {HTTP_PUT, "/api/v1/work-arrangements/{employee_id}", api_arrangement_put, ROLES_ANY,
     ROUTE_WRITE, 0},
    {HTTP_POST, "/api/v1/work-arrangements/{employee_id}/decision", api_arrangement_decide,
     ROLES_ANY, ROUTE_WRITE, 0},
    {HTTP_GET, "/api/v1/work-requests", flexwork_api_requests, ROLES_ANY, 0, 0},
    {HTTP_POST, "/api/v1/work-requests", flexwork_api_request_create, ROLES_ANY, ROUTE_WRITE, 0},
    {HTTP_GET, "/api/v1/work-requests/{id}", flexwork_api_request, ROLES_ANY, 0, 0},
    {HTTP_POST, "/api/v1/work-requests/{id}/decision", flexwork_api_request_decide, ROLES_ANY,
     ROUTE_WRITE, 0},
    {HTTP_GET, "/api/v1/units/{id}/week-plan", flexwork_api_week_plan,
     ROLE_ATASAN | ROLE_PIMPINAN | ROLES_ADMIN, 0, 0},
    {HTTP_GET, "/api/v1/work-arrangements/{employee_id}/days", flexwork_api_days, ROLES_ANY, 0, 0},
    {0},
};
