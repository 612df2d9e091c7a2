/* server.c - the only file that includes <microhttpd.h>. MHD runs epoll with a thread
 * pool of SERVER_THREADS_PER_CORE threads per core; each pool thread owns its database
 * connection (db_pool).
 * Limits are set explicitly (security.md: 0.9.75 defaults to none), and smuggling-shaped
 * framing (duplicate Content-Length, Transfer-Encoding with Content-Length) is refused. */
#include "http/server.h"

/* A write waits for its fsync (and a group commit for the others' requests) without using the
 * CPU, so one thread per core left the cores idle and the group commit (db/pool.c) with at most
 * two requests to group. bench/run on 2 cores, same busy machine: 1 → 4 threads per core took
 * leave submissions from 166 to 1,190/s and check-ins from 211 to 1,360/s, reads no slower. */
#define SERVER_THREADS_PER_CORE 4u

#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"

static const char CSP[] = "default-src 'self'; script-src 'self'; object-src 'none'; "
                          "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

struct conn_ctx {
    struct buf body;
    int too_large;
    int answered; /* a response was queued before the body (400/413) */
    size_t limit; /* of the route: LIMIT_BODY_BYTES unless it takes uploads or imports */
    size_t received;
    int64_t start_us;
};

struct framing_scan {
    int content_length;
    int transfer_encoding;
    const char *first_cl;
    int cl_conflict;
};

static atomic_int in_flight;
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct framing_scan *f = cls;

    (void)kind;
    if (strcasecmp(key, "Content-Length") == 0) {
        if (f->content_length && (!value || !f->first_cl || strcmp(value, f->first_cl) != 0))
            f->cl_conflict = 1;
        if (f->content_length)
            f->cl_conflict = 1; /* duplicates are refused even when equal */
        f->content_length++;
        f->first_cl = value;
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        f->transfer_encoding++;
    }
    return MHD_YES;
}

struct query_build {
    struct buf *b;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct buf *b = cls;

    (void)kind;
    if (b->len)
        buf_putc(b, '&');
    buf_puts(b, key);
    if (value) {
        buf_putc(b, '=');
        buf_puts(b, value);
    }
    return MHD_YES;
}

static void add_common_headers(struct MHD_Response *r, int api)
{
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(r, "Permissions-Policy",
                            "geolocation=(self), camera=(), microphone=()");
    MHD_add_response_header(r, "Cache-Control", api ? "no-store" : "no-cache");
}

/* A big body (a whole government's report) is freed with the rest of what made it: give
 * the pages back, or each report leaves its peak behind in the allocator's arenas and the
 * next one adds to it (bench/run: 236 -> 247 MiB over three recap runs, 332 MiB in all). */
#define SERVER_TRIM_BYTES (1u << 20)
static void free_big_body(void *p)
{
    free(p);
    malloc_trim(0);
}

static enum MHD_Result queue(struct MHD_Connection *c, struct resp *rs, int api)
{
    struct MHD_Response *r;
    enum MHD_Result ret;

    if (rs->static_data) {
        r = MHD_create_response_from_buffer(rs->static_len, (void *)rs->static_data,
                                            MHD_RESPMEM_PERSISTENT);
    } else {
        r = rs->len >= SERVER_TRIM_BYTES
                ? MHD_create_response_from_buffer_with_free_callback(rs->len, rs->body,
                                                                     free_big_body)
                : MHD_create_response_from_buffer(rs->len, rs->body, MHD_RESPMEM_MUST_FREE);
        if (r)
            rs->body = NULL; /* MHD owns it now */
    }
    if (!r) {
        resp_free(rs);
        return MHD_NO;
    }
    add_common_headers(r, api);
    if (rs->content_type)
        MHD_add_response_header(r, "Content-Type", rs->content_type);
    for (int i = 0; i < rs->nheaders; i++)
        MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
    ret = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    resp_free(rs);
    return ret;
}

