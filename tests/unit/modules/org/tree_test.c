/* tree_test.c - org tree rules: moving a unit (never the root, never below itself or one of
 * its descendants), the supervising post of a position (no cycles, same unit or an ancestor
 * unit), the supervising posts a move strands (outside the new ancestors: 409 unless detached),
 * closing a unit (date, reason, only when empty, the message saying how many), and
 * the JSON of a closed unit and of a supervised post. Chains are built the way the store
 * walks them: from a start upward through a parent map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/clock.h"
#include "modules/org/org.h"

/* A tree as id -> parent (0 = root). */
struct edge {
    int64_t id, parent;
};

/*        1 PEMKOT
 *      /        \
 *   2 DINKES    5 DISDIK
 *   /     \          \
 * 3 YANKES 4 PKM1    6 SDN1
 *   |
 * 7 SEKSI                  */
static const struct edge units[] = {{1, 0}, {2, 1}, {3, 2}, {4, 2}, {5, 1}, {6, 5}, {7, 3}};

/* Walk up from start (start first), as org_unit_ancestors / org_position_chain do; the walk
 * stops after ORG_DEPTH_MAX + 1 ids like the SQL's depth bound. */
static size_t chain_of(const struct edge *t, size_t n, int64_t start, int64_t *out)
{
    size_t k = 0;
    int64_t at = start;

    while (at != 0 && k <= ORG_DEPTH_MAX) {
        int64_t next = 0;
        int found = 0;

        for (size_t i = 0; i < n; i++)
            if (t[i].id == at) {
                next = t[i].parent;
                found = 1;
            }
        if (!found)
            break;
        out[k++] = at;
        at = next;
    }
    return k;
}

static enum err_code move(int64_t id, int64_t new_parent, struct err *e)
{
    int64_t chain[ORG_DEPTH_MAX + 2];
    size_t n = chain_of(units, sizeof units / sizeof units[0], new_parent, chain);
    struct org_unit u = {0};

    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (units[i].id == id)
            u.parent_id = units[i].parent;
    u.id = id;
    return org_unit_move_check(&u, new_parent, chain, n, e);
}

static void test_unit_move(void **state)
{
    static const struct {
        const char *id;
        int64_t unit, new_parent;
        int ok;
    } v[] = {
        {"move-1", 4, 5, 1},  /* PKM1 to DISDIK: a sibling subtree */
        {"move-2", 7, 2, 1},  /* SEKSI up to DINKES: an ancestor */
        {"move-3", 7, 4, 1},  /* SEKSI to PKM1: a cousin */
        {"move-4", 2, 2, 0},  /* DINKES under itself */
        {"move-5", 2, 3, 0},  /* DINKES under its child */
        {"move-6", 2, 7, 0},  /* DINKES under its grandchild */
        {"move-7", 3, 7, 0},  /* YANKES under its child */
        {"move-8", 1, 2, 0},  /* the root never moves */
        {"move-9", 6, 1, 1},  /* SDN1 straight under the root */
    };
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        enum err_code rc = move(v[i].unit, v[i].new_parent, &e);

        if ((rc == ERR_OK) != v[i].ok)
            fail_msg("%s", v[i].id);
        if (rc) {
            assert_int_equal(rc, ERR_INVALID);
            assert_string_equal(e.field, "parent_id");
            assert_string_equal(e.slug, "validation_failed");
        }
    }
    assert_int_equal(move(1, 5, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "teratas"));
}

static void test_unit_move_data_loop(void **state)
{
    /* A loop already in the data (5 <-> 6): the walk hits the depth bound and is refused. */
    static const struct edge loop[] = {{1, 0}, {2, 1}, {5, 6}, {6, 5}};
    int64_t chain[ORG_DEPTH_MAX + 2];
    size_t n = chain_of(loop, 4, 5, chain);
    struct org_unit u = {2, 1, "X", "X", "dinas"};
    struct err e;

    (void)state;
    assert_true(n >= ORG_DEPTH_MAX);
    assert_int_equal(org_unit_move_check(&u, 5, chain, n, &e), ERR_INVALID);
    assert_string_equal(e.field, "parent_id");
}

