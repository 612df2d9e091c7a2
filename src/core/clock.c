/* clock.c - wall and monotonic clocks, the test offset, RFC 3339 in UTC. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"

static const char *test_clock_file;

void clock_init(void)
{
    const char *f = getenv("ABDI_TEST_CLOCK_FILE");

    test_clock_file = (f && *f) ? f : NULL;
}

static int64_t test_offset(void)
{
    FILE *f;
    char line[32];
    int64_t v = 0;

    if (!test_clock_file)
        return 0;
    f = fopen(test_clock_file, "r");
    if (!f)
        return 0;
    if (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");

        if (parse_int64(line, n, -100000000, 100000000, &v))
            v = 0;
    }
    fclose(f);
    return v;
}

int64_t clock_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec + test_offset();
}

int64_t clock_mono_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Written by hand for the years 1970..9999 (the civil date of a day number, as in
 * H. Hinnant's "days_from_civil" inverse): gmtime_r + strftime were a tenth of the cost of a
 * log line and of a record's two timestamps. Other times go through gmtime_r. */
void clock_rfc3339(int64_t t, char *out, size_t cap)
{
    if (t >= 0 && t < INT64_C(253402300800) && cap >= 21) {
        int64_t days = t / 86400, sec = t % 86400, z = days + 719468;
        int64_t era = z / 146097, doe = z - era * 146097;
        int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
        int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
        int y = (int)(yoe + era * 400 + (m <= 2));
        int v[6] = {y, m, d, (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60)};
        char *p = out;

        p[0] = (char)('0' + y / 1000), p[1] = (char)('0' + y / 100 % 10);
        p[2] = (char)('0' + y / 10 % 10), p[3] = (char)('0' + y % 10);
        p += 4;
        for (int i = 1; i < 6; i++) {
            *p++ = "?--T::"[i];
            *p++ = (char)('0' + v[i] / 10);
            *p++ = (char)('0' + v[i] % 10);
        }
        *p++ = 'Z';
        *p = '\0';
        return;
    }
    {
        time_t tt = (time_t)t;
        struct tm tm;

        gmtime_r(&tt, &tm);
        strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 ? 28 + leap : d[m - 1];
}

int clock_parse_date(const char *s, int64_t *out)
{
    int64_t y, m, d;
    struct tm tm;

    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (parse_int64(s, 4, 1900, 2999, &y) || parse_int64(s + 5, 2, 1, 12, &m) ||
        parse_int64(s + 8, 2, 1, 31, &d))
        return -1;
    if (d > days_in_month((int)y, (int)m))
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)y - 1900;
    tm.tm_mon = (int)m - 1;
    tm.tm_mday = (int)d;
    *out = (int64_t)timegm(&tm);
    return 0;
}
