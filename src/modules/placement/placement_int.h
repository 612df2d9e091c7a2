/* placement_int.h - private to src/modules/placement: the helpers api.c and moves.c share and
 * the handlers the route table in api.c lists. */
#ifndef ABDI_PLACEMENT_INT_H
#define ABDI_PLACEMENT_INT_H

#include "modules/placement/placement.h"

struct employee_date placement_today(const struct req *rq);
/* "YYYY-MM-DD" in the request arena. */
const char *placement_date_text(struct arena *a, struct employee_date d);
enum err_code placement_invalid(struct err *e, const char *field, const char *msg);
/* A real date in s, else 422 naming field. */
enum err_code placement_date_field(const char *s, const char *field, struct employee_date *out,
                                   struct err *e) ABDI_MUST_CHECK;
/* Decree number non-blank and decree date a real date not after today (sk_number, sk_date). */
enum err_code placement_decree(const char *number, const char *date, struct employee_date today,
                               struct err *e) ABDI_MUST_CHECK;
json_t *placement_assignment_json(const struct placement_assignment *x, const char *today);

/* moves.c */
enum err_code placement_api_transfer(struct req *rq, struct resp *rs, struct err *e);
enum err_code placement_api_transfers(struct req *rq, struct resp *rs, struct err *e);
enum err_code placement_api_unit_present(struct req *rq, struct resp *rs, struct err *e);
enum err_code placement_api_candidates(struct req *rq, struct resp *rs, struct err *e);

#endif
