/* json_render.c - a json_t tree as compact, ASCII-only JSON text: byte for byte what
 * json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY) writes (same key order,
 * same escapes: \" \\ \b \f \n \r \t, \u00XX below 0x20, \uXXXX upper-case hex with
 * surrogate pairs above 0x7F; '/' and 0x7F as they are), in about a fifth of the time:
 * jansson's dump goes through a callback per piece and decodes every character. Every API
 * response passes here (resp_json). Reals, rare in responses, are left to jansson. */
#include "http/http.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define RENDER_MAX_DEPTH 2048 /* jansson's own limit (JSON_PARSER_MAX_DEPTH) */

static const char HEX[] = "0123456789ABCDEF";

/* The output: room is made before each piece, then bytes are stored directly. */
struct out {
    char *p;
    size_t len, cap;
};

static char *room(struct out *b, size_t n)
{
    if (b->cap - b->len < n + 1) {
        size_t cap = b->cap ? b->cap : 1024;

        while (cap - b->len < n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    return b->p + b->len;
}

static void put(struct out *b, const void *s, size_t n)
{
    memcpy(room(b, n), s, n);
    b->len += n;
}

static void put_c(struct out *b, char c)
{
    *room(b, 1) = c;
    b->len++;
}

static void put_u(struct out *b, unsigned v)
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

static int put_string(struct out *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t run = 0; /* start of the pending run of bytes that need no escape */

    put_c(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t len;

        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
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

static int put_value(struct out *b, const json_t *v, int depth)
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
    struct out b = {0};

    if (!v || put_value(&b, v, 0)) {
        free(b.p);
        return NULL;
    }
    *room(&b, 0) = '\0';
    *len = b.len;
    return b.p;
}
