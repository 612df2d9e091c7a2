/* static.c - the web UI's files, embedded in the binary at build time (tools/embed.c).
 * Only exact names from the embedded table are served: there is no file system path and
 * so no traversal to guard against here (url.c already refuses unsafe paths). */
#include "http/app.h"

#include <string.h>

#include "core/embed.h"

extern const struct embed_file web_asset_files[];

static const struct {
    const char *ext;
    const char *type;
} content_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".json", "application/json; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
};

const struct embed_file *static_lookup(const char *path, const char **content_type)
{
    const struct embed_file *f;
    const char *name = path[0] == '/' ? path + 1 : path;
    size_t n;

    if (*name == '\0')
        name = "index.html";
    f = embed_find(web_asset_files, name);
    if (!f)
        return NULL;
    n = strlen(name);
    *content_type = "application/octet-stream";
    for (size_t i = 0; i < sizeof content_types / sizeof content_types[0]; i++) {
        size_t el = strlen(content_types[i].ext);

        if (n > el && strcmp(name + n - el, content_types[i].ext) == 0)
            *content_type = content_types[i].type;
    }
    return f;
}
