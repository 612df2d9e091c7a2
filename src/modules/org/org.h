/* org.h - the organisation module: the tree of the government's units (create, rename, move,
 * close) and the catalogue of positions (jabatan) per unit with the supervising post of each
 * (atasan langsung); later vacancies and transfers. Scope everywhere else depends on this
 * tree. Units and positions come back from the store in arena memory of the request. */
#ifndef ABDI_ORG_H
#define ABDI_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define ORG_CODE_MAX 32
#define ORG_DEPTH_MAX 64    /* tree walks (units and supervising posts) stop at this depth */
#define ORG_REASON_MAX 500  /* bytes of a closing reason */
#define ORG_MOVE_LINKS_MAX 100 /* posts a refused or detaching move lists in its answer */

struct org_unit {
    int64_t id;
    int64_t parent_id; /* 0 for a root */
    const char *code;
    const char *name;
    const char *kind;
    const char *siasn_unor_id; /* NULL when not known */
    const char *closed_on;     /* 'YYYY-MM-DD' or NULL while open */
    const char *closed_reason; /* NULL while open */
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
    int64_t parent_position_id;   /* post of the direct supervisor; 0 for none */
    const char *unit_name;            /* read from the store only; may be NULL */
    const char *parent_position_name; /* read from the store only; NULL without a parent */
};

/* A post of a unit subtree about to move whose supervising post lies outside that subtree
 * (org_unit_outside_links): after the move the supervisor must still be in an ancestor unit. */
struct org_supervisor_link {
    int64_t position_id;
    const char *position_name;
    int64_t unit_id; /* the post's unit, inside the subtree */
    const char *unit_name;
    int64_t supervisor_id;
    const char *supervisor_name;
    int64_t supervisor_unit_id;
    const char *supervisor_unit_name;
    int broken; /* set by org_unit_move_links */
};

/* Filters of the position list: unit_id alone or with its sub-units, one kind or all. */
struct org_position_query {
    int64_t unit_id;
    int subtree;
    const char *kind; /* NULL = every kind */
    int64_t page, per_page;
};

