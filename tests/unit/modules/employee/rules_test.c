/* rules_test.c - employee identifier rules as tables of vectors: NIP (nip-*, nipc-*),
 * NI PPPK (pppk-*, pppkc-*, layout-*), NIK (nik-*, nikc-*) and NIK masking (mask-*).
 * Every vector of shared/domain.md §1 and §14 on identifiers is here, marked "domain". A failing
 * vector names its id; errors are asserted by exact slug and field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "modules/employee/employee.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define M EMPLOYEE_MALE
#define F EMPLOYEE_FEMALE

#define TD {2026, 3, 10} /* the "today" of most vectors */
#define DEF (&employee_pppk_layout_default)
#define NONE {.sequence = 0} /* no decoded value: the vector expects an error */

static const struct employee_date today = TD;

/* rc and e against an expectation: slug NULL means success. msg_has, when set, must occur in
 * the message (it tells the two causes of *_invalid apart). */
static void expect(const char *id, enum err_code rc, const struct err *e, const char *slug,
                   const char *field, const char *msg_has)
{
    if (!slug) {
        if (rc != ERR_OK)
            fail_msg("%s: want success, got %d %s (%s)", id, rc, e->slug, e->msg);
        return;
    }
    if (rc != ERR_INVALID || e->code != ERR_INVALID)
        fail_msg("%s: want ERR_INVALID %s, got %d", id, slug, rc);
    if (strcmp(e->slug, slug) != 0)
        fail_msg("%s: slug %s, want %s", id, e->slug, slug);
    if (strcmp(e->field, field) != 0)
        fail_msg("%s: field %s, want %s", id, e->field, field);
    if (e->msg[0] == '\0')
        fail_msg("%s: empty message", id);
    if (msg_has && !strstr(e->msg, msg_has))
        fail_msg("%s: message \"%s\" lacks \"%s\"", id, e->msg, msg_has);
}

static void expect_date(const char *id, struct employee_date got, struct employee_date want)
{
    if (got.y != want.y || got.m != want.m || got.d != want.d)
        fail_msg("%s: date %04d-%02d-%02d, want %04d-%02d-%02d", id, got.y, got.m, got.d, want.y,
                 want.m, want.d);
}

static void expect_int(const char *id, const char *what, long got, long want)
{
    if (got != want)
        fail_msg("%s: %s %ld, want %ld", id, what, got, want);
}

/* ---- NIP decode ---- */

