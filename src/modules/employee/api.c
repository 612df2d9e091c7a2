/* api.c - employee endpoints: the NIP decoding tool, creating a record (admins within the
 * scope of its unit), one record with its derived facts, and the scoped search. Handlers
 * parse, check scope, call rules and store, and render; they hold no SQL. The full NIK is
 * shown only to admins whose scope covers the record, and never goes into the audit log. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "db/field.h"
#include "modules/org/org.h"
#include "modules/placement/placement.h"

#define FIELD_TEXT_MAX EMPLOYEE_TEXT_MAX

static struct employee_date today_of(const struct req *rq)
{
    return employee_date_from_epoch(rq->now);
}

static void date_write(struct json_w *w, const char *key, int ok, struct employee_date d)
{
    char s[11];

    if (!ok) {
        jw_null(w, key);
        return;
    }
    employee_date_format(d, s);
    jw_str(w, key, s);
}

/* The record's members as the API shows them (list rows, records, the audit of a creation),
 * with its derived facts as of today; show_nik 0 masks the NIK. */
static void employee_write(struct json_w *w, const struct employee *x, int show_nik,
                           struct employee_date today)
{
    struct employee_date birth = {1, 1, 1}, appointed = {1, 1, 1}, tmt_rank = {1, 1, 1};
    struct employee_date next = {1, 1, 1};
    struct employee_salary_step step = {{1, 1, 1}, {1, 1, 1}, 0};
    int has_step;
    char nik[EMPLOYEE_NIK_LEN + 1], tmt_cpns[8];
    int has_birth = employee_date_parse(x->birth_date, &birth) == 0;
    int has_appointed = employee_date_parse(x->appointed_on, &appointed) == 0;
    int has_rank = employee_date_parse(x->tmt_golongan, &tmt_rank) == 0;

    employee_nik_mask(x->nik, nik);
    jw_int(w, "id", x->id);
    jw_str(w, "nip", x->nip);
    jw_str(w, "nik", show_nik ? x->nik : nik);
    jw_str(w, "name", x->name);
    jw_str(w, "gelar_depan", x->gelar_depan);
    jw_str(w, "gelar_belakang", x->gelar_belakang);
    jw_str(w, "birth_place", x->birth_place);
    jw_str(w, "birth_date", x->birth_date);
    jw_str(w, "gender", x->gender);
    jw_str(w, "status", x->status);
    jw_str(w, "state", x->state);
    jw_int(w, "unit_id", x->unit_id);
    jw_str(w, "unit_name", x->unit_name);
    jw_id(w, "position_id", x->position_id);
    jw_str(w, "position_name", x->position_name);
    jw_str(w, "position_kind", x->position_kind);
    jw_str(w, "golongan", x->golongan);
    jw_str(w, "pangkat", x->pangkat);
    jw_str(w, "tmt_golongan", x->tmt_golongan);
    jw_str(w, "tmt_jabatan", x->tmt_jabatan);
    jw_str(w, "appointed_on", x->appointed_on);
    snprintf(tmt_cpns, sizeof tmt_cpns, "%04u-%02u", (unsigned)(uint16_t)appointed.y % 10000u,
             (unsigned)(uint8_t)appointed.m % 100u);
    jw_str(w, "tmt_cpns", has_appointed && strcmp(x->status, "PPPK") != 0 ? tmt_cpns : NULL);
    jw_str(w, "pns_id", x->pns_id);
    jw_str(w, "education_level", x->education_level);
    jw_time(w, "created_at", x->created_at);
    jw_time(w, "updated_at", x->updated_at);
    if (has_appointed)
        jw_int(w, "years_of_service", employee_service_years(appointed, today));
    else
        jw_null(w, "years_of_service");
    if (has_rank) /* masa kerja in the current golongan */
        jw_int(w, "years_in_rank", employee_service_years(tmt_rank, today));
    else
        jw_null(w, "years_in_rank");
    date_write(w, "retirement_date", has_birth && x->bup_age > 0,
               employee_retirement_on(birth, x->bup_age));
    date_write(w, "next_promotion_date",
               has_rank && employee_next_promotion(tmt_rank, x->rank_order, x->cap_rank_order,
                                                   today, &next),
               next);
    /* the step with its performance condition, the same in the record, list rows and exports */
    has_step = employee_record_salary_step(x, today, &step);
    date_write(w, "next_salary_step_date", has_step, step.next_on);
    date_write(w, "salary_step_due_date", has_step, step.due_on);
    if (has_step)
        jw_bool(w, "salary_step_postponed", step.postponed);
    else
        jw_null(w, "salary_step_postponed");
}

