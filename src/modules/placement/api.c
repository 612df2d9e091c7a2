/* api.c - temporary assignment endpoints: create one (Plt/Plh/satgas), a batch under one decree,
 * list, read, end early, extend, the candidate finder, and the "assignment" field of an
 * employee record. Handlers parse, check scope (404 outside it), gather facts through the store
 * and let rules.c judge; they hold no SQL. Transfers and a unit's staff are in transfer.c. */
#include "modules/placement/placement_int.h"

#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "modules/org/org.h"

struct employee_date placement_today(const struct req *rq)
{
    return employee_date_from_epoch(rq->now);
}

const char *placement_date_text(struct arena *a, struct employee_date d)
{
    char s[11];

    employee_date_format(d, s);
    return arena_strdup(a, s);
}

enum err_code placement_invalid(struct err *e, const char *field, const char *msg)
{
    return err_set(e, ERR_INVALID, "validation_failed", field, msg);
}

enum err_code placement_date_field(const char *s, const char *field, struct employee_date *out,
                                   struct err *e)
{
    if (employee_date_parse(s, out))
        return placement_invalid(e, field, "Tanggal harus berformat YYYY-MM-DD dan valid");
    return ERR_OK;
}

enum err_code placement_decree(const char *number, const char *date, struct employee_date today,
                               struct err *e)
{
    struct employee_date d;
    enum err_code rc;

    if (!number || !*number || strspn(number, " \t") == strlen(number))
        return placement_invalid(e, "sk_number", "Nomor SK wajib diisi");
    rc = placement_date_field(date, "sk_date", &d, e);
    if (!rc && employee_date_cmp(d, today) > 0)
        return placement_invalid(e, "sk_date", "Tanggal SK tidak boleh di masa depan");
    return rc;
}

/* upcoming, active, finished (end date passed) or ended (ended early) as of today. */
static const char *status_of(const struct placement_assignment *x, const char *today)
{
    if (x->ended_early_on && strcmp(x->ended_early_on, today) <= 0)
        return "ended";
    if (strcmp(x->start_date, today) > 0)
        return "upcoming";
    return strcmp(x->end_date, today) >= 0 ? "active" : "finished";
}

json_t *placement_assignment_json(const struct placement_assignment *x, const char *today)
{
    json_t *o = json_pack(
        "{s:I,s:I,s:s,s:o,s:s,s:o,s:o,s:I,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)x->id,
        "employee_id", (json_int_t)x->employee_id, "employee_name", x->employee_name,
        "employee_nip", json_str_or_null(x->employee_nip), "kind", x->kind, "position_id",
        json_id_or_null(x->position_id), "position_name", json_str_or_null(x->position_name),
        "unit_id", (json_int_t)x->unit_id, "unit_name", x->unit_name, "start_date", x->start_date,
        "end_date", x->end_date, "sk_number", x->sk_number, "sk_date", x->sk_date, "task_force",
        json_str_or_null(x->task_force));

    json_object_set_new(o, "home_unit_id", json_integer(x->home_unit_id));
    json_object_set_new(o, "home_unit_name", json_str_or_null(x->home_unit_name));
    json_object_set_new(o, "home_position_id", json_id_or_null(x->home_position_id));
    json_object_set_new(o, "home_position_name", json_str_or_null(x->home_position_name));
    json_object_set_new(o, "extension_of", json_id_or_null(x->extension_of));
    json_object_set_new(o, "ended_early_on", json_str_or_null(x->ended_early_on));
    json_object_set_new(o, "batch_id", json_id_or_null(x->batch_id));
    json_object_set_new(o, "created_at", json_time(x->created_at));
    json_object_set_new(o, "status", json_string(status_of(x, today)));
    return o;
}

enum err_code placement_employee_write(struct req *rq, int64_t employee_id, struct json_w *w,
                                       struct err *e)
{
    struct placement_assignment x;
    const char *today = placement_date_text(rq->a, placement_today(rq));
    int found = 0;
    enum err_code rc = placement_active_for(rq->db, rq->a, employee_id, today, &x, &found, e);

    if (rc)
        return rc;
    if (found)
        jw_value(w, "assignment", placement_assignment_json(&x, today));
    else
        jw_null(w, "assignment");
    return ERR_OK;
}

/* ---- one assignment: input, then the checks shared by create, extend and batch ---- */

