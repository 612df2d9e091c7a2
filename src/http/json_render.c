/* json_render.c - a json_t tree as compact, ASCII-only JSON text: byte for byte what
 * json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY) writes (same key order,
 * same escapes: \" \\ \b \f \n \r \t, \u00XX below 0x20, \uXXXX upper-case hex with
 * surrogate pairs above 0x7F; '/' and 0x7F as they are), in about a fifth of the time:
 * jansson's dump goes through a callback per piece and decodes every character. Every API
 * response passes here (resp_json). Reals, rare in responses, are left to jansson.
 * The same file holds struct json_w, a writer that emits the same text straight from C
 * values, without a tree (hot read paths), or builds the jansson tree from the same calls
 * (for the audit, which stores trees): one field list serves both. */
#include "http/http.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/mem.h"
#include "core/str.h"

#define RENDER_MAX_DEPTH 2048 /* jansson's own limit (JSON_PARSER_MAX_DEPTH) */

static const char HEX[] = "0123456789ABCDEF";

/* 1 for the bytes that stand in a JSON string as they are: 0x20..0x7F but '"' and '\\'. */
#define PLAIN16(b) b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b
static const unsigned char PLAIN[256] = {
    PLAIN16(0), PLAIN16(0), 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x22 '"' */
    PLAIN16(1), PLAIN16(1), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x5C '\\' */
    PLAIN16(1), PLAIN16(1)};

/* The output (struct json_buf, http.h): room is made before each piece, then bytes are
 * stored directly. */

static char *room(struct json_buf *b, size_t n)
{
    if (b->cap - b->len < n + 1) {
        size_t cap = b->cap ? b->cap : 4096; /* an employee record (~2 KiB) in one malloc */

        while (cap - b->len < n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    return b->p + b->len;
}

static void put(struct json_buf *b, const void *s, size_t n)
{
    memcpy(room(b, n), s, n);
    b->len += n;
}

static void put_c(struct json_buf *b, char c)
{
    *room(b, 1) = c;
    b->len++;
}

static void put_u(struct json_buf *b, unsigned v)
{
    char s[6] = {'\\', 'u', HEX[(v >> 12) & 15], HEX[(v >> 8) & 15], HEX[(v >> 4) & 15],
                 HEX[v & 15]};

    put(b, s, sizeof s);
}

/* Length of the UTF-8 sequence at s (at most n bytes) and its code point; 0 when invalid
 * (jansson refuses the same: overlong forms, surrogates, above U+10FFFF). */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len;
    uint32_t v;

    if (s[0] < 0xC2 || s[0] > 0xF4)
        return 0;
    len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    if (len > n)
        return 0;
    v = s[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

static int put_string(struct json_buf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t run = 0; /* start of the pending run of bytes that need no escape */

    put_c(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t len;

        if (PLAIN[c]) {
            i++;
            continue;
        }
        put(b, s + run, i - run);
        if (c < 0x80) {
            const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
                            : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                            : c == '\t' ? "\\t" : NULL;

            if (esc)
                put(b, esc, 2);
            else
                put_u(b, c);
            i++;
        } else {
            len = utf8_next(s + i, n - i, &cp);
            if (!len)
                return -1;
            if (cp < 0x10000) {
                put_u(b, cp);
            } else {
                cp -= 0x10000;
                put_u(b, 0xD800 | ((cp >> 10) & 0x3FF));
                put_u(b, 0xDC00 | (cp & 0x3FF));
            }
            i += len;
        }
        run = i;
    }
    put(b, s + run, n - run);
    put_c(b, '"');
    return 0;
}

static int put_value(struct json_buf *b, const json_t *v, int depth)
{
    char num[32];
    int len;

    if (depth > RENDER_MAX_DEPTH)
        return -1;
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        int first = 1;

        put_c(b, '{');
        for (void *it = json_object_iter((json_t *)v); it;
             it = json_object_iter_next((json_t *)v, it)) {
            if (!first)
                put_c(b, ',');
            first = 0;
            if (put_string(b, json_object_iter_key(it), json_object_iter_key_len(it)))
                return -1;
            put_c(b, ':');
            if (put_value(b, json_object_iter_value(it), depth + 1))
                return -1;
        }
        put_c(b, '}');
        return 0;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);

        put_c(b, '[');
        for (size_t i = 0; i < n; i++) {
            if (i)
                put_c(b, ',');
            if (put_value(b, json_array_get(v, i), depth + 1))
                return -1;
        }
        put_c(b, ']');
        return 0;
    }
    case JSON_STRING:
        return put_string(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        len = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        put(b, num, (size_t)len);
        return 0;
    case JSON_REAL: {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY);

        if (!s)
            return -1;
        put(b, s, strlen(s));
        free(s);
        return 0;
    }
    case JSON_TRUE:
        put(b, "true", 4);
        return 0;
    case JSON_FALSE:
        put(b, "false", 5);
        return 0;
    case JSON_NULL:
        put(b, "null", 4);
        return 0;
    }
    return -1;
}

char *json_render(const json_t *v, size_t *len)
{
    struct json_buf b = {0};

    if (!v || put_value(&b, v, 0)) {
        free(b.p);
        return NULL;
    }
    *room(&b, 0) = '\0';
    *len = b.len;
    return b.p;
}

/* ---- json_w: the same text without a tree ---- */

