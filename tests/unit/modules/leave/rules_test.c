/* rules_test.c - leave rules with the vectors of domain.md §14: carry-over across three years,
 * long leave removing the year's annual leave, maternity for a 4th birth, sick leave documents
 * and limits (PPPK 40 days refused), PPPK hard-to-reach +6, and the checks of decisions,
 * cancellations and shortenings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/leave/leave.h"

static int64_t day(const char *s)
{
    int64_t d = -1;

    assert_int_equal(leave_day(s, &d), 0);
    return d;
}

static void test_dates(void **state)
{
    char out[11];
    int64_t d;

    (void)state;
    assert_int_equal(day("1970-01-01"), 0);
    assert_int_equal(day("2026-03-01") - day("2026-02-28"), 1);
    assert_int_equal(day("2024-03-01") - day("2024-02-28"), 2);
    assert_int_equal(leave_day("2026-02-29", &d), -1);
    assert_int_equal(leave_day("2026-1-01", &d), -1);
    assert_int_equal(leave_day(NULL, &d), -1);
    leave_day_format(leave_add_months(day("2026-01-31"), 1), out);
    assert_string_equal(out, "2026-02-28");
    leave_day_format(leave_add_months(day("2026-11-15"), 3), out);
    assert_string_equal(out, "2027-02-15");
    leave_day_format(leave_add_years(day("2024-02-29"), 1), out);
    assert_string_equal(out, "2025-02-28");
    assert_int_equal(leave_day_year(day("2026-12-31")), 2026);
}

static void test_types(void **state)
{
    (void)state;
    assert_int_equal(leave_type_parse("tahunan"), LEAVE_TAHUNAN);
    assert_int_equal(leave_type_parse("cltn"), LEAVE_CLTN);
    assert_int_equal(leave_type_parse("alasan_penting"), LEAVE_ALASAN_PENTING);
    assert_int_equal(leave_type_parse("Tahunan"), LEAVE_NONE);
    assert_int_equal(leave_type_parse(NULL), LEAVE_NONE);
    assert_string_equal(leave_type_name(LEAVE_BERSAMA), "bersama");
    assert_null(leave_type_name(LEAVE_NONE));
    assert_int_equal(leave_asn_parse("PPPK"), LEAVE_ASN_PPPK);
    assert_int_equal(leave_asn_parse("X"), LEAVE_ASN_NONE);
}

/* A year of history, entitled. */
static struct leave_year yr(int year, int taken)
{
    struct leave_year y = {year, 1, taken, 0, 0};

    return y;
}

static void test_carry_over(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_balance b;
    struct leave_year h[3];

    (void)state;
    /* 2024 none taken, 2025 none taken → 2026 up to 24 days */
    h[0] = yr(2024, 0), h[1] = yr(2025, 0), h[2] = yr(2026, 0);
    leave_balance_compute(s, 1, h, 3, 0, 0, &b);
    assert_int_equal(b.entitlement, 12);
    assert_int_equal(b.carried_over, 12);
    assert_int_equal(b.available, 24);
    assert_true(b.two_year);
    /* 2024 took 4, 2025 took 0 → 2026: 12 + 6 = 18 */
    h[0] = yr(2024, 4);
    leave_balance_compute(s, 1, h, 3, 0, 0, &b);
    assert_int_equal(b.carried_over, 6);
    assert_int_equal(b.available, 18);
    assert_false(b.two_year);
    /* 2025 took 10 → 2026: 12 + 2 = 14 */
    h[1] = yr(2025, 10);
    leave_balance_compute(s, 1, h, 3, 0, 0, &b);
    assert_int_equal(b.carried_over, 2);
    assert_int_equal(b.available, 14);
    /* taken and pending this year reduce what is available; collective days do not */
    h[2] = yr(2026, 3);
    leave_balance_compute(s, 1, h, 3, 2, 4, &b);
    assert_int_equal(b.taken, 3);
    assert_int_equal(b.pending, 2);
    assert_int_equal(b.collective_taken, 4);
    assert_int_equal(b.available, 9);
    /* three unused years still cap at 24 */
    {
        struct leave_year four[4] = {yr(2023, 0), yr(2024, 0), yr(2025, 0), yr(2026, 0)};

        leave_balance_compute(s, 1, four, 4, 0, 0, &b);
        assert_int_equal(b.available, 24);
    }
    /* the first entitled year carries nothing; not entitled → 0 */
    h[0].entitled = 0, h[0].taken = 0;
    h[1] = yr(2025, 0), h[2] = yr(2026, 0);
    leave_balance_compute(s, 1, h, 3, 0, 0, &b);
    assert_int_equal(b.carried_over, 6);
    assert_int_equal(b.available, 18);
    /* no carry-over (a PPPK setting) */
    leave_balance_compute(s, 0, h, 3, 0, 0, &b);
    assert_int_equal(b.carried_over, 0);
    assert_int_equal(b.available, 12);
}

