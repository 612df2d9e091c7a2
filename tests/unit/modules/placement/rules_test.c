/* rules_test.c - placement rules: levels, term arithmetic, the Plt/Plh limits of domain.md §3
 * with its test vectors (pl-*), the candidate score and ranking (rk-*), unit distance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/placement/placement.h"

static struct employee_date D(const char *s) {
    struct employee_date d = {1, 1, 1};

    assert_int_equal(employee_date_parse(s, &d), 0);
    return d;
}

static void
assert_date(struct employee_date d, const char *want)
{
    char s[11];

    employee_date_format(d, s);
    assert_string_equal(s, want);
}

static void test_levels(void **state)
{
    (void)state;
    assert_int_equal(placement_kind_level("jpt_utama", 1), 6);
    assert_int_equal(placement_kind_level("jpt_pratama", 1), 4);
    assert_int_equal(placement_kind_level("administrator", 1), 3);
    assert_int_equal(placement_kind_level("pengawas", 1), 2);
    assert_int_equal(placement_kind_level("pelaksana", 1), 1);
    assert_int_equal(placement_kind_level("ahli_muda", 1), 1);
    assert_int_equal(placement_kind_level("ahli_muda", 2), 2);
    assert_int_equal(placement_kind_level("ahli_muda", 0), 0);
    assert_int_equal(placement_kind_level("nonsense", 1), 0);
    assert_int_equal(placement_kind_level(NULL, 1), 0);
    assert_true(placement_kind_structural("pengawas"));
    assert_false(placement_kind_structural("pelaksana"));
    assert_false(placement_kind_structural("ahli_utama"));
    assert_int_equal(placement_kind_parse("plt"), PLACEMENT_PLT);
    assert_int_equal(placement_kind_parse("satgas"), PLACEMENT_SATGAS);
    assert_int_equal(placement_kind_parse("PLT"), 0);
}

static void test_dates(void **state)
{
    (void)state;
    assert_date(placement_add_days(D("2026-02-28"), 1), "2026-03-01");
    assert_date(placement_add_days(D("2024-02-28"), 1), "2024-02-29");
    assert_date(placement_add_days(D("2026-01-01"), -1), "2025-12-31");
    assert_date(placement_add_months(D("2026-11-15"), 3), "2027-02-15");
    assert_date(placement_add_months(D("2026-01-31"), 1), "2026-03-03");
    /* pl-1 (domain.md §14): Plt from 2026-01-05: 3 months end 2026-04-04; extended by 3
     * months from 2026-04-05: last valid day 2026-07-04 */
    assert_date(placement_term_last_day(D("2026-01-05"), 3), "2026-04-04");
    assert_date(placement_term_last_day(D("2026-04-05"), 3), "2026-07-04");
    assert_date(placement_term_last_day(D("2026-01-31"), 3), "2026-04-30");
}

/* A valid Plt: a pengawas acting as administrator of a vacant post in its unit. */
static struct placement_check plt(void)
{
    struct placement_check c;

    memset(&c, 0, sizeof c);
    c.kind = PLACEMENT_PLT;
    c.start = D("2026-01-05");
    c.end = D("2026-04-04");
    c.today = D("2026-01-02");
    c.employee_state = "active";
    c.home_kind = "pengawas";
    c.target_kind = "administrator";
    c.same_unit = 1;
    return c;
}

static void expect(const struct placement_check *c, const char *id, enum err_code want,
                   const char *field)
{
    struct err e;
    enum err_code rc;

    memset(&e, 0, sizeof e);
    rc = placement_check(c, &placement_limits_default, &e);
    if (rc != want)
        fail_msg("%s: rc %d, want %d (%s)", id, rc, want, e.msg);
    if (field && strcmp(e.field, field) != 0)
        fail_msg("%s: field %s, want %s", id, e.field, field);
}

