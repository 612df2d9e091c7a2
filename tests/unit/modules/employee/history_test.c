/* history_test.c - the history descriptors and their one validator: a table of rows per kind,
 * each with the outcome it must get (ok, or the error slug and field at fault), so that every
 * rule is seen to pass and to fail; and the descriptors' statements agree with their fields
 * (each input column in order in the INSERT, each field in the SELECT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "modules/employee/employee.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A man born 1985-03-15, appointed 2010-01-01, today 2026-06-30; the woman likewise. */
static const struct history_context man = {{2026, 6, 30}, {1985, 3, 15}, {2010, 1, 1},
                                           EMPLOYEE_MALE};
static const struct history_context woman = {{2026, 6, 30}, {1985, 3, 15}, {2010, 1, 1},
                                             EMPLOYEE_FEMALE};

static const struct {
    const char *id, *kind;
    int female;
    const char *json;
    const char *slug, *field; /* NULL slug: valid */
} cases[] = {
    {"edu-ok", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"2008-08-20\"}", NULL,
     NULL},
    {"edu-missing", "education", 0, "{\"level_code\":\"S1\",\"graduated_on\":\"2008-08-20\"}",
     "validation_failed", "institution"},
    {"edu-blank", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"  \",\"graduated_on\":\"2008-08-20\"}",
     "validation_failed", "institution"},
    {"edu-before-birth", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"1984-08-20\"}",
     "validation_failed", "graduated_on"},
    {"edu-future", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"2026-07-01\"}",
     "validation_failed", "graduated_on"},
    {"edu-bad-date", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"2008-02-30\"}",
     "validation_failed", "graduated_on"},
    {"edu-unknown", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"2008-08-20\",\"x\":1}",
     "unknown_field", "x"},
    {"edu-type", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":5,\"graduated_on\":\"2008-08-20\"}",
     "validation_failed", "institution"},
    {"edu-doc", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"2008-08-20\","
     "\"document_id\":0}",
     "validation_failed", "document_id"},
    {"edu-sk-future", "education", 0,
     "{\"level_code\":\"S1\",\"institution\":\"USU\",\"graduated_on\":\"2008-08-20\","
     "\"sk_date\":\"2027-01-01\"}",
     "validation_failed", "sk_date"},
    {"fam-wife-ok", "family", 0,
     "{\"relation\":\"istri\",\"name\":\"Siti\",\"birth_date\":\"1984-01-02\",\"gender\":\"P\","
     "\"marriage_date\":\"2011-05-05\",\"allowance\":1,\"nik\":\"1275014201840001\"}",
     NULL, NULL},
    {"fam-husband-of-man", "family", 0,
     "{\"relation\":\"suami\",\"name\":\"Budi\",\"birth_date\":\"1984-01-02\",\"gender\":\"L\"}",
     "validation_failed", "relation"},
    {"fam-husband-ok", "family", 1,
     "{\"relation\":\"suami\",\"name\":\"Budi\",\"birth_date\":\"1980-01-02\",\"gender\":\"L\"}",
     NULL, NULL},
    {"fam-wife-gender", "family", 0,
     "{\"relation\":\"istri\",\"name\":\"Siti\",\"birth_date\":\"1984-01-02\",\"gender\":\"L\"}",
     "validation_failed", "gender"},
    {"fam-child-ok", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"2012-01-02\",\"gender\":\"P\","
     "\"child_kind\":\"kandung\"}",
     NULL, NULL},
    {"fam-child-kind", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"2012-01-02\",\"gender\":\"P\"}",
     "validation_failed", "child_kind"},
    {"fam-child-kind-bad", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"2012-01-02\",\"gender\":\"P\","
     "\"child_kind\":\"asuh\"}",
     "validation_failed", "child_kind"},
    {"fam-child-married", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"2012-01-02\",\"gender\":\"P\","
     "\"child_kind\":\"kandung\",\"marriage_date\":\"2020-01-01\"}",
     "validation_failed", "marriage_date"},
    {"fam-child-future", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"2026-07-02\",\"gender\":\"P\","
     "\"child_kind\":\"kandung\"}",
     "validation_failed", "birth_date"},
    {"fam-child-older", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"1980-07-02\",\"gender\":\"P\","
     "\"child_kind\":\"kandung\"}",
     "validation_failed", "birth_date"},
    {"fam-child-angkat-older", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"1980-07-02\",\"gender\":\"P\","
     "\"child_kind\":\"angkat\"}",
     NULL, NULL},
    {"fam-child-divorced", "family", 0,
     "{\"relation\":\"anak\",\"name\":\"Ani\",\"birth_date\":\"2012-01-02\",\"gender\":\"P\","
     "\"child_kind\":\"kandung\",\"life_state\":\"cerai\"}",
     "validation_failed", "life_state"},
    {"fam-nik", "family", 0,
     "{\"relation\":\"istri\",\"name\":\"Siti\",\"birth_date\":\"1984-01-02\",\"gender\":\"P\","
     "\"nik\":\"12345\"}",
     "nik_invalid", "nik"},
    {"fam-allowance", "family", 0,
     "{\"relation\":\"istri\",\"name\":\"Siti\",\"birth_date\":\"1984-01-02\",\"gender\":\"P\","
     "\"allowance\":2}",
     "validation_failed", "allowance"},
    {"fam-married-before-birth", "family", 0,
     "{\"relation\":\"istri\",\"name\":\"Siti\",\"birth_date\":\"1990-01-02\",\"gender\":\"P\","
     "\"marriage_date\":\"1989-01-01\"}",
     "validation_failed", "marriage_date"},
    {"tr-ok", "training", 0,
     "{\"kind\":\"teknis\",\"name\":\"Arsip\",\"organizer\":\"BKPSDM\",\"start_date\":"
     "\"2025-01-06\",\"end_date\":\"2025-01-10\",\"hours\":32}",
     NULL, NULL},
    {"tr-end-before-start", "training", 0,
     "{\"kind\":\"teknis\",\"name\":\"Arsip\",\"organizer\":\"BKPSDM\",\"start_date\":"
     "\"2025-01-06\",\"end_date\":\"2025-01-05\",\"hours\":32}",
     "validation_failed", "end_date"},
    {"tr-hours-zero", "training", 0,
     "{\"kind\":\"teknis\",\"name\":\"Arsip\",\"organizer\":\"BKPSDM\",\"start_date\":"
     "\"2025-01-06\",\"end_date\":\"2025-01-10\",\"hours\":0}",
     "validation_failed", "hours"},
    {"tr-hours-text", "training", 0,
     "{\"kind\":\"teknis\",\"name\":\"Arsip\",\"organizer\":\"BKPSDM\",\"start_date\":"
     "\"2025-01-06\",\"end_date\":\"2025-01-10\",\"hours\":\"32\"}",
     "validation_failed", "hours"},
    {"tr-kind", "training", 0,
     "{\"kind\":\"liburan\",\"name\":\"Arsip\",\"organizer\":\"BKPSDM\",\"start_date\":"
     "\"2025-01-06\",\"end_date\":\"2025-01-10\",\"hours\":32}",
     "validation_failed", "kind"},
    {"aw-ok", "awards", 0,
     "{\"name\":\"Satyalancana Karya Satya X Tahun\",\"kind\":\"Satyalancana\",\"year\":2020,"
     "\"awarded_on\":\"2020-08-17\",\"giver\":\"Presiden RI\"}",
     NULL, NULL},
    {"aw-year-future", "awards", 0,
     "{\"name\":\"SKS\",\"kind\":\"Satyalancana\",\"year\":2027,\"giver\":\"Presiden RI\"}",
     "validation_failed", "year"},
    {"aw-date-year", "awards", 0,
     "{\"name\":\"SKS\",\"kind\":\"Satyalancana\",\"year\":2020,\"awarded_on\":\"2021-08-17\","
     "\"giver\":\"Presiden RI\"}",
     "validation_failed", "awarded_on"},
    {"dis-ok", "discipline", 0,
     "{\"level\":\"ringan\",\"sanction\":\"teguran_tertulis\",\"tmt\":\"2024-03-01\","
     "\"reason\":\"Tidak masuk kerja 5 hari\"}",
     NULL, NULL},
    {"dis-mismatch", "discipline", 0,
     "{\"level\":\"ringan\",\"sanction\":\"penurunan_jabatan\",\"tmt\":\"2024-03-01\","
     "\"reason\":\"x\"}",
     "validation_failed", "sanction"},
    {"dis-end-future-ok", "discipline", 0,
     "{\"level\":\"sedang\",\"sanction\":\"potong_tpp_12_bulan\",\"tmt\":\"2026-03-01\","
     "\"end_date\":\"2027-02-28\",\"reason\":\"x\"}",
     NULL, NULL},
    {"dis-end-before", "discipline", 0,
     "{\"level\":\"sedang\",\"sanction\":\"potong_tpp_12_bulan\",\"tmt\":\"2026-03-01\","
     "\"end_date\":\"2026-02-28\",\"reason\":\"x\"}",
     "validation_failed", "end_date"},
    {"rank-ok", "ranks", 0, "{\"golongan\":\"III/b\",\"tmt\":\"2014-04-01\"}", NULL, NULL},
    {"rank-before-appointment", "ranks", 0, "{\"golongan\":\"III/b\",\"tmt\":\"2009-04-01\"}",
     "validation_failed", "tmt"},
    {"rank-output-field", "ranks", 0,
     "{\"golongan\":\"III/b\",\"tmt\":\"2014-04-01\",\"pangkat\":\"Penata\"}", "unknown_field",
     "pangkat"},
    {"not-object", "ranks", 0, "[1]", "validation_failed", NULL},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(cases); i++) {
        const struct history_kind *k = employee_history_kind(cases[i].kind);
        struct history_value v[HISTORY_MAX_FIELDS];
        json_error_t jerr;
        json_t *row = json_loads(cases[i].json, 0, &jerr);
        struct err e;
        enum err_code rc;

        if (!k || !row)
            fail_msg("%s: kind or JSON (%s)", cases[i].id, jerr.text);
        err_clear(&e);
        rc = employee_history_validate(k, row, cases[i].female ? &woman : &man, v, &e);
        json_decref(row);
        if (!cases[i].slug && rc != ERR_OK)
            fail_msg("%s: refused (%s on %s: %s)", cases[i].id, e.slug, e.field, e.msg);
        if (!cases[i].slug)
            continue;
        if (rc != ERR_INVALID || strcmp(e.slug, cases[i].slug) != 0)
            fail_msg("%s: got %d %s, want %s", cases[i].id, (int)rc, e.slug, cases[i].slug);
        if (strcmp(e.field, cases[i].field ? cases[i].field : "") != 0)
            fail_msg("%s: field %s, want %s", cases[i].id, e.field,
                     cases[i].field ? cases[i].field : "(none)");
    }
}