static void test_big_leave_removes_annual(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_year h[3] = {yr(2024, 4), yr(2025, 6), yr(2026, 0)};
    struct leave_balance b;
    json_t *j;

    (void)state;
    /* a long leave in 2026: the 12 days of 2026 are lost, the 6 carried from 2025 stay */
    h[2].big = 1;
    leave_balance_compute(s, 1, h, 3, 0, 0, &b);
    assert_int_equal(b.entitlement, 0);
    assert_int_equal(b.carried_over, 6);
    assert_int_equal(b.available, 6);
    assert_true(b.big_leave);
    j = leave_balance_json(&b, 7);
    assert_int_equal(json_integer_value(json_object_get(j, "available")), 6);
    assert_int_equal(json_integer_value(json_object_get(j, "entitlement")), 0);
    assert_true(json_array_size(json_object_get(j, "explanation")) >= 5);
    json_decref(j);
    /* the year after a long leave: the long-leave year had no entitlement, nothing carries
     * (carried days are never carried again) */
    {
        struct leave_year h4[4] = {yr(2024, 4), yr(2025, 6), yr(2026, 2), yr(2027, 0)};

        h4[2].big = 1;
        leave_balance_compute(s, 1, h4, 4, 0, 0, &b);
        assert_int_equal(b.carried_over, 0);
        assert_int_equal(b.available, 12);
    }
}

/* A PNS appointed 10 years before 2026-12-01, female. */
static struct leave_person pns(int female, const char *appointed)
{
    struct leave_person p = {LEAVE_ASN_PNS, female, day(appointed)};

    return p;
}

static struct leave_ask ask(enum leave_type t, const char *from, const char *to)
{
    struct leave_ask a;

    memset(&a, 0, sizeof a);
    a.type = t;
    a.start = day(from);
    a.end = day(to);
    a.today = day("2026-11-23");
    a.working_days = a.charged_working_days = (int)(a.end - a.start + 1);
    a.available = 12;
    return a;
}

static void expect_field(enum err_code rc, const struct err *e, const char *field)
{
    assert_int_equal(rc, ERR_INVALID);
    assert_string_equal(e->field, field);
}

static void test_annual(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2016-03-01");
    struct leave_ask a = ask(LEAVE_TAHUNAN, "2026-12-01", "2026-12-03");
    struct leave_outcome o;
    struct err e;

    (void)state;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_int_equal(o.type, LEAVE_TAHUNAN);
    assert_int_equal(o.charged_days, 3);
    assert_int_equal(o.calendar_days, 3);
    /* more than the balance */
    a.charged_working_days = 13;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    assert_non_null(strstr(e.msg, "tersisa 12"));
    /* zero working days (a weekend) */
    a.charged_working_days = 0;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    a.charged_working_days = 3;
    /* under 1 year of service */
    p = pns(0, "2026-01-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    p = pns(0, "2016-03-01");
    /* in the past */
    a = ask(LEAVE_TAHUNAN, "2026-11-20", "2026-11-24");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "start_date");
    /* overlap */
    a = ask(LEAVE_TAHUNAN, "2026-12-01", "2026-12-03");
    a.overlap = 1;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "start_date");
    /* end before start */
    a = ask(LEAVE_TAHUNAN, "2026-12-01", "2026-12-03");
    a.end = a.start - 1;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    /* type-specific fields elsewhere */
    a = ask(LEAVE_TAHUNAN, "2026-12-01", "2026-12-03");
    a.birth_order = 1;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "birth_order");
    a.birth_order = 0;
    a.doctor_kind = "swasta";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "doctor_kind");
    a.doctor_kind = NULL;
    a.travel_days = 2;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "travel_days");
}