static void test_limits(void **state)
{
    struct placement_check c;

    (void)state;
    c = plt();
    expect(&c, "pl-1 3 months", ERR_OK, NULL);
    c.end = D("2026-04-05");
    expect(&c, "pl-2 a day too long", ERR_INVALID, "end_date");
    c.end = D("2026-05-04");
    expect(&c, "pl-3 4 months", ERR_INVALID, "end_date");
    c = plt();
    c.end = D("2026-01-04");
    expect(&c, "pl-4 end before start", ERR_INVALID, "end_date");
    /* extension: one of at most 3 months; a second one refused */
    c = plt();
    c.extends = 1;
    c.start = D("2026-04-05");
    c.end = D("2026-07-04");
    expect(&c, "pl-5 extension to 2026-07-04", ERR_OK, NULL);
    c.end = D("2026-07-05");
    expect(&c, "pl-6 extension too long", ERR_INVALID, "end_date");
    c.end = D("2026-07-04");
    c.base_is_extension = 1;
    expect(&c, "pl-7 second extension", ERR_CONFLICT, NULL);
    c.base_is_extension = 0;
    c.base_extended = 1;
    expect(&c, "pl-8 already extended", ERR_CONFLICT, NULL);
    /* levels: pengawas -> administrator ok (vector); -> JPT pratama refused (two up) */
    c = plt();
    c.target_kind = "jpt_pratama";
    expect(&c, "pl-9 two levels up", ERR_INVALID, "position_id");
    c.home_kind = "administrator";
    expect(&c, "pl-10 one level up", ERR_OK, NULL);
    c.home_kind = "jpt_pratama";
    expect(&c, "pl-11 same level", ERR_OK, NULL);
    c.home_kind = "jpt_madya";
    expect(&c, "pl-12 higher level refused", ERR_INVALID, "position_id");
    c = plt();
    c.home_kind = "ahli_madya"; /* functional: level 1 by default -> two below administrator */
    expect(&c, "pl-13 functional", ERR_INVALID, "position_id");
    c.home_kind = NULL;
    expect(&c, "pl-14 no post", ERR_INVALID, "position_id");
    /* vacancy and holder */
    c = plt();
    c.target_holders = 1;
    expect(&c, "pl-15 Plt on an occupied post", ERR_INVALID, "position_id");
    c.kind = PLACEMENT_PLH;
    expect(&c, "pl-16 Plh on an occupied post", ERR_OK, NULL);
    c.target_holders = 0;
    expect(&c, "pl-17 Plh on a vacant post", ERR_INVALID, "position_id");
    c = plt();
    c.holds_target = 1;
    expect(&c, "pl-18 own post", ERR_INVALID, "position_id");
    c = plt();
    c.same_unit = 0;
    expect(&c, "pl-19 other unit", ERR_INVALID, "position_id");
    c = plt();
    c.post_taken = 1;
    expect(&c, "pl-20 post has a Plt already", ERR_INVALID, "position_id");
    c = plt();
    c.overlapping = 1;
    expect(&c, "pl-21 overlapping", ERR_INVALID, "start_date");
    c = plt();
    c.employee_state = "cltn";
    expect(&c, "pl-22 not active", ERR_INVALID, "employee_id");
    c = plt();
    c.today = D("2026-05-01");
    expect(&c, "pl-23 already over", ERR_INVALID, "end_date");
    /* satgas: no length limit, no post */
    c = plt();
    c.kind = PLACEMENT_SATGAS;
    c.target_kind = NULL;
    c.home_kind = NULL;
    c.same_unit = 0;
    c.end = D("2027-01-05");
    expect(&c, "pl-24 satgas of a year", ERR_OK, NULL);
    c.overlapping = 2;
    expect(&c, "pl-25 satgas overlapping", ERR_INVALID, "start_date");
}

