/* err.h - the one error type of Abdi.
 * Every function that can fail returns enum err_code (0 = success) and fills a struct err:
 * slug is stable English for programs, field names the JSON field at fault, msg is short
 * Bahasa Indonesia for the person, detail is for the log only and is never sent. */
#ifndef ABDI_ERR_H
#define ABDI_ERR_H

#define ABDI_MUST_CHECK __attribute__((warn_unused_result))

enum err_code {
    ERR_OK = 0,
    ERR_BAD_REQUEST,     /* 400: malformed syntax (JSON, UTF-8, framing) */
    ERR_UNAUTHORIZED,    /* 401 */
    ERR_FORBIDDEN,       /* 403 */
    ERR_NOT_FOUND,       /* 404 */
    ERR_METHOD,          /* 405 */
    ERR_CONFLICT,        /* 409 */
    ERR_TOO_LARGE,       /* 413 */
    ERR_URI_TOO_LONG,    /* 414 */
    ERR_MEDIA_TYPE,      /* 415 */
    ERR_INVALID,         /* 422: well-formed but wrong value */
    ERR_TOO_MANY,        /* 429 */
    ERR_INTERNAL,        /* 500: our bug or an impossible state */
    ERR_STORAGE,         /* 503: database unavailable, disk full, busy */
};

struct err {
    enum err_code code;
    char slug[48];
    char field[64];
    char msg[192];
    char detail[320];
};

/* Fill e and return code. field may be NULL. Always returns code so callers can
 * `return err_set(...)`. */
enum err_code err_set(struct err *e, enum err_code code, const char *slug, const char *field,
                      const char *msg);
/* Append a printf-style detail for the log (never sent to a client). Returns e->code. */
enum err_code err_detail(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(struct err *e);
/* Our bug or an impossible state: 500 with a generic message; detail goes to the log. */
enum err_code err_internal(struct err *e, const char *detail);
/* 422 validation_failed naming the JSON field at fault, with msg in Bahasa Indonesia. */
enum err_code err_invalid(struct err *e, const char *field, const char *msg);
/* HTTP status for a code. */
int err_http_status(enum err_code code);

#endif
