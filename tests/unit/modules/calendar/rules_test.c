/* rules_test.c - calendar rules: working days across year boundaries, leap years (2024-02-29
 * exists, 2100-02-29 does not), 5- and 6-day weeks, the Lebaran 2026 cluster of holidays and
 * cuti bersama, a holiday on a Sunday (not subtracted twice), one-day ranges and bad input.
 * Expected values were counted day by day with an independent calendar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/calendar/calendar.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Nyepi (Thu 19 March) with its cuti bersama (Wed 18), Idulfitri 1447 H (Sat 21, Sun 22) with
 * cuti bersama Fri 20, Mon 23 and Tue 24 March 2026. */
static const char *const lebaran[] = {"2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21",
                                      "2026-03-22", "2026-03-23", "2026-03-24"};

static void test_year_boundary(void **state)
{
    static const char *const new_year[] = {"2026-01-01"};

    (void)state;
    /* Mon 29 Dec 2025 .. Fri 2 Jan 2026; 1 Jan 2026 is a Thursday */
    assert_int_equal(calendar_count("2025-12-29", "2026-01-02", 5, NULL, 0), 5);
    assert_int_equal(calendar_count("2025-12-29", "2026-01-02", 5, new_year, 1), 4);
    assert_int_equal(calendar_count("2025-12-29", "2026-01-03", 6, new_year, 1), 5);
    assert_int_equal(calendar_count("2025-12-29", "2026-01-03", 5, new_year, 1), 4);
    /* whole years: 2026 starts on a Thursday (52 weeks + 1 day), 2024 on a Monday (+ 2) */
    assert_int_equal(calendar_count("2026-01-01", "2026-12-31", 5, NULL, 0), 261);
    assert_int_equal(calendar_count("2026-01-01", "2026-12-31", 6, NULL, 0), 313);
    assert_int_equal(calendar_count("2024-01-01", "2024-12-31", 5, NULL, 0), 262);
    assert_int_equal(calendar_count("2024-01-01", "2024-12-31", 6, NULL, 0), 314);
    assert_int_equal(calendar_count("2026-01-01", "2027-12-31", 5, NULL, 0), 522);
}

