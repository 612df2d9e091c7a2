/* sqlite_mem.c - SQLite's memory allocator: malloc with a small free list per thread and
 * size class in front of it.
 *
 * Debian builds SQLite without lookaside memory (SQLITE_OMIT_LOOKASIDE), so every value a
 * statement copies into a register, every cursor, every page header goes to malloc and back:
 * about 45 malloc/free pairs for one employee record, each taking the lock of a glibc arena
 * that the server's other threads want too. A block freed here is kept for the next request
 * of the same size class on the same thread (at most SQM_KEEP per class), without a lock.
 * Blocks above the largest class go straight to malloc. Under AddressSanitizer and
 * ThreadSanitizer SQLite keeps its own allocator, so that they see every block. */
#include "db/sqlite_mem.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SQM_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SQM_OFF 1
#endif
#endif

#define SQM_HEAD 16      /* the block's size before the caller's part; keeps 16-byte alignment */
#define SQM_MIN_SHIFT 6  /* the smallest class: 64 bytes */
#define SQM_CLASSES 6    /* 64 .. 2048 bytes */
#define SQM_KEEP 128     /* free blocks kept per class and thread */
#define SQM_MAX ((int64_t)1 << (SQM_MIN_SHIFT + SQM_CLASSES - 1))

struct sqm_free_block {
    struct sqm_free_block *next;
};

struct sqm_cache {
    struct sqm_free_block *head[SQM_CLASSES];
    unsigned n[SQM_CLASSES];
};

static _Thread_local struct sqm_cache cache;
static _Thread_local int cache_registered;
static pthread_key_t cache_key;

/* The class of a block of n bytes (n <= SQM_MAX). */
static int class_of(int64_t n)
{
    return n <= ((int64_t)1 << SQM_MIN_SHIFT) ? 0
                                              : 64 - __builtin_clzll((unsigned long long)n - 1) -
                                                    SQM_MIN_SHIFT;
}

static int64_t *head_of(void *p)
{
    return (int64_t *)(void *)((char *)p - SQM_HEAD);
}

static int64_t rounded(int64_t n)
{
    return n <= SQM_MAX ? (int64_t)1 << (SQM_MIN_SHIFT + class_of(n)) : (n + 15) & ~(int64_t)15;
}

static void *sqm_malloc(int n)
{
    int64_t size;
    char *p;

    if (n <= SQM_MAX) {
        int c = class_of(n > 0 ? n : 1);
        struct sqm_free_block *b = cache.head[c];

        if (b) {
            cache.head[c] = b->next;
            cache.n[c]--;
            return b;
        }
        size = (int64_t)1 << (SQM_MIN_SHIFT + c);
    } else {
        size = rounded(n);
    }
    p = malloc((size_t)(size + SQM_HEAD));
    if (!p)
        return NULL;
    *(int64_t *)(void *)p = size;
    return p + SQM_HEAD;
}

static void sqm_free(void *p)
{
    int64_t size;

    if (!p)
        return;
    size = *head_of(p);
    if (size <= SQM_MAX) {
        int c = class_of(size);

        if (cache.n[c] < SQM_KEEP) {
            if (!cache_registered) { /* so that a thread's blocks are freed when it ends */
                cache_registered = 1;
                pthread_setspecific(cache_key, &cache);
            }
            struct sqm_free_block *b = p;

            b->next = cache.head[c];
            cache.head[c] = b;
            cache.n[c]++;
            return;
        }
    }
    free(head_of(p));
}

static int sqm_size(void *p)
{
    return p ? (int)*head_of(p) : 0;
}

static void *sqm_realloc(void *p, int n)
{
    void *q;
    int old = sqm_size(p);

    if (p && n <= old)
        return p;
    q = sqm_malloc(n);
    if (q && p)
        memcpy(q, p, (size_t)old);
    if (q)
        sqm_free(p);
    return q;
}

static int sqm_roundup(int n)
{
    return (int)rounded(n > 0 ? n : 1);
}

static void cache_drop(void *arg)
{
    struct sqm_cache *k = arg;

    for (int c = 0; c < SQM_CLASSES; c++) {
        while (k->head[c]) {
            struct sqm_free_block *b = k->head[c];

            k->head[c] = b->next;
            free(head_of(b));
        }
        k->n[c] = 0;
    }
}

static int sqm_init(void *app)
{
    (void)app;
    return SQLITE_OK;
}

static void sqm_shutdown(void *app)
{
    (void)app;
}

void sqlite_mem_install(void)
{
#ifndef SQM_OFF
    static const sqlite3_mem_methods methods = {
        sqm_malloc, sqm_free, sqm_realloc, sqm_size, sqm_roundup, sqm_init,
        sqm_shutdown, NULL};

    if (pthread_key_create(&cache_key, cache_drop) != 0)
        return; /* SQLite keeps its own allocator */
    sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
#endif
}