struct assignment_input {
    enum placement_kind kind;
    const char *kind_text, *task_force, *sk_number, *sk_date;
    int64_t position_id, unit_id;
    struct employee_date start, end;
};

/* Fields common to a single and a batch assignment (no employee). */
static enum err_code input_parse(const struct req *rq, struct assignment_input *in, struct err *e)
{
    enum err_code rc;

    memset(in, 0, sizeof *in);
    in->kind_text = json_body_str(rq, "kind");
    in->kind = placement_kind_parse(in->kind_text);
    in->task_force = json_body_str(rq, "task_force");
    in->position_id = json_body_int(rq, "position_id", 0);
    in->unit_id = json_body_int(rq, "unit_id", 0);
    in->sk_number = json_body_str(rq, "sk_number");
    in->sk_date = json_body_str(rq, "sk_date");
    if (!in->kind)
        return placement_invalid(e, "kind", "Jenis penugasan harus plt, plh atau satgas");
    if (in->kind != PLACEMENT_SATGAS && !in->position_id)
        return placement_invalid(e, "position_id", "Jabatan yang dijabat wajib diisi");
    if (in->kind != PLACEMENT_SATGAS && (in->task_force || in->unit_id))
        return placement_invalid(e, in->task_force ? "task_force" : "unit_id",
                                 "Plt/Plh mengikuti unit jabatannya: kosongkan kolom ini");
    if (in->kind == PLACEMENT_SATGAS && str_blank(in->task_force))
        return placement_invalid(e, "task_force", "Nama satuan tugas wajib diisi");
    if (in->kind == PLACEMENT_SATGAS && !in->unit_id)
        return placement_invalid(e, "unit_id", "Unit satuan tugas wajib diisi");
    if (in->kind == PLACEMENT_SATGAS && in->position_id)
        return placement_invalid(e, "position_id", "Satuan tugas tidak menjabat jabatan");
    rc = placement_date_field(json_body_str(rq, "start_date"), "start_date", &in->start, e);
    if (!rc)
        rc = placement_date_field(json_body_str(rq, "end_date"), "end_date", &in->end, e);
    if (!rc)
        rc = placement_decree(in->sk_number, in->sk_date, placement_today(rq), e);
    return rc;
}

/* The target (post or task force unit) exists and is in the writer's scope; *unit_out its unit.
 * A unit outside the scope is 404 before its existence is looked at; a post outside it reads
 * as missing (422 position_id, the same message), so neither answer tells what exists. */
static enum err_code target_check(struct req *rq, const struct assignment_input *in,
                                  int64_t *unit_out, const char **kind_out, struct err *e)
{
    struct org_position pos;
    struct org_unit unit;
    enum err_code rc;

    *kind_out = NULL;
    if (in->kind == PLACEMENT_SATGAS) {
        rc = scope_unit_write(rq, in->unit_id, e);
        if (rc)
            return rc;
        rc = org_unit_get(rq->db, rq->a, in->unit_id, &unit, e);
        if (rc == ERR_NOT_FOUND)
            return placement_invalid(e, "unit_id", "Unit tidak ditemukan");
        *unit_out = in->unit_id;
        return rc;
    }
    rc = org_position_get(rq->db, rq->a, in->position_id, &pos, e);
    if (!rc)
        rc = scope_unit_write(rq, pos.unit_id, e);
    if (rc == ERR_NOT_FOUND)
        return placement_invalid(e, "position_id", "Jabatan tidak ditemukan");
    *unit_out = pos.unit_id;
    *kind_out = pos.kind;
    return rc;
}

/* The employee id in the writer's scope (ERR_NOT_FOUND otherwise, as for a missing one). */
static enum err_code employee_in_scope(struct req *rq, int64_t id, struct employee *emp,
                                       struct err *e)
{
    enum err_code rc = employee_get(rq->db, rq->a, id, emp, e);

    if (!rc)
        rc = scope_employee_read(rq, emp->id, emp->unit_id, e);
    if (!rc)
        rc = scope_unit_write(rq, emp->unit_id, e);
    return rc;
}

/* Judge one assignment of emp under in (base: the row extended, or NULL) and fill *x. */
static enum err_code assignment_judge(struct req *rq, const struct assignment_input *in,
                                      const struct employee *emp, int64_t target_unit,
                                      const char *target_kind,
                                      const struct placement_assignment *base,
                                      const struct placement_limits *lim,
                                      struct placement_assignment *x, struct err *e)
{
    struct placement_check c;
    enum err_code rc;
    int extended = 0;

