/* api.c - calendar endpoints: the working-day count of a unit (any logged-in user), the
 * holidays and collective leave days (everyone logged in reads; admin_bkpsdm writes, one by
 * one or from a CSV file, all rows or none) and a unit's work week (admin_bkpsdm, or the
 * unit's admin_unit inside its scope). Handlers parse, check scope, call rules and store;
 * they hold no SQL. */
#include "modules/calendar/calendar.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/str.h"
#include "modules/employee/employee.h" /* employee_import_json: the one import report shape */
#include "report/csv_read.h"

#define IMPORT_MAX_ROWS 1000 /* a few years of holidays per file */

/* A positive id in the query parameter name; 422 naming it otherwise. */
static enum err_code query_id(const struct req *rq, const char *name, int64_t *out, struct err *e)
{
    const char *s = req_query(rq, name);

    if (!s || !*s)
        return err_invalid(e, name, "Kolom wajib diisi");
    if (parse_int64(s, strlen(s), 1, INT64_MAX, out))
        return err_invalid(e, name, "Harus bilangan bulat positif");
    return ERR_OK;
}

static enum err_code api_working_days(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "from", "to", NULL};
    const char *from = req_query(rq, "from"), *to = req_query(rq, "to");
    int64_t unit_id, df, dt;
    int n = 0;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = query_id(rq, "unit_id", &unit_id, e);
    if (rc)
        return rc;
    if (!from || calendar_day(from, &df))
        return err_invalid(e, "from", "Tanggal mulai harus berformat YYYY-MM-DD");
    if (!to || calendar_day(to, &dt))
        return err_invalid(e, "to", "Tanggal selesai harus berformat YYYY-MM-DD");
    if (dt < df)
        return err_invalid(e, "to", "Tanggal selesai tidak boleh sebelum tanggal mulai");
    if (dt - df + 1 > CALENDAR_RANGE_MAX)
        return err_invalid(e, "to", "Rentang tanggal paling lama 1830 hari (5 tahun)");
    rc = calendar_working_days(rq->db, unit_id, from, to, &n, e);
    if (rc)
        return rc;
    return resp_json(rs, 200,
                     json_pack("{s:I,s:s,s:s,s:i}", "unit_id", (json_int_t)unit_id, "from", from,
                               "to", to, "working_days", n));
}

/* ?year= (default: the year of rq->now); 422 naming "year" outside 1900..2999. */
static enum err_code year_param(const struct req *rq, int *year, struct err *e)
{
    const char *s = req_query(rq, "year");
    int64_t y;
    char today[32];

    if (!s) {
        clock_rfc3339(rq->now, today, sizeof today);
        s = today;
        today[4] = '\0';
    }
    if (parse_int64(s, strlen(s), 1900, 2999, &y))
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    *year = (int)y;
    return ERR_OK;
}

static enum err_code api_holidays(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"year", NULL};
    struct calendar_holiday *h = NULL;
    size_t n = 0;
    int year = 0, collective = 0;
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = year_param(rq, &year, e);
    if (!rc)
        rc = calendar_holidays_list(rq->db, rq->a, year, &h, &n, e);
    if (rc)
        return rc;
    items = json_array();
    for (size_t i = 0; i < n; i++) {
        collective += h[i].collective;
        json_array_append_new(items, calendar_holiday_json(&h[i]));
    }
    return resp_json(rs, 200,
                     json_pack("{s:i,s:o,s:I,s:i}", "year", year, "items", items, "total",
                               (json_int_t)n, "collective", collective));
}

static enum err_code api_holiday(struct req *rq, struct resp *rs, struct err *e)
{
    struct calendar_holiday h;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = calendar_holiday_get(rq->db, rq->a, id, &h, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, calendar_holiday_json(&h));
}

/* 409 duplicate_date when another holiday (not self) is on date. */
static enum err_code date_free(struct req *rq, const char *date, int64_t self, struct err *e)
{
    int64_t other = 0;
    enum err_code rc = calendar_holiday_on(rq->db, date, &other, e);

    if (!rc && other && other != self)
        return err_set(e, ERR_CONFLICT, "duplicate_date", "date",
                       "Tanggal ini sudah terdaftar sebagai hari libur");
    return rc;
}

static int body_bool(const struct req *rq, const char *name, int dflt)
{
    json_t *v = rq->json ? json_object_get(rq->json, name) : NULL;

    return v && json_is_boolean(v) ? json_is_true(v) : dflt;
}

