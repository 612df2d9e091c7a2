/* router_test.c - route matching (404/405 and Allow), path parameters, URL decoding and
 * path safety, and the JSON error body. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"

static enum err_code h_dummy(struct req *rq, struct resp *rs, struct err *e)
{
    (void)rq, (void)rs, (void)e;
    return ERR_OK;
}

static const struct route t_routes[] = {
    {HTTP_GET, "/api/v1/units", h_dummy, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/units", h_dummy, ROLES_ANY, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/units/{id}", h_dummy, ROLES_ANY, 0},
    {HTTP_GET | HTTP_DELETE, "/api/v1/units/{id}/children/{cid}", h_dummy, ROLES_ANY, 0},
    {0},
};
static const struct route *const t_tables[] = {t_routes, NULL};

static const struct {
    const char *id, *method, *path;
    enum err_code want;
    int route_index, nparams;
    const char *p0, *p1, *allow;
} vectors[] = {
    {"rt-1", "GET", "/api/v1/units", ERR_OK, 0, 0, NULL, NULL, NULL},
    {"rt-2", "POST", "/api/v1/units", ERR_OK, 1, 0, NULL, NULL, NULL},
    {"rt-3", "GET", "/api/v1/units/42", ERR_OK, 2, 1, "42", NULL, NULL},
    {"rt-4", "DELETE", "/api/v1/units/7/children/9", ERR_OK, 3, 2, "7", "9", NULL},
    {"rt-5", "PUT", "/api/v1/units", ERR_METHOD, -1, 0, NULL, NULL, "GET, POST"},
    {"rt-6", "TRACE", "/api/v1/units/1", ERR_METHOD, -1, 0, NULL, NULL, "GET"},
    {"rt-7", "GET", "/api/v1/unit", ERR_NOT_FOUND, -1, 0, NULL, NULL, NULL},
    {"rt-8", "GET", "/api/v1/units/", ERR_NOT_FOUND, -1, 0, NULL, NULL, NULL},
    {"rt-9", "GET", "/api/v1/units/1/2", ERR_NOT_FOUND, -1, 0, NULL, NULL, NULL},
    {"rt-10", "GET", "/api/v1/units/1/children/", ERR_NOT_FOUND, -1, 0, NULL, NULL, NULL},
};

static void test_router_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        struct arena *a = arena_new();
        const struct route *r = NULL;
        const char *params[LIMIT_ROUTE_PARAMS] = {0};
        int n = 0;
        unsigned allowed = 0;
        enum err_code rc = router_match(t_tables, http_method_parse(vectors[i].method),
                                        vectors[i].path, a, &r, params, &n, &allowed);

        if (rc != vectors[i].want)
            fail_msg("%s: got %d want %d", vectors[i].id, rc, vectors[i].want);
        if (rc == ERR_OK) {
            assert_ptr_equal(r, &t_routes[vectors[i].route_index]);
            assert_int_equal(n, vectors[i].nparams);
            if (vectors[i].p0)
                assert_string_equal(params[0], vectors[i].p0);
            if (vectors[i].p1)
                assert_string_equal(params[1], vectors[i].p1);
        }
        if (rc == ERR_METHOD) {
            char allow[64];

            http_methods_format(allowed, allow, sizeof allow);
            assert_string_equal(allow, vectors[i].allow);
        }
        arena_free(a);
    }
}

static const struct {
    const char *id, *in;
    int ok;
    const char *out;
} decode_vectors[] = {
    {"url-1", "/a%20b", 1, "/a b"},
    {"url-2", "/%2e%2e/x", 1, "/../x"},
    {"url-3", "/a%00b", 0, NULL},
    {"url-4", "/a%zz", 0, NULL},
    {"url-5", "/a%2", 0, NULL},
    {"url-6", "/%c0%ae", 0, NULL}, /* overlong '.' */
    {"url-7", "/caf%C3%A9", 1, "/caf\xc3\xa9"},
};

static void test_url_decode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof decode_vectors / sizeof decode_vectors[0]; i++) {
        char out[64];
        int r = url_decode(decode_vectors[i].in, strlen(decode_vectors[i].in), out, 0);

        if ((r == 0) != decode_vectors[i].ok)
            fail_msg("%s", decode_vectors[i].id);
        if (r == 0)
            assert_string_equal(out, decode_vectors[i].out);
    }
}

static void test_path_safe(void **state)
{
    (void)state;
    assert_true(url_path_safe("/"));
    assert_true(url_path_safe("/app.js"));
    assert_true(url_path_safe("/js/api.js"));
    assert_false(url_path_safe("/../etc/passwd"));
    assert_false(url_path_safe("/a/.."));
    assert_false(url_path_safe("/./a"));
    assert_false(url_path_safe("//etc/passwd"));
    assert_false(url_path_safe("/..\\..\\etc"));
    assert_false(url_path_safe("relative"));
    assert_false(url_path_safe("/a\x01"));
}

static void test_error_body(void **state)
{
    struct resp rs;
    struct err e;
    json_t *v, *err;

    (void)state;
    memset(&rs, 0, sizeof rs);
    err_set(&e, ERR_INVALID, "validation_failed", "nip", "NIP harus 18 digit");
    resp_error(&rs, &e);
    assert_int_equal(rs.status, 422);
    v = json_loadb(rs.body, rs.len, 0, NULL);
    assert_non_null(v);
    err = json_object_get(v, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "validation_failed");
    assert_string_equal(json_string_value(json_object_get(err, "field")), "nip");
    assert_string_equal(json_string_value(json_object_get(err, "message")), "NIP harus 18 digit");
    json_decref(v);
    resp_free(&rs);
    err_set(&e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    resp_error(&rs, &e);
    assert_int_equal(rs.status, 404);
    assert_non_null(strstr(rs.body, "\"field\":null"));
    resp_free(&rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_router_table),
        cmocka_unit_test(test_url_decode),
        cmocka_unit_test(test_path_safe),
        cmocka_unit_test(test_error_body),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