static void test_hard_to_reach(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2016-03-01");
    struct leave_ask a = ask(LEAVE_TAHUNAN, "2026-12-01", "2026-12-30");
    struct leave_outcome o;
    struct err e;

    (void)state;
    a.hard_to_reach = 1;
    a.charged_working_days = 12;
    a.travel_days = 12; /* PNS: 12 + 12 calendar days */
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_int_equal(o.charged_days, 12);
    a.travel_days = 13;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "travel_days");
    /* PPPK in a hard-to-reach place → 12 + 6 calendar days */
    p.asn = LEAVE_ASN_PPPK;
    a.travel_days = 6;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.travel_days = 7;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "travel_days");
}

static void test_big(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2016-03-01");
    struct leave_ask a = ask(LEAVE_BESAR, "2026-12-01", "2027-02-28");
    struct leave_outcome o;
    struct err e;

    (void)state;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_int_equal(o.charged_days, 0);
    /* more than 3 months */
    a.end = day("2027-03-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    /* annual leave already taken this year is deducted */
    a.end = day("2027-02-28");
    a.annual_taken_year = 5;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    a.end = day("2027-02-23");
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* under 5 years, unless the first hajj */
    p = pns(0, "2023-01-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    a.first_hajj = 1;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* PPPK: none; a long leave in the last 5 years: none */
    p.asn = LEAVE_ASN_PPPK;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    p = pns(0, "2016-03-01");
    a.recent_big = 1;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
}

static void test_maternity(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(1, "2024-01-01"); /* under 5 years of service */
    struct leave_ask a = ask(LEAVE_MELAHIRKAN, "2026-12-01", "2027-02-28");
    struct leave_outcome o;
    struct err e;

    (void)state;
    /* 1st birth while PNS of a woman who had 3 children before appointment → maternity */
    a.birth_order = 1;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_int_equal(o.type, LEAVE_MELAHIRKAN);
    assert_int_equal(o.converted_from, LEAVE_NONE);
    /* 4th birth while PNS → a 3-month long leave without the 5-year condition */
    a.birth_order = 4;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_int_equal(o.type, LEAVE_BESAR);
    assert_int_equal(o.converted_from, LEAVE_MELAHIRKAN);
    /* not postponable */
    {
        enum leave_decision d;

        assert_int_equal(leave_decision_check("postpone", "Kebutuhan dinas", LEAVE_BESAR,
                                              LEAVE_MELAHIRKAN, &d, &e),
                         ERR_INVALID);
        assert_string_equal(e.field, "decision");
        assert_int_equal(
            leave_decision_check("postpone", "Kebutuhan dinas", LEAVE_BESAR, LEAVE_NONE, &d, &e),
            ERR_OK);
    }
    /* longer than 3 months */
    a.end = day("2027-03-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    a.end = day("2027-02-28");
    /* PPPK from the 4th birth: refused */
    p.asn = LEAVE_ASN_PPPK;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "birth_order");
    a.birth_order = 3;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* men; missing birth order */
    p = pns(0, "2016-01-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    p.female = 1;
    a.birth_order = 0;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "birth_order");
}

static void test_sick(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2016-03-01");
    struct leave_ask a = ask(LEAVE_SAKIT, "2026-11-23", "2026-11-23");
    struct leave_outcome o;
    struct err e;

    (void)state;
    /* 1 day without a doctor's letter → incomplete */
    a.doctor_kind = "swasta";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "document_id");
    a.has_document = 1;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.doctor_kind = NULL;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "doctor_kind");
    /* 20 days with a private clinic's letter → accepted (PNS) */
    a = ask(LEAVE_SAKIT, "2026-11-23", "2026-12-12");
    a.has_document = 1;
    a.doctor_kind = "swasta";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* PPPK: 20 days needs a government doctor (above 14) */
    p.asn = LEAVE_ASN_PPPK;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "doctor_kind");
    a.doctor_kind = "pemerintah";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* a PPPK sick leave of 40 days → exceeds the 1-month maximum */
    a = ask(LEAVE_SAKIT, "2026-11-23", "2027-01-01");
    a.has_document = 1;
    a.doctor_kind = "pemerintah";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    /* miscarriage: 1.5 months */
    a.sick_kind = "keguguran";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.end = a.start + 45;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    /* PNS: 18 months at most, a work accident has no limit */
    p.asn = LEAVE_ASN_PNS;
    a = ask(LEAVE_SAKIT, "2026-11-23", "2028-05-23");
    a.has_document = 1;
    a.doctor_kind = "pemerintah";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    a.end = day("2028-05-22");
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.end = day("2030-01-01");
    a.sick_kind = "kecelakaan_kerja";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.sick_kind = "flu";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "sick_kind");
    /* sick leave may start up to 14 days back */
    a = ask(LEAVE_SAKIT, "2026-11-09", "2026-11-10");
    a.has_document = 1;
    a.doctor_kind = "swasta";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.start = day("2026-11-08");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "start_date");
    /* the PNS government-doctor rule is a setting */
    {
        struct leave_settings t = *s;

        t.pns_gov_doctor_days = 14;
        a = ask(LEAVE_SAKIT, "2026-11-23", "2026-12-12");
        a.has_document = 1;
        a.doctor_kind = "swasta";
        expect_field(leave_check(&t, &p, &a, &o, &e), &e, "doctor_kind");
    }
}

