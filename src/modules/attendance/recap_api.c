/* recap_api.c - GET /api/v1/attendance/recap (the month per employee of a unit and its
 * sub-units, or the own row for a pegawai; JSON paged with totals over every row, or XLSX of
 * every row through src/report) and GET /api/v1/attendance/discipline (who reached a
 * threshold of domain.md §11 in a year). */
#include "modules/attendance/attendance.h"
#include "modules/attendance/attendance_int.h"

#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "report/report.h"

/* ---- the month recap ---- */

static const struct report_column recap_cols[] = {
    {"NIP", 20, REPORT_TEXT},
    {"Nama", 30, REPORT_TEXT},
    {"Unit", 30, REPORT_TEXT},
    {"Hari kerja", 10, REPORT_NUMBER},
    {"Hadir", 8, REPORT_NUMBER},
    {"Terlambat (menit)", 12, REPORT_NUMBER},
    {"Pulang cepat (menit)", 12, REPORT_NUMBER},
    {"Jam kerja (menit)", 12, REPORT_NUMBER},
    {"Wajib (menit)", 12, REPORT_NUMBER},
    {"Tanpa keterangan (hari)", 12, REPORT_NUMBER},
    {"Cuti (hari)", 8, REPORT_NUMBER},
    {"Dinas (hari)", 8, REPORT_NUMBER},
};
#define RECAP_NCOLS ((int)(sizeof recap_cols / sizeof recap_cols[0]))

/* report_table.row of the recap: row r made on demand, so that the XLSX of a whole
 * government never holds 100,000 x 12 cells at once. */
struct recap_rows {
    const struct att_recap_row *rows;
};

static void recap_row(void *ctx, size_t r, struct report_cell *c)
{
    const struct att_recap_row *row = &((const struct recap_rows *)ctx)->rows[r];
    const struct attendance_month *m = &row->m;
    const int nums[] = {m->working_days,  m->present_days,   m->late_minutes,
                        m->early_minutes, m->worked_minutes, m->required_minutes,
                        m->absent_days,   m->leave_days,     m->duty_days};

    c[0].text = row->nip;
    c[1].text = row->name;
    c[2].text = row->unit_name;
    for (int k = 0; k < 9; k++)
        c[3 + k].num = nums[k];
}

static enum err_code recap_xlsx(struct req *rq, struct resp *rs, const char *month,
                                const struct att_recap_row *rows, size_t n, struct err *e)
{
    struct report_table t = {0};
    struct recap_rows *src;

    if (n > LIMIT_EXPORT_ROWS)
        return err_set(e, ERR_TOO_LARGE, "too_many_rows", NULL, "Terlalu banyak baris");
    src = arena_alloc(rq->a, sizeof *src);
    src->rows = rows;
    t.title = "Rekap Presensi Bulanan";
    t.subtitle = arena_printf(rq->a, "Bulan %s", month);
    t.cols = recap_cols;
    t.ncols = RECAP_NCOLS;
    t.row = recap_row;
    t.row_ctx = src;
    t.nrows = n;
    return report_respond(rs, REPORT_XLSX, &t, arena_printf(rq->a, "rekap-presensi-%s", month), e);
}

