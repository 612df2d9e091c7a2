/* scope.c - the one answer to "may this user read/write this unit's data", used by every
 * module. Decided from server data only (the session's roles and home unit, the units
 * tree); never from anything the client sends. Denials answer 404 and are logged. */
#include "auth/auth.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"


static const char SQL_WITHIN[] =
    "WITH RECURSIVE up(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id"
    " WHERE up.depth < 64)"
    " SELECT count(*) FROM up WHERE id = $2";

static void root_for(const struct req *rq, int write, int64_t *root, int *subtree)
{
    unsigned roles = rq->user ? rq->user->roles : 0;
    unsigned all = ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN | (write ? 0u : ROLE_PIMPINAN);

    *subtree = 0;
    if (roles & all) {
        *root = 0;
        return;
    }
    *root = rq->user && rq->user->unit_id > 0 ? rq->user->unit_id : -1;
    *subtree = (roles & ROLE_ADMIN_UNIT) != 0;
}

void scope_unit_root(const struct req *rq, int64_t *root, int *subtree)
{
    root_for(rq, 0, root, subtree);
}

enum err_code scope_unit_within(struct db *db, int64_t root, int64_t unit, int *yes,
                                struct err *e)
{
    const int64_t args[] = {unit, root};
    int64_t n = 0;
    enum err_code rc = db_value_int(db, SQL_WITHIN, args, 2, 0, &n, e);

    *yes = !rc && n > 0;
    return rc;
}

static enum err_code deny(const struct req *rq, int64_t unit_id, struct err *e)
{
    char unit[24];

    snprintf(unit, sizeof unit, "%lld", (long long)unit_id);
    log_event("access_denied", "reason", "scope", "path", rq->path ? rq->path : "", "user",
              rq->user ? rq->user->username : "-", "unit", unit, NULL);
    return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
}

static enum err_code check(const struct req *rq, int64_t unit_id, int write, struct err *e)
{
    int64_t root;
    int subtree, yes = 0;
    enum err_code rc;

    if (!rq->user)
        return deny(rq, unit_id, e);
    if (write && !(rq->user->roles & (ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN)))
        return deny(rq, unit_id, e);
    root_for(rq, write, &root, &subtree);
    if (root == 0)
        return ERR_OK;
    if (root < 0)
        return deny(rq, unit_id, e);
    if (!subtree)
        return root == unit_id ? ERR_OK : deny(rq, unit_id, e);
    rc = scope_unit_within(rq->db, root, unit_id, &yes, e);
    if (rc)
        return rc; /* fail closed: an error is never a yes */
    return yes ? ERR_OK : deny(rq, unit_id, e);
}

enum err_code scope_unit_read(const struct req *rq, int64_t unit_id, struct err *e)
{
    return check(rq, unit_id, 0, e);
}

enum err_code scope_unit_write(const struct req *rq, int64_t unit_id, struct err *e)
{
    return check(rq, unit_id, 1, e);
}

int64_t scope_employee_self(const struct req *rq)
{
    unsigned roles = rq->user ? rq->user->roles : 0;

    if (roles & ~(unsigned)ROLE_PEGAWAI)
        return 0;
    return rq->user && rq->user->employee_id > 0 ? rq->user->employee_id : -1;
}

enum err_code scope_employee_read(const struct req *rq, int64_t employee_id, int64_t unit_id,
                                  struct err *e)
{
    int64_t self = scope_employee_self(rq);

    if (self == 0)
        return check(rq, unit_id, 0, e);
    return self == employee_id ? ERR_OK : deny(rq, unit_id, e);
}

enum err_code scope_unit_filter(const struct req *rq, const char *unit_param, int64_t *unit_id,
                                int *subtree, struct err *e)
{
    int64_t root, filter = 0;
    int sub;

    if (unit_param && parse_int64(unit_param, strlen(unit_param), 1, INT64_MAX, &filter))
        return err_set(e, ERR_INVALID, "validation_failed", "unit_id",
                       "unit_id harus bilangan bulat positif");
    if (filter) {
        enum err_code rc = scope_unit_read(rq, filter, e);

        if (rc)
            return rc;
    }
    scope_unit_root(rq, &root, &sub);
    if (root < 0) {
        *unit_id = -1;
        *subtree = 0;
        return ERR_OK;
    }
    *unit_id = root == 0 || sub ? (filter ? filter : root) : root;
    *subtree = root == 0 || sub;
    return ERR_OK;
}
