/* request_store.c - the SQL of the request rows: one request with the names the API shows, the
 * insert, the guarded transitions (decision, final approval, cancel, shorten: each only from the
 * state it was read in, so two deciders at once get one answer), the step history (never
 * updated), the lists and the inbox, and the employment state a CLTN sets. */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <stdio.h>
#include <string.h>

/* ---- requests ---- */

/* The columns of a request row and the field each fills, in one list: the SELECT list and
 * the row reader are both made from it. ID: a reference (0 for NULL), INT: a number (0 for
 * NULL), TEXT: an arena copy, KIND: approver_kind ("bkpsdm" or "employee"). */
#define R_COLUMNS(X)                                                                               \
    X(ID, "l.id", id)                                                                              \
    X(ID, "l.employee_id", employee_id)                                                            \
    X(ID, "l.unit_id", unit_id)                                                                    \
    X(TEXT, "l.type", type)                                                                        \
    X(TEXT, "l.converted_from", converted_from)                                                    \
    X(TEXT, "l.start_date", start_date)                                                            \
    X(TEXT, "l.end_date", end_date)                                                                \
    X(TEXT, "l.requested_start_date", requested_start_date)                                        \
    X(TEXT, "l.requested_end_date", requested_end_date)                                            \
    X(INT, "l.working_days", working_days)                                                         \
    X(INT, "l.charged_days", charged_days)                                                         \
    X(INT, "l.calendar_days", calendar_days)                                                       \
    X(INT, "l.hard_to_reach", hard_to_reach)                                                       \
    X(INT, "l.travel_days", travel_days)                                                           \
    X(INT, "l.birth_order", birth_order)                                                           \
    X(INT, "l.first_hajj", first_hajj)                                                             \
    X(INT, "l.postponed", postponed)                                                               \
    X(TEXT, "l.sick_kind", sick_kind)                                                              \
    X(TEXT, "l.doctor_kind", doctor_kind)                                                          \
    X(TEXT, "l.reason", reason)                                                                    \
    X(TEXT, "l.address", address)                                                                  \
    X(TEXT, "l.phone", phone)                                                                      \
    X(ID, "l.document_id", document_id)                                                            \
    X(TEXT, "l.status", status)                                                                    \
    X(TEXT, "l.step", step)                                                                        \
    X(KIND, "l.approver_kind", approver.bkpsdm)                                                    \
    X(ID, "l.approver_employee_id", approver.employee_id)                                          \
    X(ID, "l.approver_position_id", approver.position_id)                                          \
    X(TEXT, "l.approver_acting", approver.acting)                                                  \
    X(TEXT, "l.decision_reason", decision_reason)                                                  \
    X(TEXT, "l.cancel_reason", cancel_reason)                                                      \
    X(TEXT, "l.shortened_from", shortened_from)                                                    \
    X(TEXT, "l.letter_number", letter_number)                                                      \
    X(TEXT, "l.approved_on", approved_on)                                                          \
    X(ID, "l.signer_user_id", signer_user_id)                                                      \
    X(ID, "l.signer_employee_id", signer_employee_id)                                              \
    X(ID, "l.signer_position_id", signer_position_id)                                              \
    X(TEXT, "l.signer_acting", signer_acting)                                                      \
    X(ID, "l.cancelled_at", cancelled_at)                                                          \
    X(ID, "l.created_by", created_by)                                                              \
    X(ID, "l.created_at", created_at)                                                              \
    X(ID, "l.decided_at", decided_at)                                                              \
    X(ID, "l.updated_at", updated_at)                                                              \
    X(TEXT, "l.early_reason", early_reason)                                                        \
    X(TEXT, "l.cltn_extended_from", cltn_extended_from)                                            \
    X(TEXT, "l.cltn_extension_reason", cltn_extension_reason)                                      \
    X(TEXT, "l.cltn_returned_on", cltn_returned_on)                                                \
    X(INT, "l.cltn_return_late", cltn_return_late)                                                 \
    X(TEXT, "e.name", employee_name)                                                               \
    X(TEXT, "e.nip", employee_nip)                                                                 \
    X(TEXT, "u.name", unit_name)                                                                   \
    X(TEXT, "ae.name", approver.name)                                                              \
    X(TEXT, "ap.name", approver.position_name)                                                     \
    X(ID, "e.unit_id", current_unit_id)                                                            \
    X(TEXT, "u.code", unit_code)
