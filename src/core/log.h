/* log.h - structured one-line logs on stderr, UTC times, fields escaped so that a value
 * with a newline or an escape sequence stays on one line. Never log secrets. */
#ifndef ABDI_LOG_H
#define ABDI_LOG_H

#include <stdint.h>

void log_set_quiet(int quiet);
/* event=NAME then key=value pairs given as alternating strings, NULL-terminated. */
void log_event(const char *event, ...);
void log_access(const char *method, const char *path, int status, int64_t duration_us,
                int64_t user_id, const char *ip);

#endif