/* employee_write as a jansson object (the audit of a creation stores a tree). */
static json_t *employee_json(const struct employee *x, int show_nik, struct employee_date today)
{
    struct json_w w;

    jw_begin_tree(&w);
    jw_object(&w, NULL);
    employee_write(&w, x, show_nik, today);
    jw_end(&w);
    return jw_tree(&w);
}

/* One record (not a list row) as GET /employees/{id} shows it, as members of w's open object:
 * employee_write, the contact fields of the editable part and the values derived from the
 * histories (JP of training this year, members counted for the family allowance), then the
 * assignment active today. Written without a jansson tree: the hottest read of the API. */
static enum err_code record_write(struct req *rq, const struct employee *x, int show_nik,
                                  struct json_w *w, struct err *e)
{
    employee_write(w, x, show_nik, today_of(rq));
    jw_str(w, "promotion_cap_golongan", x->cap_golongan);
    employee_contact_write(w, x);
    jw_int(w, "training_hours_year", x->training_hours_year);
    jw_int(w, "family_allowance_count", x->family_allowance_count);
    return placement_employee_write(rq, x->id, w, e);
}

static enum err_code api_nip_tool(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_nip_info n;
    char birth[11], tmt[8];
    enum err_code rc = employee_nip_decode(rq->params[0], today_of(rq), &n, e);

    if (rc)
        return rc;
    employee_date_format(n.birth_on, birth);
    snprintf(tmt, sizeof tmt, "%04u-%02u", (unsigned)n.tmt_cpns_year % 10000u,
             (unsigned)n.tmt_cpns_month % 100u);
    return resp_json(rs, 200,
                     json_pack("{s:b,s:s,s:s,s:s,s:i}", "valid", 1, "birth_date", birth,
                               "tmt_cpns", tmt, "gender", n.gender == EMPLOYEE_MALE ? "L" : "P",
                               "sequence", n.sequence));
}

/* The body into *x, then the record checked as every new record is (check.c). */
static enum err_code employee_input_parse(struct req *rq, struct employee *x,
                                          struct employee_date today, int *nik_warning,
                                          struct err *e)
{
    enum err_code rc = json_body_check(rq, employee_fields, e);

    if (rc)
        return rc;
    memset(x, 0, sizeof *x);
    x->nip = json_body_str(rq, "nip");
    x->nik = json_body_str(rq, "nik");
    x->name = json_body_str(rq, "name");
    x->gelar_depan = json_body_str(rq, "gelar_depan");
    x->gelar_belakang = json_body_str(rq, "gelar_belakang");
    x->birth_place = json_body_str(rq, "birth_place");
    x->birth_date = json_body_str(rq, "birth_date");
    x->gender = json_body_str(rq, "gender");
    x->status = json_body_str(rq, "status");
    x->unit_id = json_body_int(rq, "unit_id", 0);
    x->golongan = json_body_str(rq, "golongan");
    x->tmt_golongan = json_body_str(rq, "tmt_golongan");
    x->position_id = json_body_int(rq, "position_id", 0);
    x->tmt_jabatan = json_body_str(rq, "tmt_jabatan");
    x->pns_id = json_body_str(rq, "pns_id");
    x->sk_number = json_body_str(rq, "sk_number");
    x->sk_date = json_body_str(rq, "sk_date");
    return employee_validate(rq->a, x, today, nik_warning, e);
}

