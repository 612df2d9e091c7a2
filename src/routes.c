/* routes.c - the one list of every module's route table, in one visible place. */
#include "routes.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/err.h"
#include "db/db.h"
#include "modules/attendance/attendance.h"
#include "modules/calendar/calendar.h"
#include "modules/flexwork/flexwork.h"
#include "modules/leave/leave.h"
#include "modules/leave/leave_report.h"
#include "modules/document/document.h"
#include "modules/employee/employee.h"
#include "modules/engagement/engagement.h"
#include "modules/notify/notify.h"
#include "modules/org/org.h"
#include "modules/proposal/proposal.h"
#include "modules/placement/placement.h"
#include "modules/reference/reference.h"
#include "modules/siasn/siasn.h"
#include "modules/siasn/siasn_export.h"

/* The version only for the admin roles (security-tests.md 14.3.3: no version leaks). */
static enum err_code api_health(struct req *rq, struct resp *rs, struct err *e)
{
    json_t *v = json_pack("{s:s,s:s}", "status", "ok", "db", db_engine_name(rq->db));

    (void)e;
    if (role_has(rq, ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN))
        json_object_set_new(v, "version", json_string(rq->app->version));
    return resp_json(rs, 200, v);
}

static json_t *roles_json(unsigned roles)
{
    json_t *arr = json_array();

    for (unsigned bit = 1; bit <= ROLE_SUPERADMIN; bit <<= 1)
        if (roles & bit)
            json_array_append_new(arr, json_string(role_name(bit)));
    return arr;
}

/* One operation object per route row: the API description is generated from the route
 * tables themselves, so it cannot drift from what the router serves. */
static json_t *operation(const struct route *r)
{
    json_t *op = json_object(), *params = json_array();
    const char *p = r->pattern;

    while ((p = strchr(p, '{')) != NULL) {
        const char *end = strchr(p, '}');

        if (!end)
            break;
        json_array_append_new(params, json_pack("{s:s%,s:s,s:b,s:{s:s}}", "name", p + 1,
                                                (size_t)(end - p - 1), "in", "path", "required",
                                                1, "schema", "type", "integer"));
        p = end + 1;
    }
    json_object_set_new(op, "parameters", params);
    json_object_set_new(op, "x-public", json_boolean(r->flags & ROUTE_PUBLIC));
    json_object_set_new(op, "x-roles", roles_json(r->flags & ROUTE_PUBLIC ? 0 : r->roles));
    json_object_set_new(op, "x-audited-write", json_boolean(r->flags & ROUTE_WRITE));
    json_object_set_new(op, "responses", json_pack("{s:{s:s}}", "default", "description",
                                                   "JSON; errors as {\"error\":{code,message,field}}"));
    return op;
}

static enum err_code api_openapi(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const verbs[] = {"get", "post", "put", "patch", "delete"};
    json_t *paths = json_object();

    (void)e, (void)rq;
    for (const struct route *const *t = abdi_routes; *t; t++) {
        for (const struct route *r = *t; r->pattern; r++) {
            json_t *item = json_object_get(paths, r->pattern);

            if (!item) {
                item = json_object();
                json_object_set_new(paths, r->pattern, item);
            }
            for (unsigned i = 0; i < 5; i++)
                if (r->methods & (1u << i))
                    json_object_set_new(item, verbs[i], operation(r));
        }
    }
    return resp_json(rs, 200,
                     json_pack("{s:s,s:{s:s,s:s},s:o}", "openapi", "3.0.3", "info", "title",
                               "Abdi API", "version", "v1", "paths", paths));
}

static const struct route core_routes[] = {
    {HTTP_GET, "/api/v1/health", api_health, 0, ROUTE_PUBLIC},
    {HTTP_GET, "/api/v1/openapi.json", api_openapi, 0, ROUTE_PUBLIC},
    {0},
};

const struct route *const abdi_routes[] = {
    core_routes,
    auth_routes,
    audit_routes,
    org_routes,
    employee_routes,
    document_routes,
    proposal_routes,
    employee_history_routes,
    employee_settings_routes,
    employee_import_routes,
    placement_routes,
    employee_report_routes,
    org_vacancy_routes,
    calendar_routes,
    leave_routes,
    leave_report_routes,
    flexwork_routes,
    attendance_routes,
    notify_routes,
    engagement_routes,
    siasn_routes,
    reference_routes,
    siasn_export_routes,
    NULL,
};
