/* rules_test.c - attendance rules: the geofence at its edge (haversine, the accuracy credit),
 * local days and minutes in WIB/WITA/WIT from server UTC time, late/early/short around
 * midnight, the day's status, weekly hours against 37.5 h, the month's totals and the
 * discipline thresholds of domain.md §11 with the §14 vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "modules/attendance/attendance.h"

static void test_haversine(void **state)
{
    (void)state;
    /* one degree of latitude on the mean sphere: pi/180 * 6371008.8 m = 111195.08 m */
    assert_true(fabs(att_distance_m(0, 0, 1, 0) - 111195.08) < 0.05);
    assert_true(fabs(att_distance_m(-6.2, 106.8, -6.2, 106.8)) < 1e-9);
    /* one degree of longitude at 60 degrees latitude is half of it */
    assert_true(fabs(att_distance_m(60, 10, 60, 11) - 55597.01) < 0.05);
    /* Monas to Bundaran HI, Jakarta: about 2.2 km */
    assert_true(fabs(att_distance_m(-6.175392, 106.827153, -6.194958, 106.823015) - 2224) < 15);
    /* antipodes: half the circumference, no NaN from rounding */
    assert_true(fabs(att_distance_m(0, 0, 0, 180) - 20015114.4) < 1.0);
}

static void test_fence_edge(void **state)
{
    /* a point north of the centre, exactly 100 m away as the function measures it */
    const double clat = -6.2, clon = 106.8, dlat = 100.0 / 111195.08;
    double d = att_distance_m(clat, clon, clat + dlat, clon);
    struct att_fence f = {clat, clon, d};
    struct att_fence two[] = {{0, 0, 10}, {clat, clon, 100}};

    (void)state;
    assert_true(fabs(d - 100.0) < 0.01);
    assert_int_equal(att_inside(clat + dlat, clon, 0, &f, 1), 1); /* on the edge: inside */
    f.radius_m = d - 0.01;
    assert_int_equal(att_inside(clat + dlat, clon, 0, &f, 1), 0); /* 1 cm out */
    assert_int_equal(att_inside(clat + dlat, clon, 5, &f, 1), 1); /* accuracy credits 5 m */
    /* 100 m fence, point 160 m away: accuracy 80 m credits only 50 m → outside; 60 m away in */
    f.radius_m = 100;
    assert_int_equal(att_inside(clat + 1.6 * dlat, clon, 80, &f, 1), 0);
    assert_int_equal(att_inside(clat + 1.49 * dlat, clon, 80, &f, 1), 1);
    /* a fix worse than 1 km never counts, even at the centre */
    assert_int_equal(att_inside(clat, clon, 1000.5, &f, 1), 0);
    assert_int_equal(att_inside(clat, clon, 1000, &f, 1), 1);
    /* any fence of several; none at all → outside */
    assert_int_equal(att_inside(clat, clon, 10, two, 2), 1);
    assert_int_equal(att_inside(clat, clon, 10, two, 1), 0);
    assert_int_equal(att_inside(clat, clon, 10, NULL, 0), 0);
}

static void test_fix_check(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(att_fix_check(-6.2, 106.8, 12, &e), ERR_OK);
    assert_int_equal(att_fix_check(90, 180, 100000, &e), ERR_OK);
    assert_int_equal(att_fix_check(90.0001, 0, 10, &e), ERR_INVALID);
    assert_string_equal(e.field, "lat");
    assert_int_equal(att_fix_check(0, -180.5, 10, &e), ERR_INVALID);
    assert_string_equal(e.field, "lon");
    assert_int_equal(att_fix_check(0, 0, 0, &e), ERR_INVALID);
    assert_string_equal(e.field, "accuracy_m");
    assert_int_equal(att_fix_check(NAN, 0, 10, &e), ERR_INVALID);
    assert_string_equal(e.field, "lat");
}

