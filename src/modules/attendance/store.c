/* store.c - all SQL of attendance: records (insert once per employee and day, read, update),
 * the flagged list, corrections, device users and import batches, and the month recap and
 * discipline list. The recap reads a few set-based statements (the employees in scope, their
 * records of the range ordered by employee and day, the approved leave overlapping it, the
 * holidays) and walks them together in C with the pure rules (att_month_add): no statement
 * per employee, so a whole government's month is one pass. */
#include "modules/attendance/attendance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "modules/calendar/calendar.h"

#define E7 10000000.0

/* ---- records ---- */

#define REC_COLS                                                                                   \
    "SELECT a.id, a.employee_id, a.unit_id, a.day, a.kind, a.mode, a.check_in_at,"                 \
    " a.check_out_at, a.in_lat_e7, a.in_lon_e7, a.in_accuracy_cm, a.in_inside, a.working,"         \
    " a.start_from, a.start_to, a.required_minutes, a.break_minutes, a.utc_offset_min,"            \
    " a.late_minutes, a.early_minutes, a.worked_minutes, a.source, a.device, a.corrected_by,"      \
    " a.flagged, e.name, e.nip, a.out_lat_e7, a.out_lon_e7, a.out_accuracy_cm, a.out_inside,"      \
    " a.batch_id FROM attendance_records a JOIN employees e ON e.id = a.employee_id"

static const char SQL_REC_INSERT[] =
    "INSERT INTO attendance_records (employee_id, unit_id, day, kind, mode, check_in_at,"
    " check_out_at, in_lat_e7, in_lon_e7, in_accuracy_cm, in_inside, flagged, working,"
    " start_from, start_to, required_minutes, break_minutes, utc_offset_min, late_minutes,"
    " early_minutes, worked_minutes, source, device, batch_id, corrected_by, created_at,"
    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
    " $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $26)"
    " ON CONFLICT (employee_id, day) DO NOTHING RETURNING id";
static const char SQL_REC_ON[] = REC_COLS " WHERE a.employee_id = $1 AND a.day = $2";
static const char SQL_REC_ONE[] = REC_COLS " WHERE a.id = $1";
static const char SQL_REC_UPDATE[] =
    "UPDATE attendance_records SET kind = $2, check_in_at = $3, check_out_at = $4,"
    " out_lat_e7 = $5, out_lon_e7 = $6, out_accuracy_cm = $7, out_inside = $8, flagged = $9,"
    " late_minutes = $10, early_minutes = $11, worked_minutes = $12, corrected_by = $13,"
    " updated_at = $14, source = $15, device = $16, batch_id = $17 WHERE id = $1";
static const char SQL_REC_OF[] =
    REC_COLS " WHERE a.employee_id = $1 AND a.day >= $2 AND a.day <= $3 ORDER BY a.day";

#define SUB_CTE                                                                                    \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($1 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($2 AS BIGINT) = 1 AND sub.depth < 64) "
#define SUB_WHERE(col) " (CAST($1 AS BIGINT) = 0 OR " col " IN (SELECT id FROM sub))"

static const char SQL_FLAGGED[] =
    SUB_CTE REC_COLS " WHERE a.flagged = 1 AND a.day >= $3 AND a.day <= $4 AND" SUB_WHERE(
        "e.unit_id") " ORDER BY a.day DESC, a.id DESC LIMIT $5 OFFSET $6";
static const char SQL_FLAGGED_COUNT[] =
    SUB_CTE "SELECT count(*) FROM attendance_records a JOIN employees e ON e.id = a.employee_id"
            " WHERE a.flagged = 1 AND a.day >= $3 AND a.day <= $4 AND" SUB_WHERE("e.unit_id");

static int64_t to_e7(double v)
{
    return (int64_t)llround(v * E7);
}

