/* leave_day.h - approved leave as other modules read it (attendance: a day on leave is neither
 * present nor absent). The leave module owns the SQL; callers never read leave_requests. */
#ifndef ABDI_LEAVE_DAY_H
#define ABDI_LEAVE_DAY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"

/* The type ("tahunan", "sakit", …) of the approved leave of employee_id covering date, in a's
 * memory; *type NULL when none. */
enum err_code leave_on_day(struct db *db, int64_t employee_id, const char *date, const char **type,
                           struct arena *a, struct err *e) ABDI_MUST_CHECK;

/* Every approved leave overlapping [from, to] ('YYYY-MM-DD'), ordered by employee then start,
 * in a's memory: one statement for a whole government's month. */
struct leave_span {
    int64_t employee_id;
    const char *start_date, *end_date, *type;
};
enum err_code leave_spans(struct db *db, struct arena *a, const char *from, const char *to,
                          struct leave_span **out, size_t *n, struct err *e) ABDI_MUST_CHECK;

#endif
