/* log.c - escaped key=value log lines, one write() per line so threads do not interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/limits.h"

static int log_quiet;

void log_set_quiet(int quiet)
{
    log_quiet = quiet;
}

/* Quote and escape: control bytes and quotes become \xNN / \" ; the value is cut at 256. */
static void put_value(struct buf *b, const char *v)
{
    size_t n = 0;

    buf_putc(b, '"');
    for (; v && *v && n < 256; v++, n++) {
        unsigned char c = (unsigned char)*v;

        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

static void emit(struct buf *b)
{
    ssize_t w;

    buf_putc(b, '\n');
    if (!b->overflow && !log_quiet)
        w = write(2, b->p, b->len);
    else
        w = 0;
    (void)w;
    buf_free(b);
}

static void put_time(struct buf *b)
{
    char ts[32];

    clock_rfc3339(clock_now(), ts, sizeof ts);
    buf_printf(b, "time=%s", ts);
}

void log_event(const char *event, ...)
{
    struct buf b;
    va_list ap;
    const char *k, *v;

    buf_init(&b, LIMIT_LOG_LINE_BYTES);
    put_time(&b);
    buf_puts(&b, " event=");
    put_value(&b, event);
    va_start(ap, event);
    while ((k = va_arg(ap, const char *)) != NULL) {
        v = va_arg(ap, const char *);
        buf_printf(&b, " %s=", k);
        put_value(&b, v);
    }
    va_end(ap);
    emit(&b);
}

void log_access(const char *method, const char *path, int status, int64_t duration_us,
                int64_t user_id, const char *ip)
{
    struct buf b;

    buf_init(&b, LIMIT_LOG_LINE_BYTES);
    put_time(&b);
    buf_puts(&b, " event=\"access\" method=");
    put_value(&b, method);
    buf_puts(&b, " path=");
    put_value(&b, path);
    buf_printf(&b, " status=%d duration_us=%lld user_id=%lld ip=", status,
               (long long)duration_us, (long long)user_id);
    put_value(&b, ip);
    emit(&b);
}
