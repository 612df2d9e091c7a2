/* attendance_int.h - what the attendance module's handler files share (api.c, import.c,
 * recap_api.c); not for other modules. */
#ifndef ABDI_ATTENDANCE_INT_H
#define ABDI_ATTENDANCE_INT_H

#include "http/http.h"
#include "modules/attendance/attendance.h"

#define OFFSET_WIB 420 /* the first guess of a local day, before the unit's zone is known */

/* Today's local date (11 bytes, in rq->a) of rq->now at offset. */
const char *att_today_local(struct req *rq, int offset);
/* ?month= (default: the current month in WIB); 422 naming "month". */
enum err_code att_month_param(struct req *rq, const char **month, struct err *e) ABDI_MUST_CHECK;
json_t *att_month_json(const struct attendance_month *m);
json_t *att_weeks_json(const struct att_recap_row *r);

enum err_code att_api_import(struct req *rq, struct resp *rs, struct err *e);
enum err_code att_api_device_users(struct req *rq, struct resp *rs, struct err *e);
enum err_code att_api_device_user_add(struct req *rq, struct resp *rs, struct err *e);
enum err_code att_api_device_user_delete(struct req *rq, struct resp *rs, struct err *e);
enum err_code att_api_recap(struct req *rq, struct resp *rs, struct err *e);
enum err_code att_api_discipline(struct req *rq, struct resp *rs, struct err *e);

#endif
