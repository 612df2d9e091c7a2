/* api.c - GET /api/v1/audit for the admin roles: filter by entity, actor and date,
 * paged, newest first. Reading the audit log is itself not audited. */
#include "audit/audit.h"

#include <string.h>

#include "core/clock.h"
#include "core/str.h"

static const char *const audit_query_keys[] = {"entity", "actor_id", "from", "to", "page",
                                               "per_page", NULL};

static enum err_code date_param(const struct req *rq, const char *key, int64_t add,
                                int64_t *out, struct err *e)
{
    const char *s = req_query(rq, key);

    *out = 0;
    if (!s)
        return ERR_OK;
    if (clock_parse_date(s, out))
        return err_set(e, ERR_INVALID, "validation_failed", key,
                       "Tanggal harus berformat YYYY-MM-DD");
    *out += add;
    return ERR_OK;
}

static enum err_code api_audit_list(struct req *rq, struct resp *rs, struct err *e)
{
    struct audit_filter f;
    const char *actor;
    json_t *out;
    enum err_code rc = req_query_allow(rq, audit_query_keys, e);

    memset(&f, 0, sizeof f);
    if (!rc)
        rc = req_paging(rq, &f.page, &f.per_page, e);
    if (!rc)
        rc = date_param(rq, "from", 0, &f.from_at, e);
    if (!rc)
        rc = date_param(rq, "to", 86400, &f.to_at, e);
    if (rc)
        return rc;
    f.entity = req_query(rq, "entity");
    if (f.entity && (strlen(f.entity) > 64 || !*f.entity))
        return err_set(e, ERR_INVALID, "validation_failed", "entity", "Entitas tidak sah");
    actor = req_query(rq, "actor_id");
    if (actor && parse_int64(actor, strlen(actor), 1, INT64_MAX, &f.actor_id))
        return err_set(e, ERR_INVALID, "validation_failed", "actor_id",
                       "actor_id harus bilangan bulat positif");
    rc = audit_list(rq->db, &f, &out, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, out);
}

const struct route audit_routes[] = {
    {HTTP_GET, "/api/v1/audit", api_audit_list, ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN, 0},
    {0},
};
