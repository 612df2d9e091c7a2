/* api.c - units endpoints: the tree in the user's scope, one unit, and creating a unit
 * (admins, inside their scope). Handlers parse, check scope, call rules and store. */
#include "modules/org/org.h"

#include <string.h>

#include "auth/auth.h"
#include "core/str.h"

static enum err_code api_units(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_unit *units;
    size_t n;
    int64_t root;
    int subtree;
    enum err_code rc;

    scope_unit_root(rq, &root, &subtree);
    if (root < 0)
        return resp_json(rs, 200, json_pack("{s:[]}", "items"));
    rc = org_units_list(rq->db, rq->a, root, subtree, &units, &n, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, json_pack("{s:o}", "items", org_units_forest(units, n)));
}

static enum err_code api_unit(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_unit u;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = scope_unit_read(rq, id, e);
    if (!rc)
        rc = org_unit_get(rq->db, rq->a, id, &u, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, org_unit_json(&u));
}

static const struct json_field unit_fields[] = {
    {"parent_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"code", JF_STRING, 1, ORG_CODE_MAX, 0, 0},
    {"name", JF_STRING, 1, LIMIT_NAME_BYTES, 0, 0},
    {"kind", JF_STRING, 1, 32, 0, 0},
    {0},
};

static enum err_code api_unit_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_unit u, parent;
    enum err_code rc = json_body_check(rq, unit_fields, e);

    if (rc)
        return rc;
    memset(&u, 0, sizeof u);
    u.parent_id = json_body_int(rq, "parent_id", 0);
    u.code = json_body_str(rq, "code");
    u.name = json_body_str(rq, "name");
    u.kind = json_body_str(rq, "kind");
    rc = org_unit_code_check(u.code, e);
    if (!rc)
        rc = org_unit_kind_check(u.kind, e);
    if (rc)
        return rc;
    rc = scope_unit_write(rq, u.parent_id, e);
    if (!rc)
        rc = org_unit_get(rq->db, rq->a, u.parent_id, &parent, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_INVALID, "validation_failed", "parent_id",
                       "Unit induk tidak ditemukan");
    if (!rc)
        rc = org_unit_insert(rq->db, &u, rq->now, &u.id, e);
    if (rc)
        return rc;
    req_audit(rq, "unit.create", "unit", u.id, NULL, org_unit_json(&u));
    return resp_json(rs, 201, org_unit_json(&u));
}

const struct route org_routes[] = {
    {HTTP_GET, "/api/v1/units", api_units, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/units", api_unit_create, ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM |
     ROLE_SUPERADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/units/{id}", api_unit, ROLES_ANY, 0},
    {0},
};