static void read_record(struct db_stmt *st, struct arena *a, void *out)
{
    struct att_record *r = out;

    memset(r, 0, sizeof *r);
    r->id = db_col_int(st, 0);
    r->employee_id = db_col_int(st, 1);
    r->unit_id = db_col_int(st, 2);
    r->day = db_col_text_copy(st, a, 3);
    r->kind = db_col_text_copy(st, a, 4);
    r->mode = db_col_text_copy(st, a, 5);
    r->check_in_at = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
    r->check_out_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
    r->has_fix = !db_col_is_null(st, 8);
    if (r->has_fix) {
        r->lat = (double)db_col_int(st, 8) / E7;
        r->lon = (double)db_col_int(st, 9) / E7;
        r->accuracy_m = (double)db_col_int(st, 10) / 100.0;
    }
    r->inside = db_col_int(st, 11) != 0;
    r->sched.working = db_col_int(st, 12) != 0;
    r->sched.start_from = (int)db_col_int(st, 13);
    r->sched.start_to = (int)db_col_int(st, 14);
    r->sched.required_minutes = (int)db_col_int(st, 15);
    r->sched.break_minutes = (int)db_col_int(st, 16);
    r->utc_offset_min = (int)db_col_int(st, 17);
    r->t.late_minutes = (int)db_col_int(st, 18);
    r->t.early_minutes = (int)db_col_int(st, 19);
    r->t.worked_minutes = (int)db_col_int(st, 20);
    if (r->check_out_at && r->t.worked_minutes < r->sched.required_minutes)
        r->t.short_minutes = r->sched.required_minutes - r->t.worked_minutes;
    r->source = db_col_text_copy(st, a, 21);
    r->device = db_col_text_copy(st, a, 22);
    r->corrected_by = db_col_is_null(st, 23) ? 0 : db_col_int(st, 23);
    r->flagged = db_col_int(st, 24) != 0;
    r->employee_name = db_col_text_copy(st, a, 25);
    r->nip = db_col_text_copy(st, a, 26);
    r->has_out_fix = !db_col_is_null(st, 27);
    if (r->has_out_fix) {
        r->out_lat = (double)db_col_int(st, 27) / E7;
        r->out_lon = (double)db_col_int(st, 28) / E7;
        r->out_accuracy_m = (double)db_col_int(st, 29) / 100.0;
    }
    r->out_inside = db_col_is_null(st, 30) ? -1 : (int)db_col_int(st, 30);
    r->batch_id = db_col_is_null(st, 31) ? 0 : db_col_int(st, 31);
}

static void bind_opt(struct db_stmt *st, int idx, int64_t v, int present)
{
    if (present)
        db_bind_int(st, idx, v);
    else
        db_bind_null(st, idx);
}

enum err_code att_record_insert(struct db *db, struct att_record *r, int *created, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_REC_INSERT, &st, e);
    int got;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->employee_id);
    db_bind_int(st, 2, r->unit_id);
    db_bind_text(st, 3, r->day);
    db_bind_text(st, 4, r->kind ? r->kind : "work");
    db_bind_text(st, 5, r->mode);
    bind_opt(st, 6, r->check_in_at, r->check_in_at != 0);
    bind_opt(st, 7, r->check_out_at, r->check_out_at != 0);
    bind_opt(st, 8, to_e7(r->lat), r->has_fix);
    bind_opt(st, 9, to_e7(r->lon), r->has_fix);
    bind_opt(st, 10, (int64_t)llround(r->accuracy_m * 100.0), r->has_fix);
    db_bind_int(st, 11, r->inside ? 1 : 0);
    db_bind_int(st, 12, r->flagged ? 1 : 0);
    db_bind_int(st, 13, r->sched.working ? 1 : 0);
    db_bind_int(st, 14, r->sched.start_from);
    db_bind_int(st, 15, r->sched.start_to);
    db_bind_int(st, 16, r->sched.required_minutes);
    db_bind_int(st, 17, r->sched.break_minutes);
    db_bind_int(st, 18, r->utc_offset_min);
    db_bind_int(st, 19, r->t.late_minutes);
    db_bind_int(st, 20, r->t.early_minutes);
    db_bind_int(st, 21, r->t.worked_minutes);
    db_bind_text(st, 22, r->source);
    db_bind_text(st, 23, r->device);
    db_bind_id_or_null(st, 24, r->batch_id);
    db_bind_id_or_null(st, 25, r->corrected_by);
    db_bind_int(st, 26, clock_now());
    got = db_step(st, e);
    if (got == 1)
        r->id = db_col_int(st, 0);
    db_reset(st);
    if (got < 0)
        return e->code;
    *created = got == 1;
    return ERR_OK;
}