static const struct json_field holiday_fields[] = {
    {"date", JF_STRING, 1, 10, 0, 0},
    {"name", JF_STRING, 1, CALENDAR_NAME_MAX, 0, 0},
    {"collective", JF_BOOL, 0, 0, 0, 0},
    {0},
};

static enum err_code api_holiday_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct calendar_holiday h;
    enum err_code rc = json_body_check(rq, holiday_fields, e);

    if (rc)
        return rc;
    memset(&h, 0, sizeof h);
    h.date = json_body_str(rq, "date");
    h.name = json_body_str(rq, "name");
    h.collective = body_bool(rq, "collective", 0);
    h.created_at = rq->now;
    h.created_by = rq->user->id;
    rc = calendar_holiday_check(h.date, h.name, e);
    if (!rc)
        rc = date_free(rq, h.date, 0, e);
    if (!rc)
        rc = calendar_holiday_insert(rq->db, &h, e);
    if (rc)
        return rc;
    req_audit(rq, "holiday.create", "holiday", h.id, NULL, calendar_holiday_json(&h));
    return resp_json(rs, 201, calendar_holiday_json(&h));
}

static const struct json_field holiday_patch_fields[] = {
    {"date", JF_STRING, 0, 10, 0, 0},
    {"name", JF_STRING, 0, CALENDAR_NAME_MAX, 0, 0},
    {"collective", JF_BOOL, 0, 0, 0, 0},
    {0},
};

static enum err_code api_holiday_update(struct req *rq, struct resp *rs, struct err *e)
{
    struct calendar_holiday h, old;
    int64_t id;
    enum err_code rc = json_body_check(rq, holiday_patch_fields, e);

    if (!rc && (!rq->json || json_object_size(rq->json) == 0))
        rc = err_invalid(e, NULL, "Tidak ada data yang diubah");
    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = calendar_holiday_get(rq->db, rq->a, id, &h, e);
    if (rc)
        return rc;
    old = h;
    if (json_body_str(rq, "date"))
        h.date = json_body_str(rq, "date");
    if (json_body_str(rq, "name"))
        h.name = json_body_str(rq, "name");
    h.collective = body_bool(rq, "collective", h.collective);
    rc = calendar_holiday_check(h.date, h.name, e);
    if (!rc)
        rc = date_free(rq, h.date, h.id, e);
    if (!rc)
        rc = calendar_holiday_update(rq->db, &h, e);
    if (rc)
        return rc;
    req_audit(rq, "holiday.update", "holiday", h.id, calendar_holiday_json(&old),
              calendar_holiday_json(&h));
    return resp_json(rs, 200, calendar_holiday_json(&h));
}

static enum err_code api_holiday_delete(struct req *rq, struct resp *rs, struct err *e)
{
    struct calendar_holiday h;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = calendar_holiday_get(rq->db, rq->a, id, &h, e);
    if (!rc)
        rc = calendar_holiday_delete(rq->db, id, e);
    if (rc)
        return rc;
    req_audit(rq, "holiday.delete", "holiday", id, calendar_holiday_json(&h), NULL);
    resp_status(rs, 204);
    return ERR_OK;
}

/* ---- CSV import: date,name,collective ---- */

enum { COL_DATE, COL_NAME, COL_COLLECTIVE, NCOLS };

static const struct csv_col import_cols[NCOLS] = {
    [COL_DATE] = {"date", "tanggal", CSV_COL_REQUIRED | CSV_COL_DATE_DMY},
    [COL_NAME] = {"name", "nama", CSV_COL_REQUIRED},
    [COL_COLLECTIVE] = {"collective", "cuti_bersama", 0},
};

/* collective: empty, 0/1, true/false, ya/tidak (any case); -1 otherwise. */
static int parse_flag(const char *s)
{
    static const char *const yes[] = {"1", "true", "ya", "y"};
    static const char *const no[] = {"0", "false", "tidak", "t", "n"};

    if (!s)
        return 0;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (str_ieq(s, yes[i]))
            return 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (str_ieq(s, no[i]))
            return 0;
    return -1;
}

/* One row into h: 0 good, 1 bad (recorded in rep), -1 storage error in e. rows[0..n) are
 * the good rows before it (for dates repeated in the file). */
static int check_row(struct req *rq, const struct csv_row *row, const struct calendar_holiday *rows,
                     const long *lines, size_t n, struct calendar_holiday *h,
                     struct csv_report *rep, struct err *e)
{
    const char *date = row->values[COL_DATE];
    int64_t other = 0;
    char msg[96];

