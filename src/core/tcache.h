/* tcache.h - malloc with a free list per thread and size class (see tcache.c). Sizes are
 * int, as the allocator hooks of SQLite take them. */
#ifndef ABDI_TCACHE_H
#define ABDI_TCACHE_H

/* Once per process before the first tcache_alloc; -1 when it cannot be used. */
int tcache_init(void);
void *tcache_alloc(int n); /* NULL when out of memory */
void tcache_free(void *p);
void *tcache_realloc(void *p, int n);
int tcache_size(void *p);  /* the usable size of p's block */
int tcache_roundup(int n); /* the usable size tcache_alloc(n) gives */

#endif
