/* flexwork_int.h - what the files of the flexwork module share and nobody else uses. */
#ifndef ABDI_FLEXWORK_INT_H
#define ABDI_FLEXWORK_INT_H

#include "modules/flexwork/flexwork.h"

/* ---- rules.c ---- */
/* Copy a stored mode ("WFO", "WFH", "WFA") into dst; anything else becomes "WFO". */
void flexwork_mode_copy(char dst[4], const char *mode);
/* Day number → "YYYY-MM-DD". */
void flexwork_date_text(int64_t day, char out[11]);

/* ---- store.c ---- */
int64_t flexwork_e6(double v);
double flexwork_from_e6(int64_t v);
/* Seven WFO days with a fixed start. */
void flexwork_days_default(struct flexwork_arr_day days[7], int start);
/* The employee's own unit and post; 404 when there is no such employee. */
enum err_code flexwork_employee_unit(struct db *db, int64_t employee_id, int64_t *unit_id,
                                     int64_t *position_id, struct err *e) ABDI_MUST_CHECK;

/* ---- plan.c ---- */
/* *id of the approved request of the employee on date (0 when none). */
enum err_code flexwork_request_approved_on(struct db *db, int64_t employee_id, const char *date,
                                           int64_t *id, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c: shared by the handlers ---- */
/* What the caller is to an employee. */
struct flexwork_who {
    int64_t employee_id, unit_id, position_id;
    int64_t supervisor_id;       /* the direct supervisor today (leave module's chain); 0: none */
    int self, supervisor, admin; /* admin: an admin role whose write scope covers the unit */
};
/* Today (UTC day of rq->now) as "YYYY-MM-DD". */
void flexwork_today(const struct req *rq, char out[11]);
/* Every key of the body in names (NULL-terminated), else 422 unknown_field. */
enum err_code flexwork_body_known(const struct req *rq, const char *const *names,
                                  struct err *e) ABDI_MUST_CHECK;
enum err_code flexwork_json_number(json_t *v, const char *field, double *out, int *present,
                                   struct err *e) ABDI_MUST_CHECK;
enum err_code flexwork_json_text(json_t *v, const char *field, size_t max, const char **out,
                                 struct err *e) ABDI_MUST_CHECK;
/* Fill who; 404 when the employee does not exist or the caller is neither the employee, the
 * direct supervisor, an admin in scope nor a reader in scope. */
enum err_code flexwork_access(struct req *rq, int64_t employee_id, struct flexwork_who *who,
                              struct err *e) ABDI_MUST_CHECK;
/* The module's one notification call site (notify_employee in the request's transaction);
 * employee_id 0 does nothing. */
enum err_code flexwork_notify(struct req *rq, int64_t employee_id, const char *kind,
                              const char *title, const char *body, const char *link,
                              struct err *e) ABDI_MUST_CHECK;
/* The minimum on-site check of unit over ndays from day number from, the employee taking
 * modes[i] (NULL: unchanged) on day i: 409 onsite_minimum naming field, the message saying
 * which day and by how many. */
enum err_code flexwork_onsite_keep(struct req *rq, int64_t unit_id, int64_t employee_id,
                                   int64_t from, int ndays, const char *const *modes,
                                   const char *field, struct err *e) ABDI_MUST_CHECK;
/* {"decision": "approve"|"reject", "reason"} (reason required to reject). */
enum err_code flexwork_decision_body(struct req *rq, int *approve, const char **reason,
                                     struct err *e) ABDI_MUST_CHECK;

/* ---- request_api.c ---- */
enum err_code flexwork_api_requests(struct req *rq, struct resp *rs, struct err *e);
enum err_code flexwork_api_request_create(struct req *rq, struct resp *rs, struct err *e);
enum err_code flexwork_api_request(struct req *rq, struct resp *rs, struct err *e);
enum err_code flexwork_api_request_decide(struct req *rq, struct resp *rs, struct err *e);
enum err_code flexwork_api_week_plan(struct req *rq, struct resp *rs, struct err *e);
enum err_code flexwork_api_days(struct req *rq, struct resp *rs, struct err *e);

#endif
