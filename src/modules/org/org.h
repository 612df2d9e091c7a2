/* org.h - the organisation module: the tree of the government's units and the catalogue of
 * positions (jabatan) per unit; later vacancies and transfers. Scope everywhere else depends
 * on this tree. Units and positions come back from the store in arena memory of the request. */
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

/* A post in a unit's catalogue (domain.md §3). kind is one of org_position_kinds. */
struct org_position {
    int64_t id;
    int64_t unit_id;
    const char *name;
    const char *kind;
    int kelas_jabatan; /* 1..17 */
    int needed;        /* people the unit needs in it (workload analysis), >= 0 */
    int bup_age;       /* retirement age in years for holders of this post */
    const char *siasn_jabatan_id; /* NULL when not known */
};

/* ---- rules.c (pure) ---- */
/* Code: 2..32 of A-Z 0-9 . - _ ; 422 naming "code" otherwise. */
enum err_code org_unit_code_check(const char *code, struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_kind_check(const char *kind, struct err *e) ABDI_MUST_CHECK;
/* Nest a flat list into a forest: units whose parent is not in the list are roots.
 * Children are ordered as in the input. */
json_t *org_units_forest(const struct org_unit *units, size_t n);
json_t *org_unit_json(const struct org_unit *u);
/* Kind: jpt_utama, jpt_madya, jpt_pratama, administrator, pengawas, pelaksana,
 * ahli_pertama, ahli_muda, ahli_madya, ahli_utama, pemula, terampil, mahir, penyelia;
 * 422 naming "kind" otherwise. */
enum err_code org_position_kind_check(const char *kind, struct err *e) ABDI_MUST_CHECK;
/* PP 11/2017 art. 239 retirement age of a kind (58, 60 or 65); 0 for an unknown kind. */
int org_position_bup_default(const char *kind);
/* Whole position (name non-blank, kind, kelas 1..17, needed >= 0, bup 40..70); 422 naming
 * the first bad field. */
enum err_code org_position_check(const struct org_position *p, struct err *e) ABDI_MUST_CHECK;
json_t *org_position_json(const struct org_position *p);

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

/* Positions: ERR_NOT_FOUND when missing. */
enum err_code org_position_get(struct db *db, struct arena *a, int64_t id,
                               struct org_position *out, struct err *e) ABDI_MUST_CHECK;
/* Positions of one unit, by name. */
enum err_code org_positions_list(struct db *db, struct arena *a, int64_t unit_id,
                                 struct org_position **out, size_t *n,
                                 struct err *e) ABDI_MUST_CHECK;
enum err_code org_position_insert(struct db *db, const struct org_position *p, int64_t now,
                                  int64_t *id_out, struct err *e) ABDI_MUST_CHECK;

/* ==== vacancy report, bezetting (vacancy.c pure; vacancy_store.c SQL; vacancy_api.c) ==== */
/* One position: needed (positions.needed), filled (active employees holding it), vacant =
 * max(needed - filled, 0), over = max(filled - needed, 0). */
struct org_vacancy {
    int64_t position_id, unit_id;
    const char *unit_code, *unit_name, *position_name, *kind;
    int kelas_jabatan;
    int64_t needed, filled, vacant, over;
};
struct org_vacancy_sum {
    int64_t needed, filled, vacant, over;
};
/* Fill v->vacant and v->over from needed and filled. */
void org_vacancy_compute(struct org_vacancy *v);
/* Add a computed position to a sum: a unit's or the government's vacant and over are the sums
 * of its positions' (a surplus in one post never fills another). */
void org_vacancy_add(struct org_vacancy_sum *s, const struct org_vacancy *v);
/* Positions of unit_id (0 = all) and, when subtree, of its sub-units, by unit code then name,
 * with filled counted; vacant and over computed. */
enum err_code org_vacancy_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                               struct org_vacancy **out, size_t *n,
                               struct err *e) ABDI_MUST_CHECK;
extern const struct route org_vacancy_routes[];
/* ==== end vacancy report ==== */

/* ---- api.c ---- */
extern const struct route org_routes[];

#endif
