/* moves.c - transfer endpoints (mutasi, rotasi: a position history row and the record's cached
 * unit and position), a unit's staff present on a day (own staff minus those assigned away plus
 * those assigned in) and the candidate finder. Handlers only: the SQL is in store.c, the
 * ranking in rules.c. A transfer's TMT may not lie in the future (docs/api-placements.md). */
#include "modules/placement/placement_int.h"

#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "modules/org/org.h"

static const struct json_field transfer_fields[] = {
    {"kind", JF_STRING, 1, 16, 0, 0},
    {"unit_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"position_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"tmt", JF_STRING, 1, 10, 0, 0},
    {"sk_number", JF_STRING, 1, PLACEMENT_TEXT_MAX, 0, 0},
    {"sk_date", JF_STRING, 1, 10, 0, 0},
    {0},
};

static json_t *transfer_json(const struct placement_transfer *t)
{
    return json_pack("{s:I,s:I,s:o,s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)t->id,
                     "employee_id", (json_int_t)t->employee_id, "kind",
                     json_str_or_null(t->move_kind), "unit_id", (json_int_t)t->unit_id, "unit_name",
                     json_str_or_null(t->unit_name), "position_id", json_id_or_null(t->position_id),
                     "position_name", json_str_or_null(t->position_name), "tmt",
                     json_str_or_null(t->tmt), "sk_number", json_str_or_null(t->sk_number),
                     "sk_date", json_str_or_null(t->sk_date));
}

/* TMT: a real date, not in the future (a decree effective later is entered on its day), not
 * before the newest position row (which must stay the current one). */
static enum err_code transfer_tmt(struct req *rq, const struct employee *emp, const char *tmt,
                                  struct err *e)
{
    struct employee_date d;
    const char *newest = NULL;
    enum err_code rc = placement_date_field(tmt, "tmt", &d, e);

    if (!rc && employee_date_cmp(d, placement_today(rq)) > 0)
        return placement_invalid(e, "tmt", "TMT mutasi tidak boleh di masa depan");
    if (!rc)
        rc = placement_newest_tmt(rq->db, rq->a, emp->id, &newest, e);
    if (!rc && newest && strcmp(tmt, newest) < 0)
        return placement_invalid(e, "tmt", "TMT tidak boleh sebelum TMT jabatan saat ini");
    return rc;
}

enum err_code placement_api_transfer(struct req *rq, struct resp *rs, struct err *e)
{
    struct placement_transfer t;
    struct org_position pos;
    struct org_unit unit;
    struct employee emp;
    int64_t id;
    json_t *before;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_get(rq->db, rq->a, id, &emp, e);
    if (!rc)
        rc = scope_employee_read(rq, emp.id, emp.unit_id, e);
    if (!rc)
        rc = scope_unit_write(rq, emp.unit_id, e);
    if (!rc)
        rc = json_body_check(rq, transfer_fields, e);
    if (rc)
        return rc;
    memset(&t, 0, sizeof t);
    t.employee_id = emp.id;
    t.move_kind = json_body_str(rq, "kind");
    t.unit_id = json_body_int(rq, "unit_id", 0);
    t.position_id = json_body_int(rq, "position_id", 0);
    t.tmt = json_body_str(rq, "tmt");
    t.sk_number = json_body_str(rq, "sk_number");
    t.sk_date = json_body_str(rq, "sk_date");
    if (strcmp(t.move_kind, "mutasi") != 0 && strcmp(t.move_kind, "rotasi") != 0)
        return placement_invalid(e, "kind", "Jenis perpindahan harus mutasi atau rotasi");
    rc = scope_unit_write(rq, t.unit_id, e); /* 404 outside the writer's scope */
    if (rc)
        return rc;
    rc = org_unit_get(rq->db, rq->a, t.unit_id, &unit, e);
    if (rc == ERR_NOT_FOUND)
        return placement_invalid(e, "unit_id", "Unit tidak ditemukan");
    if (!rc)
        rc = org_position_get(rq->db, rq->a, t.position_id, &pos, e);
    if (rc == ERR_NOT_FOUND || (!rc && pos.unit_id != t.unit_id))
        return placement_invalid(e, "position_id", "Jabatan tidak ditemukan pada unit ini");
    if (!rc && t.position_id == emp.position_id && t.unit_id == emp.unit_id)
        return placement_invalid(e, "position_id", "Pegawai sudah menduduki jabatan ini");
    if (!rc)
        rc = transfer_tmt(rq, &emp, t.tmt, e);
    if (!rc)
        rc = placement_decree(t.sk_number, t.sk_date, placement_today(rq), e);
    if (!rc && strcmp(emp.state, "active") != 0)
        return err_set(e, ERR_CONFLICT, "employee_not_active", NULL,
                       "Pegawai tidak dalam keadaan aktif");
    if (!rc)
        rc = placement_transfer_insert(rq->db, &t, rq->now, &t.id, e);
    if (!rc)
        rc = employee_current_refresh(rq->db, t.employee_id, e); /* tmt_jabatan, 0008 */
    if (rc)
        return rc;
    t.unit_name = unit.name;
    t.position_name = pos.name;
    before = json_pack("{s:I,s:o}", "unit_id", (json_int_t)emp.unit_id, "position_id",
                       json_id_or_null(emp.position_id));
    req_audit(rq, "employee.transfer", "employee", emp.id, before, transfer_json(&t));
    return resp_json(rs, 201, transfer_json(&t));
}

