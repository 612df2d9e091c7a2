/* bench/hello.c — bare libmicrohttpd "hello" server, the baseline of bench/run.
 *
 * Same threading model as abdi serve: epoll with an internal thread pool of
 * one thread per core. Every GET gets 200 {"status":"ok"} as
 * application/json over a keep-alive connection; anything else gets 405.
 *
 * Usage: hello PORT   (listens on 127.0.0.1:PORT until SIGINT/SIGTERM)
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#if MHD_VERSION < 0x00097002
typedef int MHD_Result;
#else
typedef enum MHD_Result MHD_Result;
#endif

static const char BODY_OK[] = "{\"status\":\"ok\"}";
static const char BODY_405[] = "{\"error\":{\"code\":\"method_not_allowed\"}}";

static struct MHD_Response *resp_ok;
static struct MHD_Response *resp_405;

static MHD_Result answer(void *cls, struct MHD_Connection *conn,
                         const char *url, const char *method,
                         const char *version, const char *upload_data,
                         size_t *upload_data_size, void **req_cls)
{
    (void)cls;
    (void)url;
    (void)version;
    (void)upload_data;

    /* First call per request: headers only. Mark and wait for the body. */
    if (*req_cls == NULL) {
        *req_cls = (void *)1;
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        *upload_data_size = 0; /* discard any body */
        return MHD_YES;
    }
    if (strcmp(method, MHD_HTTP_METHOD_GET) == 0)
        return MHD_queue_response(conn, MHD_HTTP_OK, resp_ok);
    return MHD_queue_response(conn, MHD_HTTP_METHOD_NOT_ALLOWED, resp_405);
}

static struct MHD_Response *json_response(const char *body, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (r == NULL)
        return NULL;
    if (MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                                "application/json") != MHD_YES) {
        MHD_destroy_response(r);
        return NULL;
    }
    return r;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    char *end = NULL;
    errno = 0;
    long port = strtol(argv[1], &end, 10);
    if (errno != 0 || end == argv[1] || *end != '\0' || port < 1 ||
        port > 65535) {
        fprintf(stderr, "hello: bad port: %s\n", argv[1]);
        return 2;
    }

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1)
        cores = 1;

    resp_ok = json_response(BODY_OK, sizeof BODY_OK - 1);
    resp_405 = json_response(BODY_405, sizeof BODY_405 - 1);
    if (resp_ok == NULL || resp_405 == NULL) {
        fprintf(stderr, "hello: cannot create responses\n");
        return 1;
    }
    (void)MHD_add_response_header(resp_405, MHD_HTTP_HEADER_ALLOW, "GET");

    /* Block the stop signals in every thread (MHD's threads inherit the
     * mask) so that sigwait() below is the one place that receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0) {
        fprintf(stderr, "hello: cannot block signals\n");
        return 1;
    }

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
        (uint16_t)port, NULL, NULL, answer, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cores,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "hello: cannot listen on 127.0.0.1:%ld\n", port);
        return 1;
    }
    fprintf(stderr, "hello: listening on 127.0.0.1:%ld, %ld threads\n", port,
            cores);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) {
    }

    MHD_stop_daemon(d);
    MHD_destroy_response(resp_ok);
    MHD_destroy_response(resp_405);
    return 0;
}