static void test_local_time(void **state)
{
    char day[11];
    /* 2026-01-05 (a Monday) 00:30 UTC */
    int64_t t = att_day_start("2026-01-05", 0) + 30 * 60;

    (void)state;
    assert_int_equal(att_day_start("2026-01-05", 0), 1767571200);
    att_local_day(t, 420, day);
    assert_string_equal(day, "2026-01-05");
    assert_int_equal(att_local_minute(t, 420), 7 * 60 + 30); /* WIB 07:30 */
    assert_int_equal(att_local_minute(t, 480), 8 * 60 + 30); /* WITA 08:30 */
    assert_int_equal(att_local_minute(t, 540), 9 * 60 + 30); /* WIT 09:30 */
    /* 23:00 UTC on Sunday 4 January is already Monday 06:00 in Jakarta */
    t = att_day_start("2026-01-04", 0) + 23 * 3600;
    att_local_day(t, 0, day);
    assert_string_equal(day, "2026-01-04");
    att_local_day(t, 420, day);
    assert_string_equal(day, "2026-01-05");
    assert_int_equal(att_local_minute(t, 420), 360);
    /* 16:59 UTC is 23:59 WIB but 01:59 the next day WIT */
    t = att_day_start("2026-01-05", 0) + 16 * 3600 + 59 * 60;
    att_local_day(t, 420, day);
    assert_string_equal(day, "2026-01-05");
    att_local_day(t, 540, day);
    assert_string_equal(day, "2026-01-06");
    /* year boundary */
    t = att_day_start("2025-12-31", 0) + 17 * 3600;
    att_local_day(t, 420, day);
    assert_string_equal(day, "2026-01-01");
    assert_int_equal(att_local_minute(t, 420), 0);
    /* the local midnight of a WITA day is 16:00 UTC the day before */
    assert_int_equal(att_day_start("2026-01-05", 480), 1767571200 - 8 * 3600);
    assert_int_equal(
        att_minutes_in_day(att_day_start("2026-01-06", 420) + 360 * 60, "2026-01-05", 420),
        1440 + 360);
    assert_int_equal(att_day_start("2026-02-30", 420), -1);
    assert_int_equal(att_weekday("2026-01-05"), 0);
    assert_int_equal(att_weekday("2026-01-09"), 4);
    assert_int_equal(att_weekday("2026-01-11"), 6);
    assert_int_equal(att_hhmm("07:30"), 450);
    assert_int_equal(att_hhmm("23:59"), 1439);
    assert_int_equal(att_hhmm("24:00"), -1);
    assert_int_equal(att_hhmm("7:30"), -1);
    assert_int_equal(att_hhmm(NULL), -1);
}

static void test_day_times(void **state)
{
    /* fixed 07:30, 450 min due, 60 min break: ends 16:00 */
    struct att_schedule fixed = {1, 450, 450, 450, 60};
    /* flexible start 07:00-09:00 */
    struct att_schedule flex = {1, 420, 540, 450, 60};
    /* a night shift from 22:00 that ends the next morning */
    struct att_schedule night = {1, 1320, 1320, 450, 60};
    struct att_times t;

    (void)state;
    att_times(&fixed, 450, 960, &t);
    assert_int_equal(t.late_minutes, 0);
    assert_int_equal(t.early_minutes, 0);
    assert_int_equal(t.worked_minutes, 450);
    assert_int_equal(t.short_minutes, 0);
    att_times(&fixed, 465, 960, &t); /* 07:45 in, 16:00 out */
    assert_int_equal(t.late_minutes, 15);
    assert_int_equal(t.early_minutes, 0);
    assert_int_equal(t.worked_minutes, 435);
    assert_int_equal(t.short_minutes, 15);
    att_times(&fixed, 440, 930, &t); /* early in, 15:30 out */
    assert_int_equal(t.late_minutes, 0);
    assert_int_equal(t.early_minutes, 30);
    assert_int_equal(t.worked_minutes, 430);
    att_times(&fixed, 450, -1, &t); /* no check-out */
    assert_int_equal(t.worked_minutes, 0);
    assert_int_equal(t.early_minutes, 0);
    assert_int_equal(t.short_minutes, 0);
    att_times(&flex, 530, 1040, &t); /* 08:50 in, 17:20 out: on time, full day */
    assert_int_equal(t.late_minutes, 0);
    assert_int_equal(t.early_minutes, 0);
    assert_int_equal(t.worked_minutes, 450);
    att_times(&flex, 550, 1060, &t); /* 09:10 in: 10 late; due end 09:00 + 8:30 = 17:30 */
    assert_int_equal(t.late_minutes, 10);
    assert_int_equal(t.early_minutes, 0);
    att_times(&flex, 420, 1000, &t); /* 07:00 in, 16:40 out */
    assert_int_equal(t.early_minutes, 0);
    assert_int_equal(t.worked_minutes, 520);
    /* night: 22:10 in, 06:00 next day out (1440 + 360) */
    att_times(&night, 1330, 1800, &t);
    assert_int_equal(t.late_minutes, 10);
    assert_int_equal(t.early_minutes, 30);
    assert_int_equal(t.worked_minutes, 410);
    assert_int_equal(t.short_minutes, 40);
    /* a check-out before the check-in is ignored */
    att_times(&fixed, 500, 400, &t);
    assert_int_equal(t.worked_minutes, 0);
    assert_int_equal(att_break_minutes(4, 450), 90);
    assert_int_equal(att_break_minutes(0, 450), 60);
    assert_int_equal(att_break_minutes(4, 390), 60);
    assert_int_equal(att_break_minutes(2, 390), 30);
}

