/* mem.c - xmalloc family and a bump arena made of chained blocks.
 * Never frees single objects; everything goes at arena_free. */
#include "core/mem.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_BYTES (16 * 1024)

static void oom(size_t n)
{
    fprintf(stderr, "abdi: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (!q)
        oom(n);
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

struct arena_defer_item {
    struct arena_defer_item *next;
    void (*fn)(void *);
    void *arg;
};

struct arena {
    struct arena_block *head;
    struct arena_defer_item *defers;
};

/* One first block kept per thread for its next arena (a request's arena mostly fits in one
 * block: a malloc and a free of 16 KiB per request saved); freed when the thread ends. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_ok;
static _Thread_local struct arena_block *spare;

static void spare_drop(void *b)
{
    free(b);
    spare = NULL;
}

static void spare_init(void)
{
    spare_ok = pthread_key_create(&spare_key, spare_drop) == 0;
}

static struct arena_block *block_new(size_t cap)
{
    struct arena_block *b;

    if (cap == ARENA_BLOCK_BYTES && spare) {
        b = spare;
        spare = NULL;
        pthread_setspecific(spare_key, NULL);
    } else {
        b = xmalloc(sizeof *b + cap);
    }
    b->cap = cap;
    b->used = 0;
    return b;
}

static void block_free(struct arena_block *b)
{
    if (b->cap == ARENA_BLOCK_BYTES && !spare) {
        pthread_once(&spare_once, spare_init);
        if (spare_ok && pthread_setspecific(spare_key, b) == 0) {
            spare = b;
            return;
        }
    }
    free(b);
}

struct arena *arena_new(void)
{
    return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
    struct arena_block *b, *nb;
    struct arena_defer_item *d;

    if (!a)
        return;
    /* defers are allocated in the arena itself, so run them before freeing blocks */
    for (d = a->defers; d; d = d->next)
        d->fn(d->arg);
    for (b = a->head; b; b = nb) {
        nb = b->next;
        block_free(b);
    }
    free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
    struct arena_block *b = a->head;
    size_t need = (n + 15u) & ~(size_t)15u;
    void *p;

    if (need < n)
        oom(n);
    if (!b || b->cap - b->used < need) {
        size_t cap = need > ARENA_BLOCK_BYTES ? need : ARENA_BLOCK_BYTES;

        b = block_new(cap);
        if (a->head && need > ARENA_BLOCK_BYTES) {
            /* big allocation: keep the current block for small ones */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    p = b->data + b->used;
    b->used += need;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return arena_strdup(a, "");
    p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
    struct arena_defer_item *d = arena_alloc(a, sizeof *d);

    d->fn = fn;
    d->arg = arg;
    d->next = a->defers;
    a->defers = d;
}