/* Ordinary sick leave is usable in parts: the parts add up to the limit over the history. */
static void test_sick_cumulative(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2016-03-01");
    struct leave_ask a = ask(LEAVE_SAKIT, "2026-11-23", "2026-12-12"); /* 20 days */
    struct leave_outcome o;
    struct err e;
    int64_t from = 0;
    int limit = 0;

    (void)state;
    a.has_document = 1;
    a.doctor_kind = "pemerintah";
    /* PNS: 1 year 6 months from 2026-11-23 = 547 calendar days; 36 months back from the end */
    leave_sick_window(s, &p, a.start, a.end, &from, &limit);
    assert_int_equal(limit, 547);
    assert_int_equal(from, day("2023-12-13"));
    a.sick_used = 527; /* 527 + 20 = 547: at the limit */
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.sick_used = 528;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    assert_non_null(strstr(e.msg, "kumulatif"));
    /* a miscarriage or a work accident does not count toward it */
    a.sick_kind = "kecelakaan_kerja";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* PPPK: 1 month (30 days from 2026-11-23) within 12 months: 10 + 20 fits, 11 + 20 not */
    p.asn = LEAVE_ASN_PPPK;
    a.sick_kind = NULL;
    leave_sick_window(s, &p, a.start, a.end, &from, &limit);
    assert_int_equal(limit, 30);
    assert_int_equal(from, day("2025-12-13"));
    a.sick_used = 10;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.sick_used = 11;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
}