void jw_begin_text(struct json_w *w)
{
    memset(w, 0, sizeof *w);
}

void jw_begin_tree(struct json_w *w)
{
    memset(w, 0, sizeof *w);
    w->tree = 1;
}

/* Text mode: the comma and the key before a member (key NULL inside an array or at the top). */
static void jw_key(struct json_w *w, const char *key)
{
    if (w->depth > 0 && w->count[w->depth - 1]++)
        put_c(&w->b, ',');
    if (key) {
        size_t n = 0;
        unsigned plain = 1;
        char *p;

        for (; key[n]; n++)
            plain &= PLAIN[(unsigned char)key[n]];
        if (!plain) { /* a key that needs escapes */
            if (put_string(&w->b, key, n))
                w->failed = 1;
            put_c(&w->b, ':');
            return;
        }
        p = room(&w->b, n + 3);
        p[0] = '"';
        memcpy(p + 1, key, n);
        p[n + 1] = '"';
        p[n + 2] = ':';
        w->b.len += n + 3;
    }
}

/* Tree mode: v (stolen) into the open container under key, or as the root. */
static void jw_add(struct json_w *w, const char *key, json_t *v)
{
    json_t *top;

    if (!v) {
        w->failed = 1;
        return;
    }
    if (w->depth == 0) {
        if (w->root)
            json_decref(w->root);
        w->root = v;
        return;
    }
    top = w->stack[w->depth - 1];
    if (json_is_object(top) ? json_object_set_new(top, key ? key : "", v)
                            : json_array_append_new(top, v))
        w->failed = 1;
}

static void jw_open(struct json_w *w, const char *key, int is_object)
{
    if (w->depth >= JW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    if (w->tree) {
        json_t *c = is_object ? json_object() : json_array();

        jw_add(w, key, json_incref(c));
        w->stack[w->depth] = c;
    } else {
        jw_key(w, key);
        put_c(&w->b, is_object ? '{' : '[');
        w->is_object[w->depth] = (char)is_object;
    }
    w->count[w->depth++] = 0;
}

void jw_object(struct json_w *w, const char *key)
{
    jw_open(w, key, 1);
}

void jw_array(struct json_w *w, const char *key)
{
    jw_open(w, key, 0);
}

void jw_end(struct json_w *w)
{
    if (w->depth == 0) {
        w->failed = 1;
        return;
    }
    w->depth--;
    if (w->tree)
        json_decref(w->stack[w->depth]);
    else
        put_c(&w->b, w->is_object[w->depth] ? '}' : ']');
}

void jw_str(struct json_w *w, const char *key, const char *s)
{
    if (!s) {
        jw_null(w, key);
    } else if (w->tree) {
        jw_add(w, key, json_string(s));
    } else {
        jw_key(w, key);
        if (put_string(&w->b, s, strlen(s)))
            w->failed = 1;
    }
}

void jw_int(struct json_w *w, const char *key, int64_t v)
{
    char num[STR_INT64_CAP], *p;

    if (w->tree) {
        jw_add(w, key, json_integer((json_int_t)v));
        return;
    }
    jw_key(w, key);
    p = str_int64(num, v);
    put(&w->b, p, (size_t)(num + sizeof num - p));
}

void jw_id(struct json_w *w, const char *key, int64_t id)
{
    if (id > 0)
        jw_int(w, key, id);
    else
        jw_null(w, key);
}

void jw_null(struct json_w *w, const char *key)
{
    if (w->tree) {
        jw_add(w, key, json_null());
        return;
    }
    jw_key(w, key);
    put(&w->b, "null", 4);
}

void jw_bool(struct json_w *w, const char *key, int v)
{
    if (w->tree) {
        jw_add(w, key, json_boolean(v));
        return;
    }
    jw_key(w, key);
    put(&w->b, v ? "true" : "false", v ? 4u : 5u);
}

void jw_time(struct json_w *w, const char *key, int64_t t)
{
    char s[32];

    clock_rfc3339(t, s, sizeof s);
    jw_str(w, key, s);
}

void jw_value(struct json_w *w, const char *key, json_t *v)
{
    if (w->tree) {
        jw_add(w, key, v);
        return;
    }
    jw_key(w, key);
    if (!v || put_value(&w->b, v, w->depth))
        w->failed = 1;
    json_decref(v);
}

void jw_members(struct json_w *w, json_t *obj)
{
    const char *k;
    json_t *v;

    if (!json_is_object(obj)) {
        w->failed = 1;
    } else {
        json_object_foreach(obj, k, v)
            jw_value(w, k, json_incref(v));
    }
    json_decref(obj);
}

char *jw_text(struct json_w *w, size_t *len)
{
    char *p;

    if (w->tree || w->failed || w->depth) {
        jw_free(w);
        return NULL;
    }
    *room(&w->b, 0) = '\0';
    *len = w->b.len;
    p = w->b.p;
    memset(w, 0, sizeof *w);
    return p;
}

void jw_free(struct json_w *w)
{
    for (int i = 0; w->tree && i < w->depth; i++)
        json_decref(w->stack[i]);
    json_decref(w->root);
    free(w->b.p);
    memset(w, 0, sizeof *w);
}

json_t *jw_tree(struct json_w *w)
{
    json_t *v = w->root;

    if (!w->tree || w->failed || w->depth) {
        jw_free(w);
        return NULL;
    }
    memset(w, 0, sizeof *w);
    return v;
}
