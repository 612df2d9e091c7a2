/* err.c - filling struct err and mapping its codes to HTTP statuses in one table. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy_trunc(char *dst, size_t cap, const char *src)
{
    size_t n;

    if (!src) {
        dst[0] = '\0';
        return;
    }
    n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

enum err_code err_set(struct err *e, enum err_code code, const char *slug, const char *field,
                      const char *msg)
{
    if (!e)
        return code;
    e->code = code;
    copy_trunc(e->slug, sizeof e->slug, slug);
    copy_trunc(e->field, sizeof e->field, field);
    copy_trunc(e->msg, sizeof e->msg, msg);
    e->detail[0] = '\0';
    return code;
}

enum err_code err_detail(struct err *e, const char *fmt, ...)
{
    va_list ap;

    if (!e)
        return ERR_INTERNAL;
    va_start(ap, fmt);
    vsnprintf(e->detail, sizeof e->detail, fmt, ap);
    va_end(ap);
    return e->code;
}

void err_clear(struct err *e)
{
    memset(e, 0, sizeof *e);
}

static const struct {
    enum err_code code;
    int status;
} status_table[] = {
    {ERR_OK, 200},           {ERR_BAD_REQUEST, 400}, {ERR_UNAUTHORIZED, 401},
    {ERR_FORBIDDEN, 403},    {ERR_NOT_FOUND, 404},   {ERR_METHOD, 405},
    {ERR_CONFLICT, 409},     {ERR_TOO_LARGE, 413},   {ERR_URI_TOO_LONG, 414},   {ERR_MEDIA_TYPE, 415},
    {ERR_INVALID, 422},      {ERR_TOO_MANY, 429},    {ERR_INTERNAL, 500},
    {ERR_STORAGE, 503},
};

int err_http_status(enum err_code code)
{
    size_t i;

    for (i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].code == code)
            return status_table[i].status;
    return 500;
}

enum err_code err_internal(struct err *e, const char *detail)
{
    err_set(e, ERR_INTERNAL, "internal", NULL, "Terjadi kesalahan pada server");
    if (e)
        err_detail(e, "%s", detail);
    return ERR_INTERNAL;
}

enum err_code err_invalid(struct err *e, const char *field, const char *msg)
{
    return err_set(e, ERR_INVALID, "validation_failed", field, msg);
}
