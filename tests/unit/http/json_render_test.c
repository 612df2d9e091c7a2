/* json_render_test.c - json_render writes exactly what json_dumps(JSON_COMPACT |
 * JSON_ENSURE_ASCII | JSON_ENCODE_ANY) writes, for every kind of value and every kind of
 * character, and fails where jansson fails. The writer json_w gives the same text from the
 * same calls in text mode, and the same tree in tree mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)

/* Renders v both ways, compares, and releases v. */
static void same_as_jansson(json_t *v)
{
    char *want = json_dumps(v, DUMP_FLAGS);
    size_t len = 0;
    char *got = json_render(v, &len);

    assert_non_null(want);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(len, strlen(want));
    free(want);
    free(got);
    json_decref(v);
}

static void test_scalars(void **state)
{
    (void)state;
    same_as_jansson(json_null());
    same_as_jansson(json_true());
    same_as_jansson(json_false());
    same_as_jansson(json_integer(0));
    same_as_jansson(json_integer(-42));
    same_as_jansson(json_integer(INT64_MAX));
    same_as_jansson(json_integer(INT64_MIN));
    same_as_jansson(json_real(1.5));
    same_as_jansson(json_real(3.0));
    same_as_jansson(json_real(-0.1));
    same_as_jansson(json_string(""));
    same_as_jansson(json_string("Andi Pratama, A.Md.Kep."));
}

static void test_escapes(void **state)
{
    static const char nul[] = {'a', '\0', 'b'};

    (void)state;
    same_as_jansson(json_string("quote \" backslash \\ slash / del \x7f"));
    same_as_jansson(json_string("\b\f\n\r\t \x01\x1f"));
    same_as_jansson(json_stringn(nul, sizeof nul));
    /* 2-, 3- and 4-byte UTF-8: é, €, the replacement char, a BMP edge and an emoji */
    same_as_jansson(json_string("Caf\xc3\xa9 \xe2\x82\xac \xef\xbf\xbd \xef\xbf\xbf"));
    same_as_jansson(json_string("\xf0\x9f\x98\x80 and \xf4\x8f\xbf\xbf"));
}

static void test_containers(void **state)
{
    json_t *o = json_object();
    json_t *deep = json_array();

    (void)state;
    same_as_jansson(json_object());
    same_as_jansson(json_array());
    json_object_set_new(o, "z", json_integer(1)); /* insertion order, not sorted */
    json_object_set_new(o, "a", json_pack("[s,i,n,b,{}]", "x", 2, 0));
    json_object_set_new(o, "k\xc3\xa9y \"q\"", json_string("v"));
    json_object_set_new(o, "nested", json_pack("{s:{s:[i,i]},s:o}", "b", "c", 1, 2, "d",
                                               json_null()));
    json_object_del(o, "z"); /* deleted keys leave no gap */
    json_object_set_new(o, "z", json_integer(3));
    same_as_jansson(o);
    for (int i = 0; i < 100; i++)
        json_array_append_new(deep, json_pack("[{s:i}]", "i", i));
    same_as_jansson(deep);
}

static void test_invalid_utf8_fails(void **state)
{
    json_t *v = json_string_nocheck("bad \xc3(");
    size_t len = 0;
    char *got = json_render(v, &len);

    (void)state;
    assert_null(json_dumps(v, DUMP_FLAGS));
    assert_null(got);
    json_decref(v);
    v = json_string_nocheck("surrogate \xed\xa0\x80");
    assert_null(json_render(v, &len));
    json_decref(v);
    v = json_string_nocheck("overlong \xc0\xaf");
    assert_null(json_render(v, &len));
    json_decref(v);
}

/* One document through the writer: every kind of member, nesting, escapes, UTF-8. */
static void write_doc(struct json_w *w)
{
    jw_object(w, NULL);
    jw_int(w, "id", 42);
    jw_int(w, "neg", INT64_MIN);
    jw_str(w, "name", "Siti \"Ani\" \\ Nur\n\t\x01 ß € 😀 /");
    jw_str(w, "none", NULL);
    jw_id(w, "zero_id", 0);
    jw_id(w, "pos_id", 7);
    jw_null(w, "nil");
    jw_bool(w, "yes", 1);
    jw_bool(w, "no", 0);
    jw_time(w, "at", 0);
    jw_array(w, "list");
    jw_int(w, NULL, 1);
    jw_str(w, NULL, "dua");
    jw_object(w, NULL);
    jw_end(w);
    jw_array(w, NULL);
    jw_end(w);
    jw_end(w);
    jw_value(w, "tree", json_pack("{s:[i,s],s:n}", "a", 1, "b", "c", "d"));
    jw_members(w, json_pack("{s:s,s:i}", "m1", "x", "m2", 2));
    jw_end(w);
}

static void test_writer_text_and_tree(void **state)
{
    struct json_w w;
    json_t *tree;
    char *text, *want;
    size_t len = 0;

    (void)state;
    jw_begin_text(&w);
    write_doc(&w);
    text = jw_text(&w, &len);
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    jw_begin_tree(&w);
    write_doc(&w);
    tree = jw_tree(&w);
    assert_non_null(tree);
    want = json_dumps(tree, DUMP_FLAGS);
    assert_string_equal(text, want);
    assert_non_null(strstr(text, "\"at\":\"1970-01-01T00:00:00Z\""));
    assert_non_null(strstr(text, "\"zero_id\":null,\"pos_id\":7"));
    assert_non_null(strstr(text, "\"m1\":\"x\",\"m2\":2}"));
    free(want);
    free(text);
    json_decref(tree);
}

static void test_writer_failures(void **state)
{
    struct json_w w;
    size_t len = 0;

    (void)state;
    jw_begin_text(&w); /* invalid UTF-8 */
    jw_object(&w, NULL);
    jw_str(&w, "bad", "\xff");
    jw_end(&w);
    assert_null(jw_text(&w, &len));
    jw_begin_text(&w); /* not closed */
    jw_object(&w, NULL);
    assert_null(jw_text(&w, &len));
    jw_begin_tree(&w); /* one end too many */
    jw_array(&w, NULL);
    jw_end(&w);
    jw_end(&w);
    assert_null(jw_tree(&w));
    jw_begin_text(&w); /* deeper than JW_MAX_DEPTH */
    for (int i = 0; i <= JW_MAX_DEPTH; i++)
        jw_array(&w, NULL);
    assert_null(jw_text(&w, &len));
    jw_begin_tree(&w); /* given up half way: nothing leaks (ASan) */
    jw_object(&w, NULL);
    jw_array(&w, "a");
    jw_str(&w, NULL, "x");
    jw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_containers),
        cmocka_unit_test(test_invalid_utf8_fails),
        cmocka_unit_test(test_writer_text_and_tree),
        cmocka_unit_test(test_writer_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