enum err_code att_record_on(struct db *db, struct arena *a, int64_t employee_id, const char *day,
                            struct att_record *out, int *found, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_REC_ON, &st, e);
    int got;

    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, day);
    got = db_step(st, e);
    if (got == 1)
        read_record(st, a, out);
    db_reset(st);
    if (got < 0)
        return e->code;
    *found = got == 1;
    return ERR_OK;
}

enum err_code att_record_get(struct db *db, struct arena *a, int64_t id, struct att_record *out,
                             struct err *e)
{
    return db_fetch_one(db, SQL_REC_ONE, id, NULL, a, read_record, out,
                        "Data presensi tidak ditemukan", e);
}

enum err_code att_record_update(struct db *db, const struct att_record *r, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_REC_UPDATE, &st, e);
    int got;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->kind);
    bind_opt(st, 3, r->check_in_at, r->check_in_at != 0);
    bind_opt(st, 4, r->check_out_at, r->check_out_at != 0);
    bind_opt(st, 5, to_e7(r->out_lat), r->has_out_fix);
    bind_opt(st, 6, to_e7(r->out_lon), r->has_out_fix);
    bind_opt(st, 7, (int64_t)llround(r->out_accuracy_m * 100.0), r->has_out_fix);
    bind_opt(st, 8, r->out_inside, r->out_inside >= 0);
    db_bind_int(st, 9, r->flagged ? 1 : 0);
    db_bind_int(st, 10, r->t.late_minutes);
    db_bind_int(st, 11, r->t.early_minutes);
    db_bind_int(st, 12, r->t.worked_minutes);
    db_bind_id_or_null(st, 13, r->corrected_by);
    db_bind_int(st, 14, clock_now());
    db_bind_text(st, 15, r->source);
    db_bind_text(st, 16, r->device);
    db_bind_id_or_null(st, 17, r->batch_id);
    got = db_step(st, e);
    db_reset(st);
    return got < 0 ? e->code : ERR_OK;
}

enum err_code att_records_of(struct db *db, struct arena *a, int64_t employee_id, const char *from,
                             const char *to, struct att_record **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_REC_OF, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_collect(st, a, sizeof **out, read_record, (void **)out, n, e);
}

static void bind_scope(struct db_stmt *st, int64_t unit_id, int subtree, const char *from,
                       const char *to)
{
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
}

enum err_code att_records_flagged(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                  const char *from, const char *to, int64_t limit, int64_t offset,
                                  struct att_record **out, size_t *n, int64_t *total, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_FLAGGED_COUNT, &st, e);
    int got;

    if (rc)
        return rc;
    bind_scope(st, unit_id, subtree, from, to);
    got = db_step(st, e);
    *total = got == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (got < 0)
        return e->code;
    rc = db_prepare(db, SQL_FLAGGED, &st, e);
    if (rc)
        return rc;
    bind_scope(st, unit_id, subtree, from, to);
    db_bind_int(st, 5, limit);
    db_bind_int(st, 6, offset);
    return db_collect(st, a, sizeof **out, read_record, (void **)out, n, e);
}

/* ---- corrections ---- */

#define COR_COLS                                                                                   \
    "SELECT c.id, c.employee_id, c.unit_id, c.record_id, c.day, c.kind, c.reason, c.status,"       \
    " c.decision_reason, c.check_in_at, c.check_out_at, c.orig_check_in_at,"                       \
    " c.orig_check_out_at, c.requested_by, c.decided_by, c.created_at, c.decided_at, e.name,"      \
    " e.nip FROM attendance_corrections c JOIN employees e ON e.id = c.employee_id"

