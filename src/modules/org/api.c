/* api.c - units and positions endpoints: the tree in the user's scope, one unit, creating a
 * unit or a position (admins, inside their scope), a unit's positions. Handlers parse, check
 * scope, call rules and store; they hold no SQL. */
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

static const struct json_field position_fields[] = {
    {"unit_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"name", JF_STRING, 1, LIMIT_NAME_BYTES, 0, 0},
    {"kind", JF_STRING, 1, 32, 0, 0},
    {"kelas_jabatan", JF_INT, 1, 0, 1, 17},
    {"needed", JF_INT, 0, 0, 0, 100000},
    {"bup_age", JF_INT, 0, 0, 40, 70},
    {"siasn_jabatan_id", JF_STRING, 0, 64, 0, 0},
    {0},
};

static enum err_code api_position_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_position p;
    struct org_unit unit;
    enum err_code rc = json_body_check(rq, position_fields, e);

    if (rc)
        return rc;
    memset(&p, 0, sizeof p);
    p.unit_id = json_body_int(rq, "unit_id", 0);
    p.name = json_body_str(rq, "name");
    p.kind = json_body_str(rq, "kind");
    p.kelas_jabatan = (int)json_body_int(rq, "kelas_jabatan", 0);
    p.needed = (int)json_body_int(rq, "needed", 0);
    p.bup_age = (int)json_body_int(rq, "bup_age", org_position_bup_default(p.kind));
    p.siasn_jabatan_id = json_body_str(rq, "siasn_jabatan_id");
    rc = org_position_check(&p, e);
    if (rc)
        return rc;
    rc = scope_unit_write(rq, p.unit_id, e);
    if (rc)
        return rc;
    rc = org_unit_get(rq->db, rq->a, p.unit_id, &unit, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_INVALID, "validation_failed", "unit_id", "Unit tidak ditemukan");
    if (!rc)
        rc = org_position_insert(rq->db, &p, rq->now, &p.id, e);
    if (rc)
        return rc;
    req_audit(rq, "position.create", "position", p.id, NULL, org_position_json(&p));
    return resp_json(rs, 201, org_position_json(&p));
}

static enum err_code api_positions(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", NULL};
    const char *s = req_query(rq, "unit_id");
    struct org_position *items;
    json_t *arr;
    size_t n;
    int64_t unit_id;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (rc)
        return rc;
    if (!s || parse_int64(s, strlen(s), 1, INT64_MAX, &unit_id))
        return err_set(e, ERR_INVALID, "validation_failed", "unit_id",
                       "unit_id wajib berupa bilangan bulat positif");
    rc = scope_unit_read(rq, unit_id, e);
    if (!rc)
        rc = org_positions_list(rq->db, rq->a, unit_id, &items, &n, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, org_position_json(&items[i]));
    return resp_json(rs, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n));
}

const struct route org_routes[] = {
    {HTTP_GET, "/api/v1/units", api_units, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/units", api_unit_create, ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM |
     ROLE_SUPERADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/units/{id}", api_unit, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/positions", api_positions, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/positions", api_position_create, ROLES_ADMIN, ROUTE_WRITE},
    {0},
};