static void test_limits_setting(void **state)
{
    struct placement_limits l = {1, 2, 2};
    struct placement_check c = plt();
    struct err e;

    (void)state;
    assert_int_equal(placement_check(&c, &l, &e), ERR_INVALID); /* 3 months > 1 */
    c.end = D("2026-02-04");
    assert_int_equal(placement_check(&c, &l, &e), ERR_OK);
    c.home_kind = "ahli_muda"; /* functional at level 2 = pengawas: one below administrator */
    assert_int_equal(placement_check(&c, &l, &e), ERR_OK);
}

static struct placement_candidate cand(int64_t id, const char *name, const char *kind)
{
    struct placement_candidate c;

    memset(&c, 0, sizeof c);
    c.employee_id = id;
    c.name = name;
    c.position_kind = kind;
    c.unit_distance = -1;
    return c;
}

static void test_score(void **state)
{
    struct placement_candidate c;

    (void)state;
    c = cand(1, "A", "pelaksana");
    assert_int_equal(placement_candidate_score(&c, 1), 20); /* rk-1 staff */
    c.q_in_position = 1;
    assert_int_equal(placement_candidate_score(&c, 1), 50); /* rk-2 + competency */
    c.unit_distance = 0;
    assert_int_equal(placement_candidate_score(&c, 1), 70); /* rk-3 + same unit */
    c.unit_distance = 2;
    assert_int_equal(placement_candidate_score(&c, 1), 60); /* rk-4 sibling unit */
    c.unit_distance = 9;
    assert_int_equal(placement_candidate_score(&c, 1), 50); /* rk-5 far away: nothing */
    c.recent_assignments = 5;
    assert_int_equal(placement_candidate_score(&c, 1), 20); /* rk-6 -10 each, at most 3 */
    c = cand(2, "B", "jpt_pratama");
    assert_int_equal(placement_candidate_score(&c, 1), -20); /* rk-7 keep leaders */
    c = cand(3, "C", "pengawas");
    assert_int_equal(placement_candidate_score(&c, 1), 5);
    c = cand(4, "D", "ahli_muda");
    c.education_level = 7;
    c.training_hours = 100;
    c.training_match = 1;
    assert_int_equal(placement_candidate_score(&c, 1), 20 + 20 + 20 + 14); /* rk-8 */
}

static void test_rank(void **state)
{
    struct placement_candidate c[4];

    (void)state;
    c[0] = cand(10, "Kepala", "administrator");
    c[1] = cand(11, "Zaki", "pelaksana");
    c[2] = cand(12, "Ani", "pelaksana");
    c[3] = cand(13, "Budi", "pelaksana");
    c[3].q_in_position = 1;
    placement_rank(c, 4, 1);
    assert_int_equal(c[0].employee_id, 13); /* competency first */
    assert_int_equal(c[1].employee_id, 12); /* then by name */
    assert_int_equal(c[2].employee_id, 11);
    assert_int_equal(c[3].employee_id, 10); /* the head last */
    assert_int_equal(c[0].score, 50);
}

static void test_distance(void **state)
{
    /* 1 PEMKOT; 2 DINKES, 3 DISDIK under it; 4 PKM1, 5 PKM2 under DINKES */
    static const int64_t ids[] = {1, 2, 3, 4, 5};
    static const int64_t parents[] = {0, 1, 1, 2, 2};

    (void)state;
    assert_int_equal(placement_unit_distance(ids, parents, 5, 4, 4), 0);
    assert_int_equal(placement_unit_distance(ids, parents, 5, 4, 2), 1);
    assert_int_equal(placement_unit_distance(ids, parents, 5, 4, 5), 2);
    assert_int_equal(placement_unit_distance(ids, parents, 5, 4, 3), 3);
    assert_int_equal(placement_unit_distance(ids, parents, 5, 4, 99), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),   cmocka_unit_test(test_dates),
        cmocka_unit_test(test_limits),   cmocka_unit_test(test_limits_setting),
        cmocka_unit_test(test_score),    cmocka_unit_test(test_rank),
        cmocka_unit_test(test_distance),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
