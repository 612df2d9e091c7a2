/* rules_test.c - flexwork rules: minutes due per day (37.5 h and Ramadan 32.5 h weeks, 5- and
 * 6-day), "HH:MM", ISO weeks (week 1 and week 53 edges), the policy checks naming the field,
 * the minimum on-site check (ratio rounded up, count, both) and the weekly limit of 2 WFH/WFA
 * days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/calendar/calendar.h"
#include "modules/flexwork/flexwork.h"

static void test_required_minutes(void **state)
{
    int week = 0;

    (void)state;
    for (int d = 1; d <= 7; d++)
        week += flexwork_required_minutes(5, d, 0);
    assert_int_equal(week, 2250); /* 37.5 h */
    week = 0;
    for (int d = 1; d <= 7; d++)
        week += flexwork_required_minutes(6, d, 0);
    assert_int_equal(week, 2250);
    week = 0;
    for (int d = 1; d <= 7; d++)
        week += flexwork_required_minutes(5, d, 1);
    assert_int_equal(week, 1950); /* 32.5 h in Ramadan */
    week = 0;
    for (int d = 1; d <= 7; d++)
        week += flexwork_required_minutes(6, d, 1);
    assert_int_equal(week, 1950);
    assert_int_equal(flexwork_required_minutes(5, 1, 0), 450);
    assert_int_equal(flexwork_required_minutes(5, 5, 0), 450); /* Friday */
    assert_int_equal(flexwork_required_minutes(5, 6, 0), 0);
    assert_int_equal(flexwork_required_minutes(6, 6, 0), 375);
    assert_int_equal(flexwork_required_minutes(6, 7, 0), 0);
    assert_int_equal(flexwork_required_minutes(5, 4, 1), 390);
    assert_int_equal(flexwork_required_minutes(6, 2, 1), 325);
    assert_int_equal(flexwork_required_minutes(7, 1, 0), -1);
    assert_int_equal(flexwork_required_minutes(5, 0, 0), -1);
    assert_int_equal(flexwork_required_minutes(5, 8, 0), -1);
}

static void test_hhmm(void **state)
{
    char out[6];

    (void)state;
    assert_int_equal(flexwork_hhmm("07:30"), 450);
    assert_int_equal(flexwork_hhmm("00:00"), 0);
    assert_int_equal(flexwork_hhmm("23:59"), 1439);
    assert_int_equal(flexwork_hhmm("24:00"), -1);
    assert_int_equal(flexwork_hhmm("07:60"), -1);
    assert_int_equal(flexwork_hhmm("7:30"), -1);
    assert_int_equal(flexwork_hhmm("07.30"), -1);
    assert_int_equal(flexwork_hhmm("07:3a"), -1);
    assert_int_equal(flexwork_hhmm(""), -1);
    assert_int_equal(flexwork_hhmm(NULL), -1);
    flexwork_hhmm_format(450, out);
    assert_string_equal(out, "07:30");
    flexwork_hhmm_format(905, out);
    assert_string_equal(out, "15:05");
}

static void test_weekday_week(void **state)
{
    int64_t d, m;

    (void)state;
    assert_int_equal(calendar_day("2026-11-23", &d), 0);
    assert_int_equal(flexwork_weekday(d), 1); /* Monday */
    assert_int_equal(calendar_day("2026-11-29", &d), 0);
    assert_int_equal(flexwork_weekday(d), 7);
    assert_int_equal(flexwork_weekday(0), 4); /* 1970-01-01 Thursday */
    assert_int_equal(flexwork_iso_week("2026-W48", &m), 0);
    assert_int_equal(calendar_day("2026-11-23", &d), 0);
    assert_int_equal(m, d);
    /* 2026-W01 starts Mon 29 Dec 2025 (1 Jan 2026 is a Thursday) */
    assert_int_equal(flexwork_iso_week("2026-W01", &m), 0);
    assert_int_equal(calendar_day("2025-12-29", &d), 0);
    assert_int_equal(m, d);
    /* 2026 has 53 ISO weeks (it starts on a Thursday), 2025 does not */
    assert_int_equal(flexwork_iso_week("2026-W53", &m), 0);
    assert_int_equal(calendar_day("2026-12-28", &d), 0);
    assert_int_equal(m, d);
    assert_int_equal(flexwork_iso_week("2025-W53", &m), -1);
    assert_int_equal(flexwork_iso_week("2026-W00", &m), -1);
    assert_int_equal(flexwork_iso_week("2026-W54", &m), -1);
    assert_int_equal(flexwork_iso_week("2026W48", &m), -1);
    assert_int_equal(flexwork_iso_week("2026-w48", &m), -1);
    assert_int_equal(flexwork_iso_week(NULL, &m), -1);
}