static void test_status(void **state)
{
    struct att_times ok = {0, 0, 450, 0}, late = {5, 0, 445, 5}, early = {0, 20, 430, 20},
                     shortd = {0, 0, 440, 10};

    (void)state;
    assert_int_equal(att_day_status(0, 0, 0, 1, 1, &ok, 1), ATT_HOLIDAY);
    assert_int_equal(att_day_status(1, 1, 0, 0, 0, &ok, 1), ATT_LEAVE);
    assert_int_equal(att_day_status(1, 0, 1, 0, 0, &ok, 1), ATT_DUTY);
    assert_int_equal(att_day_status(1, 0, 0, 0, 0, &ok, 1), ATT_ABSENT);
    assert_int_equal(att_day_status(1, 0, 0, 0, 0, &ok, 0), ATT_OPEN);
    assert_int_equal(att_day_status(1, 0, 0, 1, 1, &late, 1), ATT_LATE);
    assert_int_equal(att_day_status(1, 0, 0, 1, 1, &early, 1), ATT_LEFT_EARLY);
    assert_int_equal(att_day_status(1, 0, 0, 1, 1, &shortd, 1), ATT_SHORT);
    assert_int_equal(att_day_status(1, 0, 0, 1, 1, &ok, 1), ATT_PRESENT);
    assert_int_equal(att_day_status(1, 0, 0, 1, 0, &ok, 0), ATT_PRESENT);
    assert_int_equal(att_day_status(1, 0, 0, 1, 0, &ok, 1), ATT_SHORT);
    assert_string_equal(att_status_name(ATT_LEFT_EARLY), "left_early");
    assert_string_equal(att_status_name(ATT_ABSENT), "absent");
}

static void test_week(void **state)
{
    const int full[] = {450, 450, 450, 450, 450};
    const int one_short[] = {450, 450, 400, 450, 450};
    const int six[] = {375, 375, 375, 375, 375, 375};
    struct att_week w;

    (void)state;
    att_week_sum(full, NULL, 5, &w);
    assert_int_equal(w.worked_minutes, 2250);
    assert_int_equal(w.required_minutes, 2250);
    assert_int_equal(w.balance_minutes, 0);
    att_week_sum(one_short, NULL, 5, &w);
    assert_int_equal(w.balance_minutes, -50);
    att_week_sum(six, NULL, 6, &w); /* a 6-day week also makes 37.5 h */
    assert_int_equal(w.balance_minutes, 0);
    att_week_sum(one_short, full, 5, &w);
    assert_int_equal(w.required_minutes, 2250);
    att_week_sum(full, full, 3, &w); /* a short week (holidays): its own days are due */
    assert_int_equal(w.required_minutes, 1350);
    assert_int_equal(w.balance_minutes, 0);
}