#define R_SQL(kind, col, field) col ", "
/* the list ends with a constant so the last comma has a column after it */
#define R_COLS R_COLUMNS(R_SQL) "0"
#define R_FROM                                                                                     \
    " FROM leave_requests l JOIN employees e ON e.id = l.employee_id"                              \
    " JOIN units u ON u.id = e.unit_id LEFT JOIN employees ae ON ae.id = l.approver_employee_id"   \
    " LEFT JOIN positions ap ON ap.id = l.approver_position_id"
static const char SQL_ONE[] = "SELECT " R_COLS R_FROM " WHERE l.id = $1";

#define R_READ_ID(st, a, c) leave_col_id(st, c)
#define R_READ_INT(st, a, c) leave_col_int(st, c)
#define R_READ_TEXT(st, a, c) db_col_text_copy(st, a, c)
#define R_READ_KIND(st, a, c) (db_col_text(st, c) && strcmp(db_col_text(st, c), "bkpsdm") == 0)
#define R_READ(kind, col, field)                                                                   \
    r->field = R_READ_##kind(st, a, c);                                                            \
    c++;

static void read_request(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_request *r = out;
    int c = 0;

    memset(r, 0, sizeof *r);
    R_COLUMNS(R_READ)
}

enum err_code leave_request_get(struct db *db, struct arena *a, int64_t id,
                                struct leave_request *out, struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_request, out,
                        "Permohonan cuti tidak ditemukan", e);
}

static const char SQL_INSERT[] =
    "INSERT INTO leave_requests (employee_id, unit_id, type, converted_from, start_date, end_date,"
    " requested_start_date, requested_end_date, working_days, charged_days, calendar_days,"
    " hard_to_reach, travel_days, birth_order, sick_kind, doctor_kind, first_hajj, reason,"
    " address, phone, document_id, status, step, created_by, created_at, updated_at,"
    " approver_kind, approver_employee_id, approver_position_id, approver_acting, early_reason)"
    " VALUES ($1, $2, $3, $4, $5, $6, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
    " $17, $18, $19, $22, $23, $20, $21, $21, $24, $25, $26, $27, $28) RETURNING id";

enum err_code leave_request_insert(struct db *db, const struct leave_request *r, int64_t *id,
                                   struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, r->employee_id);
    db_bind_int(st, 2, r->unit_id);
    db_bind_text(st, 3, r->type);
    db_bind_text(st, 4, r->converted_from);
    db_bind_text(st, 5, r->start_date);
    db_bind_text(st, 6, r->end_date);
    db_bind_int(st, 7, r->working_days);
    db_bind_int(st, 8, r->charged_days);
    db_bind_int(st, 9, r->calendar_days);
    db_bind_int(st, 10, r->hard_to_reach);
    db_bind_int(st, 11, r->travel_days);
    if (r->birth_order)
        db_bind_int(st, 12, r->birth_order);
    else
        db_bind_null(st, 12);
    db_bind_text(st, 13, r->sick_kind);
    db_bind_text(st, 14, r->doctor_kind);
    db_bind_int(st, 15, r->first_hajj);
    db_bind_text(st, 16, r->reason);
    db_bind_text(st, 17, r->address);
    db_bind_text(st, 18, r->phone);
    db_bind_id_or_null(st, 19, r->document_id);
    db_bind_int(st, 20, r->created_by);
    db_bind_int(st, 21, r->created_at);
    db_bind_text(st, 22, r->status);
    db_bind_text(st, 23, r->step);
    db_bind_text(st, 24, r->approver.bkpsdm ? "bkpsdm" : "employee");
    db_bind_id_or_null(st, 25, r->approver.employee_id);
    db_bind_id_or_null(st, 26, r->approver.position_id);
    db_bind_text(st, 27, r->approver.acting);
    db_bind_text(st, 28, r->early_reason);
    return db_step_id(st, id, e);
}