/* A response built here without the app: early 400/413 before the body is read. */
static enum MHD_Result queue_early(struct MHD_Connection *c, int status, const char *code,
                                   const char *msg)
{
    struct resp rs;
    struct err e;

    memset(&rs, 0, sizeof rs);
    err_set(&e, status == 413 ? ERR_TOO_LARGE : ERR_BAD_REQUEST, code, NULL, msg);
    resp_error(&rs, &e);
    resp_header(&rs, "Connection", "close");
    return queue(c, &rs, 1);
}

static void client_ip(struct MHD_Connection *c, char *out, size_t cap)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;

    str_copy(out, cap, "unknown");
    if (!sa)
        return;
    if (sa->sa_family == AF_INET && cap >= INET_ADDRSTRLEN) { /* by hand: inet_ntop is slow */
        const unsigned char *b =
            (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
        char *p = out;

        for (int i = 0; i < 4; i++) {
            if (b[i] >= 100)
                *p++ = (char)('0' + b[i] / 100);
            if (b[i] >= 10)
                *p++ = (char)('0' + b[i] / 10 % 10);
            *p++ = (char)('0' + b[i] % 10);
            *p++ = i < 3 ? '.' : '\0';
        }
    } else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)cap);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    const struct app *app = cls;
    struct conn_ctx *ctx = *con_cls;
    struct raw_request raw;
    struct resp rs;
    struct buf query;
    char ip[64];
    int64_t user_id = 0;
    enum MHD_Result ret;

    (void)version;
    if (!ctx) {
        struct framing_scan fs = {0};
        const char *cl;

        ctx = xcalloc(1, sizeof *ctx);
        ctx->start_us = clock_mono_us();
        ctx->limit = LIMIT_BODY_BYTES;
        *con_cls = ctx;
        atomic_fetch_add(&in_flight, 1);
        MHD_get_connection_values(c, MHD_HEADER_KIND, scan_header, &fs);
        if (fs.cl_conflict || (fs.transfer_encoding && fs.content_length) ||
            fs.transfer_encoding > 1) {
            ctx->answered = 1;
            log_access(method, url, 400, 0, 0, "-");
            return queue_early(c, 400, "bad_request", "Permintaan tidak sah");
        }
        cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (!cl && fs.transfer_encoding) /* chunked: the route's limit applies as it arrives */
            ctx->limit = app_body_limit(app, method, url);
        if (cl) {
            int64_t n;

            if (parse_int64(cl, strlen(cl), 0, INT64_MAX, &n)) {
                log_access(method, url, 400, 0, 0, "-");
                return queue_early(c, 400, "bad_request", "Content-Length tidak sah");
            }
            if (n > LIMIT_BODY_BYTES) /* only a large body looks up its route's own limit */
                ctx->limit = app_body_limit(app, method, url);
            if (n > LIMIT_BODY_DRAIN_BYTES && (size_t)n > ctx->limit) {
                ctx->too_large = 1;
                ctx->answered = 1;
                log_access(method, url, 413, 0, 0, "-");
                return queue_early(c, 413, "payload_too_large", "Isi permintaan terlalu besar");
            }
            if ((size_t)n > ctx->limit)
                ctx->too_large = 1; /* drained, then answered 413 by the dispatcher */
        }
        buf_init(&ctx->body, ctx->limit);
        return MHD_YES;
    }
    if (*upload_data_size) {
        ctx->received += *upload_data_size;
        if (!ctx->too_large) {
            buf_append(&ctx->body, upload_data, *upload_data_size);
            if (ctx->body.overflow)
                ctx->too_large = 1;
        }
        if (ctx->received > LIMIT_BODY_DRAIN_BYTES && ctx->received > ctx->limit &&
            !ctx->answered) {
            ctx->answered = 1; /* chunked and endless: answer now and close */
            *upload_data_size = 0;
            return queue_early(c, 413, "payload_too_large", "Isi permintaan terlalu besar");
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (ctx->answered)
        return MHD_YES; /* already answered */
    client_ip(c, ip, sizeof ip);
    buf_init(&query, LIMIT_URL_BYTES * 2);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &query);
    memset(&raw, 0, sizeof raw);
    raw.method = method;
    raw.target = url;
    raw.query = query.overflow ? NULL : buf_cstr(&query);
    raw.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    raw.cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
    raw.csrf_token = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    raw.ip = ip;
    raw.body = ctx->body.p ? ctx->body.p : "";
    raw.body_len = ctx->body.len;
    raw.body_too_large = ctx->too_large;
    raw.uri_too_long = query.overflow || strlen(url) + query.len > LIMIT_URL_BYTES;
    memset(&rs, 0, sizeof rs);
    app_handle(app, &raw, &rs, &user_id);
    buf_free(&query);
    log_access(method, url, rs.status, clock_mono_us() - ctx->start_us, user_id, ip);
    ret = queue(c, &rs, strncmp(url, "/api/", 5) == 0);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct conn_ctx *ctx = *con_cls;

    (void)cls, (void)c, (void)toe;
    if (!ctx)
        return;
    buf_free(&ctx->body);
    free(ctx);
    *con_cls = NULL;
    atomic_fetch_sub(&in_flight, 1);
}

