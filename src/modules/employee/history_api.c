/* history_api.c - one pair of handlers for every history kind: GET lists the rows of an
 * employee the user may read, POST adds a row for admins whose write scope covers the
 * employee's unit (404 outside it). The kind is the last path segment of the route, so the
 * routes are explicit and the handlers generic. Also the education level reference. */
#include "modules/employee/employee.h"

#include <string.h>

#include "auth/auth.h"

/* The kind of the route: the last segment of the path (the router matched it literally). */
static const struct history_kind *kind_of(const struct req *rq)
{
    const char *slash = rq->path ? strrchr(rq->path, '/') : NULL;

    return employee_history_kind(slash ? slash + 1 : NULL);
}

/* The employee of the path, readable by the user (404 otherwise, missing or out of scope). */
static enum err_code employee_of(struct req *rq, struct employee *x, struct err *e)
{
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = employee_get(rq->db, rq->a, id, x, e);
    if (!rc)
        rc = scope_employee_read(rq, x->id, x->unit_id, e);
    return rc;
}

/* May the user add rows to x? Admins whose write scope covers its unit. Only asked of admins,
 * so a reader's denial is not logged as an access attempt. */
static enum err_code may_write(const struct req *rq, const struct employee *x, int *yes,
                               struct err *e)
{
    enum err_code rc;

    *yes = 0;
    if (!role_has(rq, ROLES_ADMIN))
        return ERR_OK;
    rc = scope_unit_write(rq, x->unit_id, e);
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    *yes = rc == ERR_OK;
    return rc;
}

static enum err_code api_history_list(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {NULL};
    const struct history_kind *k = kind_of(rq);
    struct employee x;
    json_t *items;
    int can_add = 0;
    enum err_code rc = employee_of(rq, &x, e);

    if (!rc)
        rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = may_write(rq, &x, &can_add, e);
    if (!rc && !k)
        rc = err_internal(e, "history route without a kind");
    if (!rc)
        rc = employee_history_list(rq->db, rq->a, k, x.id,
                                   can_add || (rq->user && rq->user->employee_id == x.id),
                                   &items, e);
    if (rc)
        return rc;
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:b}", "items", items, "total",
                               (json_int_t)json_array_size(items), "can_add",
                               can_add && k->sql_insert != NULL));
}

/* The row just added, as the list shows it (NIK masked: this also goes to the audit log). */
static json_t *added_row(json_t *items, int64_t id)
{
    size_t i;
    json_t *row;

    json_array_foreach(items, i, row) {
        if (json_integer_value(json_object_get(row, "id")) == id)
            return json_incref(row);
    }
    return json_null();
}

static enum err_code api_history_add(struct req *rq, struct resp *rs, struct err *e)
{
    const struct history_kind *k = kind_of(rq);
    struct employee x;
    int64_t id = 0;
    json_t *items = NULL, *row;
    enum err_code rc = employee_of(rq, &x, e);

    if (!rc)
        rc = scope_unit_write(rq, x.unit_id, e);
    if (!rc && !k)
        rc = err_internal(e, "history route without a kind");
    if (!rc)
        rc = employee_history_add(rq->db, rq->a, k->name, x.id, rq->json,
                                  rq->user ? rq->user->id : 0, rq->now, &id, e);
    if (!rc)
        rc = employee_history_list(rq->db, rq->a, k, x.id, 0, &items, e);
    if (rc)
        return rc;
    row = added_row(items, id);
    json_decref(items);
    json_object_set_new(row, "employee_id", json_integer(x.id));
    req_audit(rq, k->action, k->table, id, NULL, json_incref(row));
    return resp_json(rs, 201, row);
}

static enum err_code api_education_levels(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {NULL};
    json_t *items;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = employee_education_levels(rq->db, &items, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, json_pack("{s:o,s:I}", "items", items, "total",
                                        (json_int_t)json_array_size(items)));
}

#define HISTORY_ROUTES(kind)                                                                  \
    {HTTP_GET, "/api/v1/employees/{id}/" kind, api_history_list, ROLES_ANY, 0, 0},            \
        {HTTP_POST, "/api/v1/employees/{id}/" kind, api_history_add, ROLES_ADMIN, ROUTE_WRITE, 0}

const struct route employee_history_routes[] = {
    {HTTP_GET, "/api/v1/references/education-levels", api_education_levels, ROLES_ANY, 0, 0},
    HISTORY_ROUTES("education"),
    HISTORY_ROUTES("family"),
    HISTORY_ROUTES("training"),
    HISTORY_ROUTES("awards"),
    HISTORY_ROUTES("discipline"),
    HISTORY_ROUTES("kinerja"),
    HISTORY_ROUTES("ranks"),
    {HTTP_GET, "/api/v1/employees/{id}/positions", api_history_list, ROLES_ANY, 0, 0},
    {0},
};