static void policy_ok(struct flexwork_policy *p)
{
    memset(p, 0, sizeof *p);
    p->flexible_allowed = 1;
    p->min_onsite_pct = 50;
    p->max_remote_days = 2;
    p->start_from = 420;
    p->start_to = 540;
    p->core_from = 540;
    p->core_to = 900;
    p->fixed_start = 450;
    p->remote_radius_m = 100;
    p->timezone = "Asia/Makassar";
}

static void expect_field(const struct flexwork_policy *p, const char *field)
{
    struct err e;

    memset(&e, 0, sizeof e);
    assert_int_equal(flexwork_policy_check(p, &e), ERR_INVALID);
    assert_string_equal(e.field, field);
}

static void test_policy_check(void **state)
{
    struct flexwork_policy p;
    struct flexwork_fence f[2] = {{-6.2, 106.8, 100}, {-6.2, 181.0, 100}};
    struct err e;

    (void)state;
    policy_ok(&p);
    assert_int_equal(flexwork_policy_check(&p, &e), ERR_OK);
    p.core_from = p.core_to = 0; /* no core hours */
    assert_int_equal(flexwork_policy_check(&p, &e), ERR_OK);
    policy_ok(&p);
    p.min_onsite_pct = 101;
    expect_field(&p, "min_onsite_ratio");
    policy_ok(&p);
    p.max_remote_days = 3;
    expect_field(&p, "max_remote_days");
    policy_ok(&p);
    p.start_to = p.start_from;
    expect_field(&p, "start_window");
    policy_ok(&p);
    p.start_from = 240; /* 04:00 */
    expect_field(&p, "start_window");
    policy_ok(&p);
    p.core_from = 510; /* core starts before the last allowed start */
    expect_field(&p, "core_hours");
    policy_ok(&p);
    p.core_to = p.core_from;
    expect_field(&p, "core_hours");
    policy_ok(&p);
    p.timezone = "Asia/Singapore";
    expect_field(&p, "timezone");
    policy_ok(&p);
    p.fences = f;
    p.n_fences = 1;
    assert_int_equal(flexwork_policy_check(&p, &e), ERR_OK);
    p.n_fences = 2;
    expect_field(&p, "geofences[1].lon");
    f[1].lon = 106.8;
    f[1].radius_m = 5;
    expect_field(&p, "geofences[1].radius_m");
    assert_int_equal(flexwork_tz_offset("Asia/Jakarta"), 420);
    assert_int_equal(flexwork_tz_offset("Asia/Makassar"), 480);
    assert_int_equal(flexwork_tz_offset("Asia/Jayapura"), 540);
    assert_int_equal(flexwork_tz_offset("UTC"), -1);
}