static enum err_code api_employee_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee x, saved;
    struct employee_date today = today_of(rq);
    int nik_warning = 0;
    struct json_w w;
    enum err_code rc = employee_input_parse(rq, &x, today, &nik_warning, e);

    if (!rc)
        rc = employee_refs_check(rq, NULL, &x, e);
    if (!rc)
        rc = employee_insert(rq->db, &x, rq->now, &x.id, e);
    if (!rc)
        rc = employee_record_get(rq->db, rq->a, x.id, today_of(rq).y, &saved, e);
    if (rc)
        return rc;
    jw_begin_text(&w);
    jw_object(&w, NULL);
    rc = record_write(rq, &saved, 1, &w, e);
    if (!rc && nik_warning) {
        jw_array(&w, "warnings");
        jw_str(&w, NULL, "nik_birth_date_mismatch");
        jw_end(&w);
    }
    jw_end(&w);
    if (rc) {
        jw_free(&w);
        return rc;
    }
    req_audit(rq, "employee.create", "employee", saved.id, NULL, employee_json(&saved, 0, today));
    return resp_json_w(rs, 201, &w);
}

/* security.md field-level rule: the full NIK for admins whose write scope covers the record.
 * Users are not linked to employee records yet, so an employee does not see the own NIK. */
static enum err_code nik_visible(const struct req *rq, const struct employee *x, int *show,
                                 struct err *e)
{
    enum err_code rc;

    *show = 0;
    if (role_has(rq, ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN) ||
        (rq->user && rq->user->employee_id == x->id)) {
        *show = 1;
        return ERR_OK;
    }
    if (!role_has(rq, ROLE_ADMIN_UNIT))
        return ERR_OK;
    rc = scope_unit_write(rq, x->unit_id, e);
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    *show = rc == ERR_OK;
    return rc;
}

static enum err_code api_employee(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee x;
    int64_t id;
    int show = 0;
    struct json_w w;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    jw_begin_text(&w);
    db_read_begin(rq->db); /* the record and its derived values: one snapshot, one lock */
    if (!rc)
        rc = employee_record_get(rq->db, rq->a, id, today_of(rq).y, &x, e);
    if (!rc)
        rc = scope_employee_read(rq, x.id, x.unit_id, e);
    if (!rc)
        rc = nik_visible(rq, &x, &show, e);
    if (!rc) {
        jw_object(&w, NULL);
        rc = record_write(rq, &x, show, &w, e);
        jw_end(&w);
    }
    db_read_end(rq->db);
    if (rc) {
        jw_free(&w);
        return rc;
    }
    if (show && rq->user->employee_id != x.id) /* an admin read the whole NIK (security.md) */
        req_audit(rq, "employee.nik_read", "employee", x.id, NULL, json_pack("{s:[s]}", "fields",
                                                                          "nik"));
    return resp_json_w(rs, 200, &w);
}

/* PATCH: an admin whose write scope covers the record edits its editable part (edit.c);
 * audited with the editable part before and after. A photo must be an image document of the
 * same employee. */
static enum err_code api_employee_patch(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee x, saved;
    struct employee_edit ed;
    int64_t id;
    int photo_ok = 1, show = 0;
    json_t *before;
    struct json_w w;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_get(rq->db, rq->a, id, &x, e);
    if (!rc)
        rc = scope_unit_write(rq, x.unit_id, e);
    if (!rc)
        rc = employee_edit_parse(rq->json, &ed, e);
    if (!rc && (ed.set & EMPLOYEE_EDIT_PHOTO) && ed.c.photo_document_id > 0)
        rc = employee_photo_ok(rq->db, x.id, ed.c.photo_document_id, &photo_ok, e);
    if (!rc && !photo_ok)
        return err_invalid(e, "photo_document_id", "Foto harus dokumen JPEG/PNG milik pegawai ini");
    if (rc)
        return rc;
    before = employee_edit_json(&x);
    employee_edit_apply(&x, &ed);
    rc = employee_edit_save(rq->db, &x, rq->now, e);
    if (!rc)
        rc = employee_record_get(rq->db, rq->a, id, today_of(rq).y, &saved, e);
    if (!rc)
        rc = nik_visible(rq, &saved, &show, e);
    jw_begin_text(&w);
    if (!rc) {
        jw_object(&w, NULL);
        rc = record_write(rq, &saved, show, &w, e);
        jw_end(&w);
    }
    if (rc) {
        jw_free(&w);
        json_decref(before);
        return rc;
    }
    req_audit(rq, "employee.update", "employee", id, before, employee_edit_json(&saved));
    return resp_json_w(rs, 200, &w);
}

