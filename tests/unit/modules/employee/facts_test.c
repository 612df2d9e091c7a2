/* facts_test.c - the derived facts of an employee record as tables of vectors: retirement
 * (ret-*), promotion periods and next promotion (prom-*, next-*), years of service (svc-*),
 * next salary step (kgb-*; with the performance condition kgbp-*, the record's cache of its
 * appraisals kgbc-*, the step of a record kgbr-*) and the date helpers (date-*, epoch-*). Vectors of shared/domain.md
 * §14 are marked "domain"; the others are ours. A failing vector names its id. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/employee/employee.h"
#include "modules/org/org.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) {y, m, d}

static void expect_date(const char *id, struct employee_date got, struct employee_date want)
{
    if (got.y != want.y || got.m != want.m || got.d != want.d)
        fail_msg("%s: date %04d-%02d-%02d, want %04d-%02d-%02d", id, got.y, got.m, got.d, want.y,
                 want.m, want.d);
}

static void test_retirement(void **state)
{
    static const struct {
        const char *id, *kind;
        struct employee_date birth, want;
    } v[] = {
        {"ret-1 domain", "pelaksana", D(1968, 3, 15), D(2026, 4, 1)},
        {"ret-2 domain", "jpt_pratama", D(1970, 12, 31), D(2031, 1, 1)},
        {"ret-3 domain", "ahli_utama", D(1965, 6, 1), D(2030, 7, 1)},
        {"ret-4 domain", "pelaksana", D(1968, 2, 29), D(2026, 3, 1)},
        {"ret-5", "ahli_madya", D(1972, 2, 29), D(2032, 3, 1)},
        {"ret-6", "penyelia", D(1970, 1, 31), D(2028, 2, 1)},
        {"ret-7", "jpt_utama", D(1966, 12, 1), D(2027, 1, 1)},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        int bup = org_position_bup_default(v[i].kind);

        if (bup == 0)
            fail_msg("%s: kind %s has no BUP", v[i].id, v[i].kind);
        expect_date(v[i].id, employee_retirement_on(v[i].birth, bup), v[i].want);
    }
}

static void test_bup_by_kind(void **state)
{
    static const struct {
        const char *kind;
        int want;
    } v[] = {
        {"jpt_utama", 60},     {"jpt_madya", 60},  {"jpt_pratama", 60}, {"administrator", 58},
        {"pengawas", 58},      {"pelaksana", 58},  {"ahli_pertama", 58}, {"ahli_muda", 58},
        {"ahli_madya", 60},    {"ahli_utama", 65}, {"pemula", 58},      {"terampil", 58},
        {"mahir", 58},         {"penyelia", 58},   {"eselon_1", 0},     {"", 0},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++)
        if (org_position_bup_default(v[i].kind) != v[i].want)
            fail_msg("bup-%zu %s: %d, want %d", i + 1, v[i].kind,
                     org_position_bup_default(v[i].kind), v[i].want);
    assert_int_equal(org_position_bup_default(NULL), 0);
}

static void test_promotion_tmt(void **state)
{
    static const struct {
        const char *id;
        struct employee_date eligible, want;
    } v[] = {
        {"prom-1 domain", D(2023, 5, 10), D(2023, 10, 1)},
        {"prom-2 domain", D(2024, 3, 10), D(2024, 4, 1)},
        {"prom-3 domain", D(2024, 4, 15), D(2024, 6, 1)},
        {"prom-4 domain", D(2025, 11, 15), D(2025, 12, 1)},
        {"prom-5", D(2023, 10, 1), D(2023, 10, 1)},
        {"prom-6", D(2023, 11, 2), D(2024, 2, 1)},
        {"prom-7", D(2025, 8, 1), D(2025, 8, 1)},
        {"prom-8", D(2025, 9, 2), D(2025, 10, 1)},
        {"prom-9", D(2026, 12, 31), D(2027, 1, 1)},
        {"prom-10", D(2022, 10, 2), D(2023, 4, 1)},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++)
        expect_date(v[i].id, employee_promotion_tmt(v[i].eligible), v[i].want);
}

static void test_next_promotion(void **state)
{
    static const struct {
        const char *id;
        struct employee_date tmt_rank;
        int rank_order, cap;
        struct employee_date today;
        int has;
        struct employee_date want;
    } v[] = {
        {"next-1", D(2022, 4, 1), 9, 0, D(2026, 3, 10), 1, D(2026, 4, 1)},
        {"next-2 overdue", D(2010, 4, 1), 12, 0, D(2026, 3, 10), 1, D(2026, 4, 1)},
        {"next-3", D(2019, 10, 1), 10, 0, D(2020, 1, 2), 1, D(2023, 10, 1)},
        {"next-4 IV/e", D(2020, 4, 1), 17, 0, D(2026, 3, 10), 0, D(1, 1, 1)},
        {"next-5 PPPK", D(2024, 1, 1), 109, 0, D(2026, 3, 10), 0, D(1, 1, 1)},
        {"next-6 leap", D(2020, 2, 29), 5, 0, D(2023, 1, 1), 1, D(2024, 4, 1)},
        /* domain.md §14 education cap: S1 (cap III/d = 12) at III/d → none; SLTA (III/b = 10)
         * at III/b → none; D-III (III/c = 11) at III/c → none; S2 (IV/a = 13) at III/d → yes */
        {"cap-1 S1 III/d", D(2018, 4, 1), 12, 12, D(2026, 3, 10), 0, D(1, 1, 1)},
        {"cap-2 SLTA III/b", D(2018, 4, 1), 10, 10, D(2026, 3, 10), 0, D(1, 1, 1)},
        {"cap-3 D-III III/c", D(2018, 4, 1), 11, 11, D(2026, 3, 10), 0, D(1, 1, 1)},
        {"cap-4 S2 III/d", D(2018, 4, 1), 12, 13, D(2026, 3, 10), 1, D(2026, 4, 1)},
        {"cap-5 S1 III/c", D(2022, 4, 1), 11, 12, D(2026, 3, 10), 1, D(2026, 4, 1)},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct employee_date got = D(1, 1, 1);
        int has = employee_next_promotion(v[i].tmt_rank, v[i].rank_order, v[i].cap, v[i].today,
                                          &got);

        if (has != v[i].has)
            fail_msg("%s: has %d, want %d", v[i].id, has, v[i].has);
        expect_date(v[i].id, got, v[i].want);
    }
}

