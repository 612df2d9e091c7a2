/* import.c - POST /api/v1/attendance/import: fingerprint/face device records as CSV (nip or
 * device_user_id, timestamp in the unit's local time, device), dry run, per-row errors with
 * line and column, all rows or none. An employee's punches of one day become one record: the
 * first is the check-in, the last the check-out, merged with a record already there (the
 * earlier in, the later out). Rows of employees outside the admin's write scope are "not
 * found", as everywhere. */
#include "modules/attendance/attendance.h"
#include "modules/attendance/attendance_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/calendar/calendar.h"
#include "modules/employee/employee.h" /* employee_import_json: the one import report shape */
#include "modules/flexwork/flexwork.h"
#include "report/csv_read.h"

/* ---- device CSV import: nip or device_user_id, timestamp, device ---- */

enum { COL_NIP, COL_USER, COL_TIME, COL_DEVICE, NCOLS };

static const struct csv_col import_cols[NCOLS] = {
    [COL_NIP] = {"nip", NULL, 0},
    [COL_USER] = {"device_user_id", "user_id", 0},
    [COL_TIME] = {"timestamp", "waktu", CSV_COL_REQUIRED},
    [COL_DEVICE] = {"device", "mesin", CSV_COL_REQUIRED},
};

struct punch {
    int64_t employee_id;
    char day[11];
    int secs; /* local seconds after midnight */
    const char *device;
    long line;
};

/* "YYYY-MM-DD HH:MM[:SS]" (or with T) in the unit's local time; -1 when malformed. */
static int parse_stamp(const char *s, char day[11], int *secs)
{
    int64_t d;
    int hm, sec = 0;
    char hhmm[6];
    size_t len = s ? strlen(s) : 0;

    if (len != 16 && len != 19)
        return -1;
    if (s[10] != ' ' && s[10] != 'T')
        return -1;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (calendar_day(day, &d))
        return -1;
    memcpy(hhmm, s + 11, 5);
    hhmm[5] = '\0';
    hm = att_hhmm(hhmm);
    if (hm < 0)
        return -1;
    if (len == 19) {
        if (s[16] != ':' || s[17] < '0' || s[17] > '5' || s[18] < '0' || s[18] > '9')
            return -1;
        sec = (s[17] - '0') * 10 + (s[18] - '0');
    }
    *secs = hm * 60 + sec;
    return 0;
}

static int punch_cmp(const void *pa, const void *pb)
{
    const struct punch *a = pa, *b = pb;
    int c;

    if (a->employee_id != b->employee_id)
        return a->employee_id < b->employee_id ? -1 : 1;
    c = strcmp(a->day, b->day);
    return c ? c : a->secs - b->secs;
}

/* 0 good (p filled), 1 bad (in rep), -1 storage error in e. */
static int check_punch(struct req *rq, const struct csv_row *row, struct punch *p,
                       struct csv_report *rep, struct err *e)
{
    const char *nip = row->values[COL_NIP], *user = row->values[COL_USER];
    const char *device = row->values[COL_DEVICE];
    int64_t emp = 0, unit = 0;
    struct err se;

    memset(p, 0, sizeof *p);
    if (!device || strlen(device) > 100) {
        csv_report_add(rep, row->line, "device", "Nama mesin wajib diisi (paling panjang 100)");
        return 1;
    }
    if (nip) {
        if (att_employee_by_nip(rq->db, rq->a, nip, &emp, &unit, e))
            return -1;
    } else if (user) {
        if (att_device_user(rq->db, device, user, &emp, e))
            return -1;
        if (!emp) {
            char msg[256];

            snprintf(msg, sizeof msg,
                     "Nomor pengguna %.50s pada mesin %.100s belum dipetakan ke pegawai", user,
                     device);
            csv_report_add(rep, row->line, "device_user_id", msg);
            return 1;
        }
        if (att_employee_unit(rq->db, emp, &unit, e))
            return -1;
    } else {
        csv_report_add(rep, row->line, "nip", "Isi NIP atau device_user_id");
        return 1;
    }
    if (!emp || scope_unit_write(rq, unit, &se)) {
        csv_report_add(rep, row->line, nip ? "nip" : "device_user_id", "Pegawai tidak ditemukan");
        return 1;
    }
    if (parse_stamp(row->values[COL_TIME], p->day, &p->secs)) {
        csv_report_add(rep, row->line, "timestamp",
                       "Waktu harus berformat YYYY-MM-DD HH:MM atau YYYY-MM-DD HH:MM:SS");
        return 1;
    }
    p->employee_id = emp;
    p->device = arena_strdup(rq->a, device);
    p->line = row->line;
    return 0;
}

