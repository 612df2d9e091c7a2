/* store.c - all SQL of proposals: insert, one proposal and the lists (an employee's own,
 * newest first; the verification queue of a scope, oldest first), each with the record's
 * current editable values so the verifier sees proposed and current side by side, and the one
 * transition out of pending (guarded in SQL, so two verifiers at once get one decision). */
#include "modules/proposal/proposal.h"

#include <string.h>

static const char SQL_INSERT[] =
    "INSERT INTO employee_proposals (employee_id, kind, payload, evidence, status, proposed_by,"
    " created_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id";
#define P_COLS                                                                                     \
    "p.id, p.employee_id, p.kind, p.payload, p.evidence, p.status, p.reason, p.proposed_by,"       \
    " p.decided_by, p.created_at, p.decided_at, e.nip, e.unit_id, u.name, e.name,"                 \
    " e.gelar_depan, e.gelar_belakang, e.religion, e.marital_status, e.phone, e.email,"            \
    " e.address, e.photo_document_id"
#define P_FROM                                                                                     \
    " FROM employee_proposals p JOIN employees e ON e.id = p.employee_id"                          \
    " JOIN units u ON u.id = e.unit_id"
static const char SQL_ONE[] = "SELECT " P_COLS P_FROM " WHERE p.id = $1";

/* $1 employee (0 = not by employee), $2 unit (0 = every unit), $3 1 = with sub-units,
 * $4 status ("" = any), $5 limit, $6 offset. */
#define P_SUB                                                                                      \
    "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = CAST($2 AS BIGINT)"      \
    " UNION ALL SELECT c.id, sub.depth + 1 FROM units c JOIN sub ON c.parent_id = sub.id"          \
    " WHERE CAST($3 AS BIGINT) = 1 AND sub.depth < 64) "
#define P_WHERE                                                                                    \
    " WHERE (CAST($1 AS BIGINT) = 0 OR p.employee_id = CAST($1 AS BIGINT))"                        \
    " AND (CAST($2 AS BIGINT) = 0 OR e.unit_id IN (SELECT id FROM sub))"                           \
    " AND (CAST($4 AS TEXT) = '' OR p.status = CAST($4 AS TEXT))"
static const char SQL_LIST[] =
    P_SUB "SELECT " P_COLS P_FROM P_WHERE
          " ORDER BY CASE WHEN CAST($1 AS BIGINT) = 0 THEN p.id ELSE -p.id END LIMIT $5 OFFSET $6";
static const char SQL_COUNT[] = P_SUB "SELECT count(*)" P_FROM P_WHERE;
static const char SQL_DECIDE[] =
    "UPDATE employee_proposals SET status = $2, reason = $3, decided_by = $4, decided_at = $5"
    " WHERE id = $1 AND status = 'pending'";
/* Demo: every 20th extra demo account (pegawaiNNNNN, see cli/demo.c) proposes a new address. */
static const char SQL_DEMO[] =
    "INSERT INTO employee_proposals (employee_id, kind, payload, evidence, status, proposed_by,"
    " created_at) SELECT u.employee_id, 'record', '{\"address\":\"Jl. Contoh No. '"
    " || CAST(u.employee_id % 200 + 1 AS TEXT) || ', Medan\"}', '[]', 'pending', u.id, $1"
    " FROM users u WHERE u.username LIKE 'pegawai0%' AND u.employee_id IS NOT NULL"
    " AND u.employee_id % 20 = 0";
static const char SQL_DOC_OF[] =
    "SELECT count(*) FROM documents WHERE id = $1 AND employee_id = $2";