static void test_service_years(void **state)
{
    static const struct {
        const char *id;
        struct employee_date appointed, today;
        int want;
    } v[] = {
        {"svc-1", D(2010, 1, 1), D(2026, 3, 10), 16},
        {"svc-2", D(2010, 1, 1), D(2025, 12, 31), 15},
        {"svc-3", D(2010, 1, 1), D(2020, 1, 1), 10},
        {"svc-4 before", D(2027, 1, 1), D(2026, 3, 10), 0},
        {"svc-5", D(2026, 3, 1), D(2026, 3, 10), 0},
        {"svc-6", D(2010, 3, 11), D(2026, 3, 10), 15},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++)
        if (employee_service_years(v[i].appointed, v[i].today) != v[i].want)
            fail_msg("%s: %d, want %d", v[i].id, employee_service_years(v[i].appointed,
                                                                        v[i].today),
                     v[i].want);
}

static void test_salary_step(void **state)
{
    static const struct {
        const char *id;
        struct employee_date appointed;
        int rank_order;
        struct employee_date today;
        int has;
        struct employee_date want;
    } v[] = {
        {"kgb-1 III", D(2010, 1, 1), 9, D(2026, 3, 10), 1, D(2028, 1, 1)},
        {"kgb-2 II", D(2010, 1, 1), 6, D(2026, 3, 10), 1, D(2027, 1, 1)},
        {"kgb-3 due today", D(2010, 1, 1), 9, D(2026, 1, 1), 1, D(2026, 1, 1)},
        {"kgb-4 new III", D(2025, 6, 1), 9, D(2026, 3, 10), 1, D(2027, 6, 1)},
        {"kgb-5 new II", D(2025, 6, 1), 5, D(2026, 3, 10), 1, D(2026, 6, 1)},
        {"kgb-6 IV", D(2001, 3, 1), 13, D(2026, 3, 10), 1, D(2027, 3, 1)},
        {"kgb-7 I", D(2000, 7, 1), 2, D(2026, 3, 10), 1, D(2026, 7, 1)},
        {"kgb-8 PPPK", D(2024, 1, 1), 109, D(2026, 3, 10), 0, D(1, 1, 1)},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct employee_date got = D(1, 1, 1);
        int has = employee_next_salary_step(v[i].appointed, v[i].rank_order, v[i].today, &got);

        if (has != v[i].has)
            fail_msg("%s: has %d, want %d", v[i].id, has, v[i].has);
        expect_date(v[i].id, got, v[i].want);
    }
}