    memset(h, 0, sizeof *h);
    h->date = date;
    h->name = row->values[COL_NAME];
    h->collective = parse_flag(row->values[COL_COLLECTIVE]);
    h->created_at = rq->now;
    h->created_by = rq->user->id;
    if (calendar_holiday_check(h->date, h->name, e)) {
        csv_report_add(rep, row->line, e->field, e->msg);
        return 1;
    }
    if (h->collective < 0) {
        csv_report_add(rep, row->line, "collective", "Isi dengan 1/0, true/false atau ya/tidak");
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].date, date) == 0) {
            snprintf(msg, sizeof msg, "Tanggal sama dengan baris %ld di berkas ini", lines[i]);
            csv_report_add(rep, row->line, "date", msg);
            return 1;
        }
    if (calendar_holiday_on(rq->db, date, &other, e))
        return -1;
    if (other) {
        csv_report_add(rep, row->line, "date", "Tanggal ini sudah terdaftar sebagai hari libur");
        return 1;
    }
    return 0;
}

static enum err_code import_csv(struct req *rq, struct employee_import *imp, struct err *e)
{
    struct csv_read_options o = {0};
    struct calendar_holiday *rows = arena_alloc(rq->a, IMPORT_MAX_ROWS * sizeof *rows);
    long *lines = arena_alloc(rq->a, IMPORT_MAX_ROWS * sizeof *lines);
    struct csv_reader *r;
    struct csv_row row;
    size_t n = 0;
    int got;

    o.max_rows = IMPORT_MAX_ROWS;
    r = csv_reader_open(rq->a, rq->body ? rq->body : "", rq->body_len, &o, import_cols, NCOLS,
                        imp->rep);
    if (!r)
        return ERR_OK;
    while ((got = csv_reader_next(r, &row)) == 1) {
        int bad = check_row(rq, &row, rows, lines, n, &rows[n], imp->rep, e);

        if (bad < 0)
            return e->code;
        if (bad)
            continue;
        rows[n].date = arena_strdup(rq->a, rows[n].date);
        rows[n].name = arena_strdup(rq->a, rows[n].name);
        lines[n++] = row.line;
    }
    if (got < 0 || imp->dry_run || imp->rep->errors_total > 0)
        return ERR_OK;
    for (size_t i = 0; i < n; i++) {
        enum err_code rc = calendar_holiday_insert(rq->db, &rows[i], e);

        if (rc)
            return rc;
    }
    imp->imported = (long)n;
    return ERR_OK;
}

static enum err_code api_holiday_import(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_import imp;
    enum err_code rc = employee_import_begin(rq, &imp, e);

    if (rc)
        return rc;
    imp.rep = arena_alloc(rq->a, sizeof *imp.rep);
    csv_report_init(imp.rep, rq->a, 0);
    rc = import_csv(rq, &imp, e);
    if (rc)
        return rc;
    if (imp.imported > 0)
        req_audit(rq, "holiday.import", "holiday", 0, NULL,
                  json_pack("{s:I,s:I}", "rows", (json_int_t)imp.rep->rows, "imported",
                            (json_int_t)imp.imported));
    else
        rq->no_audit = 1; /* a dry run, or errors: nothing was written */
    return resp_json(rs, 200, employee_import_json(&imp));
}

/* ---- a unit's work week ---- */

static json_t *week_json(int64_t unit_id, int work_days)
{
    return json_pack("{s:I,s:i}", "unit_id", (json_int_t)unit_id, "work_days", work_days);
}

static enum err_code api_week(struct req *rq, struct resp *rs, struct err *e)
{
    int64_t id;
    int week = 0;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = calendar_unit_week(rq->db, id, &week, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, week_json(id, week));
}

static const struct json_field week_fields[] = {
    {"work_days", JF_INT, 1, 0, 0, 7},
    {0},
};

static enum err_code api_week_set(struct req *rq, struct resp *rs, struct err *e)
{
    int64_t id, want = 0;
    int old = 0;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = scope_unit_write(rq, id, e);
    if (!rc)
        rc = calendar_unit_week(rq->db, id, &old, e);
    if (!rc)
        rc = json_body_check(rq, week_fields, e);
    if (!rc) {
        want = json_body_int(rq, "work_days", 0);
        rc = calendar_work_days_check(want, e);
    }
    if (rc)
        return rc;
    if (want == old) {
        rq->no_audit = 1;
        return resp_json(rs, 200, week_json(id, old));
    }
    rc = calendar_unit_week_set(rq->db, id, (int)want, e);
    if (rc)
        return rc;
    req_audit(rq, "unit.work_days", "unit", id, week_json(id, old), week_json(id, (int)want));
    return resp_json(rs, 200, week_json(id, (int)want));
}

