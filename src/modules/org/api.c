/* api.c - units and positions endpoints: the tree in the user's scope, one unit, creating,
 * renaming, moving and closing a unit, and the position catalogue (list with filters, one,
 * create, update with the supervising post). Writes are for admins inside their scope; no
 * unit leaves the writer's scope by a move, and no move strands a post whose supervising post
 * would no longer be in an ancestor unit (409 listing them, or cleared on request). Handlers
 * parse, check scope, call rules and store; they hold no SQL. */
#include "modules/org/org.h"

#include <string.h>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/str.h"

#define SIASN_ID_MAX 64

/* The one message for a supervising post that is missing or outside the position's unit
 * and its ancestors: the two cases must not be told apart (no existence oracle). */
#define PARENT_POSITION_MSG "Jabatan atasan harus berada di unit yang sama atau unit induknya"

/* 1 when the body has the key, with a value or null. */
static int body_has(const struct req *rq, const char *name)
{
    return rq->json && json_object_get(rq->json, name) != NULL;
}

static enum err_code body_not_empty(const struct req *rq, struct err *e)
{
    if (!rq->json || json_object_size(rq->json) == 0)
        return err_invalid(e, NULL, "Tidak ada data yang diubah");
    return ERR_OK;
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

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

/* 409 duplicate_code when another unit has code. */
static enum err_code code_free(struct req *rq, const char *code, int64_t self, struct err *e)
{
    struct org_unit other;
    enum err_code rc = org_unit_by_code(rq->db, rq->a, code, &other, e);

    if (rc == ERR_NOT_FOUND) {
        err_clear(e);
        return ERR_OK;
    }
    if (!rc && other.id != self)
        return err_set(e, ERR_CONFLICT, "duplicate_code", "code", "Kode unit sudah dipakai");
    return rc;
}

/* A parent for a new or moved unit: in the writer's scope and open; 422 naming parent_id
 * otherwise (outside the scope reads as missing). */
static enum err_code parent_unit_check(struct req *rq, int64_t parent_id, struct err *e)
{
    struct org_unit parent;
    enum err_code rc = scope_unit_write(rq, parent_id, e);

    if (!rc)
        rc = org_unit_get(rq->db, rq->a, parent_id, &parent, e);
    if (rc == ERR_NOT_FOUND)
        return err_invalid(e, "parent_id", "Unit induk tidak ditemukan");
    if (!rc && parent.closed_on)
        return err_invalid(e, "parent_id", "Unit induk sudah ditutup");
    return rc;
}

static const struct json_field unit_fields[] = {
    {"parent_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"code", JF_STRING, 1, ORG_CODE_MAX, 0, 0},
    {"name", JF_STRING, 1, LIMIT_NAME_BYTES, 0, 0},
    {"kind", JF_STRING, 1, 32, 0, 0},
    {"siasn_unor_id", JF_STRING, 0, SIASN_ID_MAX, 0, 0},
    {0},
};

static enum err_code api_unit_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_unit u;
    enum err_code rc = json_body_check(rq, unit_fields, e);

    if (rc)
        return rc;
    memset(&u, 0, sizeof u);
    u.parent_id = json_body_int(rq, "parent_id", 0);
    u.code = json_body_str(rq, "code");
    u.name = json_body_str(rq, "name");
    u.kind = json_body_str(rq, "kind");
    u.siasn_unor_id = json_body_str(rq, "siasn_unor_id");
    rc = org_unit_code_check(u.code, e);
    if (!rc)
        rc = org_unit_name_check(u.name, e);
    if (!rc)
        rc = org_unit_kind_check(u.kind, e);
    if (!rc)
        rc = parent_unit_check(rq, u.parent_id, e);
    if (!rc)
        rc = code_free(rq, u.code, 0, e);
    if (!rc)
        rc = org_unit_insert(rq->db, &u, rq->now, &u.id, e);
    if (rc)
        return rc;
    req_audit(rq, "unit.create", "unit", u.id, NULL, org_unit_json(&u));
    return resp_json(rs, 201, org_unit_json(&u));
}

/* Moving u (now under old_parent) below u->parent_id; *chain and *n receive the ids from the
 * new parent upward. */
static enum err_code move_check(struct req *rq, const struct org_unit *u, int64_t old_parent,
                                int64_t **chain, size_t *n, struct err *e)
{
    struct org_unit cur = *u;
    enum err_code rc;

    cur.parent_id = old_parent;
    rc = org_unit_move_check(&cur, u->parent_id, NULL, 0, e); /* the root stays */
    if (!rc && u->parent_id == 0)
        return err_invalid(e, "parent_id", "Unit induk wajib diisi");
    if (!rc)
        rc = parent_unit_check(rq, u->parent_id, e);
    if (!rc)
        rc = org_unit_ancestors(rq->db, rq->a, u->parent_id, chain, n, e);
    if (!rc)
        rc = org_unit_move_check(&cur, u->parent_id, *chain, *n, e);
    return rc;
}

/* The broken links of a move (posts of the subtree whose supervising post would no longer be in
 * an ancestor unit), at most ORG_MOVE_LINKS_MAX of them, as a JSON array. */
static json_t *links_json(const struct org_supervisor_link *links, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < n && json_array_size(arr) < ORG_MOVE_LINKS_MAX; i++)
        if (links[i].broken)
            json_array_append_new(arr, org_supervisor_link_json(&links[i]));
    return arr;
}