enum err_code placement_api_transfers(struct req *rq, struct resp *rs, struct err *e)
{
    struct placement_transfer *items = NULL;
    struct employee emp;
    size_t n = 0;
    int64_t id;
    json_t *arr;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_get(rq->db, rq->a, id, &emp, e);
    if (!rc)
        rc = scope_employee_read(rq, emp.id, emp.unit_id, e);
    if (!rc)
        rc = placement_transfers(rq->db, rq->a, emp.id, &items, &n, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, transfer_json(&items[i]));
    return resp_json(rs, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n));
}

/* "on" from the query (default today), checked; into a date text. */
static enum err_code query_date(struct req *rq, const char *key, const char **out,
                                struct employee_date *d, struct err *e)
{
    const char *s = req_query(rq, key);

    *d = placement_today(rq);
    if (s && *s && employee_date_parse(s, d))
        return placement_invalid(e, key, "Tanggal harus berformat YYYY-MM-DD dan valid");
    *out = placement_date_text(rq->a, *d);
    return ERR_OK;
}

enum err_code placement_api_unit_present(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"on", "page", "per_page", NULL};
    struct placement_staff *items = NULL;
    struct employee_date d;
    const char *on = NULL;
    int64_t id, page = 1, per_page = 50, total = 0;
    size_t n = 0;
    json_t *arr;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = scope_unit_read(rq, id, e);
    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = query_date(rq, "on", &on, &d, e);
    if (!rc)
        rc = placement_unit_staff(rq->db, rq->a, id, on, page, per_page, &items, &n, &total, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct placement_staff *s = &items[i];

        json_array_append_new(
            arr, json_pack("{s:I,s:o,s:s,s:I,s:o,s:o,s:o,s:b,s:o,s:o}", "employee_id",
                           (json_int_t)s->employee_id, "nip", json_str_or_null(s->nip), "name",
                           s->name, "home_unit_id", (json_int_t)s->unit_id, "home_unit_name",
                           json_str_or_null(s->unit_name), "position_name",
                           json_str_or_null(s->position_name), "position_kind",
                           json_str_or_null(s->position_kind), "assigned_in", s->assigned_in,
                           "assignment_id", json_id_or_null(s->assignment_id), "assignment_kind",
                           json_str_or_null(s->assignment_kind)));
    }
    return resp_json(rs, 200,
                     json_pack("{s:I,s:s,s:o,s:I,s:I,s:I}", "unit_id", (json_int_t)id, "on", on,
                               "items", arr, "total", (json_int_t)total, "page", (json_int_t)page,
                               "per_page", (json_int_t)per_page));
}

/* Unit ids and parents of the whole tree, for the distance part of the score. */
static enum err_code unit_tree(struct req *rq, int64_t **ids, int64_t **parents, size_t *n,
                               struct err *e)
{
    struct org_unit *units = NULL;
    enum err_code rc = org_units_list(rq->db, rq->a, 0, 1, &units, n, e);

    if (rc)
        return rc;
    *ids = arena_alloc(rq->a, (*n + 1) * sizeof **ids);
    *parents = arena_alloc(rq->a, (*n + 1) * sizeof **parents);
    for (size_t i = 0; i < *n; i++) {
        (*ids)[i] = units[i].id;
        (*parents)[i] = units[i].parent_id;
    }
    return ERR_OK;
}

static json_t *candidate_json(const struct placement_candidate *c)
{
    json_t *o = json_pack(
        "{s:I,s:o,s:s,s:I,s:o,s:o,s:o,s:o,s:i}", "employee_id", (json_int_t)c->employee_id, "nip",
        json_str_or_null(c->nip), "name", c->name, "unit_id", (json_int_t)c->unit_id, "unit_name",
        json_str_or_null(c->unit_name), "position_id", json_id_or_null(c->position_id),
        "position_name", json_str_or_null(c->position_name), "position_kind",
        json_str_or_null(c->position_kind), "score", c->score);

    json_object_set_new(o, "factors",
                        json_pack("{s:b,s:i,s:i,s:b,s:i,s:i}", "q_in_position", c->q_in_position,
                                  "education_level", c->education_level, "training_hours",
                                  c->training_hours, "training_match", c->training_match,
                                  "recent_assignments", c->recent_assignments, "unit_distance",
                                  c->unit_distance));
    return o;
}

