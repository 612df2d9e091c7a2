/* str.h - string views, bounded number parsing, UTF-8 checks and hex.
 * Numbers from outside are parsed here only: with bounds and full consumption. */
#ifndef ABDI_STR_H
#define ABDI_STR_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct str {
    const char *p;
    size_t len;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})

int str_eq(struct str a, const char *b);
/* 1 when s is valid UTF-8 without NUL and without overlong forms or surrogates. */
int utf8_valid(const char *s, size_t len);
/* Number of code points of valid UTF-8. */
size_t utf8_count(const char *s, size_t len);
/* Parse a whole decimal integer in [min,max]; -1 on any deviation. */
int parse_int64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out);
/* Decimal digits of v (with '-' when negative, INT64_MIN too) at the end of out; returns
 * where they start (not terminated; out + STR_INT64_CAP - start bytes). By hand: snprintf
 * cost more than the rest of a JSON member or a log field. */
#define STR_INT64_CAP 24
char *str_int64(char out[STR_INT64_CAP], int64_t v);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* Decode exactly 2n hex chars into n bytes; -1 on bad input. */
int hex_decode(const char *in, size_t in_len, unsigned char *out, size_t n);
/* ASCII case-insensitive equality. */
int str_ieq(const char *a, const char *b);
/* Copy at most cap-1 bytes and terminate. */
void str_copy(char *dst, size_t cap, const char *src);
/* 1 when s is NULL, empty, or only ASCII space, tab, CR and LF: what a required text field
 * may not be. Other bytes count as content (non-breaking spaces and other control characters
 * are refused, where at all, by the field's own character check). */
int str_blank(const char *s);

#endif