/* One employee's punches of one day [p, p+n): first = check-in, last = check-out. */
static enum err_code save_day(struct req *rq, const struct punch *p, size_t n, int64_t batch,
                              struct err *e)
{
    struct flexwork_day fd;
    struct att_record r;
    int found = 0, created = 0;
    int64_t start, in, out;
    enum err_code rc = att_record_on(rq->db, rq->a, p->employee_id, p->day, &r, &found, e);

    if (rc)
        return rc;
    if (!found) {
        rc = flexwork_day_get(rq->db, rq->a, p->employee_id, p->day, &fd, e);
        if (rc)
            return rc;
        memset(&r, 0, sizeof r);
        r.employee_id = p->employee_id;
        r.unit_id = fd.unit_id;
        r.day = p->day;
        r.kind = "work";
        r.mode = fd.mode;
        r.sched.working = fd.working;
        r.sched.start_from = fd.start_from;
        r.sched.start_to = fd.start_to;
        r.sched.required_minutes = fd.required_minutes;
        r.sched.break_minutes = att_break_minutes(att_weekday(p->day), fd.required_minutes);
        r.utc_offset_min = fd.utc_offset_min;
        r.out_inside = -1;
        r.inside = 1; /* the device stands in the office */
    }
    start = att_day_start(p->day, r.utc_offset_min);
    in = start + p[0].secs;
    out = n > 1 ? start + p[n - 1].secs : 0;
    if (found) { /* merge: the earliest in, the latest out */
        if (r.check_in_at && r.check_in_at < in) {
            if (!out || out < in)
                out = in;
            in = r.check_in_at;
        }
        if (r.check_out_at && r.check_out_at > out)
            out = r.check_out_at;
        if (out == in)
            out = 0;
    }
    r.check_in_at = in;
    r.check_out_at = out;
    if (out)
        r.out_inside = 1;
    r.source = "device";
    r.device = p[n - 1].device;
    r.batch_id = batch;
    att_times(&r.sched, att_minutes_in_day(in, r.day, r.utc_offset_min),
              out ? att_minutes_in_day(out, r.day, r.utc_offset_min) : -1, &r.t);
    if (found)
        return att_record_update(rq->db, &r, e);
    rc = att_record_insert(rq->db, &r, &created, e);
    if (!rc && !created)
        rc = err_internal(e, "attendance import: record appeared during the import");
    return rc;
}

static enum err_code import_csv(struct req *rq, struct employee_import *imp, struct err *e)
{
    struct csv_read_options o = {0};
    struct csv_reader *r;
    struct csv_row row;
    struct punch *p = NULL;
    size_t n = 0, cap = 0;
    int64_t batch = 0;
    long days = 0;
    int got;

    o.max_rows = ATT_IMPORT_MAX_ROWS;
    o.flags = CSV_READ_APOSTROPHE;
    r = csv_reader_open(rq->a, rq->body ? rq->body : "", rq->body_len, &o, import_cols, NCOLS,
                        imp->rep);
    if (!r)
        return ERR_OK;
    if (!csv_reader_has(r, COL_NIP) && !csv_reader_has(r, COL_USER)) {
        csv_report_add(imp->rep, 1, "nip", "Kolom nip atau device_user_id wajib ada");
        return ERR_OK;
    }
    while ((got = csv_reader_next(r, &row)) == 1) {
        int bad;

        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct punch *grown = arena_alloc(rq->a, ncap * sizeof *grown);

            if (n)
                memcpy(grown, p, n * sizeof *p);
            p = grown;
            cap = ncap;
        }
        bad = check_punch(rq, &row, &p[n], imp->rep, e);
        if (bad < 0)
            return e->code;
        if (!bad)
            n++;
    }
    if (got < 0 || imp->dry_run || imp->rep->errors_total > 0 || n == 0)
        return ERR_OK;
    qsort(p, n, sizeof *p, punch_cmp);
    if (att_import_batch(rq->db, rq->user->id, rq->now, imp->rep->rows, (long)n, &batch, e))
        return e->code;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;

        while (j < n && p[j].employee_id == p[i].employee_id && !strcmp(p[j].day, p[i].day))
            j++;
        if (save_day(rq, &p[i], j - i, batch, e))
            return e->code;
        days++;
        i = j;
    }
    imp->imported = (long)n;
    return ERR_OK;
}

