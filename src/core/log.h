/* log.h - structured one-line logs on stderr, UTC times, fields escaped so that a value
 * with a newline or an escape sequence stays on one line. Never log secrets. */
#ifndef ABDI_LOG_H
#define ABDI_LOG_H

#include <stdint.h>

void log_set_quiet(int quiet);
/* From log_buffer_start() to log_buffer_stop(), access lines gather per thread and reach
 * stderr when a thread's buffer is full or at log_flush() (the caller runs it often: the
 * server every LOG_FLUSH_MS); stop flushes. Event lines are always written at once. */
#define LOG_FLUSH_MS 100
void log_buffer_start(void);
void log_flush(void);
void log_buffer_stop(void);
/* event=NAME then key=value pairs given as alternating strings, NULL-terminated. */
void log_event(const char *event, ...);
void log_access(const char *method, const char *path, int status, int64_t duration_us,
                int64_t user_id, const char *ip);

#endif
