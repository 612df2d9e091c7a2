/* vacancy_test.c - the bezetting arithmetic: vacant and over per position (vac-N), and sums
 * that add the positions' vacant and over (a surplus never fills another post). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/org/org.h"

static void test_compute(void **state)
{
    static const struct {
        const char *id;
        int64_t needed, filled, vacant, over;
    } v[] = {
        {"vac-1", 5, 3, 2, 0}, {"vac-2", 3, 5, 0, 2}, {"vac-3", 4, 4, 0, 0},
        {"vac-4", 0, 2, 0, 2}, {"vac-5", 2, 0, 2, 0}, {"vac-6", 0, 0, 0, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        struct org_vacancy x;

        memset(&x, 0, sizeof x);
        x.needed = v[i].needed;
        x.filled = v[i].filled;
        org_vacancy_compute(&x);
        if (x.vacant != v[i].vacant || x.over != v[i].over)
            fail_msg("%s: vacant %lld over %lld", v[i].id, (long long)x.vacant,
                     (long long)x.over);
    }
}

static void test_sum(void **state)
{
    struct org_vacancy a, b;
    struct org_vacancy_sum s = {0, 0, 0, 0};

    (void)state;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.needed = 5, a.filled = 3; /* 2 short */
    b.needed = 1, b.filled = 4; /* 3 over */
    org_vacancy_compute(&a);
    org_vacancy_compute(&b);
    org_vacancy_add(&s, &a);
    org_vacancy_add(&s, &b);
    assert_int_equal(s.needed, 6);
    assert_int_equal(s.filled, 7);
    assert_int_equal(s.vacant, 2); /* not max(6 - 7, 0) = 0 */
    assert_int_equal(s.over, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compute),
        cmocka_unit_test(test_sum),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
