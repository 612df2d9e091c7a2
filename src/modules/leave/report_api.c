/* report_api.c - the leave outputs (docs/api-leave-reports.md): the leave letter of an
 * approved request as PDF (readers as GET /leave-requests/{id}), the leave calendar of a unit
 * and the yearly recap per unit as XLSX (supervisors, pimpinan and admins with the unit in
 * read scope). Handlers hold no SQL (report.c) and no rule (rules.c, letter.c). */
#include "modules/leave/leave_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/employee/employee.h"
#include "modules/leave/leave.h"
#include "modules/org/org.h"
#include "report/report.h"

#define REPORT_ROLES (ROLE_ATASAN | ROLE_PIMPINAN | ROLES_ADMIN)
#define CAL_MAX_DAYS 366

static const char *today(struct req *rq)
{
    char *day = arena_alloc(rq->a, 11);

    leave_day_format(rq->now / 86400, day);
    return day;
}

/* "Pemerintah Kota Demo" → "Demo": the place on the letter's date line. */
static const char *place_of(const char *government)
{
    static const char *const prefixes[] = {"Pemerintah Kota ", "Pemerintah Kabupaten ",
                                           "Pemerintah Provinsi "};

    for (size_t i = 0; government && i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(government, prefixes[i], strlen(prefixes[i])) == 0)
            return government + strlen(prefixes[i]);
    return NULL;
}

static const char *rank_text(struct arena *a, const struct employee *x)
{
    if (!x->golongan)
        return NULL;
    if (!x->pangkat)
        return x->golongan;
    return arena_printf(a, "%s, %s", x->pangkat, x->golongan);
}

static const char *full_name(struct arena *a, const struct employee *x)
{
    return arena_printf(a, "%s%s%s%s%s", x->gelar_depan ? x->gelar_depan : "",
                        x->gelar_depan ? " " : "", x->name, x->gelar_belakang ? ", " : "",
                        x->gelar_belakang ? x->gelar_belakang : "");
}

/* The letter's N-2, N-1, N rows from the balances of those years. */
static enum err_code balance_rows(struct req *rq, int64_t employee_id, int year,
                                  struct leave_letter_balance out[3], struct err *e)
{
    struct leave_balance b[3];

    for (int i = 0; i < 3; i++) {
        enum err_code rc = leave_balance_get(rq->db, rq->a, employee_id, year - 2 + i, &b[i], e);

        if (rc)
            return rc;
        out[i].year = year - 2 + i;
        out[i].remaining = b[i].available;
    }
    out[0].note = arena_printf(rq->a, "hak %d, diambil %d", b[0].entitlement, b[0].taken);
    out[1].note = arena_printf(rq->a, "dibawa ke %d: %d hari", year, b[2].carried_over);
    out[2].note = arena_printf(
        rq->a, "hak %d + sisa %d, diambil %d%s", b[2].entitlement, b[2].carried_over, b[2].taken,
        b[2].pending ? arena_printf(rq->a, ", menunggu %d", b[2].pending) : "");
    return ERR_OK;
}

static enum err_code api_letter(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_request r;
    struct employee x;
    struct employee_government gov;
    struct leave_signer s;
    struct leave_letter l;
    char *body = NULL;
    size_t len = 0;
    int64_t id, start;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = leave_request_read(rq, id, &r, e);
    if (rc)
        return rc;
    if (strcmp(r.status, "approved") != 0)
        return err_set(e, ERR_CONFLICT, "leave_not_approved", NULL,
                       "Surat izin cuti hanya dibuat untuk permohonan yang sudah disetujui");
    memset(&l, 0, sizeof l);
    rc = employee_get(rq->db, rq->a, r.employee_id, &x, e);
    if (!rc)
        rc = employee_government(rq->db, rq->a, &gov, e);
    if (!rc)
        rc = leave_report_opd(rq->db, rq->a, r.unit_id, &l.issuer, e);
    if (!rc)
        rc = leave_report_signer(rq->db, rq->a, r.id, &s, e);
    if (!rc && leave_day(r.start_date, &start) != 0)
        rc = err_internal(e, "letter: bad start_date");
    if (!rc)
        rc = balance_rows(rq, r.employee_id, leave_day_year(start), l.balance, e);
    if (rc)
        return rc;
    l.org_name = gov.name;
    l.place = place_of(gov.name);
    l.number = r.letter_number;
    l.issued_on = s.approved_on;
    l.type = r.type;
    l.status = x.status;
    l.name = full_name(rq->a, &x);
    l.nip = x.nip;
    l.rank = rank_text(rq->a, &x);
    l.position = x.position_name;
    l.unit = x.unit_name;
    l.start_date = r.start_date;
    l.end_date = r.end_date;
    l.working_days = r.working_days;
    l.address = r.address;
    l.phone = r.phone;
    l.signer_name = s.name ? s.name : (s.bkpsdm ? "BKPSDM" : NULL);
    l.signer_nip = s.nip;
    l.signer_position = s.position_name;
    if (s.bkpsdm) { /* "a.n. Kepala <the BKPSDM unit>" above the decider's own post */
        struct org_unit bu;
        const char *head = "BKPSDM";

        if (org_unit_by_code(rq->db, rq->a, "BKPSDM", &bu, e) == ERR_OK)
            head = bu.name;
        err_clear(e);
        l.signer_position =
            arena_printf(rq->a, "a.n. Kepala %s%s%s", head, s.position_name ? "\n" : "",
                         s.position_name ? s.position_name : "");
    }
    if (s.acting)
        l.signer_acting = strcmp(s.acting, "plh") == 0 ? "Plh." : "Plt.";
    rc = leave_letter_pdf(&l, 0, &body, &len, e);
    if (rc)
        return rc;
    report_attach(rs, REPORT_PDF, body, len,
                  arena_printf(rq->a, "surat-izin-cuti-%s-%lld", x.nip, (long long)r.id));
    return ERR_OK;
}