/* The supervising posts a move of u below chain would strand. Without detach: 409 whose error
 * lists the posts (error.positions, error.positions_total), nothing written. With detach:
 * *broken_out and *links_out say which links the caller clears after the move. */
static enum err_code move_links(struct req *rq, const struct org_unit *u, const int64_t *chain,
                                size_t n, int detach, struct org_supervisor_link **links_out,
                                size_t *nlinks_out, size_t *broken_out, struct err *e)
{
    struct org_supervisor_link *links = NULL;
    size_t nlinks = 0, broken;
    enum err_code rc = org_unit_outside_links(rq->db, rq->a, u->id, &links, &nlinks, e);

    if (rc)
        return rc;
    broken = org_unit_move_links(links, nlinks, chain, n);
    rc = org_unit_move_links_check(broken, detach, e);
    if (rc) {
        req_error_data(rq, json_pack("{s:o,s:I}", "positions", links_json(links, nlinks),
                                     "positions_total", (json_int_t)broken));
        return rc;
    }
    *links_out = links;
    *nlinks_out = nlinks;
    *broken_out = broken;
    return ERR_OK;
}

/* Clear every broken link of a detaching move. */
static enum err_code detach_links(struct req *rq, const struct org_supervisor_link *links,
                                  size_t n, struct err *e)
{
    for (size_t i = 0; i < n; i++) {
        enum err_code rc;

        if (!links[i].broken)
            continue;
        rc = org_position_detach_supervisor(rq->db, links[i].position_id,
                                            links[i].supervisor_id, e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static const struct json_field unit_patch_fields[] = {
    {"parent_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"code", JF_STRING, 0, ORG_CODE_MAX, 0, 0},
    {"name", JF_STRING, 0, LIMIT_NAME_BYTES, 0, 0},
    {"siasn_unor_id", JF_STRING, 0, SIASN_ID_MAX, 0, 0},
    {"detach_supervisors", JF_BOOL, 0, 0, 0, 0},
    {0},
};

/* PATCH /units/{id}: rename (name, code, siasn_unor_id) and move (parent_id). A move that would
 * leave posts of the subtree with a supervising post outside their ancestor units is refused
 * (409 with the list) unless detach_supervisors is true: then those links are cleared in the
 * same transaction and listed in the audit row and the answer (detached_positions). */
static enum err_code api_unit_update(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_unit u, old;
    struct org_supervisor_link *links = NULL;
    int64_t id, *chain = NULL;
    size_t n = 0, nlinks = 0, broken = 0;
    int moved, detach;
    json_t *after, *detached = NULL;
    enum err_code rc = json_body_check(rq, unit_patch_fields, e);

    if (!rc)
        rc = body_not_empty(rq, e);
    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = scope_unit_write(rq, id, e);
    if (!rc)
        rc = org_unit_get(rq->db, rq->a, id, &u, e);
    if (rc)
        return rc;
    if (u.closed_on)
        return err_set(e, ERR_CONFLICT, "unit_closed", NULL,
                       "Unit sudah ditutup dan tidak dapat diubah");
    old = u;
    detach = rq->json && json_is_true(json_object_get(rq->json, "detach_supervisors"));
    if (body_has(rq, "name"))
        u.name = json_body_str(rq, "name");
    if (body_has(rq, "code"))
        u.code = json_body_str(rq, "code");
    if (body_has(rq, "siasn_unor_id"))
        u.siasn_unor_id = json_body_str(rq, "siasn_unor_id");
    if (body_has(rq, "parent_id"))
        u.parent_id = json_body_int(rq, "parent_id", 0);
    moved = u.parent_id != old.parent_id;
    rc = org_unit_name_check(u.name, e);
    if (!rc)
        rc = org_unit_code_check(u.code, e);
    if (!rc && moved)
        rc = move_check(rq, &u, old.parent_id, &chain, &n, e);
    if (!rc)
        rc = code_free(rq, u.code, u.id, e);
    if (!rc && moved)
        rc = move_links(rq, &u, chain, n, detach, &links, &nlinks, &broken, e);
    if (rc)
        return rc;
    if (!moved && strcmp(u.name, old.name) == 0 && strcmp(u.code, old.code) == 0 &&
        same_text(u.siasn_unor_id, old.siasn_unor_id)) {
        rq->no_audit = 1; /* nothing changed, nothing to record */
        return resp_json(rs, 200, org_unit_json(&u));
    }
    rc = org_unit_update(rq->db, &u, e);
    if (!rc && broken)
        rc = detach_links(rq, links, nlinks, e);
    if (rc)
        return rc;
    after = org_unit_json(&u);
    if (broken) {
        detached = links_json(links, nlinks);
        json_object_set(after, "detached_positions", detached);
        json_object_set_new(after, "detached_total", json_integer((json_int_t)broken));
    }
    req_audit(rq, moved ? "unit.move" : "unit.update", "unit", u.id, org_unit_json(&old), after);
    after = org_unit_json(&u);
    if (detach && moved) {
        json_object_set_new(after, "detached_positions", detached ? detached : json_array());
        json_object_set_new(after, "detached_total", json_integer((json_int_t)broken));
    } else if (detached) {
        json_decref(detached);
    }
    return resp_json(rs, 200, after);
}

static const struct json_field close_fields[] = {
    {"date", JF_STRING, 1, 10, 0, 0},
    {"reason", JF_STRING, 1, ORG_REASON_MAX, 0, 0},
    {0},
};

/* POST /units/{id}/close: only an empty unit (no open sub-unit, no active employee). */
static enum err_code api_unit_close(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_unit u, old;
    int64_t id, children = 0, employees = 0, day = -1;
    enum err_code rc = json_body_check(rq, close_fields, e);

    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = scope_unit_write(rq, id, e);
    if (!rc)
        rc = org_unit_get(rq->db, rq->a, id, &u, e);
    if (!rc)
        rc = org_unit_usage(rq->db, id, &children, &employees, e);
    if (!rc && clock_parse_date(json_body_str(rq, "date"), &day) < 0)
        day = -1;
    if (!rc)
        rc = org_unit_close_check(&u, day, json_body_str(rq, "reason"), rq->now, children,
                                  employees, e);
    if (rc)
        return rc;
    old = u;
    u.closed_on = json_body_str(rq, "date");
    u.closed_reason = json_body_str(rq, "reason");
    rc = org_unit_close(rq->db, id, u.closed_on, u.closed_reason, e);
    if (rc)
        return rc;
    req_audit(rq, "unit.close", "unit", id, org_unit_json(&old), org_unit_json(&u));
    return resp_json(rs, 200, org_unit_json(&u));
}

/* The supervising post of p (if any): an existing post in p's unit or an ancestor unit that
 * p does not itself supervise, directly or not. */
static enum err_code position_parent_check(struct req *rq, const struct org_position *p,
                                           struct err *e)
{
    struct org_position parent;
    int64_t *chain = NULL, *units = NULL;
    size_t n = 0, un = 0;
    enum err_code rc;

    if (!p->parent_position_id)
        return ERR_OK;
    rc = org_position_get(rq->db, rq->a, p->parent_position_id, &parent, e);
    if (rc == ERR_NOT_FOUND)
        return err_invalid(e, "parent_position_id", PARENT_POSITION_MSG);
    if (!rc)
        rc = org_position_chain(rq->db, rq->a, parent.id, &chain, &n, e);
    if (!rc)
        rc = org_unit_ancestors(rq->db, rq->a, p->unit_id, &units, &un, e);
    if (!rc)
        rc = org_position_parent_check(p->id, parent.id, parent.unit_id, chain, n, units, un,
                                       e);
    return rc;
}

static const struct json_field position_fields[] = {
    {"unit_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"name", JF_STRING, 1, LIMIT_NAME_BYTES, 0, 0},
    {"kind", JF_STRING, 1, 32, 0, 0},
    {"kelas_jabatan", JF_INT, 1, 0, 1, 17},
    {"needed", JF_INT, 0, 0, 0, 100000},
    {"bup_age", JF_INT, 0, 0, 40, 70},
    {"siasn_jabatan_id", JF_STRING, 0, SIASN_ID_MAX, 0, 0},
    {"parent_position_id", JF_INT, 0, 0, 1, INT64_MAX},
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
    p.parent_position_id = json_body_int(rq, "parent_position_id", 0);
    rc = org_position_check(&p, e);
    if (rc)
        return rc;
    rc = scope_unit_write(rq, p.unit_id, e);
    if (rc)
        return rc;
    rc = org_unit_get(rq->db, rq->a, p.unit_id, &unit, e);
    if (rc == ERR_NOT_FOUND)
        return err_invalid(e, "unit_id", "Unit tidak ditemukan");
    if (!rc)
        rc = org_unit_open_check(rq->db, p.unit_id, e);
    if (!rc)
        rc = position_parent_check(rq, &p, e);
    if (!rc)
        rc = org_position_insert(rq->db, &p, rq->now, &p.id, e);
    if (!rc)
        rc = org_position_get(rq->db, rq->a, p.id, &p, e);
    if (rc)
        return rc;
    req_audit(rq, "position.create", "position", p.id, NULL, org_position_json(&p));
    return resp_json(rs, 201, org_position_json(&p));
}

static const struct json_field position_patch_fields[] = {
    {"name", JF_STRING, 0, LIMIT_NAME_BYTES, 0, 0},
    {"kind", JF_STRING, 0, 32, 0, 0},
    {"kelas_jabatan", JF_INT, 0, 0, 1, 17},
    {"needed", JF_INT, 0, 0, 0, 100000},
    {"bup_age", JF_INT, 0, 0, 40, 70},
    {"siasn_jabatan_id", JF_STRING, 0, SIASN_ID_MAX, 0, 0},
    {"parent_position_id", JF_INT, 0, 0, 1, INT64_MAX},
    {0},
};

/* The body's changes onto p. A new kind brings its own retirement age unless the body sets
 * one or the old age was an override (not the old kind's default). */
static void position_apply(const struct req *rq, struct org_position *p)
{
    const char *kind = body_has(rq, "kind") ? json_body_str(rq, "kind") : p->kind;

    if (body_has(rq, "name"))
        p->name = json_body_str(rq, "name");
    if (!body_has(rq, "bup_age") && !same_text(kind, p->kind) &&
        p->bup_age == org_position_bup_default(p->kind))
        p->bup_age = org_position_bup_default(kind);
    p->kind = kind;
    if (body_has(rq, "kelas_jabatan"))
        p->kelas_jabatan = (int)json_body_int(rq, "kelas_jabatan", 0);
    if (body_has(rq, "needed"))
        p->needed = (int)json_body_int(rq, "needed", -1);
    if (body_has(rq, "bup_age"))
        p->bup_age = (int)json_body_int(rq, "bup_age", 0);
    if (body_has(rq, "siasn_jabatan_id"))
        p->siasn_jabatan_id = json_body_str(rq, "siasn_jabatan_id");
    if (body_has(rq, "parent_position_id"))
        p->parent_position_id = json_body_int(rq, "parent_position_id", 0);
}

/* PATCH /positions/{id}: the post of an open unit in the writer's scope. */
static enum err_code api_position_update(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_position p, old;
    struct org_unit unit;
    int64_t id;
    enum err_code rc = json_body_check(rq, position_patch_fields, e);

    if (!rc)
        rc = body_not_empty(rq, e);
    if (!rc)
        rc = req_param_id(rq, 0, &id, e);
    if (!rc)
        rc = org_position_get(rq->db, rq->a, id, &p, e);
    if (!rc)
        rc = scope_unit_write(rq, p.unit_id, e);
    if (!rc)
        rc = org_unit_get(rq->db, rq->a, p.unit_id, &unit, e);
    if (rc)
        return rc;
    if (unit.closed_on)
        return err_set(e, ERR_CONFLICT, "unit_closed", NULL,
                       "Unit sudah ditutup; jabatannya tidak dapat diubah");
    old = p;
    position_apply(rq, &p);
    rc = org_position_check(&p, e);
    if (!rc && p.parent_position_id != old.parent_position_id)
        rc = position_parent_check(rq, &p, e);
    if (!rc)
        rc = org_position_update(rq->db, &p, e);
    if (!rc)
        rc = org_position_get(rq->db, rq->a, id, &p, e);
    if (rc)
        return rc;
    req_audit(rq, "position.update", "position", id, org_position_json(&old),
              org_position_json(&p));
    return resp_json(rs, 200, org_position_json(&p));
}

static enum err_code api_position(struct req *rq, struct resp *rs, struct err *e)
{
    struct org_position p;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = org_position_get(rq->db, rq->a, id, &p, e);
    if (!rc)
        rc = scope_unit_read(rq, p.unit_id, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, org_position_json(&p));
}

/* GET /positions?unit_id=&subunits=&kind=&page=&per_page=. Sub-units only for users whose
 * scope reaches them (admins of the subtree, whole-government roles). */
static enum err_code api_positions(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unit_id", "subunits", "kind", "page", "per_page", NULL};
    const char *s = req_query(rq, "unit_id"), *sub = req_query(rq, "subunits");
    struct org_position_query q;
    struct org_position *items;
    json_t *arr;
    size_t n;
    int64_t total, root;
    int subtree;
    enum err_code rc = req_query_allow(rq, keys, e);

    memset(&q, 0, sizeof q);
    if (!rc)
        rc = req_paging(rq, &q.page, &q.per_page, e);
    if (rc)
        return rc;
    if (!s || parse_int64(s, strlen(s), 1, INT64_MAX, &q.unit_id))
        return err_invalid(e, "unit_id", "unit_id wajib berupa bilangan bulat positif");
    if (sub && strcmp(sub, "true") != 0 && strcmp(sub, "false") != 0)
        return err_invalid(e, "subunits", "subunits harus true atau false");
    q.kind = req_query(rq, "kind");
    if (q.kind && *q.kind) {
        rc = org_position_kind_check(q.kind, e);
        if (rc)
            return rc;
    }
    rc = scope_unit_read(rq, q.unit_id, e);
    if (rc)
        return rc;
    scope_unit_root(rq, &root, &subtree);
    q.subtree = sub && strcmp(sub, "true") == 0 && (root == 0 || subtree);
    rc = org_positions_search(rq->db, rq->a, &q, &items, &n, &total, e);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, org_position_json(&items[i]));
    return resp_json(rs, 200, json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total",
                                        (json_int_t)total, "page", (json_int_t)q.page,
                                        "per_page", (json_int_t)q.per_page));
}

const struct route org_routes[] = {
    {HTTP_GET, "/api/v1/units", api_units, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/units", api_unit_create, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/units/{id}", api_unit, ROLES_ANY, 0},
    {HTTP_PATCH, "/api/v1/units/{id}", api_unit_update, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/units/{id}/close", api_unit_close, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/positions", api_positions, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/positions", api_position_create, ROLES_ADMIN, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/positions/{id}", api_position, ROLES_ANY, 0},
    {HTTP_PATCH, "/api/v1/positions/{id}", api_position_update, ROLES_ADMIN, ROUTE_WRITE},
    {0},
};