/* Positions: id -> supervising post, and each post's unit. */
static const struct edge posts[] = {
    {10, 0},  /* Kepala Dinas, unit 2 */
    {11, 10}, /* Sekretaris, unit 2 */
    {12, 11}, /* Kasubag Umum, unit 2 */
    {13, 12}, /* Pelaksana, unit 2 */
    {20, 10}, /* Kepala Bidang, unit 3 */
    {21, 20}, /* Kepala Seksi, unit 7 */
    {30, 0},  /* Kepala Dinas Pendidikan, unit 5 */
};

static int64_t unit_of(int64_t post)
{
    switch (post) {
    case 20:
        return 3;
    case 21:
        return 7;
    case 30:
        return 5;
    default:
        return 2;
    }
}

static enum err_code set_parent(int64_t id, int64_t parent, struct err *e)
{
    int64_t chain[ORG_DEPTH_MAX + 2], uchain[ORG_DEPTH_MAX + 2];
    size_t n = chain_of(posts, sizeof posts / sizeof posts[0], parent, chain);
    size_t un = chain_of(units, sizeof units / sizeof units[0], id ? unit_of(id) : 2, uchain);

    return org_position_parent_check(id, parent, parent ? unit_of(parent) : 0, chain, n, uchain,
                                     un, e);
}

static void test_position_parent(void **state)
{
    static const struct {
        const char *id;
        int64_t post, parent;
        int ok;
    } v[] = {
        {"pp-1", 13, 11, 1}, /* pelaksana under the secretary: same unit */
        {"pp-2", 21, 10, 1}, /* kepala seksi (unit 7) under the head (unit 2): an ancestor */
        {"pp-3", 21, 20, 1}, /* kepala seksi under kepala bidang (unit 3, the parent unit) */
        {"pp-4", 13, 0, 1},  /* no supervisor */
        {"pp-5", 0, 12, 1},  /* a new post in unit 2 under Kasubag Umum */
        {"pp-6", 12, 12, 0}, /* itself */
        {"pp-7", 10, 13, 0}, /* the head under its own pelaksana: a cycle of four */
        {"pp-8", 11, 12, 0}, /* the secretary under the post it supervises: a direct cycle */
        {"pp-9", 10, 21, 0}, /* the head under a post in a sub-unit: not an ancestor unit */
        {"pp-10", 13, 30, 0}, /* a post of another OPD */
        {"pp-11", 20, 21, 0}, /* kepala bidang under its seksi: sub-unit and a cycle */
    };
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        enum err_code rc = set_parent(v[i].post, v[i].parent, &e);

        if ((rc == ERR_OK) != v[i].ok)
            fail_msg("%s", v[i].id);
        if (rc) {
            assert_int_equal(rc, ERR_INVALID);
            assert_string_equal(e.field, "parent_position_id");
        }
    }
}

/* The day of a 'YYYY-MM-DD' as the handler passes it: -1 when not a real date. */
static int64_t day(const char *s)
{
    int64_t d;

    return clock_parse_date(s, &d) < 0 ? -1 : d;
}

