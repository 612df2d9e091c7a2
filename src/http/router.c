/* router.c - route rows matched by path then method (404, then 405 with Allow), like
 * Redis's command table. Patterns are literal segments or {name} for one non-empty
 * segment; no wildcards, no regular expressions. */
#include "http/app.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned bit;
} method_names[] = {
    {"GET", HTTP_GET},     {"POST", HTTP_POST},     {"PUT", HTTP_PUT},
    {"PATCH", HTTP_PATCH}, {"DELETE", HTTP_DELETE}, {"HEAD", HTTP_HEAD},
};

unsigned http_method_parse(const char *name)
{
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        if (strcmp(name, method_names[i].name) == 0)
            return method_names[i].bit;
    return HTTP_OTHER;
}

void http_methods_format(unsigned methods, char *out, size_t cap)
{
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++) {
        int n;

        if (!(methods & method_names[i].bit))
            continue;
        n = snprintf(out + used, cap - used, "%s%s", used ? ", " : "", method_names[i].name);
        if (n < 0 || (size_t)n >= cap - used)
            return;
        used += (size_t)n;
    }
}

/* Match one pattern against path; fill params on success. */
static int pattern_match(const char *pat, const char *path, struct arena *a, const char **params,
                         int *nparams)
{
    int n = 0;

    while (*pat && *path) {
        if (*pat == '{') {
            const char *pend = strchr(pat, '}');
            size_t seg = strcspn(path, "/");

            if (!pend || seg == 0 || n >= LIMIT_ROUTE_PARAMS)
                return 0;
            if (params)
                params[n] = arena_strndup(a, path, seg);
            n++;
            pat = pend + 1;
            path += seg;
            continue;
        }
        if (*pat != *path)
            return 0;
        pat++;
        path++;
    }
    if (*pat || *path)
        return 0;
    *nparams = n;
    return 1;
}

enum err_code router_match(const struct route *const *tables, unsigned method,
                           const char *path, struct arena *a, const struct route **out,
                           const char **params, int *nparams, unsigned *allowed)
{
    static const char api[] = "/api/v1/";
    const size_t k = sizeof api - 1;
    int api_path = strncmp(path, api, k) == 0;
    unsigned allow = 0;

    for (; *tables; tables++) {
        for (const struct route *r = *tables; r->pattern; r++) {
            int n = 0;

            /* most patterns and paths share "/api/v1/": the next byte tells most apart */
            if (api_path && strncmp(r->pattern, api, k) == 0 && r->pattern[k] != path[k] &&
                r->pattern[k] != '{')
                continue;
            if (!pattern_match(r->pattern, path, NULL, NULL, &n))
                continue;
            allow |= r->methods;
            if (r->methods & method) {
                pattern_match(r->pattern, path, a, params, nparams);
                *out = r;
                return ERR_OK;
            }
        }
    }
    if (allow) {
        /* HEAD is answered like GET by no route here; say what exists */
        *allowed = allow;
        return ERR_METHOD;
    }
    return ERR_NOT_FOUND;
}
