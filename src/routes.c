/* routes.c - the one list of every module's route table, in one visible place. */
#include "routes.h"

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/err.h"
#include "db/db.h"
#include "modules/org/org.h"

static enum err_code api_health(struct req *rq, struct resp *rs, struct err *e)
{
    (void)e;
    return resp_json(rs, 200,
                     json_pack("{s:s,s:s,s:s}", "status", "ok", "db", db_engine_name(rq->db),
                               "version", rq->app->version));
}

static const struct route core_routes[] = {
    {HTTP_GET, "/api/v1/health", api_health, 0, ROUTE_PUBLIC},
    {0},
};

const struct route *const abdi_routes[] = {
    core_routes,
    auth_routes,
    audit_routes,
    org_routes,
    NULL,
};