/* ---- Ramadan period ---- */

static json_t *ramadan_json(int year, const char *start, const char *end)
{
    return json_pack("{s:i,s:o,s:o}", "year", year, "start_date", json_str_or_null(start),
                     "end_date", json_str_or_null(end));
}

/* The {year} of the path, 1900..2999; 422 naming "year" otherwise. */
static enum err_code path_year(struct req *rq, int *year, struct err *e)
{
    int64_t y;
    enum err_code rc = req_param_id(rq, 0, &y, e);

    if (rc || y < 1900 || y > 2999)
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    *year = (int)y;
    return ERR_OK;
}

static enum err_code api_ramadan(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"year", NULL};
    const char *start = NULL, *end = NULL;
    int year = 0, found = 0;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = year_param(rq, &year, e);
    if (!rc)
        rc = calendar_ramadan_get(rq->db, rq->a, year, &start, &end, &found, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, ramadan_json(year, start, end));
}

static const struct json_field ramadan_fields[] = {
    {"start_date", JF_STRING, 1, 10, 0, 0},
    {"end_date", JF_STRING, 1, 10, 0, 0},
    {0},
};

/* PUT /ramadan/{year} sets the period, DELETE removes it; audited with before and after. */
static enum err_code ramadan_write(struct req *rq, struct resp *rs, int remove, struct err *e)
{
    const char *old_start = NULL, *old_end = NULL, *start = NULL, *end = NULL;
    int year = 0, found = 0;
    enum err_code rc = path_year(rq, &year, e);

    if (!rc && !remove)
        rc = json_body_check(rq, ramadan_fields, e);
    if (!rc && !remove) {
        start = json_body_str(rq, "start_date");
        end = json_body_str(rq, "end_date");
        rc = calendar_ramadan_check(year, start, end, e);
    }
    if (!rc)
        rc = calendar_ramadan_get(rq->db, rq->a, year, &old_start, &old_end, &found, e);
    if (!rc && remove && !found)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Periode Ramadan tahun ini belum diatur");
    if (!rc)
        rc = calendar_ramadan_set(rq->db, year, start, end, e);
    if (rc)
        return rc;
    req_audit(rq, remove ? "ramadan.delete" : "ramadan.set", "ramadan", year,
              found ? ramadan_json(year, old_start, old_end) : NULL,
              remove ? NULL : ramadan_json(year, start, end));
    return resp_json(rs, 200, ramadan_json(year, start, end));
}

static enum err_code api_ramadan_set(struct req *rq, struct resp *rs, struct err *e)
{
    return ramadan_write(rq, rs, 0, e);
}

static enum err_code api_ramadan_delete(struct req *rq, struct resp *rs, struct err *e)
{
    return ramadan_write(rq, rs, 1, e);
}

const struct route calendar_routes[] = {
    {HTTP_GET, "/api/v1/ramadan", api_ramadan, ROLES_ANY, 0},
    {HTTP_PUT, "/api/v1/ramadan/{id}", api_ramadan_set, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_DELETE, "/api/v1/ramadan/{id}", api_ramadan_delete, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/calendar/working-days", api_working_days, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/holidays", api_holidays, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/holidays", api_holiday_create, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/holidays/import", api_holiday_import, ROLE_ADMIN_BKPSDM,
     ROUTE_WRITE | ROUTE_RAW_BODY, LIMIT_IMPORT_BYTES},
    {HTTP_GET, "/api/v1/holidays/{id}", api_holiday, ROLES_ANY, 0},
    {HTTP_PATCH, "/api/v1/holidays/{id}", api_holiday_update, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_DELETE, "/api/v1/holidays/{id}", api_holiday_delete, ROLE_ADMIN_BKPSDM, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/units/{id}/work-days", api_week, ROLES_ANY, 0},
    {HTTP_PUT, "/api/v1/units/{id}/work-days", api_week_set, ROLE_ADMIN_BKPSDM | ROLE_ADMIN_UNIT,
     ROUTE_WRITE},
    {0},
};