/* The step with its performance condition (domain.md §2 vector: "KGB due 2026-01-01 with
 * performance below the bar -> postponed to 2027-01-01 at the latest; the next KGB counted
 * as if not postponed"). Predikat by year 2023..2027 (first_year 2023); bar 2 (Baik) unless said. */
static void test_salary_step_postponed(void **state)
{
    static const struct {
        const char *id;
        struct employee_date appointed;
        int rank_order;
        struct employee_date today;
        int8_t predikat[EMPLOYEE_KINERJA_YEARS];
        int min_predikat;
        struct employee_date want_next, want_due;
        int want_postponed;
    } v[] = {
        /* III, steps due 2026-01-01, 2028-01-01 ...; today before the 2026 step */
        {"kgbp-1 domain vector", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 3, 0, 0}, 2,
         D(2027, 1, 1), D(2026, 1, 1), 1},
        {"kgbp-2 Baik meets the bar", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 2, 0, 0}, 2,
         D(2026, 1, 1), D(2026, 1, 1), 0},
        {"kgbp-3 Sangat Baik", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 1, 0, 0}, 2,
         D(2026, 1, 1), D(2026, 1, 1), 0},
        {"kgbp-4 nothing recorded", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 0, 0, 0}, 2,
         D(2026, 1, 1), D(2026, 1, 1), 0},
        {"kgbp-5 Sangat Kurang", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 5, 0, 0}, 2,
         D(2027, 1, 1), D(2026, 1, 1), 1},
        {"kgbp-6 another year failed", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 3, 0, 3, 0}, 2,
         D(2026, 1, 1), D(2026, 1, 1), 0},
        {"kgbp-7 bar Butuh Perbaikan", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 3, 0, 0}, 3,
         D(2026, 1, 1), D(2026, 1, 1), 0},
        /* after the due date: the postponed step is still ahead, then taken */
        {"kgbp-8 postponed, still ahead", D(2010, 1, 1), 9, D(2026, 3, 10), {0, 0, 3, 0, 0}, 2,
         D(2027, 1, 1), D(2026, 1, 1), 1},
        {"kgbp-9 postponed step today", D(2010, 1, 1), 9, D(2027, 1, 1), {0, 0, 3, 0, 0}, 2,
         D(2027, 1, 1), D(2026, 1, 1), 1},
        /* the step after a postponed one is counted from the due date: 2028-01-01 */
        {"kgbp-10 next counted from due", D(2010, 1, 1), 9, D(2027, 1, 2), {0, 0, 3, 0, 0}, 2,
         D(2028, 1, 1), D(2028, 1, 1), 0},
        {"kgbp-11 not postponed, regular", D(2010, 1, 1), 9, D(2026, 3, 10), {0, 0, 2, 0, 0}, 2,
         D(2028, 1, 1), D(2028, 1, 1), 0},
        /* the next step read from the year before it (2027 for 2028-01-01) */
        {"kgbp-12 next year's result", D(2010, 1, 1), 9, D(2026, 3, 10), {0, 0, 2, 0, 4}, 2,
         D(2029, 1, 1), D(2028, 1, 1), 1},
        /* gol. II: first step after 1 year; no step before it to postpone */
        {"kgbp-13 II first step", D(2025, 6, 1), 5, D(2026, 3, 10), {0, 0, 4, 0, 0}, 2,
         D(2027, 6, 1), D(2026, 6, 1), 1},
        {"kgbp-14 II before appointment", D(2025, 6, 1), 5, D(2026, 3, 10), {3, 0, 0, 0, 0}, 2,
         D(2026, 6, 1), D(2026, 6, 1), 0},
        {"kgbp-15 bar 5: never", D(2010, 1, 1), 9, D(2025, 11, 1), {0, 0, 5, 0, 0}, 5,
         D(2026, 1, 1), D(2026, 1, 1), 0},
    };
    struct employee_salary_step got;

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct employee_kinerja_years k = {2023, {0}};
        int window = EMPLOYEE_KINERJA_FIRST_YEAR(v[i].today.y);

        memcpy(k.predikat, v[i].predikat, sizeof k.predikat);
        /* the store's window for today holds the year the due step reads */
        if (v[i].want_due.y - 1 < window || v[i].want_due.y - 1 >= window + EMPLOYEE_KINERJA_YEARS)
            fail_msg("%s: year %d outside the store's window", v[i].id, v[i].want_due.y - 1);
        memset(&got, 0, sizeof got);
        if (!employee_salary_step(v[i].appointed, v[i].rank_order, v[i].today, &k,
                                  v[i].min_predikat, &got))
            fail_msg("%s: no step", v[i].id);
        expect_date(v[i].id, got.next_on, v[i].want_next);
        expect_date(v[i].id, got.due_on, v[i].want_due);
        if (got.postponed != v[i].want_postponed)
            fail_msg("%s: postponed %d, want %d", v[i].id, got.postponed, v[i].want_postponed);
    }
    /* no results at all (lists): the step by service alone; PPPK: none */
    assert_int_equal(employee_salary_step((struct employee_date)D(2010, 1, 1), 9, (struct employee_date)D(2026, 3, 10), NULL, 2, &got), 1);
    expect_date("kgbp-null", got.next_on, (struct employee_date)D(2028, 1, 1));
    assert_int_equal(got.postponed, 0);
    assert_int_equal(employee_salary_step((struct employee_date)D(2024, 1, 1), 109, (struct employee_date)D(2026, 3, 10), NULL, 2, &got),
                     0);
}