static const char *const statuses[] = {"CPNS", "PNS", "PPPK", NULL};
static const char *const states[] = {"active", "cltn",     "seconded", "retired",
                                     "dismissed", "deceased", NULL};

static int one_of(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* The birth date bound of an age band: the day a person turns years old today (29 February
 * becomes 28 February in a common year). */
static const char *birth_bound(struct arena *a, struct employee_date today, int64_t years)
{
    struct employee_date d = today;
    char s[11];

    d.y = (int16_t)(today.y - years);
    if (!employee_date_valid(d))
        d.d = 28;
    employee_date_format(d, s);
    return arena_strdup(a, s);
}

/* position_kind, status, state, education_level, age_min/age_max (whole years as of today,
 * 0..150, min not above max) into qr. */
static enum err_code search_filters(struct req *rq, struct employee_query *qr, struct err *e)
{
    const char *amin = req_query(rq, "age_min"), *amax = req_query(rq, "age_max");
    struct employee_date today = today_of(rq);
    int64_t lo = -1, hi = -1;
    int known = 0;
    enum err_code rc;

    qr->position_kind = req_query(rq, "position_kind");
    if (qr->position_kind && *qr->position_kind &&
        org_position_kind_check(qr->position_kind, e) != ERR_OK)
        return err_invalid(e, "position_kind", "Jenis jabatan tidak dikenal");
    qr->status = req_query(rq, "status");
    if (qr->status && *qr->status && !one_of(statuses, qr->status))
        return err_invalid(e, "status", "Status harus CPNS, PNS atau PPPK");
    qr->state = req_query(rq, "state");
    if (qr->state && *qr->state && !one_of(states, qr->state))
        return err_invalid(e, "state",
                           "Keadaan harus salah satu dari: active, cltn, seconded,"
                           " retired, dismissed, deceased");
    qr->education_level = req_query(rq, "education_level");
    if (qr->education_level && *qr->education_level) {
        rc = employee_education_level_known(rq->db, qr->education_level, &known, e);
        if (rc)
            return rc;
        if (!known)
            return err_invalid(e, "education_level", "Tingkat pendidikan tidak dikenal");
    }
    if (amin && parse_int64(amin, strlen(amin), 0, 150, &lo))
        return err_invalid(e, "age_min", "age_min harus bilangan bulat 0..150");
    if (amax && parse_int64(amax, strlen(amax), 0, 150, &hi))
        return err_invalid(e, "age_max", "age_max harus bilangan bulat 0..150");
    if (lo >= 0 && hi >= 0 && lo > hi)
        return err_invalid(e, "age_max", "age_max tidak boleh lebih kecil dari age_min");
    qr->born_to = lo >= 0 ? birth_bound(rq->a, today, lo) : NULL;
    qr->born_after = hi >= 0 ? birth_bound(rq->a, today, hi + 1) : NULL;
    return ERR_OK;
}

static const char *const sorts[] = {"name", "nip", "golongan", "birth_date", NULL};

/* Query of the search, with the scope folded in: admin_unit its subtree, pegawai and atasan
 * their home unit only, the others everything; unit_id narrows to a unit and its sub-units. */
static enum err_code search_parse(struct req *rq, struct employee_query *qr, struct err *e)
{
    static const char *const keys[] = {"q", "unit_id", "golongan", "page", "per_page", "sort",
                                       "position_kind", "status", "state", "age_min", "age_max",
                                       "education_level", "format", NULL};
    const char *unit = req_query(rq, "unit_id");
    struct employee_golongan gol;
    int64_t root, filter = 0;
    int subtree, known = 0;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = req_paging(rq, &qr->page, &qr->per_page, e);
    if (rc)
        return rc;
    qr->q = req_query(rq, "q");
    if (qr->q && strlen(qr->q) > FIELD_TEXT_MAX)
        return err_invalid(e, "q", "Kata kunci terlalu panjang");
    if (qr->q && strlen(qr->q) == EMPLOYEE_NIK_LEN && strspn(qr->q, "0123456789") == EMPLOYEE_NIK_LEN) {
        /* a whole NIK: found through its blind index; who searched by one is audited (the
         * value is not stored) */
        char *bidx = arena_alloc(rq->a, FIELD_BLIND_HEX + 1);

        if (field_blind("employees.nik", qr->q, bidx) == 0) {
            qr->nik_bidx = bidx;
            req_audit(rq, "employee.nik_search", "employee", 0, NULL, NULL);
        }
    }
    qr->sort = req_query(rq, "sort") ? req_query(rq, "sort") : "name";
    for (const char *const *s = sorts; *s; s++)
        known |= strcmp(*s, qr->sort) == 0;
    if (!known)
        return err_invalid(e, "sort", "Urutan harus salah satu dari: " EMPLOYEE_SORTS);
    qr->golongan = req_query(rq, "golongan");
    if (qr->golongan && *qr->golongan) {
        rc = employee_golongan_get(rq->db, rq->a, qr->golongan, &gol, e);
        if (rc == ERR_NOT_FOUND)
            return err_invalid(e, "golongan", "Golongan tidak dikenal");
        if (rc)
            return rc;
    }
    rc = search_filters(rq, qr, e);
    if (rc)
        return rc;
    if (unit && parse_int64(unit, strlen(unit), 1, INT64_MAX, &filter))
        return err_invalid(e, "unit_id", "unit_id harus bilangan bulat positif");
    if (filter) {
        rc = scope_unit_read(rq, filter, e);
        if (rc)
            return rc;
    }
    scope_unit_root(rq, &root, &subtree);
    if (root < 0) { /* no home unit: an empty list (unit -1 matches nothing) */
        qr->unit_id = -1;
        return ERR_OK;
    }
    qr->unit_id = root == 0 || subtree ? (filter ? filter : root) : root;
    qr->subtree = root == 0 || subtree;
    return ERR_OK;
}

static enum err_code api_employees(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_query qr;
    struct employee *items;
    struct employee_date today = today_of(rq);
    size_t n;
    int64_t total;
    struct json_w w;
    enum err_code rc;

    memset(&qr, 0, sizeof qr);
    rc = search_parse(rq, &qr, e);
    if (!rc && req_query(rq, "format") && strcmp(req_query(rq, "format"), "json") != 0)
        return employee_export(rq, rs, &qr, req_query(rq, "format"), e); /* csv, xlsx */
    if (!rc && scope_employee_self(rq) != 0) { /* self-service: the own record or nothing */
        int64_t self = scope_employee_self(rq);

        items = arena_alloc(rq->a, sizeof *items);
        n = 0;
        if (self > 0) {
            rc = employee_get(rq->db, rq->a, self, items, e);
            n = rc ? 0 : 1;
            if (rc == ERR_NOT_FOUND)
                rc = ERR_OK;
        }
        total = (int64_t)n;
    } else if (!rc) {
        rc = employee_search(rq->db, rq->a, &qr, &items, &n, &total, e);
    }
    if (rc)
        return rc;
    jw_begin_text(&w);
    jw_object(&w, NULL);
    jw_array(&w, "items");
    for (size_t i = 0; i < n; i++) {
        jw_object(&w, NULL);
        employee_write(&w, &items[i], 0, today);
        jw_end(&w);
    }
    jw_end(&w);
    jw_int(&w, "total", total);
    jw_int(&w, "page", qr.page);
    jw_int(&w, "per_page", qr.per_page);
    jw_end(&w);
    return resp_json_w(rs, 200, &w);
}

const struct route employee_routes[] = {
    {HTTP_GET, "/api/v1/tools/nip/{nip}", api_nip_tool, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/employees", api_employees, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/employees", api_employee_create, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/employees/{id}", api_employee, ROLES_ANY, 0},
    {HTTP_PATCH, "/api/v1/employees/{id}", api_employee_patch, ROLES_ADMIN, ROUTE_WRITE},
    {0},
};
