/* duk_test.c - the DUK order of domain.md §13: each tie-breaker alone decides (the rows are
 * equal on every earlier key), unknown values rank last, CPNS and PPPK are not listed and the
 * numbering of a list is unique and stable. Vectors duk-N. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/employee/employee.h"

static struct employee_duk base(const char *nip)
{
    struct employee_duk x;

    memset(&x, 0, sizeof x);
    x.nip = nip;
    x.status = "PNS";
    x.rank_order = 10; /* III/b */
    x.tmt_rank = (struct employee_date){2018, 4, 1};
    x.position_level = employee_position_level("pelaksana", 7);
    x.tmt_position = (struct employee_date){2019, 1, 2};
    x.service_months = 120;
    x.training_passed = 1;
    x.training_level = 2;
    x.training_on = (struct employee_date){2020, 5, 5};
    x.education_level = 7;
    x.graduated_on = (struct employee_date){2008, 8, 8};
    x.birth_on = (struct employee_date){1985, 3, 15};
    return x;
}

/* In each vector `first` differs from `second` by the one key that must decide. */
static void tweak(const char *id, struct employee_duk *first, struct employee_duk *second)
{
    static const struct employee_date unknown = {0, 0, 0};

    if (!strcmp(id, "duk-1")) /* higher rank first, though younger in every later key */
        first->rank_order = 11, first->tmt_rank = (struct employee_date){2025, 10, 1},
        first->position_level = 1, first->service_months = 1, first->training_passed = 0,
        first->education_level = 1, first->birth_on = (struct employee_date){2000, 1, 1};
    else if (!strcmp(id, "duk-2")) /* equal rank: earlier TMT (longer in rank) */
        first->tmt_rank = (struct employee_date){2018, 3, 31}, first->position_level = 1;
    else if (!strcmp(id, "duk-3")) /* higher position */
        first->position_level = employee_position_level("administrator", 9),
        second->position_level = employee_position_level("pengawas", 9),
        first->service_months = 0;
    else if (!strcmp(id, "duk-4")) /* equal position level: earlier appointment to it */
        first->tmt_position = (struct employee_date){2019, 1, 1}, first->service_months = 1;
    else if (!strcmp(id, "duk-5")) /* more service */
        first->service_months = 121, first->training_passed = 0;
    else if (!strcmp(id, "duk-6")) /* training passed first */
        second->training_passed = 0, first->education_level = 1;
    else if (!strcmp(id, "duk-7")) /* both passed: higher level */
        first->training_level = 3, first->training_on = (struct employee_date){2024, 1, 1};
    else if (!strcmp(id, "duk-8")) /* same level: earlier pass */
        first->training_on = (struct employee_date){2020, 5, 4}, first->education_level = 1;
    else if (!strcmp(id, "duk-9")) /* higher education */
        first->education_level = 8, first->graduated_on = (struct employee_date){2020, 1, 1};
    else if (!strcmp(id, "duk-10")) /* equal education: earlier graduation */
        first->graduated_on = (struct employee_date){2008, 8, 7},
        first->birth_on = (struct employee_date){1999, 1, 1};
    else if (!strcmp(id, "duk-11")) /* older first */
        first->birth_on = (struct employee_date){1985, 3, 14};
    else if (!strcmp(id, "duk-12")) /* all equal: the NIP keeps numbers unique */
        (void)0;
    else if (!strcmp(id, "duk-13")) /* an unknown TMT rank ranks after a known one */
        second->tmt_rank = unknown;
    else if (!strcmp(id, "duk-14")) /* an unknown birth date ranks after a known one */
        second->birth_on = unknown;
    else if (!strcmp(id, "duk-15")) /* neither passed: training level and date ignored */
        first->training_passed = 0, second->training_passed = 0, second->training_level = 9,
        first->education_level = 8;
}

static void test_each_key(void **state)
{
    static const char *const ids[] = {"duk-1", "duk-2", "duk-3",  "duk-4",  "duk-5",
                                      "duk-6", "duk-7", "duk-8",  "duk-9",  "duk-10",
                                      "duk-11", "duk-12", "duk-13", "duk-14", "duk-15"};

    (void)state;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        struct employee_duk a = base("198001012005011002"), b = base("198001012005011003");

        tweak(ids[i], &a, &b);
        if (employee_duk_cmp(&a, &b) >= 0 || employee_duk_cmp(&b, &a) <= 0)
            fail_msg("%s", ids[i]);
    }
}

