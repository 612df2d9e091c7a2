/* field_test.c - field encryption at rest: round trip, a fresh nonce per value, refusal of a
 * value bound to another column, edited, unprefixed (stored in clear) or opened without the
 * key or with another key; the stored form never contains the plain text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "db/field.h"

static const char NIK[] = "1275015503850001";
static const char COL[] = "employees.nik";

static int setup(void **state)
{
    unsigned char key[FIELD_KEY_BYTES];

    (void)state;
    if (sodium_init() < 0)
        return -1;
    memset(key, 7, sizeof key);
    field_key_set(key);
    return 0;
}

static void test_round_trip(void **state)
{
    struct arena *a = arena_new();
    char *s1 = field_seal(a, COL, NIK), *s2 = field_seal(a, COL, NIK);
    char buf[FIELD_SEALED_CAP(sizeof NIK - 1)];

    (void)state;
    assert_non_null(s1);
    assert_non_null(s2);
    assert_int_equal(strncmp(s1, "v1:", 3), 0);
    assert_null(strstr(s1, NIK));
    assert_string_not_equal(s1, s2); /* a fresh nonce each time */
    assert_string_equal(field_open(a, COL, s1), NIK);
    assert_string_equal(field_open(a, COL, s2), NIK);
    assert_int_equal(field_seal_to(buf, sizeof buf, COL, NIK), 0);
    assert_string_equal(field_open(a, COL, buf), NIK);
    assert_int_equal(field_seal_to(buf, sizeof buf - 1, COL, NIK), -1); /* does not fit */
    assert_string_equal(field_open(a, COL, field_seal(a, COL, "")), "");
    assert_null(field_seal(a, COL, NULL));
    assert_null(field_open(a, COL, NULL));
    arena_free(a);
}

static void test_refusals(void **state)
{
    struct arena *a = arena_new();
    char *s = field_seal(a, COL, NIK), *edited = arena_strdup(a, s);
    unsigned char other[FIELD_KEY_BYTES];

    (void)state;
    assert_null(field_open(a, "family.nik", s));      /* bound to its column */
    edited[10] = edited[10] == 'A' ? 'B' : 'A';
    assert_null(field_open(a, COL, edited));           /* authenticated */
    assert_null(field_open(a, COL, NIK));              /* clear text is never accepted */
    assert_null(field_open(a, COL, "v1:"));            /* too short */
    assert_null(field_open(a, COL, "v1:!!!notbase64"));
    memset(other, 9, sizeof other);
    field_key_set(other);
    assert_null(field_open(a, COL, s));                /* another key */
    field_key_set(NULL);
    assert_null(field_open(a, COL, s));                /* no key */
    assert_null(field_seal(a, COL, NIK));
    setup(NULL);
    assert_string_equal(field_open(a, COL, s), NIK);
    arena_free(a);
}

/* field_open's own base64 reader agrees with libsodium's on every length and refuses what
 * libsodium refuses: a byte outside the URL-safe alphabet, padding, a length no encoding has,
 * non-zero unused bits in the last character. */
static void test_base64_reader(void **state)
{
    struct arena *a = arena_new();
    char plain[64], *s, *t;
    size_t n;

    (void)state;
    for (size_t len = 0; len < sizeof plain; len++) {
        for (size_t i = 0; i < len; i++)
            plain[i] = (char)('0' + (i * 7 + len) % 10);
        plain[len] = '\0';
        s = field_seal(a, COL, plain);
        assert_non_null(s);
        assert_string_equal(field_open(a, COL, s), plain);
    }
    s = field_seal(a, COL, NIK);
    n = strlen(s);
    t = arena_strdup(a, s);
    t[n - 1] = '+'; /* the standard alphabet's character, not the URL-safe one */
    assert_null(field_open(a, COL, t));
    t = arena_strdup(a, s);
    t[5] = '=';
    assert_null(field_open(a, COL, t));
    t = arena_strdup(a, s);
    t[n - 1] = '\0'; /* one character short */
    assert_null(field_open(a, COL, t));
    /* 40 raw bytes + 16 = 56 bytes -> 75 characters: the last holds 2 unused bits */
    t = arena_strdup(a, s);
    if ((n - 3) % 4 != 0) {
        const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = (int)(strchr(abc, t[n - 1]) - abc);

        t[n - 1] = abc[v | 1]; /* a low bit that no encoder writes */
        if (t[n - 1] != s[n - 1])
            assert_null(field_open(a, COL, t));
    }
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_base64_reader),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
