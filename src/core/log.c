/* log.c - escaped key=value log lines on stderr. An event line is one write(); the access
 * lines of the server's threads, while log_buffer_start() is in force, gather in a buffer per
 * thread that is written when full and by log_flush() (the server's main thread, every
 * LOG_FLUSH_MS): one write() per line had been a tenth of the kernel time of a request. A
 * buffer holds whole lines only, so that lines of threads never interleave. */
#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/limits.h"
#include "core/mem.h"
#include "core/str.h"

#define LOG_TBUF_BYTES 8192

static int log_quiet;

void log_set_quiet(int quiet)
{
    log_quiet = quiet;
}

/* A line being written: a fixed array, cut (and then dropped) when full. */
struct line {
    char p[LIMIT_LOG_LINE_BYTES];
    size_t len;
    int overflow;
};

static void put_mem(struct line *l, const char *s, size_t n)
{
    if (l->overflow || n > sizeof l->p - l->len) {
        l->overflow = 1;
        return;
    }
    memcpy(l->p + l->len, s, n);
    l->len += n;
}

static void put_str(struct line *l, const char *s)
{
    put_mem(l, s, strlen(s));
}

static void put_char(struct line *l, char c)
{
    put_mem(l, &c, 1);
}

static void put_int(struct line *l, int64_t v)
{
    char d[STR_INT64_CAP];
    char *p = str_int64(d, v);

    put_mem(l, p, (size_t)(d + sizeof d - p));
}

/* Quote and escape: control bytes and quotes become \xNN / \" ; the value is cut at 256. */
static void put_value(struct line *l, const char *v)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = 0, run;

    put_char(l, '"');
    while (v && *v && n < 256) {
        for (run = 0; n + run < 256; run++) { /* the longest run that needs no escape */
            unsigned char c = (unsigned char)v[run];

            if (c == 0 || c < 0x20 || c == 0x7f || c == '"' || c == '\\')
                break;
        }
        put_mem(l, v, run);
        v += run;
        n += run;
        if (*v && n < 256) {
            char esc[4] = {'\\', 'x', hex[(unsigned char)*v >> 4], hex[(unsigned char)*v & 15]};

            put_mem(l, esc, sizeof esc);
            v++;
            n++;
        }
    }
    put_char(l, '"');
}

/* "time=" and the UTC second, formatted once per second and thread. */
static void put_time(struct line *l)
{
    static _Thread_local int64_t last = -1;
    static _Thread_local char ts[32];
    int64_t now = clock_now();

    if (now != last) {
        clock_rfc3339(now, ts, sizeof ts);
        last = now;
    }
    put_str(l, "time=");
    put_str(l, ts);
}

/* A new line: empty, then its time. */
static void line_begin(struct line *l)
{
    l->len = 0;
    l->overflow = 0;
    put_time(l);
}

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(2, p, n);

        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* ------------------------------------------------------ per-thread buffers -- */

struct tbuf {
    pthread_mutex_t mu;
    size_t len;
    struct tbuf *next;
    char data[LOG_TBUF_BYTES];
};

static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static struct tbuf *reg_head; /* under reg_mu */
static atomic_int buffered;
static atomic_uint generation; /* a thread's buffer of an earlier start is gone */
static _Thread_local struct tbuf *mine;
static _Thread_local unsigned mine_gen;

static struct tbuf *own_buffer(void)
{
    unsigned gen = atomic_load(&generation);

    if (mine && mine_gen == gen)
        return mine;
    mine = xcalloc(1, sizeof *mine);
    pthread_mutex_init(&mine->mu, NULL);
    mine_gen = gen;
    pthread_mutex_lock(&reg_mu);
    mine->next = reg_head;
    reg_head = mine;
    pthread_mutex_unlock(&reg_mu);
    return mine;
}

static void emit(struct line *l, int may_buffer)
{
    struct tbuf *t;

    put_char(l, '\n');
    if (l->overflow || log_quiet)
        return;
    if (!may_buffer || !atomic_load(&buffered)) {
        write_all(l->p, l->len);
        return;
    }
    t = own_buffer();
    pthread_mutex_lock(&t->mu);
    if (t->len + l->len > sizeof t->data) {
        write_all(t->data, t->len);
        t->len = 0;
    }
    memcpy(t->data + t->len, l->p, l->len);
    t->len += l->len;
    pthread_mutex_unlock(&t->mu);
}

void log_flush(void)
{
    pthread_mutex_lock(&reg_mu);
    for (struct tbuf *t = reg_head; t; t = t->next) {
        pthread_mutex_lock(&t->mu);
        write_all(t->data, t->len);
        t->len = 0;
        pthread_mutex_unlock(&t->mu);
    }
    pthread_mutex_unlock(&reg_mu);
}

void log_buffer_start(void)
{
    atomic_store(&buffered, 1);
}

void log_buffer_stop(void)
{
    struct tbuf *t, *next;

    atomic_store(&buffered, 0);
    atomic_fetch_add(&generation, 1);
    log_flush();
    pthread_mutex_lock(&reg_mu);
    for (t = reg_head; t; t = next) {
        next = t->next;
        pthread_mutex_destroy(&t->mu);
        free(t);
    }
    reg_head = NULL;
    pthread_mutex_unlock(&reg_mu);
}

/* ------------------------------------------------------------------ lines -- */

void log_event(const char *event, ...)
{
    struct line l;
    va_list ap;
    const char *k, *v;

    line_begin(&l);
    put_str(&l, " event=");
    put_value(&l, event);
    va_start(ap, event);
    while ((k = va_arg(ap, const char *)) != NULL) {
        v = va_arg(ap, const char *);
        put_char(&l, ' ');
        put_str(&l, k);
        put_char(&l, '=');
        put_value(&l, v);
    }
    va_end(ap);
    emit(&l, 0);
}

void log_access(const char *method, const char *path, int status, int64_t duration_us,
                int64_t user_id, const char *ip)
{
    struct line l;

    line_begin(&l);
    put_str(&l, " event=\"access\" method=");
    put_value(&l, method);
    put_str(&l, " path=");
    put_value(&l, path);
    put_str(&l, " status=");
    put_int(&l, status);
    put_str(&l, " duration_us=");
    put_int(&l, duration_us);
    put_str(&l, " user_id=");
    put_int(&l, user_id);
    put_str(&l, " ip=");
    put_value(&l, ip);
    emit(&l, 1);
}