/* Move a pending request to its next state: status, step and approver (bkpsdm / employee /
 * none), the dates (a change), the decision of the step that was decided. Guarded by the
 * status it had, so two deciders at once get one decision (409 for the second). */
static const char SQL_MOVE[] =
    "UPDATE leave_requests SET status = $2, step = $3, approver_kind = $4,"
    " approver_employee_id = $5, approver_position_id = $6, approver_acting = $7,"
    " start_date = $8, end_date = $9, working_days = $10, charged_days = $11,"
    " calendar_days = $12, decision_reason = COALESCE($13, decision_reason),"
    " postponed = $14, decided_at = $15, updated_at = $16"
    " WHERE id = $1 AND status = $17";
static const char SQL_SUPERVISOR_DONE[] =
    "UPDATE leave_requests SET supervisor_decision = $2, supervisor_reason = $3,"
    " supervisor_by = $4, supervisor_at = $5 WHERE id = $1";
static const char SQL_OFFICIAL_DONE[] =
    "UPDATE leave_requests SET official_decision = $2, official_reason = $3,"
    " official_by = $4, official_at = $5 WHERE id = $1";
static const char SQL_FINAL[] =
    "UPDATE leave_requests SET letter_number = $2, approved_on = $3, signer_user_id = $4,"
    " signer_employee_id = $5, signer_position_id = $6, signer_acting = $7"
    " WHERE id = $1 AND letter_number IS NULL";

enum err_code leave_request_move(struct db *db, const struct leave_request *r,
                                 const char *old_status, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_MOVE, &st, e);
    int pending = leave_status_pending(r->status);
    int64_t changed = 0;
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->status);
    db_bind_text(st, 3, pending ? r->step : NULL);
    db_bind_text(st, 4, !pending ? NULL : r->approver.bkpsdm ? "bkpsdm" : "employee");
    db_bind_id_or_null(st, 5, pending ? r->approver.employee_id : 0);
    db_bind_id_or_null(st, 6, pending ? r->approver.position_id : 0);
    db_bind_text(st, 7, pending ? r->approver.acting : NULL);
    db_bind_text(st, 8, r->start_date);
    db_bind_text(st, 9, r->end_date);
    db_bind_int(st, 10, r->working_days);
    db_bind_int(st, 11, r->charged_days);
    db_bind_int(st, 12, r->calendar_days);
    db_bind_text(st, 13, r->decision_reason);
    db_bind_int(st, 14, r->postponed);
    if (pending)
        db_bind_null(st, 15);
    else
        db_bind_int(st, 15, now);
    db_bind_int(st, 16, now);
    db_bind_text(st, 17, old_status);
    x = db_step(st, e);
    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    if (changed != 1)
        return err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                       "Permohonan cuti sudah diproses");
    return ERR_OK;
}

enum err_code leave_request_step_done(struct db *db, int64_t id, int official, const char *decision,
                                      const char *reason, int64_t user_id, int64_t now,
                                      struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, official ? SQL_OFFICIAL_DONE : SQL_SUPERVISOR_DONE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, decision);
    db_bind_text(st, 3, reason);
    db_bind_int(st, 4, user_id);
    db_bind_int(st, 5, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code leave_request_final(struct db *db, const struct leave_request *r,
                                  const char *letter_number, const char *day, int64_t user_id,
                                  int64_t employee_id, int64_t position_id, const char *acting,
                                  struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_FINAL, &st, e);
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, letter_number);
    db_bind_text(st, 3, day);
    db_bind_int(st, 4, user_id);
    db_bind_id_or_null(st, 5, employee_id);
    db_bind_id_or_null(st, 6, position_id);
    db_bind_text(st, 7, acting);
    x = db_step(st, e);
    db_reset(st);
    return x < 0 ? e->code : ERR_OK;
}