static const struct {
    const char *id, *nip;
    struct employee_date today;
    const char *slug, *msg_has; /* slug NULL: valid, decoded as want */
    struct employee_nip_info want;
} nip_vectors[] = {
    /* domain */
    {"nip-1", "198503152010011003", TD, NULL, NULL, {{1985, 3, 15}, 2010, 1, M, 3}},
    {"nip-2", "198502302010011003", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-3", "198503152010131003", TD, "nip_tmt_invalid", NULL, NONE},
    {"nip-4", "198503152010013003", TD, "nip_gender_invalid", NULL, NONE},
    {"nip-5", "19850315201001100", TD, "nip_invalid", "18 digit", NONE},
    {"nip-6", "200503152010011003", TD, "nip_tmt_before_18", NULL, NONE},
    {"nip-7", "19850315201001100A", TD, "nip_invalid", "angka", NONE},
    /* TMT month 00; gender digits 0 and 2; sequence 000 (refused) and 999 */
    {"nip-8", "198503152010001003", TD, "nip_tmt_invalid", NULL, NONE},
    {"nip-9", "198503152010010003", TD, "nip_gender_invalid", NULL, NONE},
    {"nip-10", "198503152010012003", TD, NULL, NULL, {{1985, 3, 15}, 2010, 1, F, 3}},
    {"nip-11", "198503152010011000", TD, "nip_sequence_invalid", NULL, NONE},
    {"nip-12", "198503152010012999", TD, NULL, NULL, {{1985, 3, 15}, 2010, 1, F, 999}},
    /* birth dates: leap day in a leap year, in a common year, in 1900 (not leap) and 2000
     * (leap); month 00 and 13; day 00; 31 in a 30-day month; year 0000 */
    {"nip-13", "200002292018032001", TD, NULL, NULL, {{2000, 2, 29}, 2018, 3, F, 1}},
    {"nip-14", "199902292018031001", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-15", "190002291920011001", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-16", "198500152010011003", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-17", "198513152010011003", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-18", "198503002010011003", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-19", "198504312010011003", TD, "nip_birth_date_invalid", NULL, NONE},
    {"nip-20", "000001012010011003", TD, "nip_birth_date_invalid", NULL, NONE},
    /* age 18 at month resolution: the month of the 18th birthday passes, the one before not;
     * a 29 February birth turns 18 in February */
    {"nip-21", "199007202008071001", TD, NULL, NULL, {{1990, 7, 20}, 2008, 7, M, 1}},
    {"nip-22", "199007202008061001", TD, "nip_tmt_before_18", NULL, NONE},
    {"nip-23", "200002292018021001", TD, NULL, NULL, {{2000, 2, 29}, 2018, 2, M, 1}},
    {"nip-24", "200002292018011001", TD, "nip_tmt_before_18", NULL, NONE},
    /* TMT against the given today: this month passes, next month and next year do not, and
     * the domain NIP is in the future for a today before 2010-01 */
    {"nip-25", "199007202026031001", TD, NULL, NULL, {{1990, 7, 20}, 2026, 3, M, 1}},
    {"nip-26", "199007202026041001", TD, "nip_tmt_future", NULL, NONE},
    {"nip-27", "199007202027011001", TD, "nip_tmt_future", NULL, NONE},
    {"nip-28", "198503152010011003", {2009, 12, 31}, "nip_tmt_future", NULL, NONE},
    {"nip-29", "198503152010011003", {2010, 1, 1}, NULL, NULL, {{1985, 3, 15}, 2010, 1, M, 3}},
    /* shape: 19 digits, empty, inner space, sign, a PPPK number (digits 13-14 = 21) */
    {"nip-30", "1985031520100110031", TD, "nip_invalid", "18 digit", NONE},
    {"nip-31", "", TD, "nip_invalid", "18 digit", NONE},
    {"nip-32", "19850315 010011003", TD, "nip_invalid", "angka", NONE},
    {"nip-33", "-98503152010011003", TD, "nip_invalid", "angka", NONE},
    {"nip-34", "200012312024211001", TD, "nip_tmt_invalid", NULL, NONE},
    /* the bytes on either side of '0'-'9' in ASCII */
    {"nip-37", "19850315201001100:", TD, "nip_invalid", "angka", NONE},
    {"nip-38", "/98503152010011003", TD, "nip_invalid", "angka", NONE},
};

static void test_nip_decode(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(nip_vectors); i++) {
        const char *id = nip_vectors[i].id;
        const struct employee_nip_info *w;
        struct employee_nip_info n;
        struct err e;
        enum err_code rc;

        memset(&n, 0x5a, sizeof n);
        rc = employee_nip_decode(nip_vectors[i].nip, nip_vectors[i].today, &n, &e);
        expect(id, rc, &e, nip_vectors[i].slug, "nip", nip_vectors[i].msg_has);
        if (rc) {
            expect_int(id, "untouched out", n.sequence, 0x5a5a5a5a);
            continue;
        }
        w = &nip_vectors[i].want;
        expect_date(id, n.birth_on, w->birth_on);
        expect_int(id, "tmt year", n.tmt_cpns_year, w->tmt_cpns_year);
        expect_int(id, "tmt month", n.tmt_cpns_month, w->tmt_cpns_month);
        expect_int(id, "gender", n.gender, w->gender);
        expect_int(id, "sequence", n.sequence, w->sequence);
    }
}

static void test_nip_null(void **state)
{
    struct err e;

    (void)state;
    expect("nip-35", employee_nip_decode(NULL, today, NULL, &e), &e, "nip_invalid", "nip",
           "18 digit");
    expect("nip-36", employee_nip_decode("198503152010011003", today, NULL, &e), &e, NULL,
           NULL, NULL);
}

/* Birth-date validity agrees with core's clock_parse_date (an independent calendar) on every
 * month 00-13 and day 00-32 of years around the century rules. */
static void test_nip_birth_calendar(void **state)
{
    static const int years[] = {1900, 1901, 1904, 1996, 1999, 2000, 2001, 2004, 2100};

    (void)state;
    for (size_t yi = 0; yi < N(years); yi++) {
        for (int m = 0; m <= 13; m++) {
            for (int d = 0; d <= 32; d++) {
                char nip[32], iso[16];
                int64_t t;
                struct err e;
                enum err_code rc;
                int want;

                snprintf(nip, sizeof nip, "%04d%02d%02d%04d011001", years[yi], m, d,
                         years[yi] + 20);
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", years[yi], m, d);
                want = clock_parse_date(iso, &t) == 0;
                rc = employee_nip_decode(nip, (struct employee_date){2200, 1, 1}, NULL, &e);
                if (want != (rc == ERR_OK))
                    fail_msg("nip-cal %s: rc %d (%s), calendar says %d", nip, rc, e.slug, want);
                if (rc)
                    expect(nip, rc, &e, "nip_birth_date_invalid", "nip", NULL);
            }
        }
    }
}

/* ---- NIP against the record ---- */

static const struct {
    const char *id, *nip;
    struct employee_date birth;
    enum employee_gender g;
    const char *slug;
} nipc_vectors[] = {
    {"nipc-1", "198503152010011003", {1985, 3, 15}, M, NULL}, /* domain */
    {"nipc-2", "198503152010011003", {1985, 3, 16}, M, "nip_birth_date_mismatch"},
    {"nipc-3", "198503152010011003", {1986, 3, 15}, M, "nip_birth_date_mismatch"},
    {"nipc-4", "198503152010011003", {1985, 3, 15}, F, "nip_gender_mismatch"},
    {"nipc-5", "198503152010012003", {1985, 3, 15}, F, NULL},
    {"nipc-6", "19850315201001100", {1985, 3, 15}, M, "nip_invalid"},
    {"nipc-7", "200503152010011003", {2005, 3, 15}, M, "nip_tmt_before_18"}, /* domain */
};

static void test_nip_check(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(nipc_vectors); i++) {
        struct err e;
        enum err_code rc = employee_nip_check(nipc_vectors[i].nip, nipc_vectors[i].birth,
                                              nipc_vectors[i].g, today, &e);

        expect(nipc_vectors[i].id, rc, &e, nipc_vectors[i].slug, "nip", NULL);
    }
}