static void test_month(void **state)
{
    struct att_day days[8];
    struct attendance_month m;

    (void)state;
    memset(days, 0, sizeof days);
    memset(&m, 0, sizeof m);
    for (int i = 0; i < 8; i++) {
        days[i].working = 1;
        days[i].over = 1;
        days[i].required_minutes = 450;
    }
    days[0].checked_in = 1; /* on time, full */
    days[0].t.worked_minutes = 450;
    days[1].checked_in = 1; /* late 12, early 20 */
    days[1].t = (struct att_times){12, 20, 418, 32};
    days[2].on_leave = 1;
    days[3].on_duty = 1;
    days[4].working = 0; /* a holiday, checked in anyway: not counted */
    days[4].checked_in = 1;
    days[4].t.worked_minutes = 300;
    /* days 5, 6 absent; day 7 not over yet (today) */
    days[7].over = 0;
    att_month_add(days, 8, &m);
    assert_int_equal(m.working_days, 7);
    assert_int_equal(m.present_days, 2);
    assert_int_equal(m.late_minutes, 12);
    assert_int_equal(m.early_minutes, 20);
    assert_int_equal(m.worked_minutes, 868);
    assert_int_equal(m.required_minutes, 5 * 450);
    assert_int_equal(m.leave_days, 1);
    assert_int_equal(m.duty_days, 1);
    assert_int_equal(m.absent_days, 2);
}

static void test_discipline(void **state)
{
    static const struct {
        int days, consecutive;
        enum att_discipline level;
        int salary_stop;
    } v[] = {
        {0, 0, ATT_DISC_NONE, 0},
        {2, 2, ATT_DISC_NONE, 0}, /* §14: 2 → none */
        {3, 1, ATT_DISC_VERBAL, 0},
        {4, 1, ATT_DISC_WRITTEN, 0},
        {6, 1, ATT_DISC_WRITTEN, 0},
        {7, 1, ATT_DISC_DISSATISFACTION, 0},
        {10, 9, ATT_DISC_DISSATISFACTION, 0},
        {11, 1, ATT_DISC_TPP_CUT_6, 0},
        {12, 1, ATT_DISC_TPP_CUT_6, 0}, /* §14: 12 → 25% cut for 6 months */
        {13, 1, ATT_DISC_TPP_CUT_6, 0},
        {14, 1, ATT_DISC_TPP_CUT_9, 0},
        {16, 1, ATT_DISC_TPP_CUT_9, 0},
        {17, 1, ATT_DISC_TPP_CUT_12, 0},
        {20, 1, ATT_DISC_TPP_CUT_12, 0},
        {21, 1, ATT_DISC_DEMOTION, 0},
        {24, 1, ATT_DISC_DEMOTION, 0},
        {25, 1, ATT_DISC_PELAKSANA, 0},
        {27, 3, ATT_DISC_PELAKSANA, 0}, /* §14: 27 → pelaksana for 12 months */
        {28, 1, ATT_DISC_DISCHARGE, 0}, /* §14: 28 → discharge */
        {40, 2, ATT_DISC_DISCHARGE, 0},
        {10, 10, ATT_DISC_DISCHARGE, 1}, /* §14: 10 in a row */
        {12, 10, ATT_DISC_DISCHARGE, 1},
    };
    struct att_discipline_result r;

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        att_discipline(v[i].days, v[i].consecutive, &r);
        assert_int_equal(r.level, v[i].level);
        assert_int_equal(r.salary_stop, v[i].salary_stop);
    }
    assert_string_equal(att_discipline_code(ATT_DISC_PELAKSANA), "pelaksana_12");
    assert_string_equal(att_discipline_text(ATT_DISC_DISCHARGE),
                        "Pemberhentian dengan hormat tidak atas permintaan sendiri");
}

static void test_month_range(void **state)
{
    char a[11], b[11];

    (void)state;
    assert_int_equal(att_month_range("2026-02", a, b), 0);
    assert_string_equal(a, "2026-02-01");
    assert_string_equal(b, "2026-02-28");
    assert_int_equal(att_month_range("2024-02", a, b), 0);
    assert_string_equal(b, "2024-02-29");
    assert_int_equal(att_month_range("2026-12", a, b), 0);
    assert_string_equal(b, "2026-12-31");
    assert_int_equal(att_month_range("2026-13", a, b), -1);
    assert_int_equal(att_month_range("2026-1", a, b), -1);
    assert_int_equal(att_month_range("2026-01-01", a, b), -1);
    assert_int_equal(att_month_range(NULL, a, b), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_haversine),  cmocka_unit_test(test_fence_edge),
        cmocka_unit_test(test_fix_check),  cmocka_unit_test(test_local_time),
        cmocka_unit_test(test_day_times),  cmocka_unit_test(test_status),
        cmocka_unit_test(test_week),       cmocka_unit_test(test_month),
        cmocka_unit_test(test_discipline), cmocka_unit_test(test_month_range),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
