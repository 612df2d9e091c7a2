/* edit_test.c - the editable part of a record: parsing an edit from JSON (unknown fields and
 * wrong types refused by name, "" and null clear), the value rules (religion, marital status,
 * phone, e-mail, address) and applying an edit (edit-N vectors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/employee/employee.h"

/* Parse text as an edit; returns the code, field in e.field. */
static enum err_code parse(const char *text, struct employee_edit *ed, struct err *e)
{
    json_t *v = json_loads(text, 0, NULL);
    enum err_code rc;

    assert_non_null(v);
    rc = employee_edit_parse(v, ed, e);
    json_decref(v);
    return rc;
}

static const struct {
    const char *id, *json, *field; /* field NULL: accepted */
} vectors[] = {
    {"edit-1", "{\"address\":\"Jl. Merdeka No. 1\\nMedan\"}", NULL},
    {"edit-2", "{\"phone\":\"+6281234567890\"}", NULL},
    {"edit-3", "{\"phone\":\"081234567890\"}", NULL},
    {"edit-4", "{\"phone\":\"0812-3456-7890\"}", "phone"},
    {"edit-5", "{\"phone\":\"12345\"}", "phone"},
    {"edit-6", "{\"phone\":\"+\"}", "phone"},
    {"edit-7", "{\"email\":\"andi.pratama@medan.go.id\"}", NULL},
    {"edit-8", "{\"email\":\"andi@localhost\"}", "email"},
    {"edit-9", "{\"email\":\"andi@@medan.go.id\"}", "email"},
    {"edit-10", "{\"email\":\"an di@medan.go.id\"}", "email"},
    {"edit-11", "{\"email\":\".andi@medan.go.id\"}", "email"},
    {"edit-12", "{\"email\":\"andi@-medan.go.id\"}", "email"},
    {"edit-13", "{\"email\":\"andi@medan.go.i1\"}", "email"},
    {"edit-14", "{\"religion\":\"Islam\",\"marital_status\":\"kawin\"}", NULL},
    {"edit-15", "{\"religion\":\"islam\"}", "religion"},
    {"edit-16", "{\"marital_status\":\"menikah\"}", "marital_status"},
    {"edit-17", "{\"religion\":\"kepercayaan\",\"marital_status\":\"cerai_mati\"}", NULL},
    {"edit-18", "{\"name\":\"   \"}", "name"},
    {"edit-19", "{\"name\":\"\"}", "name"},
    {"edit-20", "{\"name\":\"Andi\\u0007\"}", "name"},
    {"edit-21", "{\"nip\":\"198503152010011001\"}", "nip"},
    {"edit-22", "{\"unit_id\":5}", "unit_id"},
    {"edit-23", "{\"phone\":81234567}", "phone"},
    {"edit-24", "{\"photo_document_id\":0}", "photo_document_id"},
    {"edit-25", "{}", NULL},                      /* empty edit: refused, no field */
    {"edit-26", "{\"address\":null,\"email\":\"\"}", NULL},
    {"edit-27", "{\"address\":\"\\u0001\"}", "address"},
    {"edit-28", "{\"gelar_belakang\":\"S.Kom., M.T.\"}", NULL},
};

static void test_vectors(void **state)
{
    struct employee_edit ed;
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        enum err_code rc = parse(vectors[i].json, &ed, &e);
        int want_ok = vectors[i].field == NULL && strcmp(vectors[i].id, "edit-25") != 0;

        if ((rc == ERR_OK) != want_ok)
            fail_msg("%s: rc %d (field %s)", vectors[i].id, rc, e.field);
        if (rc != ERR_OK && vectors[i].field && strcmp(e.field, vectors[i].field) != 0)
            fail_msg("%s: field %s, want %s", vectors[i].id, e.field, vectors[i].field);
        if (rc != ERR_OK)
            assert_int_equal(rc, ERR_INVALID);
    }
}

static void test_long_address(void **state)
{
    char text[EMPLOYEE_ADDRESS_MAX + 40];
    struct employee_edit ed;
    struct err e;

    (void)state;
    memcpy(text, "{\"address\":\"", 12);
    memset(text + 12, 'a', EMPLOYEE_ADDRESS_MAX + 1);
    memcpy(text + 12 + EMPLOYEE_ADDRESS_MAX + 1, "\"}", 3);
    assert_int_equal(parse(text, &ed, &e), ERR_INVALID);
    assert_string_equal(e.field, "address");
}

static void test_apply(void **state)
{
    struct employee x;
    struct employee_edit ed;
    struct err e;
    json_t *v = json_loads("{\"address\":\"Jl. Baru 2\",\"phone\":null,\"photo_document_id\":9}",
                           0, NULL);

    (void)state;
    memset(&x, 0, sizeof x);
    x.name = "Andi";
    x.contact.phone = "0811111111";
    x.contact.email = "andi@medan.go.id";
    assert_int_equal(employee_edit_parse(v, &ed, &e), ERR_OK);
    employee_edit_apply(&x, &ed);
    assert_string_equal(x.contact.address, "Jl. Baru 2");
    assert_null(x.contact.phone);                          /* null clears */
    assert_string_equal(x.contact.email, "andi@medan.go.id"); /* untouched */
    assert_string_equal(x.name, "Andi");
    assert_int_equal(x.contact.photo_document_id, 9);
    json_t *o = employee_edit_json(&x);
    assert_string_equal(json_string_value(json_object_get(o, "address")), "Jl. Baru 2");
    assert_true(json_is_null(json_object_get(o, "phone")));
    json_decref(o);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_long_address),
        cmocka_unit_test(test_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