static const char SQL_CANCEL[] =
    "UPDATE leave_requests SET status = 'cancelled', step = NULL, approver_kind = NULL,"
    " approver_employee_id = NULL, approver_position_id = NULL, approver_acting = NULL,"
    " cancelled_at = $2, cancelled_by = $3, cancel_reason = $4, updated_at = $2"
    " WHERE id = $1 AND status = $5";
static const char SQL_SHORTEN[] =
    "UPDATE leave_requests SET shortened_from = end_date, end_date = $2, working_days = $3,"
    " charged_days = $4, calendar_days = $5, shortened_at = $6, updated_at = $6"
    " WHERE id = $1 AND status = 'approved' AND end_date = $7";

enum err_code leave_request_cancel(struct db *db, int64_t id, const char *old_status,
                                   int64_t user_id, const char *reason, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_CANCEL, &st, e);
    int64_t changed = 0;
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, user_id);
    db_bind_text(st, 4, reason);
    db_bind_text(st, 5, old_status);
    x = db_step(st, e);
    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    return changed == 1 ? ERR_OK
                        : err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                                  "Permohonan cuti sudah diproses");
}

enum err_code leave_request_shorten(struct db *db, const struct leave_request *r,
                                    const char *old_end, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_SHORTEN, &st, e);
    int64_t changed = 0;
    int x;

    if (rc)
        return rc;
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->end_date);
    db_bind_int(st, 3, r->working_days);
    db_bind_int(st, 4, r->charged_days);
    db_bind_int(st, 5, r->calendar_days);
    db_bind_int(st, 6, now);
    db_bind_text(st, 7, old_end);
    x = db_step(st, e);
    if (x >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (x < 0)
        return e->code;
    return changed == 1 ? ERR_OK
                        : err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                                  "Permohonan cuti sudah diproses");
}

/* ---- steps ---- */

static const char SQL_STEP_INSERT[] =
    "INSERT INTO leave_steps (request_id, event, step, reason, start_date, end_date,"
    " working_days, actor_user_id, actor_employee_id, acting, next_kind, next_employee_id,"
    " next_position_id, next_acting, final, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
    " $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";
static const char SQL_STEPS[] =
    "SELECT s.id, s.request_id, s.event, s.step, s.reason, s.start_date, s.end_date,"
    " s.working_days, s.actor_user_id, s.actor_employee_id, s.acting, s.next_kind,"
    " s.next_employee_id, s.next_position_id, s.next_acting, s.created_at, u.name, ne.name,"
    " np.name, s.final FROM leave_steps s LEFT JOIN users u ON u.id = s.actor_user_id"
    " LEFT JOIN employees ne ON ne.id = s.next_employee_id"
    " LEFT JOIN positions np ON np.id = s.next_position_id"
    " WHERE s.request_id = $1 ORDER BY s.id";

enum err_code leave_step_add(struct db *db, const struct leave_step *s, int final, struct err *e)
{
    struct db_stmt *st;
    int64_t id = 0;
    enum err_code rc = db_prepare(db, SQL_STEP_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, s->request_id);
    db_bind_text(st, 2, s->event);
    db_bind_text(st, 3, s->step);
    db_bind_text(st, 4, s->reason);
    db_bind_text(st, 5, s->start_date);
    db_bind_text(st, 6, s->end_date);
    db_bind_int(st, 7, s->working_days);
    db_bind_id_or_null(st, 8, s->actor_user_id);
    db_bind_id_or_null(st, 9, s->actor_employee_id);
    db_bind_text(st, 10, s->acting);
    db_bind_text(st, 11, !s->has_next ? NULL : s->next.bkpsdm ? "bkpsdm" : "employee");
    db_bind_id_or_null(st, 12, s->has_next ? s->next.employee_id : 0);
    db_bind_id_or_null(st, 13, s->has_next ? s->next.position_id : 0);
    db_bind_text(st, 14, s->has_next ? s->next.acting : NULL);
    db_bind_int(st, 15, final ? 1 : 0);
    db_bind_int(st, 16, s->created_at);
    return db_step_id(st, &id, e);
}

