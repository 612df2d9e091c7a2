/* mem.h - allocation that never returns NULL, and the per-request arena.
 * Out of memory aborts: safe because every buffer fed by outside input has a maximum.
 * The arena owns everything a request allocates; arena_defer() hangs non-memory
 * resources (jansson values, db results, temp files) on it to be released with it. */
#ifndef ABDI_MEM_H
#define ABDI_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Zeroed, 16-byte aligned, lives until arena_free. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run fn(arg) at arena_free, last registered first. */
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);

#endif