static void test_important_cltn_collective(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2016-03-01");
    struct leave_ask a = ask(LEAVE_ALASAN_PENTING, "2026-12-01", "2026-12-31");
    struct leave_outcome o;
    struct err e;

    (void)state;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.end = day("2027-01-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    p.asn = LEAVE_ASN_PPPK;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    /* CLTN: PNS with 5 years, at most 3 years */
    p = pns(0, "2016-03-01");
    a = ask(LEAVE_CLTN, "2026-12-01", "2029-11-30");
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    a.end = day("2029-12-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    a.end = day("2027-12-01");
    p = pns(0, "2022-01-01");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    p = pns(0, "2016-03-01");
    p.asn = LEAVE_ASN_CPNS;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    /* collective: only on collective days; never charged */
    p = pns(0, "2026-06-01");
    a = ask(LEAVE_BERSAMA, "2026-12-24", "2026-12-24");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "start_date");
    a.collective_ok = 1;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_int_equal(o.charged_days, 0);
    /* paternity: disabled by default */
    a = ask(LEAVE_AYAH, "2026-12-01", "2026-12-02");
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
}

/* lv-40..: a PPPK before 1 year of service (PP 49/2018): at most 6 days, only with a reason,
 * deducted from the first entitled year's balance later */
static void test_pppk_early(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_person p = pns(0, "2026-01-01");
    struct leave_ask a = ask(LEAVE_TAHUNAN, "2026-12-01", "2026-12-03");
    struct leave_outcome o;
    struct leave_settings four = leave_settings_default;
    struct leave_year h[2] = {{2026, 0, 0, 0, 0}, yr(2027, 0)};
    struct leave_balance b;
    json_t *j;
    struct err e;

    (void)state;
    p.asn = LEAVE_ASN_PPPK;
    a.available = 0;
    /* lv-40: without a reason, under 1 year → type */
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "type");
    /* lv-41: with a reason: allowed, marked early, charged, the balance not asked */
    a.early_reason = "keluarga_meninggal";
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    assert_true(o.early);
    assert_int_equal(o.charged_days, 3);
    /* lv-42: 4 already used + 3 → over 6 */
    a.early_used = 4;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "end_date");
    assert_non_null(strstr(e.msg, "paling banyak 6 hari"));
    a.early_used = 3;
    assert_int_equal(leave_check(s, &p, &a, &o, &e), ERR_OK);
    /* lv-43: the 6 is a setting */
    four.pppk_early_days = 4;
    expect_field(leave_check(&four, &p, &a, &o, &e), &e, "end_date");
    /* lv-44: unknown reason, other type, a PNS, a PPPK past 1 year → early_reason */
    a.early_used = 0;
    a.early_reason = "liburan";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "early_reason");
    a.early_reason = "perkawinan_pertama";
    p.asn = LEAVE_ASN_PNS;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "early_reason");
    p = pns(0, "2020-01-01");
    p.asn = LEAVE_ASN_PPPK;
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "early_reason");
    a = ask(LEAVE_SAKIT, "2026-12-01", "2026-12-03");
    a.early_reason = "keluarga_sakit_keras";
    expect_field(leave_check(s, &p, &a, &o, &e), &e, "early_reason");
    /* lv-45: 5 early days come off 2027, the first entitled year: 12 - 5 = 7 */
    h[1].early = 5;
    leave_balance_compute(s, 1, h, 2, 0, 0, &b);
    assert_int_equal(b.entitlement, 12);
    assert_int_equal(b.early_deducted, 5);
    assert_int_equal(b.available, 7);
    j = leave_balance_json(&b, 9);
    assert_int_equal(json_integer_value(json_object_get(j, "early_deducted")), 5);
    json_decref(j);
    /* lv-46: what is left of 2027 after the deduction carries: 7 - 2 taken = 5 */
    {
        struct leave_year h3[3] = {{2026, 0, 0, 0, 0}, yr(2027, 2), yr(2028, 0)};

        h3[1].early = 5;
        leave_balance_compute(s, 1, h3, 3, 0, 0, &b);
        assert_int_equal(b.carried_over, 5);
        assert_int_equal(b.early_deducted, 0);
        assert_int_equal(b.available, 17);
    }
}

/* lv-50..: collective-leave days worked through are added to the year's annual leave while the
 * year's setting is on (Keppres 7/2021), and are not "taken" collective leave */