static const char SQL_COR_INSERT[] =
    "INSERT INTO attendance_corrections (employee_id, unit_id, day, record_id, kind, check_in_at,"
    " check_out_at, reason, requested_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
    " $10) RETURNING id";
static const char SQL_COR_ONE[] = COR_COLS " WHERE c.id = $1";
static const char SQL_COR_LIST[] =
    SUB_CTE COR_COLS " WHERE (CAST($3 AS BIGINT) = 0 OR c.employee_id = CAST($3 AS BIGINT))"
                     " AND (CAST($4 AS TEXT) = '' OR c.status = CAST($4 AS TEXT)) AND" SUB_WHERE(
                         "c.unit_id") " ORDER BY c.created_at DESC, c.id DESC LIMIT 500";
static const char SQL_COR_DECIDE[] =
    "UPDATE attendance_corrections SET status = $2, decision_reason = $3, decided_by = $4,"
    " decided_at = $5, orig_check_in_at = $6, orig_check_out_at = $7, orig_kind = $8,"
    " record_id = $9 WHERE id = $1 AND status = 'pending'";
static const char SQL_COR_PENDING[] =
    "SELECT count(*) FROM attendance_corrections WHERE employee_id = $1 AND day = $2"
    " AND status = 'pending'";

static void read_correction(struct db_stmt *st, struct arena *a, void *out)
{
    struct att_correction *c = out;

    memset(c, 0, sizeof *c);
    c->id = db_col_int(st, 0);
    c->employee_id = db_col_int(st, 1);
    c->unit_id = db_col_int(st, 2);
    c->record_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
    c->day = db_col_text_copy(st, a, 4);
    c->kind = db_col_text_copy(st, a, 5);
    c->reason = db_col_text_copy(st, a, 6);
    c->status = db_col_text_copy(st, a, 7);
    c->decision_reason = db_col_text_copy(st, a, 8);
    c->check_in_at = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
    c->check_out_at = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
    c->orig_check_in_at = db_col_is_null(st, 11) ? 0 : db_col_int(st, 11);
    c->orig_check_out_at = db_col_is_null(st, 12) ? 0 : db_col_int(st, 12);
    c->requested_by = db_col_int(st, 13);
    c->decided_by = db_col_is_null(st, 14) ? 0 : db_col_int(st, 14);
    c->created_at = db_col_int(st, 15);
    c->decided_at = db_col_is_null(st, 16) ? 0 : db_col_int(st, 16);
    c->employee_name = db_col_text_copy(st, a, 17);
    c->nip = db_col_text_copy(st, a, 18);
}

enum err_code att_correction_insert(struct db *db, struct att_correction *c, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_COR_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, c->employee_id);
    db_bind_int(st, 2, c->unit_id);
    db_bind_text(st, 3, c->day);
    db_bind_id_or_null(st, 4, c->record_id);
    db_bind_text(st, 5, c->kind);
    bind_opt(st, 6, c->check_in_at, c->check_in_at != 0);
    bind_opt(st, 7, c->check_out_at, c->check_out_at != 0);
    db_bind_text(st, 8, c->reason);
    db_bind_int(st, 9, c->requested_by);
    db_bind_int(st, 10, c->created_at);
    return db_step_id(st, &c->id, e);
}

enum err_code att_correction_get(struct db *db, struct arena *a, int64_t id,
                                 struct att_correction *out, struct err *e)
{
    return db_fetch_one(db, SQL_COR_ONE, id, NULL, a, read_correction, out,
                        "Koreksi presensi tidak ditemukan", e);
}

enum err_code att_corrections_list(struct db *db, struct arena *a, int64_t employee_id,
                                   int64_t unit_id, int subtree, const char *status,
                                   struct att_correction **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_COR_LIST, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    db_bind_int(st, 3, employee_id);
    db_bind_text(st, 4, status ? status : "");
    return db_collect(st, a, sizeof **out, read_correction, (void **)out, n, e);
}

