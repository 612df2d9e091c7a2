/* buf.h - a growable byte buffer with a hard maximum and a sticky error.
 * Appends past the maximum set buf->overflow and are dropped; check once at the end.
 * The buffer's memory is owned by it until buf_take() hands it over. */
#ifndef ABDI_BUF_H
#define ABDI_BUF_H

#include <stddef.h>

struct buf {
    char *p;
    size_t len, cap, max;
    int overflow;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
/* Room for n bytes in one allocation now (at most max; never less room than there is, no
 * overflow): a long output of about known size then grows once instead of by doubling, whose
 * old copies the allocator may keep until the request ends. */
void buf_presize(struct buf *b, size_t n);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminated contents (empty string when empty); stays owned by b. */
const char *buf_cstr(struct buf *b);
/* Hand the NUL-terminated memory to the caller (free() it); b is reset. */
char *buf_take(struct buf *b, size_t *len);

#endif
