/* server.h - the HTTP transport (libmicrohttpd). It turns MHD's several calls per request
 * into one app_handle() call with a complete, size-limited body, adds the security headers
 * to every response, writes the access log, and shuts down gracefully on SIGTERM/SIGINT. */
#ifndef ABDI_SERVER_H
#define ABDI_SERVER_H

#include "http/app.h"

struct server_options {
    const char *host; /* IPv4 or IPv6 literal */
    unsigned port;
    unsigned threads;         /* 0 = number of cores */
    unsigned per_ip_limit;    /* 0 = LIMIT_CONNECTIONS_PER_IP */
    unsigned conn_limit;      /* 0 = LIMIT_CONNECTIONS */
    unsigned timeout_s;       /* 0 = LIMIT_CONNECTION_IDLE_S */
};

/* Serve until SIGTERM or SIGINT; returns 0 on a clean stop, 1 when it could not start. */
/* SIGTERM/SIGINT ask server_run to stop (also when they arrive before it runs: call this
 * before starting other threads, e.g. the mail sender). */
void server_catch_signals(void);
int server_run(const struct app *app, const struct server_options *opt);

#endif