enum err_code att_correction_decide(struct db *db, const struct att_correction *c, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_COR_DECIDE, &st, e);
    int got;
    int64_t changed;

    if (rc)
        return rc;
    db_bind_int(st, 1, c->id);
    db_bind_text(st, 2, c->status);
    db_bind_text(st, 3, c->decision_reason);
    db_bind_int(st, 4, c->decided_by);
    db_bind_int(st, 5, c->decided_at);
    bind_opt(st, 6, c->orig_check_in_at, c->orig_check_in_at != 0);
    bind_opt(st, 7, c->orig_check_out_at, c->orig_check_out_at != 0);
    db_bind_text(st, 8, c->record_id ? "recorded" : NULL);
    db_bind_id_or_null(st, 9, c->record_id);
    got = db_step(st, e);
    changed = got < 0 ? 0 : db_changes(st);
    db_reset(st);
    if (got < 0)
        return e->code;
    if (changed == 0)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Koreksi ini sudah diputuskan");
    return ERR_OK;
}

enum err_code att_correction_pending(struct db *db, int64_t employee_id, const char *day, int *yes,
                                     struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_COR_PENDING, &st, e);
    int got;

    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, day);
    got = db_step(st, e);
    *yes = got == 1 && db_col_int(st, 0) > 0;
    db_reset(st);
    return got < 0 ? e->code : ERR_OK;
}

/* ---- employees, devices, batches ---- */

static const char SQL_EMP_NIP[] = "SELECT id, unit_id FROM employees WHERE nip = $1";
static const char SQL_EMP_UNIT[] = "SELECT unit_id FROM employees WHERE id = $1";
static const char SQL_DEVICE_USER[] =
    "SELECT employee_id FROM attendance_device_users WHERE device = $1 AND code = $2";
static const char SQL_BATCH[] =
    "INSERT INTO attendance_import_batches (user_id, rows_read, imported, created_at)"
    " VALUES ($1, $2, $3, $4) RETURNING id";

enum err_code att_employee_by_nip(struct db *db, struct arena *a, const char *nip, int64_t *id,
                                  int64_t *unit_id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_EMP_NIP, &st, e);
    int got;

    (void)a;
    if (rc)
        return rc;
    db_bind_text(st, 1, nip);
    got = db_step(st, e);
    *id = got == 1 ? db_col_int(st, 0) : 0;
    *unit_id = got == 1 ? db_col_int(st, 1) : 0;
    db_reset(st);
    return got < 0 ? e->code : ERR_OK;
}

enum err_code att_employee_unit(struct db *db, int64_t employee_id, int64_t *unit_id, struct err *e)
{
    enum err_code rc = db_value_int(db, SQL_EMP_UNIT, &employee_id, 1, 0, unit_id, e);

    if (!rc && *unit_id == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pegawai tidak ditemukan");
    return rc;
}

enum err_code att_device_user(struct db *db, const char *device, const char *code, int64_t *id,
                              struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_DEVICE_USER, &st, e);
    int got;

    if (rc)
        return rc;
    db_bind_text(st, 1, device);
    db_bind_text(st, 2, code);
    got = db_step(st, e);
    *id = got == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return got < 0 ? e->code : ERR_OK;
}

enum err_code att_import_batch(struct db *db, int64_t user_id, int64_t now, long rows,
                               long imported, int64_t *id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_BATCH, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, rows);
    db_bind_int(st, 3, imported);
    db_bind_int(st, 4, now);
    return db_step_id(st, id, e);
}

/* ---- the device-user mapping (unit admins: list, add, delete) ---- */

#define MAP_COLS                                                                                   \
    "SELECT m.id, m.device, m.code, m.employee_id, e.unit_id, e.name, e.nip, m.created_at"         \
    " FROM attendance_device_users m JOIN employees e ON e.id = m.employee_id"
/* $1 unit (0 = all), $2 subtree, $3 device (NULL = any) */
#define MAP_WHERE                                                                                  \
    " WHERE" SUB_WHERE("e.unit_id") " AND (CAST($3 AS TEXT) IS NULL OR m.device = CAST($3 AS "     \
                                    "TEXT))"