static void test_close(void **state)
{
    struct org_unit open = {4, 2, "PKM1", "Puskesmas", "puskesmas"};
    struct org_unit closed = {4, 2, "PKM1", "Puskesmas", "puskesmas", NULL, "2026-01-02",
                              "Digabung"};
    int64_t now = 0;
    struct err e;

    (void)state;
    assert_int_equal(clock_parse_date("2026-03-10", &now), 0);
    now += 3600; /* 10 March 2026, 01:00 UTC */
    assert_int_equal(org_unit_close_check(&open, day("2026-03-10"), "Digabung", now, 0, 0, &e), ERR_OK);
    assert_int_equal(org_unit_close_check(&open, day("2020-01-31"), "Digabung", now, 0, 0, &e), ERR_OK);
    assert_int_equal(org_unit_close_check(&open, day("2026-03-11"), "x", now, 0, 0, &e), ERR_INVALID);
    assert_string_equal(e.field, "date");
    assert_non_null(strstr(e.msg, "masa depan"));
    for (const char *const *d = (const char *const[]){"2026-02-30", "10-03-2026", "2026-3-10",
                                                       "", "2026-03-10x", NULL};
         *d; d++) {
        assert_int_equal(org_unit_close_check(&open, day(*d), "x", now, 0, 0, &e), ERR_INVALID);
        assert_string_equal(e.field, "date");
    }
    assert_int_equal(org_unit_close_check(&open, day(NULL), "x", now, 0, 0, &e), ERR_INVALID);
    assert_int_equal(org_unit_close_check(&open, day("2026-03-01"), " \t", now, 0, 0, &e), ERR_INVALID);
    assert_string_equal(e.field, "reason");
    assert_int_equal(org_unit_close_check(&closed, day("2026-03-01"), "x", now, 0, 0, &e),
                     ERR_CONFLICT);
    assert_string_equal(e.slug, "unit_closed");
    assert_int_equal(org_unit_close_check(&open, day("2026-03-01"), "x", now, 3, 7, &e), ERR_CONFLICT);
    assert_string_equal(e.slug, "unit_has_subunits");
    assert_non_null(strstr(e.msg, " 3 sub-unit"));
    assert_int_equal(org_unit_close_check(&open, day("2026-03-01"), "x", now, 0, 12, &e),
                     ERR_CONFLICT);
    assert_string_equal(e.slug, "unit_has_employees");
    assert_non_null(strstr(e.msg, " 12 pegawai"));
}

/* Moving a subtree whose posts have supervising posts outside it (in the units listed): which
 * links break under the new parent. */
static const struct {
    const char *id;
    int64_t new_parent;
    int64_t sup_units[4]; /* units of the outside supervising posts, 0-terminated */
    const int broken[4];
    size_t n_broken;
} move_links[] = {
    {"ml-1", 4, {2, 1, 0}, {0, 0}, 0},       /* YANKES under PKM1: DINKES and PEMKOT stay above */
    {"ml-2", 5, {2, 1, 0}, {1, 0}, 1},       /* YANKES under DISDIK: the DINKES head is lost */
    {"ml-3", 6, {2, 2, 1, 0}, {1, 1, 0}, 2}, /* deeper under DISDIK: two posts lose it */
    {"ml-4", 4, {3, 0}, {1}, 1},             /* SEKSI away from YANKES: its head is lost */
    {"ml-5", 2, {3, 2, 0}, {1, 0}, 1},       /* SEKSI up to DINKES: YANKES no longer above */
    {"ml-6", 1, {2, 0}, {1}, 1},             /* to the root's children: DINKES not above */
    {"ml-7", 5, {0}, {0}, 0},                /* no outside supervisor: nothing to break */
};