    memset(&c, 0, sizeof c);
    c.kind = in->kind;
    c.start = in->start;
    c.end = in->end;
    c.today = placement_today(rq);
    c.target_kind = target_kind;
    if (base) {
        c.extends = 1;
        c.base_is_extension = base->extension_of != 0;
        rc = placement_extension_of(rq->db, base->id, &extended, e);
        if (rc)
            return rc;
        c.base_extended = extended;
    }
    rc = placement_check_facts(rq->db, emp, in->kind == PLACEMENT_SATGAS ? 0 : in->position_id,
                               target_unit, base ? base->id : 0, &c, e);
    if (!rc)
        rc = placement_check(&c, lim, e);
    if (rc)
        return rc;
    memset(x, 0, sizeof *x);
    x->employee_id = emp->id;
    x->kind = in->kind_text;
    x->position_id = in->kind == PLACEMENT_SATGAS ? 0 : in->position_id;
    x->task_force = in->kind == PLACEMENT_SATGAS ? in->task_force : NULL;
    x->unit_id = target_unit;
    x->start_date = placement_date_text(rq->a, in->start);
    x->end_date = placement_date_text(rq->a, in->end);
    x->sk_number = in->sk_number;
    x->sk_date = in->sk_date;
    x->home_unit_id = emp->unit_id;
    x->home_position_id = emp->position_id;
    x->extension_of = base ? base->id : 0;
    x->created_by = rq->user ? rq->user->id : 0;
    return ERR_OK;
}