static void read_step(struct db_stmt *st, struct arena *a, void *out)
{
    struct leave_step *s = out;
    const char *kind;

    memset(s, 0, sizeof *s);
    s->id = db_col_int(st, 0);
    s->request_id = db_col_int(st, 1);
    s->event = db_col_text_copy(st, a, 2);
    s->step = db_col_text_copy(st, a, 3);
    s->reason = db_col_text_copy(st, a, 4);
    s->start_date = db_col_text_copy(st, a, 5);
    s->end_date = db_col_text_copy(st, a, 6);
    s->working_days = leave_col_int(st, 7);
    s->actor_user_id = leave_col_id(st, 8);
    s->actor_employee_id = leave_col_id(st, 9);
    s->acting = db_col_text_copy(st, a, 10);
    kind = db_col_text(st, 11);
    s->has_next = kind != NULL;
    s->next.bkpsdm = kind && strcmp(kind, "bkpsdm") == 0;
    s->next.employee_id = leave_col_id(st, 12);
    s->next.position_id = leave_col_id(st, 13);
    s->next.acting = db_col_text_copy(st, a, 14);
    s->created_at = leave_col_id(st, 15);
    s->actor_name = db_col_text_copy(st, a, 16);
    s->next.name = db_col_text_copy(st, a, 17);
    s->next.position_name = db_col_text_copy(st, a, 18);
    s->final = leave_col_int(st, 19);
}

enum err_code leave_steps_of(struct db *db, struct arena *a, int64_t request_id,
                             struct leave_step **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_STEPS, &st, e);

    if (rc)
        return rc;
    db_bind_int(st, 1, request_id);
    rc = db_collect(st, a, sizeof(struct leave_step), read_step, &found, n, e);
    *out = found;
    return rc;
}

static const char SQL_ACTED[] =
    "SELECT count(*) FROM leave_steps WHERE request_id = $1 AND actor_user_id = $2";

enum err_code leave_user_acted(struct db *db, int64_t request_id, int64_t user_id, int *yes,
                               struct err *e)
{
    const int64_t args[] = {request_id, user_id};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_ACTED, args, 2, 0, &n, e);

    *yes = n > 0;
    return rc;
}

/* ---- lists ---- */

/* $1 own employee (0 = any), $2 unit root (0 = every unit, -1 none), $3 subtree, $4 inbox
 * employee (0 = not an inbox), $5 inbox includes BKPSDM's, $6 employee filter, $7 status,
 * $8 type, $9 year start, $10 year end ("" = none), $11 ids re-routed today to the inbox's
 * owner ("1,5,9"), $12 today (the inbox leaves out what its owner no longer stands for),
 * $13 sort, $14 limit, $15 offset. */
#define L_SUB                                                                                      \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($2 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($3 AS BIGINT) = 1 AND sub.depth < 64) "
#define L_WHERE                                                                                    \
    " WHERE (CAST($1 AS BIGINT) = 0 OR l.employee_id = CAST($1 AS BIGINT))"                        \
    " AND (CAST($2 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"                           \
    " AND (CAST($4 AS BIGINT) = 0 OR (l.status IN ('pending_supervisor', 'pending_official')"      \
    " AND l.employee_id <> CAST($4 AS BIGINT)"                                                     \
    " AND ((l.approver_kind = 'employee' AND l.approver_employee_id = CAST($4 AS BIGINT)"          \
    " AND " APPROVER_STANDS(                                                                       \
        "$12") ")"                                                                                 \
               " OR (l.approver_kind = 'bkpsdm' AND CAST($5 AS BIGINT) = 1)"                       \
               " OR (',' || CAST($11 AS TEXT) || ',') LIKE ('%,' || CAST(l.id AS TEXT) || "        \
               "',%'))))"                                                                          \
               " AND (CAST($6 AS BIGINT) = 0 OR l.employee_id = CAST($6 AS BIGINT))"               \
               " AND (CAST($7 AS TEXT) = '' OR l.status = CAST($7 AS TEXT))"                       \
               " AND (CAST($8 AS TEXT) = '' OR l.type = CAST($8 AS TEXT))"                         \
               " AND (CAST($9 AS TEXT) = '' OR (l.end_date >= CAST($9 AS TEXT)"                    \
               " AND l.start_date <= CAST($10 AS TEXT)))"