/* Keep the raw bytes: url.c decodes and judges every escape itself. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    return strlen(s);
}

void server_catch_signals(void)
{
    struct sigaction sig;

    memset(&sig, 0, sizeof sig);
    sig.sa_handler = on_signal;
    sigaction(SIGTERM, &sig, NULL);
    sigaction(SIGINT, &sig, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int server_run(const struct app *app, const struct server_options *opt)
{
    struct MHD_Daemon *d;
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    const struct sockaddr *sa;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = opt->threads ? opt->threads
                                    : SERVER_THREADS_PER_CORE * (unsigned)(cores > 0 ? cores : 1);
    int64_t deadline;

    memset(&sin, 0, sizeof sin);
    memset(&sin6, 0, sizeof sin6);
    if (inet_pton(AF_INET, opt->host, &sin.sin_addr) == 1) {
        sin.sin_family = AF_INET;
        sin.sin_port = htons((uint16_t)opt->port);
        sa = (const struct sockaddr *)&sin;
    } else if (inet_pton(AF_INET6, opt->host, &sin6.sin6_addr) == 1) {
        sin6.sin6_family = AF_INET6;
        sin6.sin6_port = htons((uint16_t)opt->port);
        sa = (const struct sockaddr *)&sin6;
    } else {
        fprintf(stderr, "abdi: alamat dengar tidak sah: %s\n", opt->host);
        return 1;
    }
    d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | (sa == (const struct sockaddr *)&sin6 ? MHD_USE_IPv6 : 0),
        (uint16_t)opt->port, NULL, NULL, on_request, (void *)app,
        MHD_OPTION_SOCK_ADDR, sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, opt->timeout_s ? opt->timeout_s : LIMIT_CONNECTION_IDLE_S,
        MHD_OPTION_CONNECTION_LIMIT, opt->conn_limit ? opt->conn_limit : LIMIT_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        opt->per_ip_limit ? opt->per_ip_limit : LIMIT_CONNECTIONS_PER_IP,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)LIMIT_HEADER_BYTES,
        MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "abdi: server tidak dapat mendengar di %s:%u\n", opt->host, opt->port);
        return 1;
    }
    server_catch_signals();
    {
        char listen[96];

        snprintf(listen, sizeof listen, "%s:%u", opt->host, opt->port);
        log_event("server_started", "listen", listen, NULL);
    }
    log_buffer_start();
    while (!stop_requested) { /* the access lines reach the log within LOG_FLUSH_MS */
        struct timespec nap = {0, LOG_FLUSH_MS * 1000000L};

        nanosleep(&nap, NULL); /* a signal cuts it short */
        log_flush();
        db_pool_sweep(app->pool); /* idle threads give their kept read snapshots back */
    }
    /* stop accepting, let requests in flight finish (at most 10 s), then stop */
    MHD_quiesce_daemon(d);
    deadline = clock_mono_us() + 10 * 1000000;
    while (atomic_load(&in_flight) > 0 && clock_mono_us() < deadline)
        usleep(10000);
    MHD_stop_daemon(d);
    log_buffer_stop(); /* the server's threads are gone */
    log_event("server_stopped", NULL);
    return 0;
}