static void test_dates(void **state)
{
    static const struct {
        const char *id, *s;
        int ok;
        struct employee_date want;
    } v[] = {
        {"date-1", "2024-02-29", 1, D(2024, 2, 29)}, {"date-2", "2026-02-29", 0, D(0, 0, 0)},
        {"date-3", "2024-2-29", 0, D(0, 0, 0)},      {"date-4", "2024-02-290", 0, D(0, 0, 0)},
        {"date-5", "2024/02/29", 0, D(0, 0, 0)},     {"date-6", "", 0, D(0, 0, 0)},
        {"date-7", "2024-13-01", 0, D(0, 0, 0)},     {"date-8", "0000-01-01", 0, D(0, 0, 0)},
        {"date-9", "2024-0a-01", 0, D(0, 0, 0)},     {"date-10", "1985-03-15", 1, D(1985, 3, 15)},
    };
    static const struct {
        const char *id;
        int64_t t;
        struct employee_date want;
    } ep[] = {
        {"epoch-1", 0, D(1970, 1, 1)},
        {"epoch-2", -1, D(1969, 12, 31)},
        {"epoch-3", 1773100800, D(2026, 3, 10)},
        {"epoch-4", 1773100800 + 86399, D(2026, 3, 10)},
        {"epoch-5", 1709164800, D(2024, 2, 29)},
        {"epoch-6", 2147472000, D(2038, 1, 19)},
    };
    char buf[11];

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct employee_date got = D(0, 0, 0);
        int ok = employee_date_parse(v[i].s, &got) == 0;

        if (ok != v[i].ok)
            fail_msg("%s: parse %d, want %d", v[i].id, ok, v[i].ok);
        if (ok)
            expect_date(v[i].id, got, v[i].want);
    }
    assert_int_equal(employee_date_parse(NULL, &(struct employee_date){0, 0, 0}), -1);
    for (size_t i = 0; i < N(ep); i++)
        expect_date(ep[i].id, employee_date_from_epoch(ep[i].t), ep[i].want);
    employee_date_format((struct employee_date)D(2026, 3, 1), buf);
    assert_string_equal(buf, "2026-03-01");
    assert_true(employee_date_cmp((struct employee_date)D(2026, 3, 1),
                                  (struct employee_date)D(2026, 2, 28)) > 0);
    assert_int_equal(employee_date_cmp((struct employee_date)D(2026, 3, 1),
                                       (struct employee_date)D(2026, 3, 1)), 0);
}

/* The record's cache of its active appraisals (0027 employees.kinerja_years: "YYYYP" per row,
 * comma-separated) read into the window of the salary step (kgbc-*). */