static const char SQL_LIST[] =
    L_SUB "SELECT " R_COLS R_FROM L_WHERE
          " ORDER BY CASE WHEN CAST($13 AS BIGINT) = 1 THEN l.start_date END ASC,"
          " CASE WHEN CAST($13 AS BIGINT) = 2 THEN l.start_date END DESC,"
          " CASE WHEN CAST($13 AS BIGINT) = 3 THEN l.created_at END ASC,"
          " CASE WHEN CAST($13 AS BIGINT) = 4 THEN l.created_at END DESC,"
          " CASE WHEN CAST($13 AS BIGINT) = 5 THEN l.id END ASC, l.id DESC"
          " LIMIT $14 OFFSET $15";
static const char SQL_LIST_COUNT[] =
    L_SUB "SELECT count(*) FROM leave_requests l JOIN employees e ON e.id = l.employee_id" L_WHERE;

static void bind_list(struct db_stmt *st, const struct leave_query *q)
{
    char from[16] = "", to[16] = "";

    if (q->year) {
        snprintf(from, sizeof from, "%04d-01-01", q->year % 10000);
        snprintf(to, sizeof to, "%04d-12-31", q->year % 10000);
    }
    db_bind_int(st, 1, q->own_employee_id);
    db_bind_int(st, 2, q->unit_id);
    db_bind_int(st, 3, q->subtree ? 1 : 0);
    db_bind_int(st, 4, q->inbox_employee_id);
    db_bind_int(st, 5, q->inbox_bkpsdm ? 1 : 0);
    db_bind_int(st, 6, q->employee_id);
    db_bind_text(st, 7, q->status ? q->status : "");
    db_bind_text(st, 8, q->type ? q->type : "");
    db_bind_text(st, 9, from);
    db_bind_text(st, 10, to);
    db_bind_text(st, 11, q->inbox_ids ? q->inbox_ids : "");
    db_bind_text(st, 12, q->today ? q->today : "");
}

enum err_code leave_list(struct db *db, struct arena *a, const struct leave_query *q,
                         struct leave_request **items, size_t *n, int64_t *total, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_prepare(db, SQL_LIST_COUNT, &st, e);

    *items = NULL;
    *n = 0;
    if (rc)
        return rc;
    bind_list(st, q);
    rc = db_step_id(st, total, e);
    if (rc)
        return rc;
    rc = db_prepare(db, SQL_LIST, &st, e);
    if (rc)
        return rc;
    bind_list(st, q);
    db_bind_int(st, 13, q->sort);
    db_bind_int(st, 14, q->per_page);
    db_bind_int(st, 15, (q->page - 1) * q->per_page);
    rc = db_collect(st, a, sizeof(struct leave_request), read_request, &found, n, e);
    *items = found;
    return rc;
}

/* ---- employment state (CLTN) ---- */

static const char SQL_STATE[] =
    "UPDATE employees SET state = 'cltn', updated_at = $2 WHERE id = $1 AND state = 'active'";

enum err_code leave_employee_cltn(struct db *db, int64_t employee_id, int64_t now, struct err *e)
{
    const int64_t args[] = {employee_id, now};

    return db_run_ints(db, SQL_STATE, args, 2, NULL, e);
}