static void test_leap_years(void **state)
{
    static const char *const leap_day[] = {"2024-02-29"};
    static const char *const mixed[] = {"2023-12-25", "2024-01-01", "2024-02-29"};

    (void)state;
    assert_int_equal(calendar_count("2024-02-01", "2024-02-29", 5, NULL, 0), 21);
    assert_int_equal(calendar_count("2024-02-26", "2024-03-01", 5, leap_day, 1), 4);
    assert_int_equal(calendar_is_working_day("2024-02-29", 5, NULL, 0), 1);
    assert_int_equal(calendar_is_working_day("2024-02-29", 5, leap_day, 1), 0);
    /* 2100 is not a leap year: February has 28 days, 1 March 2100 is a Monday */
    assert_int_equal(calendar_count("2100-02-01", "2100-03-01", 5, NULL, 0), 21);
    assert_int_equal(calendar_count("2100-02-01", "2100-02-29", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2000-02-29", "2000-02-29", 5, NULL, 0), 1); /* 400 rule */
    assert_int_equal(calendar_count("2023-02-29", "2023-03-01", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2023-12-25", "2024-03-05", 6, mixed, N(mixed)), 59);
}

static void test_weeks(void **state)
{
    (void)state;
    /* Sat 3 and Sun 4 January 2026 */
    assert_int_equal(calendar_is_working_day("2026-01-03", 5, NULL, 0), 0);
    assert_int_equal(calendar_is_working_day("2026-01-03", 6, NULL, 0), 1);
    assert_int_equal(calendar_is_working_day("2026-01-04", 6, NULL, 0), 0);
    assert_int_equal(calendar_is_working_day("2026-01-05", 5, NULL, 0), 1);
    assert_int_equal(calendar_count("2026-01-05", "2026-01-11", 5, NULL, 0), 5);
    assert_int_equal(calendar_count("2026-01-05", "2026-01-11", 6, NULL, 0), 6);
    assert_int_equal(calendar_count("2026-01-03", "2026-01-04", 5, NULL, 0), 0);
    /* a week of any other length is refused */
    assert_int_equal(calendar_count("2026-01-05", "2026-01-11", 7, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-01-05", "2026-01-11", 4, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-01-05", "2026-01-11", 0, NULL, 0), -1);
}

static void test_lebaran_cluster(void **state)
{
    (void)state;
    /* Mon 16 .. Fri 27 March 2026: 10 working days, 5 of them off */
    assert_int_equal(calendar_count("2026-03-16", "2026-03-27", 5, NULL, 0), 10);
    assert_int_equal(calendar_count("2026-03-16", "2026-03-27", 5, lebaran, N(lebaran)), 5);
    /* a 6-day week also loses Saturday 21 March (Idulfitri): 12 - 6 */
    assert_int_equal(calendar_count("2026-03-16", "2026-03-28", 6, lebaran, N(lebaran)), 6);
    /* the whole cluster alone counts nothing */
    assert_int_equal(calendar_count("2026-03-18", "2026-03-24", 5, lebaran, N(lebaran)), 0);
    assert_int_equal(calendar_count("2026-03-18", "2026-03-24", 6, lebaran, N(lebaran)), 0);
    /* a leave around it: Tue 17 .. Wed 25 March counts 17 and 25 only */
    assert_int_equal(calendar_count("2026-03-17", "2026-03-25", 5, lebaran, N(lebaran)), 2);
    assert_int_equal(calendar_is_working_day("2026-03-20", 5, lebaran, N(lebaran)), 0);
    assert_int_equal(calendar_is_working_day("2026-03-25", 5, lebaran, N(lebaran)), 1);
    /* holidays outside the range change nothing */
    assert_int_equal(calendar_count("2026-03-02", "2026-03-13", 5, lebaran, N(lebaran)), 10);
}

static void test_sunday_and_repeats(void **state)
{
    static const char *const sunday[] = {"2026-02-01"};
    static const char *const twice[] = {"2026-01-01", "2026-01-01", "2026-01-02"};
    static const char *const saturday[] = {"2026-01-03"};

    (void)state;
    /* Sun 1 February 2026 is already a rest day */
    assert_int_equal(calendar_count("2026-01-26", "2026-02-06", 5, sunday, 1), 10);
    assert_int_equal(calendar_count("2026-01-26", "2026-02-06", 6, sunday, 1), 11);
    assert_int_equal(calendar_count("2026-01-26", "2026-02-06", 6, NULL, 0), 11);
    /* a date listed twice (holiday and cuti bersama the same day) counts once */
    assert_int_equal(calendar_count("2025-12-29", "2026-01-02", 5, twice, N(twice)), 3);
    /* a Saturday holiday only matters to a 6-day week */
    assert_int_equal(calendar_count("2026-01-03", "2026-01-03", 5, saturday, 1), 0);
    assert_int_equal(calendar_count("2026-01-05", "2026-01-10", 6, saturday, 1), 6);
    assert_int_equal(calendar_count("2025-12-29", "2026-01-03", 6, saturday, 1), 5);
}

static void test_one_day_and_bad_input(void **state)
{
    static const char *const new_year[] = {"2026-01-01"};
    static const char *const unsorted[] = {"2026-01-02", "2026-01-01"};
    static const char *const bad_off[] = {"2026-01-01", "2026-02-30"};

    (void)state;
    assert_int_equal(calendar_count("2026-01-02", "2026-01-02", 5, new_year, 1), 1);
    assert_int_equal(calendar_count("2026-01-01", "2026-01-01", 5, new_year, 1), 0);
    assert_int_equal(calendar_count("2026-01-02", "2026-01-01", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2027-01-01", "2026-12-31", 6, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-13-01", "2026-12-31", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-02-30", "2026-03-02", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-01-01", "2026-04-31", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-1-01", "2026-01-05", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026/01/01", "2026-01-05", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("", "2026-01-05", 5, NULL, 0), -1);
    assert_int_equal(calendar_count(NULL, "2026-01-05", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-01-01", NULL, 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-01-01 ", "2026-01-05", 5, NULL, 0), -1);
    assert_int_equal(calendar_count("2026-01-01", "2026-01-05", 5, NULL, 1), -1);
    assert_int_equal(calendar_count("2026-01-01", "2026-01-05", 5, unsorted, 2), -1);
    assert_int_equal(calendar_count("2026-01-01", "2026-01-05", 5, bad_off, 2), -1);
    assert_int_equal(calendar_is_working_day("2026-02-29", 5, NULL, 0), -1);
}

static void test_day_numbers(void **state)
{
    int64_t day = 0;

    (void)state;
    assert_int_equal(calendar_day("1970-01-01", &day), 0);
    assert_int_equal(day, 0);
    assert_int_equal(calendar_day("2000-03-01", &day), 0);
    assert_int_equal(day, 11017);
    assert_int_equal(calendar_day("1969-12-31", &day), 0);
    assert_int_equal(day, -1);
    assert_int_equal(calendar_day("0001-01-01", &day), 0);
    assert_int_equal(day, -719162);
    assert_int_equal(calendar_day("9999-12-31", &day), 0);
    assert_int_equal(day, 2932896);
    assert_int_equal(calendar_day("2100-03-01", &day), 0);
    assert_int_equal(day, 47541);
    assert_int_equal(calendar_day("0000-12-31", &day), -1);
    /* weekdays before the epoch: Mon 29 Dec 1969 .. Fri 2 Jan 1970; 1 Jan 0001 was a Monday */
    assert_int_equal(calendar_count("1969-12-29", "1970-01-02", 5, NULL, 0), 5);
    assert_int_equal(calendar_count("1969-12-27", "1969-12-28", 6, NULL, 0), 1);
    assert_int_equal(calendar_count("0001-01-01", "0001-01-07", 5, NULL, 0), 5);
    assert_int_equal(calendar_count("0001-01-06", "0001-01-06", 6, NULL, 0), 1);
}

static void test_checks(void **state)
{
    struct err e;
    struct calendar_holiday h = {7, "2026-08-17", "Hari Kemerdekaan RI", 0, 1767225600, 0};
    json_t *v;
    char long_name[CALENDAR_NAME_MAX + 2];

    (void)state;
    assert_int_equal(calendar_holiday_check("2026-08-17", "HUT RI", &e), ERR_OK);
    assert_int_equal(calendar_holiday_check("2026-08-32", "HUT RI", &e), ERR_INVALID);
    assert_string_equal(e.field, "date");
    assert_int_equal(calendar_holiday_check(NULL, "HUT RI", &e), ERR_INVALID);
    assert_string_equal(e.field, "date");
    assert_int_equal(calendar_holiday_check("2026-08-17", "  ", &e), ERR_INVALID);
    assert_string_equal(e.field, "name");
    assert_int_equal(calendar_holiday_check("2026-08-17", NULL, &e), ERR_INVALID);
    assert_string_equal(e.field, "name");
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(calendar_holiday_check("2026-08-17", long_name, &e), ERR_INVALID);
    assert_string_equal(e.field, "name");
    assert_int_equal(calendar_work_days_check(5, &e), ERR_OK);
    assert_int_equal(calendar_work_days_check(6, &e), ERR_OK);
    assert_int_equal(calendar_work_days_check(7, &e), ERR_INVALID);
    assert_string_equal(e.field, "work_days");
    v = calendar_holiday_json(&h);
    assert_string_equal(json_string_value(json_object_get(v, "date")), "2026-08-17");
    assert_true(json_is_false(json_object_get(v, "collective")));
    assert_true(json_is_null(json_object_get(v, "created_by")));
    json_decref(v);
}

/* The Ramadan period of a year: starts in that year, 1..31 days, end not before start. */
static void test_ramadan_check(void **state)
{
    static const struct {
        const char *start, *end, *field;
    } v[] = {
        {"2027-02-08", "2027-03-09", NULL},     /* 30 days */
        {"2027-12-20", "2028-01-19", NULL},     /* 31 days across the new year */
        {"2027-02-08", "2027-02-08", NULL},     /* one day */
        {"2027-02-08", "2027-03-11", "end_date"}, /* 32 days */
        {"2027-02-08", "2027-02-07", "end_date"},
        {"2026-12-31", "2027-01-20", "start_date"}, /* starts in another year */
        {"2027-02-29", "2027-03-09", "start_date"}, /* no such day */
        {"2027-02-08", "2027-3-9", "end_date"},
        {NULL, "2027-03-09", "start_date"},
        {"2027-02-08", NULL, "end_date"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        struct err e;
        enum err_code rc;

        err_clear(&e);
        rc = calendar_ramadan_check(2027, v[i].start, v[i].end, &e);
        if (!v[i].field) {
            assert_int_equal(rc, ERR_OK);
        } else {
            assert_int_equal(rc, ERR_INVALID);
            assert_string_equal(e.field, v[i].field);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_boundary),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_weeks),
        cmocka_unit_test(test_lebaran_cluster),
        cmocka_unit_test(test_sunday_and_repeats),
        cmocka_unit_test(test_one_day_and_bad_input),
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_ramadan_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