/* A valid row fills its values; absent optional fields stay absent. */
static void test_values(void **state)
{
    const struct history_kind *k = employee_history_kind("training");
    struct history_value v[HISTORY_MAX_FIELDS];
    json_t *row = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:s}", "kind", "seminar", "name", "S",
                            "organizer", "O", "start_date", "2025-02-01", "end_date",
                            "2025-02-01", "hours", 8, "certificate_number", "");
    struct err e;

    (void)state;
    assert_int_equal(employee_history_validate(k, row, &man, v, &e), ERR_OK);
    assert_int_equal(v[employee_history_field(k, "hours")].i, 8);
    assert_string_equal(v[employee_history_field(k, "kind")].s, "seminar");
    assert_false(v[employee_history_field(k, "certificate_number")].present);
    assert_false(v[employee_history_field(k, "sk_number")].present);
    json_decref(row);
    assert_null(employee_history_kind("salary"));
    assert_null(employee_history_kind(NULL));
}

/* Every descriptor: input fields appear in its INSERT in order, each as the next $n; the
 * SELECT names every field's column; writable kinds audit under an action. */
static void test_statements(void **state)
{
    (void)state;
    for (const struct history_kind *const *kp = employee_history_kinds; *kp; kp++) {
        const struct history_kind *k = *kp;
        const char *at = k->sql_insert, *list = k->sql_list;
        int inputs = 0;

        assert_non_null(list);
        assert_non_null(k->sql_owner);
        for (int i = 0; k->fields[i].name; i++) {
            char col[80];

            assert_true(i < HISTORY_MAX_FIELDS);
            snprintf(col, sizeof col, "t.%s", k->fields[i].name);
            if (!(k->fields[i].flags & HF_OUTPUT) && !strstr(list, col))
                fail_msg("%s: %s not in the list statement", k->name, k->fields[i].name);
            if (!at || (k->fields[i].flags & HF_OUTPUT))
                continue;
            inputs++;
            at = strstr(at, k->fields[i].name);
            if (!at)
                fail_msg("%s: %s missing or out of order in the insert", k->name,
                         k->fields[i].name);
        }
        if (k->sql_insert) {
            char last[16];

            assert_non_null(k->action);
            /* $1 employee, inputs, created_at, created_by */
            snprintf(last, sizeof last, "$%d)", inputs + 3);
            if (!strstr(k->sql_insert, last))
                fail_msg("%s: insert does not end at %s", k->name, last);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_statements),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
