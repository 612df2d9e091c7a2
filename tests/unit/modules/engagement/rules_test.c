/* rules_test.c - announcement rules: title and text (blank, length in characters not bytes,
 * control characters), the validity window (real dates, order, 366-day span, not ended
 * before today) and "valid on a day" at both edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/engagement/engagement.h"

static struct announcement good(void)
{
    struct announcement x;

    memset(&x, 0, sizeof x);
    x.title = "Apel pagi Senin";
    x.body = "Seluruh pegawai hadir pukul 07.30.\nPakaian: KORPRI.";
    x.valid_from = "2026-11-23";
    x.valid_to = "2026-11-30";
    return x;
}

static void expect_field(const struct announcement *x, const char *today, const char *field)
{
    struct err e;

    memset(&e, 0, sizeof e);
    assert_int_equal(ann_check(x, today, &e), ERR_INVALID);
    assert_string_equal(e.field, field);
}

static void test_good(void **state)
{
    struct announcement x = good();
    struct err e;

    (void)state;
    assert_int_equal(ann_check(&x, "2026-11-23", &e), ERR_OK);
    assert_int_equal(ann_check(&x, "2026-11-30", &e), ERR_OK); /* last day still allowed */
    assert_int_equal(ann_check(&x, NULL, &e), ERR_OK);
    x.valid_to = x.valid_from; /* one day */
    assert_int_equal(ann_check(&x, "2026-11-01", &e), ERR_OK);
}

static void test_title(void **state)
{
    struct announcement x = good();
    char buf[4 * ANN_TITLE_MAX + 8];
    struct err e;

    (void)state;
    x.title = NULL;
    expect_field(&x, NULL, "title");
    x.title = " \t ";
    expect_field(&x, NULL, "title");
    x.title = "Dua\nbaris";
    expect_field(&x, NULL, "title");
    /* 200 characters of two bytes each (é) pass; 201 do not */
    buf[0] = '\0';
    for (int i = 0; i < ANN_TITLE_MAX; i++)
        strcat(buf, "\xc3\xa9");
    x.title = buf;
    assert_int_equal(ann_check(&x, NULL, &e), ERR_OK);
    strcat(buf, "a");
    expect_field(&x, NULL, "title");
    x.title = "\xc3("; /* not UTF-8 */
    expect_field(&x, NULL, "title");
}

static void test_body(void **state)
{
    static char big[ANN_BODY_MAX + 2];
    struct announcement x = good();
    struct err e;

    (void)state;
    x.body = "";
    expect_field(&x, NULL, "body");
    x.body = "\n\n";
    expect_field(&x, NULL, "body");
    x.body = "bel\x07";
    expect_field(&x, NULL, "body");
    x.body = "Baris\r\nbaris\tkolom <b>bukan HTML</b>"; /* kept as plain text */
    assert_int_equal(ann_check(&x, NULL, &e), ERR_OK);
    memset(big, 'a', ANN_BODY_MAX);
    big[ANN_BODY_MAX] = '\0';
    x.body = big;
    assert_int_equal(ann_check(&x, NULL, &e), ERR_OK);
    big[ANN_BODY_MAX] = 'a';
    big[ANN_BODY_MAX + 1] = '\0';
    expect_field(&x, NULL, "body");
}

static void test_window(void **state)
{
    struct announcement x = good();
    struct err e;

    (void)state;
    x.valid_from = "2026-02-30";
    expect_field(&x, NULL, "valid_from");
    x.valid_from = NULL;
    expect_field(&x, NULL, "valid_from");
    x.valid_from = "2026-11-23";
    x.valid_to = "23-11-2026";
    expect_field(&x, NULL, "valid_to");
    x.valid_to = "2026-11-22";
    expect_field(&x, NULL, "valid_to");
    /* 366 days apart is the longest window (2028 is a leap year) */
    x.valid_from = "2028-01-01";
    x.valid_to = "2029-01-01";
    assert_int_equal(ann_check(&x, NULL, &e), ERR_OK);
    x.valid_to = "2029-01-02";
    expect_field(&x, NULL, "valid_to");
    /* ended before today */
    x = good();
    expect_field(&x, "2026-12-01", "valid_to");
}

static void test_valid_on(void **state)
{
    struct announcement x = good();

    (void)state;
    assert_int_equal(ann_valid_on(&x, "2026-11-22"), 0);
    assert_int_equal(ann_valid_on(&x, "2026-11-23"), 1);
    assert_int_equal(ann_valid_on(&x, "2026-11-30"), 1);
    assert_int_equal(ann_valid_on(&x, "2026-12-01"), 0);
    assert_int_equal(ann_valid_on(&x, NULL), 0);
}

static void test_json(void **state)
{
    struct announcement x = good();
    json_t *o;

    (void)state;
    x.id = 7;
    x.read_count = -1;
    x.audience = -1;
    o = ann_json(&x);
    assert_true(json_is_null(json_object_get(o, "unit_id")));
    assert_true(json_is_false(json_object_get(o, "read")));
    assert_null(json_object_get(o, "read_count"));
    json_decref(o);
    x.unit_id = 3;
    x.unit_name = "Dinas Kesehatan";
    x.read_at = 1700000000;
    x.read_count = 12;
    x.audience = 40;
    o = ann_json(&x);
    assert_int_equal(json_integer_value(json_object_get(o, "unit_id")), 3);
    assert_true(json_is_true(json_object_get(o, "read")));
    assert_int_equal(json_integer_value(json_object_get(o, "read_count")), 12);
    assert_int_equal(json_integer_value(json_object_get(o, "audience")), 40);
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),   cmocka_unit_test(test_title),
        cmocka_unit_test(test_body),   cmocka_unit_test(test_window),
        cmocka_unit_test(test_valid_on), cmocka_unit_test(test_json),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