static void test_collective_worked(void **state)
{
    const struct leave_settings *s = &leave_settings_default;
    struct leave_year h[3] = {yr(2024, 4), yr(2025, 12), yr(2026, 3)};
    struct leave_balance b;
    json_t *j;

    (void)state;
    h[2].worked = 2;
    h[2].worked_adds = 1;
    leave_balance_compute(s, 1, h, 3, 1, 4, &b);
    assert_int_equal(b.collective_worked, 2);
    assert_int_equal(b.collective_taken, 2);
    assert_int_equal(b.available, 12 + 0 + 2 - 3 - 1);
    j = leave_balance_json(&b, 3);
    assert_int_equal(json_integer_value(json_object_get(j, "collective_worked")), 2);
    json_decref(j);
    /* the year's setting off: recorded, not added */
    h[2].worked_adds = 0;
    leave_balance_compute(s, 1, h, 3, 1, 4, &b);
    assert_int_equal(b.collective_worked, 0);
    assert_int_equal(b.worked_days, 2);
    assert_int_equal(b.available, 8);
    /* added days of 2025 left unused carry like the year's own days (capped at 6) */
    h[1].worked = 3;
    h[1].worked_adds = 1;
    leave_balance_compute(s, 1, h, 3, 0, 0, &b);
    assert_int_equal(b.carried_over, 3);
}

/* lv-60..: a CLTN extended once by at most 1 year (3 + 1 in all); the return within 1 month
 * after the end, later is flagged */
static void test_cltn_extend_return(void **state)
{
    int64_t start = day("2026-01-05"), end = day("2028-01-04"), today = day("2027-06-01");
    int late = -1;
    struct err e;
    const char *ok[] = {"2026-12-24", "2026-12-26"}, *bad[] = {"2026-12-24", "2027-01-02"};

    (void)state;
    assert_int_equal(leave_cltn_extend_check(start, end, 0, 0, day("2029-01-04"), today, &e),
                     ERR_OK);
    expect_field(leave_cltn_extend_check(start, end, 0, 0, day("2029-01-05"), today, &e), &e,
                 "end_date");
    expect_field(leave_cltn_extend_check(start, end, 0, 0, end, today, &e), &e, "end_date");
    /* a 3-year CLTN + 1 year: the 4-year bound */
    end = day("2029-01-04");
    assert_int_equal(leave_cltn_extend_check(start, end, 0, 0, day("2030-01-04"), today, &e),
                     ERR_OK);
    expect_field(leave_cltn_extend_check(start, end, 0, 0, day("2030-01-05"), today, &e), &e,
                 "end_date");
    assert_int_equal(leave_cltn_extend_check(start, end, 1, 0, day("2029-06-01"), today, &e),
                     ERR_CONFLICT);
    assert_string_equal(e.slug, "cltn_already_extended");
    assert_int_equal(leave_cltn_extend_check(start, end, 0, 1, day("2029-06-01"), today, &e),
                     ERR_CONFLICT);
    assert_int_equal(leave_cltn_extend_check(start, end, 0, 0, day("2029-06-01"), end + 1, &e),
                     ERR_CONFLICT);
    assert_string_equal(e.slug, "leave_ended");
    /* return: due 1 month after the end */
    end = day("2028-01-04");
    assert_int_equal(leave_cltn_report_due(end), day("2028-02-04"));
    assert_int_equal(leave_cltn_return_check(start, end, 0, day("2028-02-04"), day("2028-03-01"),
                                             &late, &e),
                     ERR_OK);
    assert_int_equal(late, 0);
    assert_int_equal(leave_cltn_return_check(start, end, 0, day("2028-02-05"), day("2028-03-01"),
                                             &late, &e),
                     ERR_OK);
    assert_int_equal(late, 1);
    expect_field(leave_cltn_return_check(start, end, 0, day("2028-03-02"), day("2028-03-01"),
                                         &late, &e),
                 &e, "returned_on");
    expect_field(leave_cltn_return_check(start, end, 0, start, today, &late, &e), &e,
                 "returned_on");
    assert_int_equal(leave_cltn_return_check(start, end, 1, day("2027-01-01"), today, &late, &e),
                     ERR_CONFLICT);
    /* worked-through dates: 1..31 of the year named */
    assert_int_equal(leave_worked_check(2026, ok, 2, &e), ERR_OK);
    expect_field(leave_worked_check(2026, bad, 2, &e), &e, "dates");
    expect_field(leave_worked_check(2026, ok, 0, &e), &e, "dates");
    expect_field(leave_worked_check(99, ok, 2, &e), &e, "year");
}