/* ---- NI PPPK ---- */

/* Another reading an admin might save: marker 3, batches 1-5, age floor 18. */
static const struct employee_pppk_layout layout_alt = {'3', 1, 5, 1, 999, 18};
#define ALT (&layout_alt)

static const struct {
    const char *id, *ni;
    const struct employee_pppk_layout *layout;
    struct employee_date today;
    const char *slug, *msg_has;
    struct employee_pppk_info want;
} pppk_vectors[] = {
    /* domain */
    {"pppk-1", "200012312024211001", DEF, TD, NULL, NULL, {{2000, 12, 31}, 2024, 1, M, 1}},
    {"pppk-2", "200012312024111001", DEF, TD, "pppk_not_pppk", NULL, NONE},
    {"pppk-3", "200012312024201001", DEF, TD, "pppk_batch_invalid", "1-9", NONE},
    {"pppk-4", "200012312024213001", DEF, TD, "pppk_gender_invalid", NULL, NONE},
    /* gender 0 and 2; sequence 000 and 999; batch 9 */
    {"pppk-5", "200012312024210001", DEF, TD, "pppk_gender_invalid", NULL, NONE},
    {"pppk-6", "200012312024212001", DEF, TD, NULL, NULL, {{2000, 12, 31}, 2024, 1, F, 1}},
    {"pppk-7", "200012312024211000", DEF, TD, "pppk_sequence_invalid", "001-999", NONE},
    {"pppk-8", "200012312024291999", DEF, TD, NULL, NULL, {{2000, 12, 31}, 2024, 9, M, 999}},
    /* birth dates: 29 Feb in a common year and in a leap year; month 13 */
    {"pppk-9", "200102292024211001", DEF, TD, "pppk_birth_date_invalid", NULL, NONE},
    {"pppk-10", "200402292024212001", DEF, TD, NULL, NULL, {{2004, 2, 29}, 2024, 1, F, 1}},
    {"pppk-11", "200013012024211001", DEF, TD, "pppk_birth_date_invalid", NULL, NONE},
    /* appointment year: age floor 20 (19 refused), next year refused, this year passes, and
     * a today before the appointment year */
    {"pppk-12", "200501012024211001", DEF, TD, "pppk_year_too_early", "20 tahun", NONE},
    {"pppk-13", "200012312027211001", DEF, TD, "pppk_year_future", NULL, NONE},
    {"pppk-14", "200012312026211001", DEF, TD, NULL, NULL, {{2000, 12, 31}, 2026, 1, M, 1}},
    {"pppk-15", "200012312024211001", DEF, {2023, 12, 31}, "pppk_year_future", NULL, NONE},
    /* shape; a PNS NIP (domain) is not a PPPK number */
    {"pppk-16", "20001231202421100", DEF, TD, "pppk_invalid", "18 digit", NONE},
    {"pppk-17", "2000123120242110x1", DEF, TD, "pppk_invalid", "angka", NONE},
    {"pppk-18", "198503152010011003", DEF, TD, "pppk_not_pppk", NULL, NONE},
    /* the layout is a parameter */
    {"pppk-19", "200012312024311001", ALT, TD, NULL, NULL, {{2000, 12, 31}, 2024, 1, M, 1}},
    {"pppk-20", "200012312024311001", DEF, TD, "pppk_not_pppk", NULL, NONE},
    {"pppk-21", "200012312024211001", ALT, TD, "pppk_not_pppk", NULL, NONE},
    {"pppk-22", "200012312024361001", ALT, TD, "pppk_batch_invalid", "1-5", NONE},
    {"pppk-23", "200601012024311001", ALT, TD, NULL, NULL, {{2006, 1, 1}, 2024, 1, M, 1}},
};

