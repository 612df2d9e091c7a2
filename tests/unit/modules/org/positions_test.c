/* positions_test.c - the rules of a position in the catalogue (pos-*): kind, name, kelas
 * jabatan 1..17, needed >= 0, retirement age 40..70, each error naming its JSON field, and
 * the JSON form. The BUP of each kind is tested with the retirement vectors in
 * tests/unit/modules/employee/facts_test.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "modules/org/org.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_position_check(void **state)
{
    static const struct {
        const char *id, *name, *kind;
        int kelas, needed, bup;
        const char *field; /* NULL: valid */
    } v[] = {
        {"pos-1", "Analis Kepegawaian", "ahli_pertama", 8, 2, 58, NULL},
        {"pos-2", "Kepala Dinas", "jpt_pratama", 14, 1, 60, NULL},
        {"pos-3", "Pengadministrasi", "pelaksana", 1, 0, 58, NULL},
        {"pos-4", "Sekda", "jpt_madya", 17, 1, 60, NULL},
        {"pos-5", "", "pelaksana", 5, 1, 58, "name"},
        {"pos-6", "  ", "pelaksana", 5, 1, 58, "name"},
        {"pos-7", NULL, "pelaksana", 5, 1, 58, "name"},
        {"pos-8", "X", "eselon_2", 5, 1, 58, "kind"},
        {"pos-9", "X", NULL, 5, 1, 58, "kind"},
        {"pos-10", "X", "Pelaksana", 5, 1, 58, "kind"},
        {"pos-11", "X", "pelaksana", 0, 1, 58, "kelas_jabatan"},
        {"pos-12", "X", "pelaksana", 18, 1, 58, "kelas_jabatan"},
        {"pos-13", "X", "pelaksana", 5, -1, 58, "needed"},
        {"pos-14", "X", "pelaksana", 5, 1, 39, "bup_age"},
        {"pos-15", "X", "pelaksana", 5, 1, 71, "bup_age"},
        {"pos-16", "X", "ahli_utama", 5, 1, 70, NULL},
    };

    (void)state;
    for (size_t i = 0; i < N(v); i++) {
        struct org_position p = {0, 1, v[i].name, v[i].kind, v[i].kelas, v[i].needed, v[i].bup,
                                 NULL};
        struct err e;
        enum err_code rc;

        memset(&e, 0, sizeof e);
        rc = org_position_check(&p, &e);
        if (!v[i].field) {
            if (rc != ERR_OK)
                fail_msg("%s: want valid, got %s on %s", v[i].id, e.slug, e.field);
            continue;
        }
        if (rc != ERR_INVALID || strcmp(e.field, v[i].field) != 0 || e.msg[0] == '\0')
            fail_msg("%s: want 422 on %s, got %d on %s", v[i].id, v[i].field, rc, e.field);
    }
}

static void test_position_json(void **state)
{
    struct org_position p = {7, 3, "Analis", "ahli_muda", 9, 2, 58, "A1B2"};
    json_t *j = org_position_json(&p);
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);

    (void)state;
    assert_string_equal(s, "{\"bup_age\":58,\"id\":7,\"kelas_jabatan\":9,\"kind\":\"ahli_muda\","
                           "\"name\":\"Analis\",\"needed\":2,\"parent_position_id\":null,"
                           "\"parent_position_name\":null,\"siasn_jabatan_id\":\"A1B2\","
                           "\"unit_id\":3,\"unit_name\":null}");
    free(s);
    json_decref(j);
    p.siasn_jabatan_id = NULL;
    j = org_position_json(&p);
    assert_true(json_is_null(json_object_get(j, "siasn_jabatan_id")));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_position_check),
        cmocka_unit_test(test_position_json),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
