/* embed.h - files compiled into the binary by tools/embed.c (web assets, migrations,
 * data lists). Arrays end with a {NULL} row. Contents are read-only and not NUL-safe:
 * use len. */
#ifndef ABDI_EMBED_H
#define ABDI_EMBED_H

#include <stddef.h>

struct embed_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};

const struct embed_file *embed_find(const struct embed_file *files, const char *name);

#endif