static void test_pppk_decode(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(pppk_vectors); i++) {
        const char *id = pppk_vectors[i].id;
        const struct employee_pppk_info *w;
        struct employee_pppk_info p;
        struct err e;
        enum err_code rc;

        memset(&p, 0x5a, sizeof p);
        rc = employee_pppk_decode(pppk_vectors[i].ni, pppk_vectors[i].layout,
                                  pppk_vectors[i].today, &p, &e);
        expect(id, rc, &e, pppk_vectors[i].slug, "nip", pppk_vectors[i].msg_has);
        if (rc) {
            expect_int(id, "untouched out", p.sequence, 0x5a5a5a5a);
            continue;
        }
        w = &pppk_vectors[i].want;
        expect_date(id, p.birth_on, w->birth_on);
        expect_int(id, "year", p.appointed_year, w->appointed_year);
        expect_int(id, "batch", p.batch, w->batch);
        expect_int(id, "gender", p.gender, w->gender);
        expect_int(id, "sequence", p.sequence, w->sequence);
    }
}

static const struct {
    const char *id;
    struct employee_pppk_layout l;
    int ok;
} layout_vectors[] = {
    {"layout-1", {'2', 1, 9, 1, 999, 20}, 1},
    {"layout-2", {'1', 1, 9, 1, 999, 20}, 0}, /* would collide with NIP months 10-12 */
    {"layout-3", {'0', 1, 9, 1, 999, 20}, 0},
    {"layout-4", {'x', 1, 9, 1, 999, 20}, 0},
    {"layout-5", {'2', 5, 4, 1, 999, 20}, 0},
    {"layout-6", {'2', 1, 10, 1, 999, 20}, 0},
    {"layout-7", {'2', 1, 9, 1, 1000, 20}, 0},
    {"layout-8", {'2', 1, 9, -1, 999, 20}, 0},
    {"layout-9", {'2', 1, 9, 1, 999, -1}, 0},
    {"layout-10", {'9', 0, 9, 0, 999, 0}, 1},
};

static void test_pppk_layout(void **state)
{
    struct err e;

    (void)state;
    expect("layout-0", employee_pppk_layout_check(&employee_pppk_layout_default, &e), &e, NULL,
           NULL, NULL);
    for (size_t i = 0; i < N(layout_vectors); i++)
        expect(layout_vectors[i].id, employee_pppk_layout_check(&layout_vectors[i].l, &e), &e,
               layout_vectors[i].ok ? NULL : "pppk_layout_invalid", "pppk_layout", NULL);
    expect("layout-11", employee_pppk_layout_check(NULL, &e), &e, "pppk_layout_invalid",
           "pppk_layout", NULL);
    /* a bad saved layout reaching decode is our bug: 500, not the user's 422 */
    if (employee_pppk_decode("200012312024211001", &layout_vectors[1].l, today, NULL, &e) !=
            ERR_INTERNAL ||
        e.code != ERR_INTERNAL)
        fail_msg("layout-12: want ERR_INTERNAL for a bad layout");
}

static const struct {
    const char *id, *ni;
    struct employee_date birth;
    enum employee_gender g;
    const char *slug;
} pppkc_vectors[] = {
    {"pppkc-1", "200012312024211001", {2000, 12, 31}, M, NULL}, /* domain */
    {"pppkc-2", "200012312024211001", {2000, 12, 30}, M, "pppk_birth_date_mismatch"},
    {"pppkc-3", "200012312024211001", {2000, 12, 31}, F, "pppk_gender_mismatch"},
    {"pppkc-4", "200012312024213001", {2000, 12, 31}, M, "pppk_gender_invalid"}, /* domain */
};

