/* tcache.c - malloc with a small free list per thread and size class in front of it, for
 * a library that allocates and frees many small blocks per request (SQLite: see sqlite.c).
 * A block freed here is kept for the next allocation of the same size class on the same
 * thread (at most TC_KEEP per class), without a lock; blocks above the largest class go
 * straight to malloc. A thread's kept blocks are freed when it ends. */
#include "core/tcache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TC_HEAD 16      /* the block's size before the caller's part; keeps 16-byte alignment */
#define TC_MIN_SHIFT 6  /* the smallest class: 64 bytes */
#define TC_CLASSES 6    /* 64 .. 2048 bytes */
#define TC_KEEP 128     /* free blocks kept per class and thread */
#define TC_MAX ((int64_t)1 << (TC_MIN_SHIFT + TC_CLASSES - 1))

struct tc_free_block {
    struct tc_free_block *next;
};

struct tc_cache {
    struct tc_free_block *head[TC_CLASSES];
    unsigned n[TC_CLASSES];
};

static _Thread_local struct tc_cache cache;
static _Thread_local int cache_registered;
static pthread_key_t cache_key;

/* The class of a block of n bytes (n <= TC_MAX). */
static int class_of(int64_t n)
{
    return n <= ((int64_t)1 << TC_MIN_SHIFT) ? 0
                                              : 64 - __builtin_clzll((unsigned long long)n - 1) -
                                                    TC_MIN_SHIFT;
}

static int64_t *head_of(void *p)
{
    return (int64_t *)(void *)((char *)p - TC_HEAD);
}

static int64_t rounded(int64_t n)
{
    return n <= TC_MAX ? (int64_t)1 << (TC_MIN_SHIFT + class_of(n)) : (n + 15) & ~(int64_t)15;
}

void *tcache_alloc(int n)
{
    int64_t size;
    char *p;

    if (n <= TC_MAX) {
        int c = class_of(n > 0 ? n : 1);
        struct tc_free_block *b = cache.head[c];

        if (b) {
            cache.head[c] = b->next;
            cache.n[c]--;
            return b;
        }
        size = (int64_t)1 << (TC_MIN_SHIFT + c);
    } else {
        size = rounded(n);
    }
    p = malloc((size_t)(size + TC_HEAD));
    if (!p)
        return NULL;
    *(int64_t *)(void *)p = size;
    return p + TC_HEAD;
}

void tcache_free(void *p)
{
    int64_t size;

    if (!p)
        return;
    size = *head_of(p);
    if (size <= TC_MAX) {
        int c = class_of(size);

        if (cache.n[c] < TC_KEEP) {
            if (!cache_registered) { /* so that a thread's blocks are freed when it ends */
                cache_registered = 1;
                pthread_setspecific(cache_key, &cache);
            }
            struct tc_free_block *b = p;

            b->next = cache.head[c];
            cache.head[c] = b;
            cache.n[c]++;
            return;
        }
    }
    free(head_of(p));
}

int tcache_size(void *p)
{
    return p ? (int)*head_of(p) : 0;
}

void *tcache_realloc(void *p, int n)
{
    void *q;
    int old = tcache_size(p);

    if (p && n <= old)
        return p;
    q = tcache_alloc(n);
    if (q && p)
        memcpy(q, p, (size_t)old);
    if (q)
        tcache_free(p);
    return q;
}

int tcache_roundup(int n)
{
    return (int)rounded(n > 0 ? n : 1);
}

static void cache_drop(void *arg)
{
    struct tc_cache *k = arg;

    for (int c = 0; c < TC_CLASSES; c++) {
        while (k->head[c]) {
            struct tc_free_block *b = k->head[c];

            k->head[c] = b->next;
            free(head_of(b));
        }
        k->n[c] = 0;
    }
}

static int key_rc = -1;

static void key_create(void)
{
    key_rc = pthread_key_create(&cache_key, cache_drop) == 0 ? 0 : -1;
}

int tcache_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, key_create);
    return key_rc;
}
