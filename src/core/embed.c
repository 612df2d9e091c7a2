/* embed.c - lookup in an embedded file table by exact name. */
#include "core/embed.h"

#include <string.h>

const struct embed_file *embed_find(const struct embed_file *files, const char *name)
{
    for (; files && files->name; files++)
        if (strcmp(files->name, name) == 0)
            return files;
    return NULL;
}
