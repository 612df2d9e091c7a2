/* org.h - the organisation module: the tree of the government's units (this issue), and
 * later positions, vacancies and transfers. Scope everywhere else depends on this tree.
 * Units come back from the store in arena memory owned by the request. */
#ifndef ABDI_ORG_H
#define ABDI_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define ORG_CODE_MAX 32

struct org_unit {
    int64_t id;
    int64_t parent_id; /* 0 for a root */
    const char *code;
    const char *name;
    const char *kind;
};

/* ---- rules.c (pure) ---- */
/* Code: 2..32 of A-Z 0-9 . - _ ; 422 naming "code" otherwise. */
enum err_code org_unit_code_check(const char *code, struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_kind_check(const char *kind, struct err *e) ABDI_MUST_CHECK;
/* Nest a flat list into a forest: units whose parent is not in the list are roots.
 * Children are ordered as in the input. */
json_t *org_units_forest(const struct org_unit *units, size_t n);
json_t *org_unit_json(const struct org_unit *u);

/* ---- store.c ---- */
/* Units in the scope: root 0 = all; subtree = root and every descendant; else root only. */
enum err_code org_units_list(struct db *db, struct arena *a, int64_t root, int subtree,
                             struct org_unit **out, size_t *n, struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_get(struct db *db, struct arena *a, int64_t id, struct org_unit *out,
                           struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_by_code(struct db *db, struct arena *a, const char *code,
                               struct org_unit *out, struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_insert(struct db *db, const struct org_unit *u, int64_t now,
                              int64_t *id_out, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route org_routes[];

#endif
