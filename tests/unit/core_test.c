/* core_test.c - core/: bounded buffers, number parsing, UTF-8, hex, dates, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "core/str.h"
#include "core/tcache.h"
#include <pthread.h>

static void test_buf_max_is_sticky(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 8);
    buf_puts(&b, "abcd");
    assert_int_equal(b.overflow, 0);
    buf_puts(&b, "efghi"); /* 9 > 8: dropped, sticky */
    assert_int_equal(b.overflow, 1);
    buf_puts(&b, "x");
    assert_string_equal(buf_cstr(&b), "abcd");
    buf_free(&b);
}

/* buf_presize: room at once, bounded by max, appends as before, never shrinks */
static void test_buf_presize(void **state)
{
    struct buf b;
    char *p;
    size_t n;

    (void)state;
    buf_init(&b, 16);
    buf_presize(&b, 1000); /* capped at max */
    assert_int_equal(b.cap, 17);
    assert_int_equal(b.overflow, 0);
    buf_puts(&b, "0123456789abcdef");
    assert_int_equal(b.cap, 17);
    buf_presize(&b, 4); /* less than there is: no change */
    assert_int_equal(b.cap, 17);
    buf_putc(&b, 'x'); /* past max: sticky as ever */
    assert_int_equal(b.overflow, 1);
    buf_free(&b);
    buf_init(&b, 1024);
    buf_presize(&b, 100);
    assert_int_equal(b.cap, 101);
    buf_printf(&b, "%d", 7);
    p = buf_take(&b, &n);
    assert_string_equal(p, "7");
    assert_int_equal(n, 1);
    free(p);
}

static void test_buf_printf_and_take(void **state)
{
    struct buf b;
    size_t n;
    char *p;

    (void)state;
    buf_init(&b, 1024);
    buf_printf(&b, "%d-%s", 42, "x");
    p = buf_take(&b, &n);
    assert_string_equal(p, "42-x");
    assert_int_equal(n, 4);
    free(p);
}

static const struct {
    const char *id, *in;
    int64_t min, max;
    int ok;
    int64_t want;
} int_vectors[] = {
    {"int-1", "0", 0, 10, 1, 0},
    {"int-2", "10", 0, 10, 1, 10},
    {"int-3", "11", 0, 10, 0, 0},
    {"int-4", "-1", 0, 10, 0, 0},
    {"int-5", "", 0, 10, 0, 0},
    {"int-6", "1a", 0, 100, 0, 0},
    {"int-7", " 1", 0, 100, 0, 0},
    {"int-8", "9223372036854775807", 0, INT64_MAX, 1, INT64_MAX},
    {"int-9", "9223372036854775808", 0, INT64_MAX, 0, 0},
    {"int-10", "-9223372036854775808", INT64_MIN, 0, 1, INT64_MIN},
    {"int-11", "-", INT64_MIN, 0, 0, 0},
    {"int-12", "+5", 0, 10, 0, 0},
};

static void test_parse_int64(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof int_vectors / sizeof int_vectors[0]; i++) {
        int64_t v = 0;
        int r = parse_int64(int_vectors[i].in, strlen(int_vectors[i].in), int_vectors[i].min,
                            int_vectors[i].max, &v);

        if ((r == 0) != int_vectors[i].ok)
            fail_msg("%s: parse '%s' gave %d", int_vectors[i].id, int_vectors[i].in, r);
        if (r == 0)
            assert_true(v == int_vectors[i].want);
    }
}

static const struct {
    const char *id, *bytes;
    size_t len;
    int valid;
} utf8_vectors[] = {
    {"utf-1", "abc", 3, 1},
    {"utf-2", "caf\xc3\xa9", 5, 1},
    {"utf-3", "\xea\xa6\xb2\xea\xa6\xa4", 6, 1},   /* Javanese script */
    {"utf-4", "\xf0\x9f\x98\x80", 4, 1},           /* emoji */
    {"utf-5", "\xc3", 1, 0},                       /* truncated */
    {"utf-6", "\xc0\xaf", 2, 0},                   /* overlong '/' */
    {"utf-7", "\xed\xa0\x80", 3, 0},               /* surrogate */
    {"utf-8", "a\0b", 3, 0},                       /* NUL */
    {"utf-9", "\xff", 1, 0},
    {"utf-10", "\xf4\x90\x80\x80", 4, 0},          /* > U+10FFFF */
};