static void test_levels(void **state)
{
    (void)state;
    assert_int_equal(employee_position_level("jpt_utama", 17), 24);
    assert_true(employee_position_level("jpt_madya", 1) > employee_position_level("jpt_pratama", 17));
    assert_true(employee_position_level("jpt_pratama", 1) >
                employee_position_level("administrator", 17));
    assert_true(employee_position_level("administrator", 1) >
                employee_position_level("pengawas", 17));
    assert_true(employee_position_level("pengawas", 1) >
                employee_position_level("ahli_utama", 17));
    assert_int_equal(employee_position_level("ahli_madya", 11), 11);
    assert_int_equal(employee_position_level("pelaksana", 5), 5);
    assert_int_equal(employee_position_level(NULL, 5), 0);
    assert_int_equal(employee_position_level("raja", 5), 0);
}

static void test_training_level(void **state)
{
    (void)state;
    assert_int_equal(employee_training_level("struktural", "Diklatpim Tingkat II"), 3);
    assert_int_equal(employee_training_level("struktural", "DIKLATPIM TK. IV"), 1);
    assert_int_equal(employee_training_level("struktural", "Diklat PIM III"), 2);
    assert_int_equal(employee_training_level("manajerial", "Pelatihan Kepemimpinan Nasional Tingkat I"), 4);
    assert_int_equal(employee_training_level("manajerial", "PKN Tingkat 2"), 3);
    assert_int_equal(employee_training_level("manajerial", "Pelatihan Kepemimpinan Administrator (PKA)"), 2);
    assert_int_equal(employee_training_level("manajerial", "pkp angkatan 12"), 1);
    assert_int_equal(employee_training_level("struktural", "Diklat Struktural"), 0);
    assert_int_equal(employee_training_level("teknis", "Diklatpim Tingkat II"), 0);
    assert_int_equal(employee_training_level("fungsional", "PKA"), 0);
    assert_int_equal(employee_training_level(NULL, "PKA"), 0);
    assert_int_equal(employee_training_level("struktural", NULL), 0);
    /* words, not substrings: "Pimpinan" holds no tier, "VIII" is not IV */
    assert_int_equal(employee_training_level("struktural", "Pimpinan Angkatan VIII"), 0);
}

static void test_service_months(void **state)
{
    const struct employee_date appointed = {2010, 1, 1};

    (void)state;
    assert_int_equal(employee_service_months(appointed, (struct employee_date){2026, 11, 23}),
                     16 * 12 + 10);
    assert_int_equal(employee_service_months((struct employee_date){2010, 1, 15},
                                             (struct employee_date){2010, 2, 14}),
                     0);
    assert_int_equal(employee_service_months((struct employee_date){2010, 1, 15},
                                             (struct employee_date){2010, 2, 15}),
                     1);
    assert_int_equal(employee_service_months(appointed, (struct employee_date){2009, 1, 1}), 0);
}

/* duk-date: the date shown is the store's text when it kept one (not a valid date), else the
 * key, else none. */
static void test_date_text(void **state)
{
    static const struct employee_date unknown = {0, 0, 0};
    char out[11];

    (void)state;
    assert_string_equal(employee_duk_date(NULL, (struct employee_date){2018, 4, 1}, out),
                        "2018-04-01");
    assert_string_equal(employee_duk_date(NULL, (struct employee_date){1965, 12, 31}, out),
                        "1965-12-31");
    assert_string_equal(employee_duk_date("01-04-2018", unknown, out), "01-04-2018");
    assert_null(employee_duk_date(NULL, unknown, out));
}

static void test_list(void **state)
{
    struct employee_duk rows[8];
    /* expected order: D (IV/a), A (III/b older TMT), C (III/b, admin), B, E; CPNS, PPPK out */
    static const char *const want[] = {"D", "A", "C", "B", "E"};
    size_t n;

    (void)state;
    rows[0] = base("B");
    rows[1] = base("CPNS"), rows[1].status = "CPNS", rows[1].rank_order = 17;
    rows[2] = base("C"), rows[2].position_level = 21;
    rows[3] = base("E"), rows[3].rank_order = 9;
    rows[4] = base("PPPK"), rows[4].status = "PPPK", rows[4].rank_order = 117;
    rows[5] = base("A"), rows[5].tmt_rank = (struct employee_date){2017, 10, 1};
    rows[6] = base("D"), rows[6].rank_order = 13;
    rows[7] = base("X"), rows[7].status = NULL;
    n = employee_duk_order(rows, 8);
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(rows[i].nip, want[i]);
        if (i > 0)
            assert_true(employee_duk_cmp(&rows[i - 1], &rows[i]) < 0); /* unique numbers */
    }
    assert_int_equal(employee_duk_order(rows, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_key),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_training_level),
        cmocka_unit_test(test_service_months),
        cmocka_unit_test(test_date_text),
        cmocka_unit_test(test_list),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