enum err_code att_api_import(struct req *rq, struct resp *rs, struct err *e)
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
        req_audit(rq, "attendance.import", "attendance", 0, NULL,
                  json_pack("{s:I,s:I}", "rows", (json_int_t)imp.rep->rows, "imported",
                            (json_int_t)imp.imported));
    else
        rq->no_audit = 1; /* a dry run, or errors: nothing was written */
    return resp_json(rs, 200, employee_import_json(&imp));
}

/* ---- the device-user mapping: GET/POST /attendance/device-users, DELETE .../{id} ---- */

static json_t *map_json(const struct att_device_map *m)
{
    return json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:{s:I,s:s,s:s}}", "id", (json_int_t)m->id, "device",
                     m->device, "code", m->code, "employee_id", (json_int_t)m->employee_id,
                     "unit_id", (json_int_t)m->unit_id, "created_at",
                     m->created_at ? json_time(m->created_at) : json_null(), "employee", "id",
                     (json_int_t)m->employee_id, "name", m->employee_name ? m->employee_name : "",
                     "nip", m->nip ? m->nip : "");
}

/* 1 when s is non-empty, has no control character and (no_space) no blank. */
static int plain_text(const char *s, int no_space)
{
    if (!s || !*s || *s == ' ' || s[strlen(s) - 1] == ' ')
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (no_space && *p == ' '))
            return 0;
    return 1;
}

enum err_code att_api_device_users(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "device", "page", "per_page", NULL};
    struct att_device_map *list = NULL;
    size_t n = 0;
    int64_t unit = 0, page, per_page, total = 0;
    int subtree = 0;
    const char *device = req_query(rq, "device");
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc && device && (!plain_text(device, 0) || strlen(device) > ATT_DEVICE_MAX))
        rc = err_invalid(e, "device", "Nama mesin tidak valid");
    if (!rc)
        rc = scope_unit_filter(rq, req_query(rq, "unit_id"), &unit, &subtree, e);
    if (!rc && unit >= 0)
        rc = att_device_maps_list(rq->db, rq->a, unit, subtree, device, per_page,
                                  (page - 1) * per_page, &list, &n, &total, e);
    if (rc)
        return rc;
    items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, map_json(&list[i]));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total,
                               "page", (json_int_t)page, "per_page", (json_int_t)per_page));
}

static const struct json_field map_fields[] = {
    {"device", JF_STRING, 1, ATT_DEVICE_MAX, 0, 0},
    {"code", JF_STRING, 1, ATT_CODE_MAX, 0, 0},
    {"employee_id", JF_INT, 1, 0, 1, INT64_MAX},
    {0},
};

enum err_code att_api_device_user_add(struct req *rq, struct resp *rs, struct err *e)
{
    struct att_device_map m;
    int64_t taken = 0;
    struct err se;
    enum err_code rc = json_body_check(rq, map_fields, e);

    if (rc)
        return rc;
    memset(&m, 0, sizeof m);
    m.device = json_body_str(rq, "device");
    m.code = json_body_str(rq, "code");
    m.employee_id = json_body_int(rq, "employee_id", 0);
    if (!plain_text(m.device, 0))
        return err_invalid(e, "device", "Nama mesin wajib diisi, tanpa spasi di awal/akhir");
    if (!plain_text(m.code, 1))
        return err_invalid(e, "code", "Nomor pengguna mesin wajib diisi, tanpa spasi");
    /* an unknown employee and one outside the admin's write scope answer alike */
    if (att_employee_unit(rq->db, m.employee_id, &m.unit_id, &se) ||
        scope_unit_write(rq, m.unit_id, &se))
        return err_invalid(e, "employee_id", "Pegawai tidak ditemukan");
    rc = att_device_user(rq->db, m.device, m.code, &taken, e);
    if (rc)
        return rc;
    if (taken)
        return err_set(e, ERR_CONFLICT, "device_user_exists", "code",
                       "Nomor pengguna ini sudah dipetakan pada mesin tersebut");
    m.created_at = rq->now;
    rc = att_device_map_add(rq->db, &m, rq->user->id, e);
    if (!rc)
        rc = att_device_map_get(rq->db, rq->a, m.id, &m, e);
    if (rc)
        return rc;
    req_audit(rq, "attendance.device_user_add", "attendance_device_user", m.id, NULL, map_json(&m));
    return resp_json(rs, 201, map_json(&m));
}