static void test_utf8(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof utf8_vectors / sizeof utf8_vectors[0]; i++)
        if (utf8_valid(utf8_vectors[i].bytes, utf8_vectors[i].len) != utf8_vectors[i].valid)
            fail_msg("%s", utf8_vectors[i].id);
    assert_int_equal(utf8_count("caf\xc3\xa9", 5), 4);
}

static void test_hex_roundtrip(void **state)
{
    unsigned char in[3] = {0x00, 0xab, 0xff}, out[3];
    char hex[7];

    (void)state;
    hex_encode(in, 3, hex);
    assert_string_equal(hex, "00abff");
    assert_int_equal(hex_decode(hex, 6, out, 3), 0);
    assert_memory_equal(in, out, 3);
    assert_int_equal(hex_decode("0g", 2, out, 1), -1);
    assert_int_equal(hex_decode("abc", 3, out, 1), -1);
}

static void test_dates(void **state)
{
    int64_t t;
    char buf[32];

    (void)state;
    assert_int_equal(clock_parse_date("2024-02-29", &t), 0);
    clock_rfc3339(t, buf, sizeof buf);
    assert_string_equal(buf, "2024-02-29T00:00:00Z");
    assert_int_equal(clock_parse_date("2023-02-29", &t), -1);
    assert_int_equal(clock_parse_date("2023-13-01", &t), -1);
    assert_int_equal(clock_parse_date("2023-1-01", &t), -1);
    assert_int_equal(clock_parse_date("20230101", &t), -1);
}

/* The hand-written RFC 3339 form agrees with gmtime_r + strftime: every day boundary of
 * 1970..2100 and a spread of times, the leap days, the last second before 10000; outside
 * 1970..9999 it is strftime's form. */
static void test_rfc3339_by_hand(void **state)
{
    static const int64_t cases[] = {0, 59, 60, 3599, 3600, 86399, 86400, 951782400,
                                    951868799, 4107542399, 4107542400, 1709164800,
                                    INT64_C(253402300799), INT64_C(253402300800), -1, -86401};
    char got[40], want[40];
    struct tm tm;
    time_t tt;

    (void)state;
    for (int64_t t = 0; t < INT64_C(4102444800); t += 86400 - 7) {
        tt = (time_t)t;
        gmtime_r(&tt, &tm);
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
        clock_rfc3339(t, got, sizeof got);
        assert_string_equal(got, want);
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tt = (time_t)cases[i];
        gmtime_r(&tt, &tm);
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
        clock_rfc3339(cases[i], got, sizeof got);
        assert_string_equal(got, want);
    }
    clock_rfc3339(INT64_C(253402300799), got, sizeof got);
    assert_string_equal(got, "9999-12-31T23:59:59Z");
    clock_rfc3339(951782400, got, sizeof got);
    assert_string_equal(got, "2000-02-29T00:00:00Z");
}

/* tcache: usable sizes by class, a freed block is the next one of its class on the thread,
 * realloc keeps the bytes, big blocks work, and a thread's kept blocks are freed when it ends
 * (the sanitizer build's leak check fails otherwise). */
static void *tcache_thread(void *arg)
{
    void *p[300];

    (void)arg;
    for (int i = 0; i < 300; i++)
        p[i] = tcache_alloc(40 + i % 500);
    for (int i = 0; i < 300; i++)
        tcache_free(p[i]);
    return NULL;
}