/* The unit of the path in read scope, and whether its sub-units count: subunits=true is
 * honoured for users whose scope covers the subtree (admins of the unit, pimpinan, BKPSDM),
 * else only the unit itself is shown (the answer says which). */
static enum err_code unit_scope(struct req *rq, struct org_unit *u, int *subtree, struct err *e)
{
    const char *sub = req_query(rq, "subunits");
    int64_t id, root;
    int root_subtree;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = scope_unit_read(rq, id, e);
    if (!rc)
        rc = org_unit_get(rq->db, rq->a, id, u, e);
    if (rc)
        return rc;
    if (sub && strcmp(sub, "true") != 0 && strcmp(sub, "false") != 0)
        return err_invalid(e, "subunits", "subunits harus true atau false");
    scope_unit_root(rq, &root, &root_subtree);
    *subtree = sub && strcmp(sub, "true") == 0 && (root == 0 || root_subtree);
    return ERR_OK;
}

static enum err_code date_param(struct req *rq, const char *key, const char *dflt, int64_t *day,
                                const char **text, struct err *e)
{
    const char *v = req_query(rq, key);

    *text = v ? v : dflt;
    if (leave_day(*text, day) != 0)
        return err_invalid(e, key, "Tanggal harus berformat YYYY-MM-DD");
    return ERR_OK;
}

static json_t *cal_row_json(const struct leave_cal_row *r)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:i}", "request_id",
                     (json_int_t)r->request_id, "employee_id", (json_int_t)r->employee_id,
                     "employee_name", r->employee_name, "employee_nip", r->employee_nip, "unit_id",
                     (json_int_t)r->unit_id, "unit_name", r->unit_name, "type", r->type,
                     "start_date", r->start_date, "end_date", r->end_date, "status", r->status,
                     "working_days", r->working_days);
}

static enum err_code api_calendar(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"from", "to", "subunits", NULL};
    struct org_unit u;
    struct leave_cal_row *rows = NULL;
    size_t n = 0;
    int subtree = 0;
    int64_t from, to, now_day = rq->now / 86400;
    const char *from_s, *to_s;
    char first[11], last[11];
    json_t *items, *days, *out;
    enum err_code rc = req_query_allow(rq, keys, e);

    /* default: the current month; "to" alone defaults to the end of from's month */
    leave_day_format(now_day, first);
    memcpy(first + 8, "01", 3);
    if (!rc)
        rc = unit_scope(rq, &u, &subtree, e);
    if (!rc)
        rc = date_param(rq, "from", first, &from, &from_s, e);
    if (!rc) {
        int64_t month_start;

        leave_day_format(from, first);
        memcpy(first + 8, "01", 3);
        (void)leave_day(first, &month_start);
        leave_day_format(leave_add_months(month_start, 1) - 1, last);
        rc = date_param(rq, "to", arena_strdup(rq->a, last), &to, &to_s, e);
    }
    if (!rc && to < from)
        rc = err_invalid(e, "to", "Tanggal akhir tidak boleh sebelum tanggal awal");
    if (!rc && to - from + 1 > CAL_MAX_DAYS)
        rc = err_invalid(e, "to", "Rentang paling panjang 366 hari");
    if (!rc)
        rc = leave_calendar_rows(rq->db, rq->a, u.id, subtree, from_s, to_s, &rows, &n, e);
    if (!rc && n > LEAVE_CAL_MAX)
        rc = err_invalid(e, "to", "Terlalu banyak cuti dalam rentang ini; persempit tanggalnya");
    if (rc)
        return rc;
    items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, cal_row_json(&rows[i]));
    days = json_array();
    for (int64_t d = from; d <= to; d++) {
        char date[11];
        int away = 0, pending = 0;

        leave_day_format(d, date);
        for (size_t i = 0; i < n; i++) {
            if (strcmp(rows[i].start_date, date) > 0 || strcmp(rows[i].end_date, date) < 0)
                continue;
            if (strcmp(rows[i].status, "approved") == 0)
                away++;
            else
                pending++;
        }
        json_array_append_new(
            days, json_pack("{s:s,s:i,s:i}", "date", date, "away", away, "pending", pending));
    }
    out = json_pack("{s:I,s:s,s:b,s:s,s:s,s:o,s:o,s:I}", "unit_id", (json_int_t)u.id, "unit_name",
                    u.name, "subunits", subtree, "from", from_s, "to", to_s, "days", days, "items",
                    items, "total", (json_int_t)n);
    return resp_json(rs, 200, out);
}