static void test_kinerja_parse(void **state)
{
    static const struct {
        const char *id, *cache;
        int first_year;
        int8_t want[EMPLOYEE_KINERJA_YEARS];
    } v[] = {
        {"kgbc-1 none", NULL, 2023, {0, 0, 0, 0, 0}},
        {"kgbc-2 empty", "", 2023, {0, 0, 0, 0, 0}},
        {"kgbc-3 one", "20253", 2023, {0, 0, 3, 0, 0}},
        {"kgbc-4 any order", "20262,20231,20255", 2023, {1, 0, 5, 2, 0}},
        {"kgbc-5 outside the window", "20183,20222,20283,20271", 2023, {0, 0, 0, 0, 1}},
        {"kgbc-6 malformed skipped", "2025,202533,x2024,20240,20246,,20234", 2023,
         {4, 0, 0, 0, 0}},
        {"kgbc-7 trailing comma", "20242,", 2023, {0, 2, 0, 0, 0}},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct employee_kinerja_years k;

        memset(&k, 0x7f, sizeof k);
        employee_kinerja_parse(v[i].cache, v[i].first_year, &k);
        if (k.first_year != v[i].first_year)
            fail_msg("%s: first_year %d", v[i].id, k.first_year);
        for (int y = 0; y < EMPLOYEE_KINERJA_YEARS; y++)
            if (k.predikat[y] != v[i].want[y])
                fail_msg("%s: year %d predikat %d, want %d", v[i].id, v[i].first_year + y,
                         k.predikat[y], v[i].want[y]);
    }
}

/* The step of a record as the record, list rows and exports show it (kgbr-*): the rule over
 * the record's appointment, rank, cache and bar, the window of years from today. */
static void test_record_salary_step(void **state)
{
    static const struct {
        const char *id, *appointed, *cache;
        int rank_order, bar;
        struct employee_date today;
        int want_ok;
        struct employee_date want_next, want_due;
        int want_postponed;
    } v[] = {
        /* III appointed 2010-01-01: steps 2026-01-01, 2028-01-01; 2025 below the bar postponed
         * the 2026 step to 2027-01-01, still ahead in November 2026 */
        {"kgbr-1 postponed, from the cache", "2010-01-01", "20253,20242", 9, 2, D(2026, 11, 23), 1,
         D(2027, 1, 1), D(2026, 1, 1), 1},
        {"kgbr-2 corrected to Baik", "2010-01-01", "20252,20242", 9, 2, D(2026, 11, 23), 1,
         D(2028, 1, 1), D(2028, 1, 1), 0},
        {"kgbr-3 the bar of the record", "2010-01-01", "20253", 9, 3, D(2026, 11, 23), 1,
         D(2028, 1, 1), D(2028, 1, 1), 0},
        {"kgbr-4 no cache", "2010-01-01", NULL, 9, 2, D(2025, 11, 1), 1, D(2026, 1, 1),
         D(2026, 1, 1), 0},
        {"kgbr-5 domain vector", "2010-01-01", "20253", 9, 2, D(2025, 11, 1), 1, D(2027, 1, 1),
         D(2026, 1, 1), 1},
        {"kgbr-6 PPPK: no step", "2020-01-01", "20253", 21, 2, D(2025, 11, 1), 0, D(1, 1, 1),
         D(1, 1, 1), 0},
        {"kgbr-7 no appointment date", NULL, "20253", 9, 2, D(2025, 11, 1), 0, D(1, 1, 1),
         D(1, 1, 1), 0},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct employee x;
        struct employee_salary_step got;
        int ok;

        memset(&x, 0, sizeof x);
        x.appointed_on = v[i].appointed;
        x.kinerja_years = v[i].cache;
        x.rank_order = v[i].rank_order;
        x.kgb_min_predikat = v[i].bar;
        ok = employee_record_salary_step(&x, v[i].today, &got);
        if (ok != v[i].want_ok)
            fail_msg("%s: ok %d, want %d", v[i].id, ok, v[i].want_ok);
        if (!ok)
            continue;
        expect_date(v[i].id, got.next_on, v[i].want_next);
        expect_date(v[i].id, got.due_on, v[i].want_due);
        if (got.postponed != v[i].want_postponed)
            fail_msg("%s: postponed %d, want %d", v[i].id, got.postponed, v[i].want_postponed);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retirement),    cmocka_unit_test(test_bup_by_kind),
        cmocka_unit_test(test_promotion_tmt), cmocka_unit_test(test_next_promotion),
        cmocka_unit_test(test_service_years), cmocka_unit_test(test_salary_step),
        cmocka_unit_test(test_salary_step_postponed),
        cmocka_unit_test(test_kinerja_parse), cmocka_unit_test(test_record_salary_step),
        cmocka_unit_test(test_dates),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