static void test_tcache(void **state)
{
    char *a, *b, *big;
    pthread_t th;

    (void)state;
    assert_int_equal(tcache_init(), 0);
    assert_int_equal(tcache_roundup(1), 64);
    assert_int_equal(tcache_roundup(64), 64);
    assert_int_equal(tcache_roundup(65), 128);
    assert_int_equal(tcache_roundup(2048), 2048);
    assert_int_equal(tcache_roundup(2049), 2064);
    a = tcache_alloc(100);
    assert_non_null(a);
    assert_int_equal(tcache_size(a), 128);
    memset(a, 'x', 128);
    tcache_free(a);
    b = tcache_alloc(120); /* the same class: the block just freed */
    assert_ptr_equal(a, b);
    strcpy(b, "tetap");
    b = tcache_realloc(b, 100); /* fits: the same block */
    assert_ptr_equal(a, b);
    b = tcache_realloc(b, 5000);
    assert_non_null(b);
    assert_string_equal(b, "tetap");
    assert_true(tcache_size(b) >= 5000);
    big = tcache_alloc(1 << 20);
    assert_non_null(big);
    memset(big, 1, 1 << 20);
    tcache_free(big);
    tcache_free(b);
    tcache_free(NULL);
    assert_int_equal(tcache_size(NULL), 0);
    assert_int_equal(pthread_create(&th, NULL, tcache_thread, NULL), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
}

/* str_int64: the digits at the end of the buffer, the sign, the extremes. */
static void test_str_int64(void **state)
{
    static const struct {
        int64_t v;
        const char *s;
    } cases[] = {{0, "0"}, {7, "7"}, {-1, "-1"}, {10, "10"}, {1234567890, "1234567890"},
                 {INT64_MAX, "9223372036854775807"}, {INT64_MIN, "-9223372036854775808"}};
    char buf[STR_INT64_CAP], *p;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        p = str_int64(buf, cases[i].v);
        assert_int_equal((size_t)(buf + sizeof buf - p), strlen(cases[i].s));
        assert_memory_equal(p, cases[i].s, strlen(cases[i].s));
    }
}

static void test_err_status_table(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(err_set(&e, ERR_INVALID, "nip_invalid", "nip", "NIP harus 18 digit"),
                     ERR_INVALID);
    assert_string_equal(e.field, "nip");
    assert_int_equal(err_http_status(ERR_INVALID), 422);
    assert_int_equal(err_http_status(ERR_NOT_FOUND), 404);
    assert_int_equal(err_http_status(ERR_STORAGE), 503);
    assert_int_equal(err_http_status(ERR_TOO_MANY), 429);
    assert_int_equal(err_http_status(ERR_MEDIA_TYPE), 415);
}

static void test_arena(void **state)
{
    struct arena *a = arena_new();
    char *big;

    (void)state;
    assert_string_equal(arena_printf(a, "%s-%d", "x", 7), "x-7");
    big = arena_alloc(a, 100000); /* larger than a block */
    big[99999] = 1;
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    arena_free(a);
}

static void test_str_blank(void **state)
{
    (void)state;
    assert_int_equal(str_blank(NULL), 1);
    assert_int_equal(str_blank(""), 1);
    assert_int_equal(str_blank(" \t\r\n "), 1);
    assert_int_equal(str_blank("\n"), 1);
    assert_int_equal(str_blank(" a "), 0);
    assert_int_equal(str_blank("\v"), 0);             /* not in the set: content */
    assert_int_equal(str_blank("\xc2\xa0"), 0);       /* U+00A0 is not ASCII blank */
    assert_int_equal(str_blank("\t\t.\t"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_max_is_sticky), cmocka_unit_test(test_buf_printf_and_take),
        cmocka_unit_test(test_buf_presize),
        cmocka_unit_test(test_parse_int64),       cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_hex_roundtrip),     cmocka_unit_test(test_dates),
        cmocka_unit_test(test_rfc3339_by_hand),
        cmocka_unit_test(test_tcache),
        cmocka_unit_test(test_str_int64),
        cmocka_unit_test(test_err_status_table),  cmocka_unit_test(test_arena),
        cmocka_unit_test(test_str_blank),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
