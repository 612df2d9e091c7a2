/* rules_test.c - org rules: unit codes and kinds, and nesting a flat list into a forest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/org/org.h"

static const struct {
    const char *id, *code;
    int ok;
} code_vectors[] = {
    {"org-1", "DINKES", 1},          {"org-2", "DINKES.PKM1", 1}, {"org-3", "K", 0},
    {"org-4", "dinkes", 0},          {"org-5", "DIN KES", 0},     {"org-6", "A_B-C.1", 1},
    {"org-7", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", 0}, /* 33 */
    {"org-8", "", 0},
};

static void test_code(void **state)
{
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof code_vectors / sizeof code_vectors[0]; i++) {
        enum err_code rc = org_unit_code_check(code_vectors[i].code, &e);

        if ((rc == ERR_OK) != code_vectors[i].ok)
            fail_msg("%s", code_vectors[i].id);
        if (rc)
            assert_string_equal(e.field, "code");
    }
    assert_int_equal(org_unit_code_check(NULL, &e), ERR_INVALID);
}

static void test_kind(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(org_unit_kind_check("dinas", &e), ERR_OK);
    assert_int_equal(org_unit_kind_check("kecamatan", &e), ERR_OK);
    assert_int_equal(org_unit_kind_check("kerajaan", &e), ERR_INVALID);
    assert_string_equal(e.field, "kind");
}

static void test_forest(void **state)
{
    const struct org_unit units[] = {
        {1, 0, "PEMKOT", "Pemkot", "pemerintah"}, {2, 1, "DINKES", "Dinkes", "dinas"},
        {3, 2, "PKM", "Puskesmas", "puskesmas"},  {4, 1, "DISDIK", "Disdik", "dinas"},
        {9, 7, "ORPHAN", "Yatim", "bidang"},      /* parent outside the list: a root */
    };
    json_t *f = org_units_forest(units, 5), *root, *kids;

    (void)state;
    assert_int_equal(json_array_size(f), 2);
    root = json_array_get(f, 0);
    assert_string_equal(json_string_value(json_object_get(root, "code")), "PEMKOT");
    kids = json_object_get(root, "children");
    assert_int_equal(json_array_size(kids), 2);
    assert_int_equal(json_array_size(json_object_get(json_array_get(kids, 0), "children")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(f, 1), "code")),
                        "ORPHAN");
    json_decref(f);
}

static void test_forest_cycle_is_bounded(void **state)
{
    const struct org_unit units[] = {
        {1, 2, "A", "A", "dinas"},
        {2, 1, "B", "B", "dinas"},
    };
    json_t *f = org_units_forest(units, 2);

    (void)state;
    assert_int_equal(json_array_size(f), 0); /* both have parents in the list: no root */
    json_decref(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code),
        cmocka_unit_test(test_kind),
        cmocka_unit_test(test_forest),
        cmocka_unit_test(test_forest_cycle_is_bounded),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