static const struct json_field assignment_fields[] = {
    {"employee_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"kind", JF_STRING, 1, 16, 0, 0},
    {"position_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"task_force", JF_STRING, 0, PLACEMENT_TEXT_MAX, 0, 0},
    {"unit_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"start_date", JF_STRING, 1, 10, 0, 0},
    {"end_date", JF_STRING, 1, 10, 0, 0},
    {"sk_number", JF_STRING, 1, PLACEMENT_TEXT_MAX, 0, 0},
    {"sk_date", JF_STRING, 1, 10, 0, 0},
    {0},
};

/* Insert x, read it back, audit as action, answer 201. */
static enum err_code assignment_save(struct req *rq, struct resp *rs,
                                     struct placement_assignment *x, const char *action,
                                     struct err *e)
{
    struct placement_assignment saved;
    const char *today = placement_date_text(rq->a, placement_today(rq));
    enum err_code rc = placement_insert(rq->db, x, rq->now, &x->id, e);

    if (!rc)
        rc = placement_get(rq->db, rq->a, x->id, &saved, e);
    if (rc)
        return rc;
    req_audit(rq, action, "assignment", saved.id, NULL, placement_assignment_json(&saved, today));
    return resp_json(rs, 201, placement_assignment_json(&saved, today));
}

static enum err_code api_assignment_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct assignment_input in;
    struct placement_assignment x;
    struct placement_limits lim;
    struct employee emp;
    const char *target_kind;
    int64_t target_unit = 0;
    enum err_code rc = json_body_check(rq, assignment_fields, e);

    if (!rc)
        rc = input_parse(rq, &in, e);
    if (!rc)
        rc = employee_in_scope(rq, json_body_int(rq, "employee_id", 0), &emp, e);
    if (!rc)
        rc = target_check(rq, &in, &target_unit, &target_kind, e);
    if (!rc)
        rc = placement_limits_load(rq->db, &lim, e);
    if (!rc)
        rc = assignment_judge(rq, &in, &emp, target_unit, target_kind, NULL, &lim, &x, e);
    if (rc)
        return rc;
    return assignment_save(rq, rs, &x, "assignment.create", e);
}

/* The assignment of the path in the caller's scope: the person's home unit or the assignment's
 * unit readable (write: the home unit writable). */
static enum err_code assignment_in_scope(struct req *rq, int write, struct placement_assignment *x,
                                         struct err *e)
{
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = placement_get(rq->db, rq->a, id, x, e);
    if (rc)
        return rc;
    if (write)
        return scope_unit_write(rq, x->home_unit_id, e);
    rc = scope_unit_read(rq, x->home_unit_id, e);
    if (rc == ERR_NOT_FOUND)
        rc = scope_unit_read(rq, x->unit_id, e);
    return rc;
}

static enum err_code api_assignment(struct req *rq, struct resp *rs, struct err *e)
{
    struct placement_assignment x;
    enum err_code rc = assignment_in_scope(rq, 0, &x, e);

    if (rc)
        return rc;
    return resp_json(
        rs, 200, placement_assignment_json(&x, placement_date_text(rq->a, placement_today(rq))));
}

static const struct json_field end_fields[] = {
    {"ended_on", JF_STRING, 0, 10, 0, 0},
    {0},
};

/* End early: back home from ended_on (default today); an extension ends with it. */
static enum err_code api_assignment_end(struct req *rq, struct resp *rs, struct err *e)
{
    struct placement_assignment x, after;
    struct employee_date on = placement_today(rq);
    const char *today = placement_date_text(rq->a, on), *on_text;
    enum err_code rc = json_body_check(rq, end_fields, e);

    if (!rc)
        rc = assignment_in_scope(rq, 1, &x, e);
    if (!rc && json_body_str(rq, "ended_on"))
        rc = placement_date_field(json_body_str(rq, "ended_on"), "ended_on", &on, e);
    if (rc)
        return rc;
    if (x.ended_early_on || strcmp(x.end_date, today) < 0)
        return err_set(e, ERR_CONFLICT, "assignment_ended", NULL, "Penugasan sudah berakhir");
    on_text = placement_date_text(rq->a, on);
    if (strcmp(on_text, x.start_date) < 0 || strcmp(on_text, x.end_date) > 0)
        return placement_invalid(e, "ended_on",
                                 "Tanggal berakhir harus di antara tanggal mulai dan selesai");
    rc = placement_end(rq->db, x.id, on_text, e);
    if (!rc)
        rc = placement_get(rq->db, rq->a, x.id, &after, e);
    if (rc)
        return rc;
    req_audit(rq, "assignment.end", "assignment", x.id, placement_assignment_json(&x, today),
              placement_assignment_json(&after, today));
    return resp_json(rs, 200, placement_assignment_json(&after, today));
}

static const struct json_field extend_fields[] = {
    {"end_date", JF_STRING, 1, 10, 0, 0},
    {"sk_number", JF_STRING, 1, PLACEMENT_TEXT_MAX, 0, 0},
    {"sk_date", JF_STRING, 1, 10, 0, 0},
    {0},
};

/* An extension: a new row from the day after the term's end, same post or task force. */
static enum err_code api_assignment_extend(struct req *rq, struct resp *rs, struct err *e)
{
    struct placement_assignment base, x;
    struct assignment_input in;
    struct placement_limits lim;
    struct employee emp;
    struct employee_date base_end;
    const char *today = placement_date_text(rq->a, placement_today(rq)), *target_kind;
    int64_t unit = 0;
    enum err_code rc = json_body_check(rq, extend_fields, e);

    if (!rc)
        rc = assignment_in_scope(rq, 1, &base, e);
    if (rc)
        return rc;
    memset(&in, 0, sizeof in);
    in.kind_text = base.kind;
    in.kind = placement_kind_parse(base.kind);
    in.position_id = base.position_id;
    in.task_force = base.task_force;
    in.sk_number = json_body_str(rq, "sk_number");
    in.sk_date = json_body_str(rq, "sk_date");
    if (base.ended_early_on || strcmp(base.end_date, today) < 0)
        return err_set(e, ERR_CONFLICT, "assignment_ended", NULL,
                       "Penugasan sudah berakhir dan tidak dapat diperpanjang");
    if (employee_date_parse(base.end_date, &base_end))
        return err_internal(e, "stored end_date is not a date");
    in.start = placement_add_days(base_end, 1);
    rc = placement_date_field(json_body_str(rq, "end_date"), "end_date", &in.end, e);
    if (!rc)
        rc = placement_decree(in.sk_number, in.sk_date, placement_today(rq), e);
    in.unit_id = in.kind == PLACEMENT_SATGAS ? base.unit_id : 0;
    if (!rc)
        rc = employee_in_scope(rq, base.employee_id, &emp, e);
    if (!rc)
        rc = target_check(rq, &in, &unit, &target_kind, e);
    if (!rc)
        rc = placement_limits_load(rq->db, &lim, e);
    if (!rc)
        rc = assignment_judge(rq, &in, &emp, unit, target_kind, &base, &lim, &x, e);
    if (rc)
        return rc;
    return assignment_save(rq, rs, &x, "assignment.extend", e);
}

static enum err_code api_assignments(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "active_on", "active", "page", "per_page", NULL};
    const char *unit = req_query(rq, "unit_id"), *on = req_query(rq, "active_on");
    const char *active = req_query(rq, "active");
    const char *today = placement_date_text(rq->a, placement_today(rq));
    struct placement_query q;
    struct placement_assignment *items = NULL;
    struct employee_date d;
    size_t n = 0;
    int64_t total = 0;
    json_t *arr;
    enum err_code rc = req_query_allow(rq, keys, e);

    memset(&q, 0, sizeof q);
    if (!rc)
        rc = req_paging(rq, &q.page, &q.per_page, e);
    if (rc)
        return rc;
    if (unit && parse_int64(unit, strlen(unit), 1, INT64_MAX, &q.unit_id))
        return placement_invalid(e, "unit_id", "unit_id harus bilangan bulat positif");
    if (on && *on && employee_date_parse(on, &d))
        return placement_invalid(e, "active_on", "Tanggal harus berformat YYYY-MM-DD");
    if (active && strcmp(active, "true") != 0 && strcmp(active, "false") != 0)
        return placement_invalid(e, "active", "active harus true atau false");
    q.active_on = (!on || !*on) && active && strcmp(active, "true") == 0 ? today : on;
    if (q.unit_id) {
        rc = scope_unit_read(rq, q.unit_id, e);
        if (rc)
            return rc;
    }
    scope_unit_root(rq, &q.root, &q.subtree);
    if (q.root < 0)
        return resp_json(rs, 200,
                         json_pack("{s:[],s:i,s:I,s:I}", "items", "total", 0, "page",
                                   (json_int_t)q.page, "per_page", (json_int_t)q.per_page));
    rc = placement_list(rq->db, rq->a, &q, &items, &n, &total, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, placement_assignment_json(&items[i], today));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total,
                               "page", (json_int_t)q.page, "per_page", (json_int_t)q.per_page));
}

