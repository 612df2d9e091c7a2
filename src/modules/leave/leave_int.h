/* leave_int.h - what the files of the leave module share and nobody else uses: column
 * readers of the store files and the request helpers of api.c that decide.c needs. */
#ifndef ABDI_LEAVE_INT_H
#define ABDI_LEAVE_INT_H

#include "modules/leave/leave.h"

static inline int64_t leave_col_id(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

static inline int leave_col_int(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : (int)db_col_int(st, col);
}

/* The stored approver (an employee) of pending request l still stands on day T: active with an
 * active account, still on the post (holder) or still acting on it (Plt/Plh), not on an
 * approved leave covering T. */
#define APPROVER_STANDS(T)                                                                         \
    "EXISTS (SELECT 1 FROM employees ax WHERE ax.id = l.approver_employee_id"                      \
    " AND ax.state = 'active'"                                                                     \
    " AND EXISTS (SELECT 1 FROM users ux WHERE ux.employee_id = ax.id AND ux.active = 1)"          \
    " AND ((l.approver_acting IS NULL AND ax.position_id = l.approver_position_id)"                \
    " OR (l.approver_acting IS NOT NULL AND EXISTS (SELECT 1 FROM assignments aa"                  \
    " WHERE aa.employee_id = ax.id AND aa.position_id = l.approver_position_id"                    \
    " AND aa.kind = l.approver_acting AND aa.start_date <= CAST(" T " AS TEXT)"                    \
    " AND aa.end_date >= CAST(" T " AS TEXT)"                                                      \
    " AND (aa.ended_early_on IS NULL OR aa.ended_early_on > CAST(" T " AS TEXT)))))"               \
    " AND NOT EXISTS (SELECT 1 FROM leave_requests lx WHERE lx.employee_id = ax.id"                \
    " AND lx.status = 'approved' AND lx.start_date <= CAST(" T " AS TEXT)"                         \
    " AND lx.end_date >= CAST(" T " AS TEXT)))"
/* ---- api.c ---- */
/* Today of the request's clock, as a day number and as 'YYYY-MM-DD'. */
int64_t leave_today(const struct req *rq);
void leave_today_text(const struct req *rq, char out[11]);
/* The caller's own employee record, 0 when the account has none. */
int64_t leave_me(const struct req *rq);
/* The caller is the current approver of r (never on the own request). */
int leave_can_decide(const struct req *rq, const struct leave_request *r);
/* The employee themself, or an admin who may write the employee's unit. */
int leave_may_act_for(const struct req *rq, const struct leave_request *r);
/* REQUEST of docs/api-leave.md (with steps when with_steps). */
json_t *leave_request_json(struct req *rq, const struct leave_request *r,
                           const struct leave_step *steps, size_t nsteps, int with_steps);
/* The request id with its steps as JSON. */
enum err_code leave_request_full(struct req *rq, int64_t id, json_t **out,
                                 struct err *e) ABDI_MUST_CHECK;
/* The facts the rules need about a's period for employee x (except_id: the request itself when
 * its period changes; own_charged: its days, given back to the balance). */
enum err_code leave_gather(struct req *rq, const struct leave_settings *s,
                           const struct employee_facts *x, const struct leave_person *p,
                           struct leave_ask *a, int64_t except_id, int own_charged,
                           struct err *e) ABDI_MUST_CHECK;

/* ---- decide.c: handlers ---- */
enum err_code leave_api_decide(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_cancel(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_shorten(struct req *rq, struct resp *rs, struct err *e);

/* ---- extras_api.c: handlers, and the "cltn" object of REQUEST (null for other types) ---- */
json_t *leave_cltn_json(const struct leave_request *r, int64_t today);
enum err_code leave_api_cltn_extend(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_cltn_return(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_worked(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_worked_add(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_worked_delete(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_worked_year(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_worked_year_put(struct req *rq, struct resp *rs, struct err *e);

/* ---- settings_api.c: handlers ---- */
enum err_code leave_api_settings(struct req *rq, struct resp *rs, struct err *e);
enum err_code leave_api_settings_put(struct req *rq, struct resp *rs, struct err *e);

#endif