static void test_move_links(void **state)
{
    struct err e;

    (void)state;
    for (size_t t = 0; t < sizeof move_links / sizeof move_links[0]; t++) {
        struct org_supervisor_link links[4];
        int64_t chain[ORG_DEPTH_MAX + 2];
        size_t n = 0, cn = chain_of(units, sizeof units / sizeof units[0],
                                    move_links[t].new_parent, chain);

        memset(links, 0, sizeof links);
        for (; n < 4 && move_links[t].sup_units[n]; n++) {
            links[n].position_id = (int64_t)(100 + n);
            links[n].supervisor_unit_id = move_links[t].sup_units[n];
            links[n].broken = -1;
        }
        assert_int_equal(org_unit_move_links(links, n, chain, cn), move_links[t].n_broken);
        for (size_t i = 0; i < n; i++)
            if (links[i].broken != move_links[t].broken[i])
                fail_msg("%s: link %zu broken=%d", move_links[t].id, i, links[i].broken);
        /* refused unless detached; nothing broken: always allowed */
        err_clear(&e);
        assert_int_equal(org_unit_move_links_check(move_links[t].n_broken, 1, &e), ERR_OK);
        if (move_links[t].n_broken == 0) {
            assert_int_equal(org_unit_move_links_check(0, 0, &e), ERR_OK);
            continue;
        }
        assert_int_equal(org_unit_move_links_check(move_links[t].n_broken, 0, &e), ERR_CONFLICT);
        assert_string_equal(e.slug, "supervisor_links_broken");
        assert_string_equal(e.field, "parent_id");
    }
    /* the message says how many, in full even for a large number */
    assert_int_equal(org_unit_move_links_check(12345, 0, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "12345 jabatan"));
    assert_non_null(strstr(e.msg, "lepaskan tautannya"));
}

static void test_move_links_json(void **state)
{
    struct org_supervisor_link l = {21, "Pelaksana", 3, "Yankes", 10, "Kepala Dinas", 2,
                                    "Dinkes", 1};
    json_t *j = org_supervisor_link_json(&l);

    (void)state;
    assert_int_equal(json_integer_value(json_object_get(j, "position_id")), 21);
    assert_string_equal(json_string_value(json_object_get(j, "position_name")), "Pelaksana");
    assert_string_equal(json_string_value(json_object_get(j, "unit_name")), "Yankes");
    assert_int_equal(json_integer_value(json_object_get(j, "parent_position_id")), 10);
    assert_string_equal(json_string_value(json_object_get(j, "parent_position_name")),
                        "Kepala Dinas");
    assert_int_equal(json_integer_value(json_object_get(j, "parent_unit_id")), 2);
    assert_string_equal(json_string_value(json_object_get(j, "parent_unit_name")), "Dinkes");
    json_decref(j);
}

static void test_json(void **state)
{
    struct org_unit closed = {4, 2, "PKM1", "Puskesmas", "puskesmas", "A1B2", "2026-01-02",
                              "Digabung"};
    struct org_position p = {13, 2, "Pelaksana", "pelaksana", 5, 3, 58, NULL, 12, "Dinkes",
                             "Kasubag Umum"};
    struct org_position top = {10, 2, "Kepala", "jpt_pratama", 14, 1, 60, NULL, 0, NULL, NULL};
    json_t *u = org_unit_json(&closed), *a = org_position_json(&p), *b = org_position_json(&top);
    struct err e;

    (void)state;
    assert_string_equal(json_string_value(json_object_get(u, "closed_on")), "2026-01-02");
    assert_string_equal(json_string_value(json_object_get(u, "closed_reason")), "Digabung");
    assert_string_equal(json_string_value(json_object_get(u, "siasn_unor_id")), "A1B2");
    assert_int_equal(json_integer_value(json_object_get(a, "parent_position_id")), 12);
    assert_string_equal(json_string_value(json_object_get(a, "parent_position_name")),
                        "Kasubag Umum");
    assert_true(json_is_null(json_object_get(b, "parent_position_id")));
    assert_true(json_is_null(json_object_get(b, "parent_position_name")));
    json_decref(u);
    json_decref(a);
    json_decref(b);
    assert_int_equal(org_unit_name_check(" ", &e), ERR_INVALID);
    assert_string_equal(e.field, "name");
    assert_int_equal(org_unit_name_check("Bidang Baru", &e), ERR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_move),
        cmocka_unit_test(test_unit_move_data_loop),
        cmocka_unit_test(test_position_parent),
        cmocka_unit_test(test_move_links),
        cmocka_unit_test(test_move_links_json),
        cmocka_unit_test(test_close),
        cmocka_unit_test(test_json),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