static const struct report_column recap_cols[] = {
    {"NIP", 20, REPORT_TEXT},
    {"Nama", 30, REPORT_TEXT},
    {"Unit kerja", 28, REPORT_TEXT},
    {"Hak cuti tahunan", 10, REPORT_NUMBER},
    {"Sisa tahun lalu", 10, REPORT_NUMBER},
    {"Cuti tahunan", 10, REPORT_NUMBER},
    {"Cuti besar", 10, REPORT_NUMBER},
    {"Cuti sakit", 10, REPORT_NUMBER},
    {"Cuti melahirkan", 10, REPORT_NUMBER},
    {"Cuti alasan penting", 10, REPORT_NUMBER},
    {"Cuti bersama", 10, REPORT_NUMBER},
    {"CLTN", 10, REPORT_NUMBER},
    {"Menunggu persetujuan", 10, REPORT_NUMBER},
    {"Sisa cuti tahunan", 10, REPORT_NUMBER},
};
#define RECAP_NCOLS ((int)(sizeof recap_cols / sizeof recap_cols[0]))

static struct report_cell num(int64_t n)
{
    struct report_cell c = {NULL, n, 0};

    return c;
}

static struct report_cell text(const char *s)
{
    struct report_cell c = {s, 0, 0};

    return c;
}

static enum err_code api_recap(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"year", "subunits", NULL};
    static const enum leave_type by_type[] = {LEAVE_TAHUNAN,    LEAVE_BESAR,          LEAVE_SAKIT,
                                              LEAVE_MELAHIRKAN, LEAVE_ALASAN_PENTING, LEAVE_BERSAMA,
                                              LEAVE_CLTN};
    struct org_unit u;
    struct employee_government gov;
    struct leave_recap_row *rows = NULL;
    struct report_cell *cells;
    struct report_table t;
    size_t n = 0;
    int subtree = 0, year = leave_day_year(rq->now / 86400);
    const char *y = req_query(rq, "year");
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc && y) {
        char *end;
        long v = strtol(y, &end, 10);

        if (*end || end == y || v < 1900 || v > 9999)
            rc = err_invalid(e, "year", "Tahun harus antara 1900 dan 9999");
        year = (int)v;
    }
    if (!rc)
        rc = unit_scope(rq, &u, &subtree, e);
    if (!rc)
        rc = employee_government(rq->db, rq->a, &gov, e);
    if (!rc)
        rc = leave_recap_rows(rq->db, rq->a, u.id, subtree, year, &rows, &n, e);
    if (!rc && n > LEAVE_RECAP_MAX)
        rc = err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                     "Laporan terlalu besar; pilih unit yang lebih kecil");
    if (rc)
        return rc;
    cells = arena_alloc(rq->a, (n ? n : 1) * RECAP_NCOLS * sizeof *cells);
    for (size_t i = 0; i < n; i++) {
        struct report_cell *c = cells + i * RECAP_NCOLS;
        struct leave_balance b;

        rc = leave_balance_get(rq->db, rq->a, rows[i].employee_id, year, &b, e);
        if (rc)
            return rc;
        c[0] = text(rows[i].nip);
        c[1] = text(rows[i].name);
        c[2] = text(rows[i].unit_name);
        c[3] = num(b.entitlement);
        c[4] = num(b.carried_over);
        c[5] = num(b.taken); /* charged days: travel days of a hard-to-reach place excluded */
        for (size_t k = 1; k < sizeof by_type / sizeof by_type[0]; k++)
            c[5 + k] = num(rows[i].days[by_type[k]]);
        c[12] = num(b.pending);
        c[13] = num(b.available);
    }
    memset(&t, 0, sizeof t);
    t.org_name = gov.name;
    t.title = arena_printf(rq->a, "Rekap Cuti Pegawai Tahun %d", year);
    t.subtitle =
        arena_printf(rq->a, "%s%s - dicetak %s", u.name, subtree ? " dan sub-unit" : "", today(rq));
    t.cols = recap_cols;
    t.ncols = RECAP_NCOLS;
    t.cells = cells;
    t.nrows = n;
    return report_respond(rs, REPORT_XLSX, &t,
                          arena_printf(rq->a, "rekap-cuti-%s-%d", u.code, year), e);
}

const struct route leave_report_routes[] = {
    {HTTP_GET, "/api/v1/leave-requests/{id}/letter.pdf", api_letter, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/units/{id}/leave-calendar", api_calendar, REPORT_ROLES, 0},
    {HTTP_GET, "/api/v1/units/{id}/leave-recap.xlsx", api_recap, REPORT_ROLES, 0},
    {0},
};