enum err_code att_api_recap(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "month", "format", "page", "per_page", NULL};
    struct att_recap_row *rows = NULL;
    struct attendance_month sum;
    enum report_format f = REPORT_JSON;
    size_t n = 0;
    int64_t unit = 0, page, per_page, self = scope_employee_self(rq);
    int subtree = 0;
    const char *month = NULL;
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = att_month_param(rq, &month, e);
    if (!rc)
        rc = report_format_parse(req_query(rq, "format"),
                                 REPORT_ALLOW(REPORT_JSON) | REPORT_ALLOW(REPORT_XLSX), &f, e);
    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc && !self)
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit, &subtree, e);
    if (rc)
        return rc;
    if (self && req_query(rq, "unit_id"))
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    if (self > 0 || (self == 0 && unit >= 0)) {
        db_read_begin(rq->db);
        rc = att_recap(rq->db, rq->a, self > 0 ? self : 0, self > 0 ? 0 : unit, subtree, month,
                       att_today_local(rq, OFFSET_WIB), &rows, &n, e);
        db_read_end(rq->db);
        db_release_memory(rq->db); /* a whole government's month: every record of it */
    }
    if (rc)
        return rc;
    if (f == REPORT_XLSX)
        return recap_xlsx(rq, rs, month, rows, n, e);
    memset(&sum, 0, sizeof sum);
    items = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct attendance_month *m = &rows[i].m;

        sum.working_days += m->working_days;
        sum.present_days += m->present_days;
        sum.late_minutes += m->late_minutes;
        sum.early_minutes += m->early_minutes;
        sum.worked_minutes += m->worked_minutes;
        sum.required_minutes += m->required_minutes;
        sum.absent_days += m->absent_days;
        sum.leave_days += m->leave_days;
        sum.duty_days += m->duty_days;
        if ((int64_t)i >= (page - 1) * per_page && (int64_t)i < page * per_page) {
            json_t *j = att_month_json(m);

            json_object_set_new(j, "employee_id", json_integer(m->employee_id));
            json_object_set_new(j, "nip", json_string(rows[i].nip ? rows[i].nip : ""));
            json_object_set_new(j, "name", json_string(rows[i].name ? rows[i].name : ""));
            json_object_set_new(j, "unit_id", json_integer(rows[i].unit_id));
            json_object_set_new(j, "unit_name",
                                json_string(rows[i].unit_name ? rows[i].unit_name : ""));
            json_object_set_new(j, "weeks", att_weeks_json(&rows[i]));
            json_array_append_new(items, j);
        }
    }
    return resp_json(rs, 200,
                     json_pack("{s:s,s:o,s:o,s:o,s:I,s:I,s:I,s:i}", "month", month, "unit_id",
                               self || unit <= 0 ? json_null() : json_integer(unit), "totals",
                               att_month_json(&sum), "items", items, "total", (json_int_t)n, "page",
                               (json_int_t)page, "per_page", (json_int_t)per_page, "week_minutes",
                               ATT_WEEK_MINUTES));
}

/* ---- discipline: who reached a §11 threshold this year ---- */

enum err_code att_api_discipline(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "year", NULL};
    struct att_discipline_row *rows = NULL;
    size_t n = 0;
    int64_t unit = 0, year;
    int subtree = 0;
    const char *today = att_today_local(rq, OFFSET_WIB), *ys = req_query(rq, "year");
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (rc)
        return rc;
    if (!ys)
        year = strtol(today, NULL, 10);
    else if (parse_int64(ys, strlen(ys), 1900, 2999, &year))
        return err_invalid(e, "year", "Tahun harus 1900 sampai 2999");
    rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit, &subtree, e);
    if (!rc && unit >= 0) {
        db_read_begin(rq->db);
        rc = att_discipline_list(rq->db, rq->a, unit, subtree, (int)year, today, &rows, &n, e);
        db_read_end(rq->db);
    }
    if (rc)
        return rc;
    items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            items,
            json_pack("{s:I,s:s,s:s,s:I,s:s,s:i,s:i,s:s,s:s,s:b}", "employee_id",
                      (json_int_t)rows[i].employee_id, "nip", rows[i].nip, "name", rows[i].name,
                      "unit_id", (json_int_t)rows[i].unit_id, "unit_name", rows[i].unit_name,
                      "absent_days", rows[i].absent_days, "max_consecutive",
                      rows[i].max_consecutive, "level", att_discipline_code(rows[i].r.level),
                      "sanction", att_discipline_text(rows[i].r.level), "salary_stop",
                      rows[i].r.salary_stop));
    return resp_json(rs, 200,
                     json_pack("{s:I,s:o,s:I}", "year", (json_int_t)year, "items", items, "total",
                               (json_int_t)n));
}