static void test_decisions(void **state)
{
    enum leave_decision d = LEAVE_DECIDE_NONE;
    struct err e;

    (void)state;
    assert_int_equal(leave_decision_check("approve", NULL, LEAVE_SAKIT, LEAVE_NONE, &d, &e),
                     ERR_OK);
    assert_int_equal(d, LEAVE_DECIDE_APPROVE);
    assert_int_equal(leave_decision_check("reject", "", LEAVE_SAKIT, LEAVE_NONE, &d, &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "reason");
    assert_int_equal(leave_decision_check("change", "  ", LEAVE_TAHUNAN, LEAVE_NONE, &d, &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "reason");
    assert_int_equal(leave_decision_check("postpone", "Dinas", LEAVE_SAKIT, LEAVE_NONE, &d, &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "decision");
    assert_int_equal(leave_decision_check("maybe", "x", LEAVE_SAKIT, LEAVE_NONE, &d, &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "decision");
    assert_int_equal(leave_decision_check("postpone", "Dinas", LEAVE_TAHUNAN, LEAVE_NONE, &d, &e),
                     ERR_OK);
    assert_string_equal(leave_decision_name(d), "postpone");
    assert_true(leave_status_valid("pending_official"));
    assert_false(leave_status_valid("pending"));
    assert_true(leave_status_pending("pending_supervisor"));
    assert_false(leave_status_pending("approved"));
}

static void test_cancel_shorten(void **state)
{
    struct err e;
    int64_t start = day("2026-12-01"), end = day("2026-12-10");

    (void)state;
    assert_int_equal(leave_cancel_check("approved", start, day("2026-11-30"), &e), ERR_OK);
    assert_int_equal(leave_cancel_check("pending_supervisor", start, start, &e), ERR_CONFLICT);
    assert_string_equal(e.slug, "leave_started");
    assert_int_equal(leave_cancel_check("rejected", start, day("2026-11-30"), &e), ERR_CONFLICT);
    assert_string_equal(e.slug, "leave_not_pending");
    assert_int_equal(
        leave_shorten_check("approved", start, end, day("2026-12-05"), day("2026-12-07"), &e),
        ERR_OK);
    assert_int_equal(
        leave_shorten_check("approved", start, end, day("2026-12-05"), day("2026-12-05"), &e),
        ERR_INVALID);
    assert_int_equal(leave_shorten_check("approved", start, end, end, day("2026-12-20"), &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "end_date");
    assert_int_equal(leave_shorten_check("pending_official", start, end, start, end, &e),
                     ERR_CONFLICT);
}

static void test_texts(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(leave_phone_check("+62 812-3456-7890", &e), ERR_OK);
    assert_int_equal(leave_phone_check("12345", &e), ERR_INVALID);
    assert_int_equal(leave_phone_check("08x12345678", &e), ERR_INVALID);
    assert_string_equal(e.field, "phone");
    assert_int_equal(leave_text_check("Acara keluarga", 500, "reason", &e), ERR_OK);
    assert_int_equal(leave_text_check(" \n", 500, "reason", &e), ERR_INVALID);
    assert_int_equal(leave_text_check("a\x01", 500, "address", &e), ERR_INVALID);
    assert_string_equal(e.field, "address");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_carry_over),
        cmocka_unit_test(test_big_leave_removes_annual),
        cmocka_unit_test(test_annual),
        cmocka_unit_test(test_hard_to_reach),
        cmocka_unit_test(test_big),
        cmocka_unit_test(test_maternity),
        cmocka_unit_test(test_sick),
        cmocka_unit_test(test_sick_cumulative),
        cmocka_unit_test(test_important_cltn_collective),
        cmocka_unit_test(test_pppk_early),
        cmocka_unit_test(test_collective_worked),
        cmocka_unit_test(test_cltn_extend_return),
        cmocka_unit_test(test_decisions),
        cmocka_unit_test(test_cancel_shorten),
        cmocka_unit_test(test_texts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