static void test_onsite(void **state)
{
    struct flexwork_policy p;
    const char *modes[] = {"WFO", "WFH", "WFO", "WFA", "CUTI", "WFO", "WFH"};
    int need = -1, on = -1;

    (void)state;
    policy_ok(&p);
    /* 7 staff, 50 % → ceil(3.5) = 4 on site; 3 are: short by 1 */
    assert_int_equal(flexwork_onsite_short(modes, 7, &p, &need, &on), 1);
    assert_int_equal(need, 4);
    assert_int_equal(on, 3);
    p.min_onsite_pct = 40; /* ceil(2.8) = 3: kept */
    assert_int_equal(flexwork_onsite_short(modes, 7, &p, &need, &on), 0);
    assert_int_equal(need, 3);
    p.min_onsite_count = 5; /* the count wins over the ratio */
    assert_int_equal(flexwork_onsite_short(modes, 7, &p, &need, NULL), 2);
    assert_int_equal(need, 5);
    p.min_onsite_count = 9; /* never more than the staff */
    assert_int_equal(flexwork_onsite_short(modes, 7, &p, &need, NULL), 4);
    assert_int_equal(need, 7);
    p.min_onsite_count = 0;
    p.min_onsite_pct = 0;
    assert_int_equal(flexwork_onsite_short(modes, 7, &p, &need, NULL), 0);
    assert_int_equal(need, 0);
    assert_int_equal(flexwork_onsite_short(NULL, 0, &p, &need, &on), 0);
    {
        /* NULL: not in the unit that day (assigned out): neither staff nor on site */
        const char *away[] = {"WFO", NULL, "WFH", NULL};

        p.min_onsite_pct = 50;
        assert_int_equal(flexwork_onsite_short(away, 4, &p, &need, &on), 0);
        assert_int_equal(need, 1); /* ceil(2 * 50 %) of the 2 present, not of 4 */
        assert_int_equal(on, 1);
        p.min_onsite_pct = 100;
        assert_int_equal(flexwork_onsite_short(away, 4, &p, &need, &on), 1);
        assert_int_equal(need, 2);
    }
    assert_int_equal(flexwork_onsite_required(10, 30, 0), 3);
    assert_int_equal(flexwork_onsite_required(10, 31, 0), 4);
    assert_int_equal(flexwork_onsite_required(0, 50, 2), 0);
}

static void week_days(struct flexwork_arr_day d[7])
{
    memset(d, 0, sizeof(struct flexwork_arr_day) * 7);
    for (int i = 0; i < 7; i++) {
        d[i].weekday = i + 1;
        memcpy(d[i].mode, "WFO", 4);
        d[i].flexible = 1;
    }
}

static void test_days_check(void **state)
{
    struct flexwork_arr_day d[7];
    struct err e;

    (void)state;
    week_days(d);
    memcpy(d[0].mode, "WFH", 4);
    memcpy(d[4].mode, "WFH", 4);
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_OK);
    memcpy(d[2].mode, "WFH", 4); /* a third remote day */
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_INVALID);
    assert_string_equal(e.field, "days");
    memcpy(d[2].mode, "WFO", 4);
    memcpy(d[5].mode, "WFH", 4); /* Saturday on a 5-day week does not count */
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_OK);
    assert_int_equal(flexwork_days_check(d, 6, 2, &e), ERR_INVALID); /* on a 6-day week it does */
    assert_int_equal(flexwork_days_check(d, 5, 1, &e), ERR_INVALID);
    week_days(d);
    memcpy(d[1].mode, "WFA", 4);
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_INVALID);
    assert_string_equal(e.field, "days[1].place");
    d[1].place = "Kantor cabang Cibinong";
    d[1].has_point = 1;
    d[1].lat = 95;
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_INVALID);
    assert_string_equal(e.field, "days[1].lat");
    d[1].lat = -6.48;
    d[1].lon = 106.85;
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_OK);
    memcpy(d[3].mode, "XYZ", 4);
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_INVALID);
    assert_string_equal(e.field, "days[3].mode");
    week_days(d);
    d[2].flexible = 0;
    d[2].start = 200;
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_INVALID);
    assert_string_equal(e.field, "days[2].start");
    d[2].start = 450;
    assert_int_equal(flexwork_days_check(d, 5, 2, &e), ERR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_required_minutes), cmocka_unit_test(test_hhmm),
        cmocka_unit_test(test_weekday_week),     cmocka_unit_test(test_policy_check),
        cmocka_unit_test(test_onsite),           cmocka_unit_test(test_days_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