static const struct json_field batch_fields[] = {
    {"kind", JF_STRING, 1, 16, 0, 0},        {"task_force", JF_STRING, 1, PLACEMENT_TEXT_MAX, 0, 0},
    {"unit_id", JF_INT, 1, 0, 1, INT64_MAX}, {"start_date", JF_STRING, 1, 10, 0, 0},
    {"end_date", JF_STRING, 1, 10, 0, 0},    {"sk_number", JF_STRING, 1, PLACEMENT_TEXT_MAX, 0, 0},
    {"sk_date", JF_STRING, 1, 10, 0, 0},     {0},
};

static void json_release(void *v)
{
    json_decref(v);
}

/* The employee_ids array: 1..PLACEMENT_BATCH_MAX distinct positive integers. */
static enum err_code batch_ids(struct req *rq, const json_t *arr, int64_t **ids, size_t *n,
                               struct err *e)
{
    size_t count = json_is_array(arr) ? json_array_size(arr) : 0;
    int64_t *out;

    if (!json_is_array(arr) || count == 0)
        return placement_invalid(e, "employee_ids", "Pilih sedikitnya satu pegawai");
    if (count > PLACEMENT_BATCH_MAX)
        return placement_invalid(e, "employee_ids", "Terlalu banyak pegawai dalam satu SK");
    out = arena_alloc(rq->a, count * sizeof *out);
    for (size_t i = 0; i < count; i++) {
        json_t *v = json_array_get(arr, i);
        const char *field = arena_printf(rq->a, "employee_ids[%zu]", i);

        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return placement_invalid(e, field, "Id pegawai harus bilangan bulat positif");
        out[i] = (int64_t)json_integer_value(v);
        for (size_t j = 0; j < i; j++)
            if (out[j] == out[i])
                return placement_invalid(e, field, "Pegawai disebut dua kali");
    }
    *ids = out;
    *n = count;
    return ERR_OK;
}

/* Mass posting to a task force: every person checked before the first insert; one decree,
 * one transaction (the router's), one audit entry listing everyone. A bad, unknown or
 * out-of-scope id is 422 naming employee_ids[i] with the same message, so no existence leaks. */
