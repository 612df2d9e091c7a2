/* clock.h - the one source of "now" for the server, and RFC 3339 formatting.
 * Rules never call it: they take time as an argument. For tests only, the environment
 * variable ABDI_TEST_CLOCK_FILE names a file holding an offset in seconds that is added to
 * the real clock (it lets an API test age a session by 31 minutes without waiting). */
#ifndef ABDI_CLOCK_H
#define ABDI_CLOCK_H

#include <stddef.h>
#include <stdint.h>

void clock_init(void);
/* Seconds since the epoch, UTC, with the test offset when configured. */
int64_t clock_now(void);
/* Monotonic microseconds, for durations. */
int64_t clock_mono_us(void);
/* "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void clock_rfc3339(int64_t t, char *out, size_t cap);
/* Parse "YYYY-MM-DD" as the UTC midnight of that day; -1 if not a real date. */
int clock_parse_date(const char *s, int64_t *out);

#endif