static void test_pppk_check(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(pppkc_vectors); i++) {
        struct err e;
        enum err_code rc =
            employee_pppk_check(pppkc_vectors[i].ni, &employee_pppk_layout_default,
                                pppkc_vectors[i].birth, pppkc_vectors[i].g, today, &e);

        expect(pppkc_vectors[i].id, rc, &e, pppkc_vectors[i].slug, "nip", NULL);
    }
}

/* ---- NIK ---- */

static const struct {
    const char *id, *nik;
    const char *slug, *msg_has;
    struct employee_nik_info want;
} nik_vectors[] = {
    {"nik-1", "1275015503850001", NULL, NULL, {"127501", 15, 3, 85, F, 1}}, /* domain */
    {"nik-2", "3602041211870001", NULL, NULL, {"360204", 12, 11, 87, M, 1}},
    /* sequence 0000 refused, 9999 passes */
    {"nik-3", "1275015503850000", "nik_sequence_invalid", NULL, NONE},
    {"nik-4", "1275015503859999", NULL, NULL, {"127501", 15, 3, 85, F, 9999}},
    /* DD: 00, 32, 40 and 72 are neither a man's nor a woman's day; 41 and 71 are a woman's
     * 1st and 31st; 31 a man's 31st; MM 00 and 13 */
    {"nik-5", "1275010003850001", "nik_date_invalid", NULL, NONE},
    {"nik-6", "1275013203850001", "nik_date_invalid", NULL, NONE},
    {"nik-7", "1275014003850001", "nik_date_invalid", NULL, NONE},
    {"nik-8", "1275017203850001", "nik_date_invalid", NULL, NONE},
    {"nik-9", "1275014101000001", NULL, NULL, {"127501", 1, 1, 0, F, 1}},
    {"nik-10", "1275017112990001", NULL, NULL, {"127501", 31, 12, 99, F, 1}},
    {"nik-11", "1275013112990001", NULL, NULL, {"127501", 31, 12, 99, M, 1}},
    {"nik-12", "1275011500850001", "nik_date_invalid", "Bulan", NONE},
    {"nik-13", "1275011513850001", "nik_date_invalid", "Bulan", NONE},
    /* a day the month lacks is a wrong date, not a malformed NIK (see nikc-6) */
    {"nik-14", "1275017102850001", NULL, NULL, {"127501", 31, 2, 85, F, 1}},
    /* region plausibility: province 0x, 4x, x0; regency 00; district 00; 96 (2022) passes */
    {"nik-15", "0175015503850001", "nik_region_invalid", NULL, NONE},
    {"nik-16", "4175015503850001", "nik_region_invalid", NULL, NONE},
    {"nik-17", "1075015503850001", "nik_region_invalid", NULL, NONE},
    {"nik-18", "1200015503850001", "nik_region_invalid", NULL, NONE},
    {"nik-19", "1275005503850001", "nik_region_invalid", NULL, NONE},
    {"nik-20", "9601015503850001", NULL, NULL, {"960101", 15, 3, 85, F, 1}},
    {"nik-21", "2171015503850001", NULL, NULL, {"217101", 15, 3, 85, F, 1}},
    /* shape: 15 and 17 digits, empty, a letter, a NIP */
    {"nik-22", "127501550385000", "nik_invalid", "16 digit", NONE},
    {"nik-23", "12750155038500011", "nik_invalid", "16 digit", NONE},
    {"nik-24", "", "nik_invalid", "16 digit", NONE},
    {"nik-25", "12750155O3850001", "nik_invalid", "angka", NONE},
    {"nik-26", "198503152010011003", "nik_invalid", "16 digit", NONE},
    {"nik-28", "1275015503850:01", "nik_invalid", "angka", NONE},
};

