/* app.h - the server's shared, read-only state and the one entry point that turns a
 * complete request into a response. server.c calls app_handle(); tests and the fuzz
 * target call it directly, without sockets. */
#ifndef ABDI_APP_H
#define ABDI_APP_H

#include "http/http.h"

struct db_pool;

struct app {
    struct db_pool *pool;
    const char *version;
    const struct route *const *tables; /* NULL-terminated list of route tables */
    int tls;                           /* cookies get Secure and the __Host- prefix */
    const char *files_dir; /* uploaded documents, outside web reach; NULL = uploads refused */
};

/* Everything the transport layer learned about one request. Strings are NUL-terminated
 * and owned by the caller for the duration of the call. */
struct raw_request {
    const char *method;
    const char *target;        /* raw path, percent-encoded, without the query */
    const char *query;         /* raw query string without '?', or NULL */
    const char *content_type;
    const char *cookie;        /* the whole Cookie header */
    const char *csrf_token;    /* X-CSRF-Token */
    const char *ip;
    const char *body;
    size_t body_len;
    int framing_bad;           /* duplicate/conflicting Content-Length, TE with CL */
    int body_too_large;
    int uri_too_long;
};

/* Fill rs (status, body, headers). rq_user_id receives the user id for the access log. */
void app_handle(const struct app *app, const struct raw_request *raw, struct resp *rs,
                int64_t *rq_user_id);

/* The body limit of the route a request goes to (LIMIT_BODY_BYTES when none matches), for
 * the transport layer before it reads the body. target is the raw, percent-encoded path. */
size_t app_body_limit(const struct app *app, const char *method, const char *target);

/* Route matching, exposed for unit tests. Returns 0 and the route, or ERR_NOT_FOUND, or
 * ERR_METHOD with *allowed set to the methods the path accepts. */
enum err_code router_match(const struct route *const *tables, unsigned method,
                           const char *path, struct arena *a, const struct route **out,
                           const char **params, int *nparams, unsigned *allowed);
unsigned http_method_parse(const char *name);
/* "GET, POST" for a method set. */
void http_methods_format(unsigned methods, char *out, size_t cap);

/* Percent-decode in[0..len) into out (capacity len+1). plus_space turns '+' into ' '.
 * Refuses bad escapes, %00 and invalid UTF-8: returns -1. */
int url_decode(const char *in, size_t len, char *out, int plus_space);
/* A decoded path is acceptable: starts with '/', no '..' or '.' segment, no '//', no '\'. */
int url_path_safe(const char *path);

/* Embedded web asset for a decoded path ("/" is index.html); NULL when none. */
struct embed_file;
const struct embed_file *static_lookup(const char *path, const char **content_type);

#endif
