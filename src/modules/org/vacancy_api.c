/* vacancy_api.c - GET /api/v1/reports/vacancies: the bezetting of a unit subtree (or of the
 * whole scope) per position, summed per unit and in total, as JSON or XLSX. Admins and
 * pimpinan; scope as GET /employees (scope_unit_filter: 404 outside it). No SQL here. */
#include "modules/org/org.h"

#include <string.h>

#include "auth/auth.h"
#include "report/report.h"

static json_t *sum_json(const struct org_vacancy_sum *s)
{
    return json_pack("{s:I,s:I,s:I,s:I}", "needed", (json_int_t)s->needed, "filled",
                     (json_int_t)s->filled, "vacant", (json_int_t)s->vacant, "over",
                     (json_int_t)s->over);
}

static json_t *position_json(const struct org_vacancy *v)
{
    return json_pack("{s:I,s:s,s:s,s:i,s:I,s:I,s:I,s:I}", "position_id", (json_int_t)v->position_id,
                     "name", v->position_name, "kind", v->kind, "kelas_jabatan", v->kelas_jabatan,
                     "needed", (json_int_t)v->needed, "filled", (json_int_t)v->filled, "vacant",
                     (json_int_t)v->vacant, "over", (json_int_t)v->over);
}

/* {"units":[{unit_id, unit_code, unit_name, needed.., positions:[..]}], "total":{..}} */
static json_t *vacancies_json(const struct org_vacancy *v, size_t n)
{
    struct org_vacancy_sum total = {0, 0, 0, 0};
    json_t *units = json_array();

    for (size_t i = 0; i < n;) {
        struct org_vacancy_sum sum = {0, 0, 0, 0};
        json_t *positions = json_array(), *u;
        size_t j = i;

        for (; j < n && v[j].unit_id == v[i].unit_id; j++) {
            org_vacancy_add(&sum, &v[j]);
            org_vacancy_add(&total, &v[j]);
            json_array_append_new(positions, position_json(&v[j]));
        }
        u = sum_json(&sum);
        json_object_set_new(u, "unit_id", json_integer((json_int_t)v[i].unit_id));
        json_object_set_new(u, "unit_code", json_string(v[i].unit_code));
        json_object_set_new(u, "unit_name", json_string(v[i].unit_name));
        json_object_set_new(u, "positions", positions);
        json_array_append_new(units, u);
        i = j;
    }
    return json_pack("{s:o,s:o}", "units", units, "total", sum_json(&total));
}

static const struct report_column cols[] = {
    {"Kode unit", 14, REPORT_TEXT}, {"Unit", 30, REPORT_TEXT},    {"Jabatan", 34, REPORT_TEXT},
    {"Jenis", 14, REPORT_TEXT},     {"Kelas", 6, REPORT_NUMBER},  {"Kebutuhan", 10, REPORT_NUMBER},
    {"Terisi", 8, REPORT_NUMBER},   {"Kurang", 8, REPORT_NUMBER}, {"Lebih", 8, REPORT_NUMBER},
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

static void put_row(struct report_cell *c, const char *code, const char *unit, const char *name,
                    const char *kind, int kelas, const struct org_vacancy_sum *s)
{
    memset(c, 0, NCOLS * sizeof *c);
    c[0].text = code;
    c[1].text = unit;
    c[2].text = name;
    c[3].text = kind;
    c[4].num = kelas;
    c[4].is_null = kelas == 0;
    c[5].num = s->needed;
    c[6].num = s->filled;
    c[7].num = s->vacant;
    c[8].num = s->over;
}

/* Positions, then a "Jumlah" row after each unit, then the total. */
static void vacancies_table(struct arena *a, const struct org_vacancy *v, size_t n,
                            struct report_table *t)
{
    struct report_cell *c = arena_alloc(a, (2 * n + 1) * NCOLS * sizeof *c);
    struct org_vacancy_sum total = {0, 0, 0, 0};
    size_t row = 0;

    for (size_t i = 0; i < n;) {
        struct org_vacancy_sum sum = {0, 0, 0, 0};
        size_t j = i;

        for (; j < n && v[j].unit_id == v[i].unit_id; j++) {
            struct org_vacancy_sum one = {0, 0, 0, 0};

            org_vacancy_add(&one, &v[j]);
            org_vacancy_add(&sum, &v[j]);
            put_row(c + row++ * NCOLS, v[j].unit_code, v[j].unit_name, v[j].position_name,
                    v[j].kind, v[j].kelas_jabatan, &one);
        }
        org_vacancy_add(&total, &(struct org_vacancy){.needed = sum.needed,
                                                      .filled = sum.filled,
                                                      .vacant = sum.vacant,
                                                      .over = sum.over});
        put_row(c + row++ * NCOLS, v[i].unit_code, v[i].unit_name, "Jumlah unit", NULL, 0, &sum);
        i = j;
    }
    put_row(c + row++ * NCOLS, NULL, "Jumlah seluruhnya", NULL, NULL, 0, &total);
    memset(t, 0, sizeof *t);
    t->title = "Formasi dan Bezetting";
    t->cols = cols;
    t->ncols = NCOLS;
    t->cells = c;
    t->nrows = row;
}

static enum err_code api_vacancies(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "format", NULL};
    struct org_vacancy *rows = NULL;
    struct report_table t;
    struct org_unit unit;
    enum report_format f;
    int64_t unit_id;
    size_t n = 0;
    int subtree;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = report_format_parse(req_query(rq, "format"),
                                 REPORT_ALLOW(REPORT_JSON) | REPORT_ALLOW(REPORT_XLSX), &f, e);
    if (!rc)
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit_id, &subtree, e);
    if (!rc && unit_id > 0)
        rc = org_unit_get(rq->db, rq->a, unit_id, &unit, e); /* 404 for a unit that is not */
    if (!rc && unit_id >= 0)
        rc = org_vacancy_rows(rq->db, rq->a, unit_id, subtree, &rows, &n, e);
    if (rc)
        return rc;
    if (f == REPORT_JSON)
        return resp_json(rs, 200, vacancies_json(rows, n));
    vacancies_table(rq->a, rows, n, &t);
    return report_respond(rs, f, &t, "bezetting", e);
}

const struct route org_vacancy_routes[] = {
    {HTTP_GET, "/api/v1/reports/vacancies", api_vacancies, ROLES_ADMIN | ROLE_PIMPINAN, 0},
    {0},
};