/* ---- rules.c (pure) ---- */
/* Code: 2..32 of A-Z 0-9 . - _ ; 422 naming "code" otherwise. */
enum err_code org_unit_code_check(const char *code, struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_kind_check(const char *kind, struct err *e) ABDI_MUST_CHECK;
/* Name: not blank; 422 naming "name" otherwise. */
enum err_code org_unit_name_check(const char *name, struct err *e) ABDI_MUST_CHECK;
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
/* Tree rules. chain lists ids walking up from a start (the start first) as the store gives
 * them (org_unit_ancestors, org_position_chain). Moving u under new_parent: 422 naming
 * "parent_id" when u is a root (the government itself) or new_parent is u or one of its
 * descendants (u appears in new_parent's chain). */
enum err_code org_unit_move_check(const struct org_unit *u, int64_t new_parent,
                                  const int64_t *chain, size_t n, struct err *e) ABDI_MUST_CHECK;
/* The supervising post parent (in parent_unit) of position id (0 for a new one): 422 naming
 * "parent_position_id" when it is the post itself, a post it supervises directly or
 * indirectly (id in parent's chain of supervisors), or a post outside the position's unit
 * and its ancestors (unit_chain: the position's unit first, then upward). */
enum err_code org_position_parent_check(int64_t id, int64_t parent, int64_t parent_unit,
                                        const int64_t *chain, size_t n,
                                        const int64_t *unit_chain, size_t un,
                                        struct err *e) ABDI_MUST_CHECK;
/* A move of a subtree below new_chain (ids from the new parent upward, as org_unit_ancestors
 * gives them) keeps links[i] only when its supervising post's unit is in new_chain: marks
 * links[i].broken otherwise and returns how many are broken. */
size_t org_unit_move_links(struct org_supervisor_link *links, size_t n, const int64_t *new_chain,
                           size_t cn);
/* broken links and no detach: 409 supervisor_links_broken naming "parent_id", the message
 * saying how many posts would lose their supervising post; ERR_OK otherwise. */
enum err_code org_unit_move_links_check(size_t broken, int detach,
                                        struct err *e) ABDI_MUST_CHECK;
/* {"position_id","position_name","unit_id","unit_name","parent_position_id",
 *  "parent_position_name","parent_unit_id","parent_unit_name"} */
json_t *org_supervisor_link_json(const struct org_supervisor_link *l);
/* Closing u on day (UTC midnight of the closing date as clock_parse_date gives it, -1 when
 * the text was not a real 'YYYY-MM-DD'; not after now) for reason (non-blank): 422 naming
 * "date" or "reason"; 409 unit_closed when it is already closed, 409 unit_has_subunits /
 * unit_has_employees (the message says how many) while open sub-units or active employees
 * remain. */
enum err_code org_unit_close_check(const struct org_unit *u, int64_t day, const char *reason,
                                   int64_t now, int64_t open_children, int64_t active_employees,
                                   struct err *e) ABDI_MUST_CHECK;

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
/* Write parent_id, code, name and siasn_unor_id of u; 409 duplicate_code on a taken code. */
enum err_code org_unit_update(struct db *db, const struct org_unit *u,
                              struct err *e) ABDI_MUST_CHECK;
enum err_code org_unit_close(struct db *db, int64_t id, const char *date, const char *reason,
                             struct err *e) ABDI_MUST_CHECK;
/* Ids from unit id up to its root (id first; empty when missing), at most ORG_DEPTH_MAX. */
enum err_code org_unit_ancestors(struct db *db, struct arena *a, int64_t id, int64_t **ids,
                                 size_t *n, struct err *e) ABDI_MUST_CHECK;
/* Posts of unit id and its sub-units whose supervising post is in a unit outside that subtree,
 * by unit code then post name. */
enum err_code org_unit_outside_links(struct db *db, struct arena *a, int64_t id,
                                     struct org_supervisor_link **out, size_t *n,
                                     struct err *e) ABDI_MUST_CHECK;
/* Clear the supervising post of position_id when it is still supervisor_id. */
enum err_code org_position_detach_supervisor(struct db *db, int64_t position_id,
                                             int64_t supervisor_id,
                                             struct err *e) ABDI_MUST_CHECK;
/* What keeps a unit from closing: open direct sub-units, employees not yet separated
 * (state active, cltn or seconded) whose unit it is. */
enum err_code org_unit_usage(struct db *db, int64_t id, int64_t *open_children,
                             int64_t *active_employees, struct err *e) ABDI_MUST_CHECK;
/* May someone be placed in unit_id now? 422 naming "unit_id": "Unit sudah ditutup" for a
 * closed unit, "Unit tidak ditemukan" for a missing one. Every module that places people
 * (employee creation, transfers, assignments, imports) calls it before writing. */
enum err_code org_unit_open_check(struct db *db, int64_t unit_id, struct err *e) ABDI_MUST_CHECK;

/* Positions: ERR_NOT_FOUND when missing. */
enum err_code org_position_get(struct db *db, struct arena *a, int64_t id,
                               struct org_position *out, struct err *e) ABDI_MUST_CHECK;
/* Positions of one unit, by name. */
enum err_code org_positions_list(struct db *db, struct arena *a, int64_t unit_id,
                                 struct org_position **out, size_t *n,
                                 struct err *e) ABDI_MUST_CHECK;
enum err_code org_position_insert(struct db *db, const struct org_position *p, int64_t now,
                                  int64_t *id_out, struct err *e) ABDI_MUST_CHECK;
/* A page of positions matching q, ordered by unit code, class (highest first), name. */
enum err_code org_positions_search(struct db *db, struct arena *a,
                                   const struct org_position_query *q,
                                   struct org_position **out, size_t *n, int64_t *total,
                                   struct err *e) ABDI_MUST_CHECK;
/* Write name, kind, kelas_jabatan, needed, bup_age, siasn_jabatan_id, parent_position_id. */
enum err_code org_position_update(struct db *db, const struct org_position *p,
                                  struct err *e) ABDI_MUST_CHECK;
/* Ids from position id up its supervising posts (id first), at most ORG_DEPTH_MAX. */
enum err_code org_position_chain(struct db *db, struct arena *a, int64_t id, int64_t **ids,
                                 size_t *n, struct err *e) ABDI_MUST_CHECK;
/* The supervising post of position_id into *parent_position_id (0 when it has none);
 * ERR_NOT_FOUND for a missing position. The leave module's approval chain follows it. */
enum err_code org_position_supervisor(struct db *db, int64_t position_id,
                                      int64_t *parent_position_id,
                                      struct err *e) ABDI_MUST_CHECK;

/* ---- demo.c ---- */
/* The demo catalogue of positions for units[0..n) (already inserted, the government root
 * among them): in each OPD (a child of the root) a head post, a secretary, heads of
 * sub-division, pelaksana and fungsional posts with needed counts; in each sub-unit its head
 * and staff, every post with its supervising post. pelaksana_out[i] receives a pelaksana
 * post of units[i] that a head of section supervises (0 for the root). */
enum err_code org_demo_positions(struct db *db, const int64_t *units, size_t n,
                                 int64_t *pelaksana_out, int64_t now,
                                 struct err *e) ABDI_MUST_CHECK;

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
