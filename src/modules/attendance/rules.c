/* rules.c - attendance rules without I/O: the geofence (haversine and the accuracy rule),
 * local days and minutes in the unit's time zone, late/early/worked minutes, the day's status,
 * weekly hours, the month's totals and the discipline thresholds of domain.md §11. */
#include "modules/attendance/attendance.h"

#include <math.h>
#include <string.h>

#include "modules/calendar/calendar.h"
#include "modules/employee/employee.h"

#define EARTH_RADIUS_M 6371008.8
#define DEG (3.14159265358979323846 / 180.0)

double att_distance_m(double lat1, double lon1, double lat2, double lon2)
{
    double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
    double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
    double h = s1 * s1 + cos(lat1 * DEG) * cos(lat2 * DEG) * s2 * s2;

    if (h > 1.0)
        h = 1.0;
    return 2.0 * EARTH_RADIUS_M * asin(sqrt(h));
}

int att_inside(double lat, double lon, double accuracy_m, const struct att_fence *f, size_t n)
{
    double credit = accuracy_m < ATT_ACCURACY_CREDIT_M ? accuracy_m : ATT_ACCURACY_CREDIT_M;

    if (!(accuracy_m >= 0.0) || accuracy_m > ATT_ACCURACY_MAX_M)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (att_distance_m(lat, lon, f[i].lat, f[i].lon) <= f[i].radius_m + credit)
            return 1;
    return 0;
}

enum err_code att_fix_check(double lat, double lon, double accuracy_m, struct err *e)
{
    if (!isfinite(lat) || lat < -90.0 || lat > 90.0)
        return err_invalid(e, "lat", "Lintang harus antara -90 dan 90");
    if (!isfinite(lon) || lon < -180.0 || lon > 180.0)
        return err_invalid(e, "lon", "Bujur harus antara -180 dan 180");
    if (!isfinite(accuracy_m) || accuracy_m <= 0.0 || accuracy_m > 100000.0)
        return err_invalid(e, "accuracy_m",
                           "Akurasi harus lebih dari 0 dan paling besar 100000 meter");
    return ERR_OK;
}

/* floor division for possibly negative seconds */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void att_local_day(int64_t t, int utc_offset_min, char out[11])
{
    int64_t local = t + (int64_t)utc_offset_min * 60;

    employee_date_format(employee_date_from_epoch(floor_div(local, 86400) * 86400), out);
}

int att_local_minute(int64_t t, int utc_offset_min)
{
    int64_t local = t + (int64_t)utc_offset_min * 60;

    return (int)((local - floor_div(local, 86400) * 86400) / 60);
}

int64_t att_day_start(const char *day, int utc_offset_min)
{
    int64_t d;

    if (!day || calendar_day(day, &d))
        return -1;
    return d * 86400 - (int64_t)utc_offset_min * 60;
}

int att_minutes_in_day(int64_t t, const char *day, int utc_offset_min)
{
    int64_t start = att_day_start(day, utc_offset_min);

    return (int)floor_div(t - start, 60);
}

int att_hhmm(const char *s)
{
    int h, m;

    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59)
        return -1;
    return h * 60 + m;
}

int att_weekday(const char *day)
{
    int64_t d;

    if (!day || calendar_day(day, &d))
        return -1;
    /* day 0 (1970-01-01) was a Thursday (3 when Monday is 0) */
    return (int)(((d % 7) + 7 + 3) % 7);
}

int att_break_minutes(int weekday, int required_minutes)
{
    int ramadan = required_minutes > 0 && required_minutes <= 390;

    if (weekday == 4)
        return ramadan ? 60 : 90;
    return ramadan ? 30 : 60;
}

void att_times(const struct att_schedule *s, int in_min, int out_min, struct att_times *out)
{
    memset(out, 0, sizeof *out);
    if (in_min < 0)
        return;
    if (in_min > s->start_to)
        out->late_minutes = in_min - s->start_to;
    if (out_min < 0 || out_min < in_min)
        return;
    {
        int start_used = in_min < s->start_from ? s->start_from
                         : in_min > s->start_to ? s->start_to
                                                : in_min;
        int due_end = start_used + s->required_minutes + s->break_minutes;
        int worked = out_min - in_min - s->break_minutes;

        /* a late start is counted once, as lateness: the due end stays at start_to + day */
        if (out_min < due_end)
            out->early_minutes = due_end - out_min;
        out->worked_minutes = worked > 0 ? worked : 0;
        if (out->worked_minutes < s->required_minutes)
            out->short_minutes = s->required_minutes - out->worked_minutes;
    }
}