static const char SQL_MAP_LIST[] =
    SUB_CTE MAP_COLS MAP_WHERE " ORDER BY m.device, m.code, m.id LIMIT $4 OFFSET $5";
static const char SQL_MAP_COUNT[] =
    SUB_CTE "SELECT count(*) FROM attendance_device_users m JOIN employees e"
            " ON e.id = m.employee_id" MAP_WHERE;
static const char SQL_MAP_ONE[] = MAP_COLS " WHERE m.id = $1";
static const char SQL_MAP_ADD[] =
    "INSERT INTO attendance_device_users (device, code, employee_id, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_MAP_DELETE[] = "DELETE FROM attendance_device_users WHERE id = $1";

static void read_map(struct db_stmt *st, struct arena *a, void *out)
{
    struct att_device_map *m = out;

    m->id = db_col_int(st, 0);
    m->device = db_col_text_copy(st, a, 1);
    m->code = db_col_text_copy(st, a, 2);
    m->employee_id = db_col_int(st, 3);
    m->unit_id = db_col_int(st, 4);
    m->employee_name = db_col_text_copy(st, a, 5);
    m->nip = db_col_text_copy(st, a, 6);
    m->created_at = db_col_int(st, 7);
}

static void bind_map_filter(struct db_stmt *st, int64_t unit_id, int subtree, const char *device)
{
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, subtree ? 1 : 0);
    if (device)
        db_bind_text(st, 3, device);
    else
        db_bind_null(st, 3);
}

enum err_code att_device_maps_list(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                   const char *device, int64_t limit, int64_t offset,
                                   struct att_device_map **out, size_t *n, int64_t *total,
                                   struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_MAP_COUNT, &st, e);
    int got;

    if (rc)
        return rc;
    bind_map_filter(st, unit_id, subtree, device);
    got = db_step(st, e);
    *total = got == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (got < 0)
        return e->code;
    rc = db_prepare(db, SQL_MAP_LIST, &st, e);
    if (rc)
        return rc;
    bind_map_filter(st, unit_id, subtree, device);
    db_bind_int(st, 4, limit);
    db_bind_int(st, 5, offset);
    return db_collect(st, a, sizeof **out, read_map, (void **)out, n, e);
}

enum err_code att_device_map_get(struct db *db, struct arena *a, int64_t id,
                                 struct att_device_map *out, struct err *e)
{
    return db_fetch_one(db, SQL_MAP_ONE, id, NULL, a, read_map, out,
                        "Pemetaan pengguna mesin tidak ditemukan", e);
}

enum err_code att_device_map_add(struct db *db, struct att_device_map *m, int64_t user_id,
                                 struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_MAP_ADD, &st, e);

    if (rc)
        return rc;
    db_bind_text(st, 1, m->device);
    db_bind_text(st, 2, m->code);
    db_bind_int(st, 3, m->employee_id);
    db_bind_id_or_null(st, 4, user_id);
    db_bind_int(st, 5, m->created_at);
    return db_step_id(st, &m->id, e);
}

enum err_code att_device_map_delete(struct db *db, int64_t id, struct err *e)
{
    return db_run_ints(db, SQL_MAP_DELETE, &id, 1, NULL, e);
}

/* ---- demo data ---- */

/* The first limit active employees of the OPD with code $1 and its sub-units, by id. */
static const char SQL_DEMO_STAFF[] =
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE code = $1"
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"
    " WHERE sub.depth < 64)"
    " SELECT e.id FROM employees e WHERE e.state = 'active' AND e.unit_id IN (SELECT id FROM sub)"
    " ORDER BY e.id LIMIT $2";

static void read_id(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

enum err_code att_demo_staff(struct db *db, struct arena *a, const char *unit_code, int64_t limit,
                             int64_t **ids, size_t *n, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_DEMO_STAFF, &st, e);

    if (rc)
        return rc;
    db_bind_text(st, 1, unit_code);
    db_bind_int(st, 2, limit);
    return db_collect(st, a, sizeof **ids, read_id, (void **)ids, n, e);
}