static enum err_code api_assignment_batch(struct req *rq, struct resp *rs, struct err *e)
{
    struct req checked = *rq;
    struct assignment_input in;
    struct placement_assignment *rows;
    struct placement_limits lim;
    const char *today = placement_date_text(rq->a, placement_today(rq)), *tk;
    int64_t *ids = NULL, unit = 0;
    size_t n = 0;
    json_t *list, *made;
    enum err_code rc;

    if (!rq->json)
        return json_body_check(rq, batch_fields, e);
    checked.json = json_copy(rq->json);
    arena_defer(rq->a, json_release, checked.json);
    json_object_del(checked.json, "employee_ids");
    rc = json_body_check(&checked, batch_fields, e);
    if (!rc)
        rc = input_parse(rq, &in, e);
    if (!rc && in.kind != PLACEMENT_SATGAS)
        return placement_invalid(e, "kind", "Penugasan massal hanya untuk satgas");
    if (!rc)
        rc = batch_ids(rq, json_object_get(rq->json, "employee_ids"), &ids, &n, e);
    if (!rc)
        rc = target_check(rq, &in, &unit, &tk, e);
    if (!rc)
        rc = placement_limits_load(rq->db, &lim, e);
    if (rc)
        return rc;
    rows = arena_alloc(rq->a, n * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        struct employee emp;
        const char *field = arena_printf(rq->a, "employee_ids[%zu]", i);

        rc = employee_in_scope(rq, ids[i], &emp, e);
        if (rc == ERR_NOT_FOUND)
            return placement_invalid(e, field, "Pegawai tidak ditemukan");
        if (!rc)
            rc = assignment_judge(rq, &in, &emp, unit, NULL, NULL, &lim, &rows[i], e);
        if (rc == ERR_INVALID)
            return placement_invalid(e, field, arena_strdup(rq->a, e->msg));
        if (rc)
            return rc;
    }
    list = json_array();
    made = json_array();
    for (size_t i = 0; i < n && !rc; i++) {
        rows[i].batch_id = i ? rows[0].id : 0;
        rc = placement_insert(rq->db, &rows[i], rq->now, &rows[i].id, e);
        if (!rc && i == 0)
            rc = placement_batch_start(rq->db, rows[0].id, e);
        if (!rc)
            rc = placement_get(rq->db, rq->a, rows[i].id, &rows[i], e);
        if (!rc) {
            json_array_append_new(list, json_integer(ids[i]));
            json_array_append_new(made, placement_assignment_json(&rows[i], today));
        }
    }
    if (rc) {
        json_decref(list);
        json_decref(made);
        return rc;
    }
    req_audit(rq, "assignment.batch", "assignment", rows[0].id, NULL,
              json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:o}", "kind", "satgas", "task_force",
                        in.task_force, "unit_id", (json_int_t)unit, "start_date",
                        rows[0].start_date, "end_date", rows[0].end_date, "sk_number", in.sk_number,
                        "sk_date", in.sk_date, "employee_ids", list));
    return resp_json(rs, 201,
                     json_pack("{s:I,s:o}", "batch_id", (json_int_t)rows[0].id, "items", made));
}

const struct route placement_routes[] = {
    {HTTP_GET, "/api/v1/assignments", api_assignments, ROLES_ADMIN | ROLE_PIMPINAN | ROLE_ATASAN,
     0},
    {HTTP_POST, "/api/v1/assignments", api_assignment_create, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/assignments/candidates", placement_api_candidates, ROLES_ADMIN, 0},
    {HTTP_POST, "/api/v1/assignments/batch", api_assignment_batch, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/assignments/{id}", api_assignment,
     ROLES_ADMIN | ROLE_PIMPINAN | ROLE_ATASAN, 0},
    {HTTP_POST, "/api/v1/assignments/{id}/end", api_assignment_end, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/assignments/{id}/extend", api_assignment_extend, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/employees/{id}/transfers", placement_api_transfers, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/employees/{id}/transfers", placement_api_transfer, ROLES_ADMIN,
     ROUTE_WRITE},
    {HTTP_GET, "/api/v1/units/{id}/present", placement_api_unit_present,
     ROLES_ADMIN | ROLE_PIMPINAN | ROLE_ATASAN, 0},
    {0},
};