const char *att_status_name(enum att_status s)
{
    static const char *const names[] = {"present", "late",    "left_early", "short", "leave",
                                        "duty",    "holiday", "absent",     "open"};

    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "absent";
}

enum att_status att_day_status(int working, int on_leave, int on_duty, int checked_in,
                               int checked_out, const struct att_times *t, int day_over)
{
    if (!working)
        return ATT_HOLIDAY;
    if (on_leave)
        return ATT_LEAVE;
    if (on_duty)
        return ATT_DUTY;
    if (!checked_in)
        return day_over ? ATT_ABSENT : ATT_OPEN;
    if (t->late_minutes > 0)
        return ATT_LATE;
    if (!checked_out)
        return day_over ? ATT_SHORT : ATT_PRESENT;
    if (t->early_minutes > 0)
        return ATT_LEFT_EARLY;
    if (t->short_minutes > 0)
        return ATT_SHORT;
    return ATT_PRESENT;
}

void att_week_sum(const int *worked, const int *required, size_t ndays, struct att_week *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < ndays; i++) {
        out->worked_minutes += worked[i];
        out->required_minutes += required ? required[i] : 0;
    }
    if (!required)
        out->required_minutes = ATT_WEEK_MINUTES;
    out->balance_minutes = out->worked_minutes - out->required_minutes;
}

void att_month_add(const struct att_day *days, size_t n, struct attendance_month *m)
{
    for (size_t i = 0; i < n; i++) {
        const struct att_day *d = &days[i];
        int excused = d->on_leave || d->on_duty;

        if (!d->working)
            continue;
        m->working_days++;
        if (d->on_leave)
            m->leave_days++;
        else if (d->on_duty)
            m->duty_days++;
        if (excused)
            continue;
        m->required_minutes += d->required_minutes;
        if (d->checked_in) {
            m->present_days++;
            m->late_minutes += d->t.late_minutes;
            m->early_minutes += d->t.early_minutes;
            m->worked_minutes += d->t.worked_minutes;
        } else if (d->over) {
            m->absent_days++;
        }
    }
}

void att_discipline(int absent_days, int max_consecutive, struct att_discipline_result *out)
{
    static const struct {
        int from;
        enum att_discipline level;
    } steps[] = {
        {28, ATT_DISC_DISCHARGE},      {25, ATT_DISC_PELAKSANA}, {21, ATT_DISC_DEMOTION},
        {17, ATT_DISC_TPP_CUT_12},     {14, ATT_DISC_TPP_CUT_9}, {11, ATT_DISC_TPP_CUT_6},
        {7, ATT_DISC_DISSATISFACTION}, {4, ATT_DISC_WRITTEN},    {3, ATT_DISC_VERBAL},
    };

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (absent_days >= steps[i].from) {
            out->level = steps[i].level;
            break;
        }
    if (max_consecutive >= 10) {
        out->level = ATT_DISC_DISCHARGE;
        out->salary_stop = 1;
    }
}

const char *att_discipline_code(enum att_discipline d)
{
    static const char *const codes[] = {
        "none",         "verbal_warning", "written_warning", "written_dissatisfaction",
        "tpp_cut_6",    "tpp_cut_9",      "tpp_cut_12",      "demotion_12",
        "pelaksana_12", "discharge",
    };

    return (unsigned)d < sizeof codes / sizeof codes[0] ? codes[d] : "none";
}

const char *att_discipline_text(enum att_discipline d)
{
    static const char *const texts[] = {
        "Tidak ada sanksi",
        "Teguran lisan",
        "Teguran tertulis",
        "Pernyataan tidak puas secara tertulis",
        "Pemotongan TPP 25% selama 6 bulan",
        "Pemotongan TPP 25% selama 9 bulan",
        "Pemotongan TPP 25% selama 12 bulan",
        "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
        "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
        "Pemberhentian dengan hormat tidak atas permintaan sendiri",
    };

    return (unsigned)d < sizeof texts / sizeof texts[0] ? texts[d] : texts[0];
}

int att_month_range(const char *month, char first[11], char last[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m = 0, d;

    if (!month || strlen(month) != 7 || month[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++) {
        if (i == 4)
            continue;
        if (month[i] < '0' || month[i] > '9')
            return -1;
        if (i < 4)
            y = y * 10 + (month[i] - '0');
        else
            m = m * 10 + (month[i] - '0');
    }
    if (y < 1900 || y > 2999 || m < 1 || m > 12)
        return -1;
    d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    memcpy(first, month, 7);
    memcpy(first + 7, "-01", 4);
    memcpy(last, month, 7);
    last[7] = '-';
    last[8] = (char)('0' + d / 10);
    last[9] = (char)('0' + d % 10);
    last[10] = '\0';
    return 0;
}