enum err_code att_api_device_user_delete(struct req *rq, struct resp *rs, struct err *e)
{
    struct att_device_map m;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = att_device_map_get(rq->db, rq->a, id, &m, e);
    if (!rc)
        rc = scope_unit_write(rq, m.unit_id, e);
    if (!rc)
        rc = att_device_map_delete(rq->db, id, e);
    if (rc)
        return rc;
    req_audit(rq, "attendance.device_user_delete", "attendance_device_user", id, map_json(&m),
              NULL);
    resp_status(rs, 204);
    return ERR_OK;
}

/* ---- demo data: a month of device records for one OPD ---- */

static uint32_t demo_hash(int64_t emp, int64_t day)
{
    uint64_t h = (uint64_t)emp * 0x9E3779B97F4A7C15ULL ^ (uint64_t)day * 0xC2B2AE3D27D4EB4FULL;

    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return (uint32_t)(h >> 32);
}

static enum err_code demo_day(struct db *db, struct arena *a, int64_t emp, const char *day,
                              int64_t now, struct err *e)
{
    struct flexwork_day fd;
    struct att_record r;
    uint32_t h = demo_hash(emp, att_day_start(day, 0) / 86400);
    int in_min, out_min, created = 0;
    enum err_code rc = flexwork_day_get(db, a, emp, day, &fd, e);

    if (rc || !fd.working || h % 16 == 0) /* rest day, or absent without reason */
        return rc;
    memset(&r, 0, sizeof r);
    r.employee_id = emp;
    r.unit_id = fd.unit_id;
    r.day = day;
    r.kind = "work";
    r.mode = fd.mode;
    r.source = "device";
    r.device = "DEMO-FP-01";
    r.inside = 1;
    r.out_inside = 1;
    r.sched.working = 1;
    r.sched.start_from = fd.start_from;
    r.sched.start_to = fd.start_to;
    r.sched.required_minutes = fd.required_minutes;
    r.sched.break_minutes = att_break_minutes(att_weekday(day), fd.required_minutes);
    r.utc_offset_min = fd.utc_offset_min;
    if ((h >> 4) % 12 == 0) /* late: 5..44 minutes after the window */
        in_min = fd.start_to + 5 + (int)((h >> 8) % 40);
    else /* from 20 minutes before the window to its end */
        in_min =
            fd.start_from - 20 + (int)((h >> 8) % (uint32_t)(fd.start_to - fd.start_from + 21));
    out_min = (in_min < fd.start_from ? fd.start_from
               : in_min > fd.start_to ? fd.start_to
                                      : in_min) +
              fd.required_minutes + r.sched.break_minutes;
    if ((h >> 16) % 20 == 0) /* left early */
        out_min -= 15 + (int)((h >> 20) % 45);
    else
        out_min += (int)((h >> 20) % 45);
    r.check_in_at = att_day_start(day, fd.utc_offset_min) + (int64_t)in_min * 60 + (h >> 26) % 60;
    r.check_out_at = att_day_start(day, fd.utc_offset_min) + (int64_t)out_min * 60 + (h >> 3) % 60;
    att_times(&r.sched, in_min, out_min, &r.t);
    (void)now;
    return att_record_insert(db, &r, &created, e);
}

enum err_code att_demo_seed(struct db *db, const char *unit_code, int64_t now, struct err *e)
{
    struct arena *a = arena_new();
    int64_t *ids = NULL;
    size_t n = 0;
    enum err_code rc = att_demo_staff(db, a, unit_code, ATT_DEMO_STAFF, &ids, &n, e);

    for (int back = ATT_DEMO_DAYS; !rc && back > ATT_DEMO_SKIP; back--) {
        char day[11];

        att_local_day(now - (int64_t)back * 86400, OFFSET_WIB, day);
        for (size_t i = 0; !rc && i < n; i++)
            rc = demo_day(db, a, ids[i], day, now, e);
    }
    arena_free(a);
    return rc;
}
