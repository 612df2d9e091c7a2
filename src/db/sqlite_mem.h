/* sqlite_mem.h - SQLite's allocator with a free list per thread (see sqlite_mem.c). */
#ifndef ABDI_SQLITE_MEM_H
#define ABDI_SQLITE_MEM_H

/* Before sqlite3_initialize(), once per process. */
void sqlite_mem_install(void);

#endif