static void test_nik_decode(void **state)
{
    struct err e;

    (void)state;
    for (size_t i = 0; i < N(nik_vectors); i++) {
        const char *id = nik_vectors[i].id;
        const struct employee_nik_info *w;
        struct employee_nik_info k;
        enum err_code rc;

        memset(&k, 0x5a, sizeof k);
        rc = employee_nik_decode(nik_vectors[i].nik, &k, &e);
        expect(id, rc, &e, nik_vectors[i].slug, "nik", nik_vectors[i].msg_has);
        if (rc) {
            expect_int(id, "untouched out", k.sequence, 0x5a5a5a5a);
            continue;
        }
        w = &nik_vectors[i].want;
        if (strcmp(k.region, w->region) != 0)
            fail_msg("%s: region %s, want %s", id, k.region, w->region);
        expect_int(id, "day", k.birth_day, w->birth_day);
        expect_int(id, "month", k.birth_month, w->birth_month);
        expect_int(id, "yy", k.birth_yy, w->birth_yy);
        expect_int(id, "gender", k.gender, w->gender);
        expect_int(id, "sequence", k.sequence, w->sequence);
    }
    expect("nik-27", employee_nik_decode(NULL, NULL, &e), &e, "nik_invalid", "nik", NULL);
}

static const struct {
    const char *id, *nik;
    struct employee_date birth;
    enum employee_gender g;
    const char *slug;
    int warning; /* expected *date_warning on success */
} nikc_vectors[] = {
    {"nikc-1", "1275015503850001", {1985, 3, 15}, F, NULL, 0}, /* domain */
    {"nikc-2", "1275015503850001", {1985, 3, 15}, M, NULL, 1}, /* +40 says woman */
    {"nikc-3", "1275015503850001", {1985, 3, 16}, F, NULL, 1},
    {"nikc-4", "1275015503850001", {1985, 4, 15}, F, NULL, 1},
    {"nikc-5", "1275015503850001", {1986, 3, 15}, F, NULL, 1},
    {"nikc-6", "1275017102850001", {1985, 2, 28}, F, NULL, 1}, /* 31 Feb: warned, kept */
    {"nikc-7", "1275011503850001", {1985, 3, 15}, F, NULL, 1}, /* woman without the +40 */
    {"nikc-8", "1275014101000001", {2000, 1, 1}, F, NULL, 0},
    {"nikc-9", "3602041211870001", {1987, 11, 12}, M, NULL, 0},
    {"nikc-10", "1275015503850001", {2085, 3, 15}, F, NULL, 0}, /* the century is not in it */
    {"nikc-11", "1275015503850000", {1985, 3, 15}, F, "nik_sequence_invalid", 0},
    {"nikc-12", "127501550385", {1985, 3, 15}, F, "nik_invalid", 0},
};

static void test_nik_check(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(nikc_vectors); i++) {
        const char *id = nikc_vectors[i].id;
        struct err e;
        int warning = 7; /* must be overwritten on success and untouched on error */
        enum err_code rc = employee_nik_check(nikc_vectors[i].nik, nikc_vectors[i].birth,
                                              nikc_vectors[i].g, &warning, &e);

        expect(id, rc, &e, nikc_vectors[i].slug, "nik", NULL);
        expect_int(id, "date_warning", warning, rc ? 7 : nikc_vectors[i].warning);
    }
}

/* ---- masking ---- */

static const struct {
    const char *id, *nik, *want;
} mask_vectors[] = {
    {"mask-1", "1275015503850001", "1275********0001"}, /* security.md */
    {"mask-2", "3271014101000123", "3271********0123"},
    {"mask-3", "127501550385000", "****************"},   /* 15 digits */
    {"mask-4", "12750155038500011", "****************"}, /* 17 digits */
    {"mask-5", "12750155O3850001", "****************"},  /* a letter */
    {"mask-6", "", "****************"},
    {"mask-7", NULL, "****************"},
};

static void test_nik_mask(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(mask_vectors); i++) {
        char out[EMPLOYEE_NIK_LEN + 1];

        memset(out, 'x', sizeof out);
        employee_nik_mask(mask_vectors[i].nik, out);
        if (strcmp(out, mask_vectors[i].want) != 0)
            fail_msg("%s: %s, want %s", mask_vectors[i].id, out, mask_vectors[i].want);
    }
}

static void test_status(void **state)
{
    (void)state;
    assert_int_equal(err_http_status(ERR_INVALID), 422);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nip_decode),
        cmocka_unit_test(test_nip_null),
        cmocka_unit_test(test_nip_birth_calendar),
        cmocka_unit_test(test_nip_check),
        cmocka_unit_test(test_pppk_decode),
        cmocka_unit_test(test_pppk_layout),
        cmocka_unit_test(test_pppk_check),
        cmocka_unit_test(test_nik_decode),
        cmocka_unit_test(test_nik_check),
        cmocka_unit_test(test_nik_mask),
        cmocka_unit_test(test_status),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