static enum err_code candidates_parse(struct req *rq, struct placement_candidate_query *q,
                                      int64_t *near, int64_t *limit, struct err *e)
{
    static const char *const keys[] = {"unit_id",   "from_unit_id", "q",
                                       "date_from", "date_to",      "education_level",
                                       "training",  "limit",        NULL};
    const char *unit = req_query(rq, "unit_id"), *from = req_query(rq, "from_unit_id");
    const char *lim = req_query(rq, "limit");
    struct employee_date d1, d2;
    enum err_code rc = req_query_allow(rq, keys, e);

    memset(q, 0, sizeof *q);
    *near = 0;
    *limit = 20;
    if (rc)
        return rc;
    if (unit && parse_int64(unit, strlen(unit), 1, INT64_MAX, near))
        return placement_invalid(e, "unit_id", "unit_id harus bilangan bulat positif");
    if (from && parse_int64(from, strlen(from), 1, INT64_MAX, &q->from_unit))
        return placement_invalid(e, "from_unit_id", "from_unit_id harus bilangan bulat positif");
    if (lim && parse_int64(lim, strlen(lim), 1, PLACEMENT_CANDIDATES_MAX, limit))
        return placement_invalid(e, "limit", "limit harus 1..200");
    q->q = req_query(rq, "q") ? req_query(rq, "q") : "";
    if (strlen(q->q) > 64)
        return placement_invalid(e, "q", "Kata kunci terlalu panjang");
    q->training = req_query(rq, "training");
    if (q->training && (!*q->training || strlen(q->training) > 64))
        return placement_invalid(e, "training", "Nama diklat harus 1..64 karakter");
    q->education_level = req_query(rq, "education_level");
    if (q->education_level) {
        int known = 0;

        rc = employee_education_level_known(rq->db, q->education_level, &known, e);
        if (rc)
            return rc;
        if (!known)
            return placement_invalid(e, "education_level", "Tingkat pendidikan tidak dikenal");
    }
    rc = query_date(rq, "date_from", &q->date_from, &d1, e);
    if (!rc && !req_query(rq, "date_to"))
        q->date_to = q->date_from, d2 = d1;
    else if (!rc)
        rc = query_date(rq, "date_to", &q->date_to, &d2, e);
    if (!rc && employee_date_cmp(d2, d1) < 0)
        return placement_invalid(e, "date_to", "Tanggal selesai tidak boleh sebelum tanggal mulai");
    if (rc)
        return rc;
    q->recent_from = placement_date_text(rq->a, placement_add_days(d1, -365));
    q->training_from = placement_date_text(rq->a, placement_add_days(d1, -730));
    if (*near)
        rc = scope_unit_read(rq, *near, e);
    if (!rc && q->from_unit)
        rc = scope_unit_write(rq, q->from_unit, e);
    scope_unit_root(rq, &q->root, &q->subtree);
    return rc;
}

/* Who can be moved: active people in the writer's scope, free over the period, ranked by
 * placement_rank (docs/api-placements.md explains the score). */
enum err_code placement_api_candidates(struct req *rq, struct resp *rs, struct err *e)
{
    struct placement_candidate_query q;
    struct placement_candidate *items = NULL;
    struct placement_limits lim;
    int64_t near = 0, limit = 20, *ids = NULL, *parents = NULL;
    size_t n = 0, nunits = 0;
    json_t *arr;
    enum err_code rc = candidates_parse(rq, &q, &near, &limit, e);

    if (!rc && q.root < 0)
        return resp_json(rs, 200, json_pack("{s:[],s:i}", "items", "total", 0));
    if (!rc)
        rc = placement_limits_load(rq->db, &lim, e);
    if (!rc)
        rc = placement_candidates(rq->db, rq->a, &q, &items, &n, e);
    if (!rc && near)
        rc = unit_tree(rq, &ids, &parents, &nunits, e);
    if (rc)
        return rc;
    for (size_t i = 0; near && i < n; i++)
        items[i].unit_distance =
            placement_unit_distance(ids, parents, nunits, items[i].unit_id, near);
    placement_rank(items, n, lim.functional_level);
    arr = json_array();
    for (size_t i = 0; i < n && (int64_t)i < limit; i++)
        json_array_append_new(arr, candidate_json(&items[i]));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:s,s:s}", "items", arr, "total", (json_int_t)n,
                               "date_from", q.date_from, "date_to", q.date_to));
}