static int64_t col_id(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

static void read_proposal(struct db_stmt *st, struct arena *a, void *out)
{
    struct proposal *p = out;

    memset(p, 0, sizeof *p);
    p->id = db_col_int(st, 0);
    p->employee_id = db_col_int(st, 1);
    p->kind = db_col_text_copy(st, a, 2);
    p->payload = db_col_text_copy(st, a, 3);
    p->evidence = db_col_text_copy(st, a, 4);
    p->status = db_col_text_copy(st, a, 5);
    p->reason = db_col_text_copy(st, a, 6);
    p->proposed_by = col_id(st, 7);
    p->decided_by = col_id(st, 8);
    p->created_at = db_col_int(st, 9);
    p->decided_at = col_id(st, 10);
    p->employee_nip = db_col_text_copy(st, a, 11);
    p->unit_id = db_col_int(st, 12);
    p->unit_name = db_col_text_copy(st, a, 13);
    p->name = db_col_text_copy(st, a, 14);
    p->gelar_depan = db_col_text_copy(st, a, 15);
    p->gelar_belakang = db_col_text_copy(st, a, 16);
    p->religion = db_col_text_copy(st, a, 17);
    p->marital_status = db_col_text_copy(st, a, 18);
    p->phone = db_col_text_copy(st, a, 19);
    p->email = db_col_text_copy(st, a, 20);
    p->address = db_col_text_copy(st, a, 21);
    p->photo_document_id = col_id(st, 22);
}

enum err_code proposal_insert(struct db *db, const struct proposal *p, int64_t *id_out,
                              struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);
    int64_t id = 0;

    if (rc)
        return rc;
    db_bind_int(st, 1, p->employee_id);
    db_bind_text(st, 2, p->kind);
    db_bind_text(st, 3, p->payload);
    db_bind_text(st, 4, p->evidence);
    db_bind_int(st, 5, p->proposed_by);
    db_bind_int(st, 6, p->created_at);
    rc = db_step_id(st, &id, e);
    if (rc)
        return rc;
    *id_out = id;
    return ERR_OK;
}

enum err_code proposal_get(struct db *db, struct arena *a, int64_t id, struct proposal *out,
                           struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_proposal, out, "Usulan tidak ditemukan", e);
}

static void bind_query(struct db_stmt *st, const struct proposal_query *q)
{
    db_bind_int(st, 1, q->employee_id);
    db_bind_int(st, 2, q->unit_id);
    db_bind_int(st, 3, q->subtree ? 1 : 0);
    db_bind_text(st, 4, q->status ? q->status : "");
}

enum err_code proposal_list(struct db *db, struct arena *a, const struct proposal_query *q,
                            struct proposal **items, size_t *n, int64_t *total, struct err *e)
{
    struct db_stmt *st;
    void *found = NULL;
    int64_t all = 0;
    enum err_code rc = db_prepare(db, SQL_COUNT, &st, e);

    if (rc)
        return rc;
    bind_query(st, q);
    rc = db_step_id(st, &all, e);
    if (rc)
        return rc;
    rc = db_prepare(db, SQL_LIST, &st, e);
    if (rc)
        return rc;
    bind_query(st, q);
    db_bind_int(st, 5, q->per_page);
    db_bind_int(st, 6, (q->page - 1) * q->per_page);
    rc = db_collect(st, a, sizeof(struct proposal), read_proposal, &found, n, e);
    if (rc)
        return rc;
    *items = found;
    *total = all;
    return ERR_OK;
}

enum err_code proposal_decide(struct db *db, int64_t id, const char *status, const char *reason,
                              int64_t user_id, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_DECIDE, &st, e);
    int64_t changed = 0;
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    db_bind_text(st, 3, reason);
    db_bind_int(st, 4, user_id);
    db_bind_int(st, 5, now);
    r = db_step(st, e);
    if (r >= 0)
        changed = db_changes(st);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (changed != 1)
        return err_set(e, ERR_CONFLICT, "already_decided", NULL, "Usulan sudah diputuskan");
    return ERR_OK;
}

enum err_code proposal_document_of(struct db *db, int64_t document_id, int64_t employee_id,
                                   int *yes, struct err *e)
{
    const int64_t args[] = {document_id, employee_id};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_DOC_OF, args, 2, 0, &n, e);

    *yes = !rc && n > 0;
    return rc;
}

enum err_code proposal_demo_seed(struct db *db, int64_t now, struct err *e)
{
    const int64_t args[] = {now};

    return db_run_ints(db, SQL_DEMO, args, 1, NULL, e);
}
