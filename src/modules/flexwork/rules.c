/* rules.c - the pure rules of flexible work: minutes due per day under the 37.5-hour week
 * (Perpres 21/2023, Ramadan 32.5 h), "HH:MM" times, time zones, ISO weeks, the checks of a
 * unit's policy and of an arrangement's days (at most 2 WFH/WFA days a week, PermenPAN-RB
 * 4/2025), the minimum on-site staffing of a day and the JSON of the module's records.
 * No I/O, no clock. */
#include "modules/flexwork/flexwork.h"

#include <stdio.h>
#include <string.h>

#include "modules/calendar/calendar.h"
#include "modules/employee/employee.h"
#include "modules/flexwork/flexwork_int.h"

int flexwork_required_minutes(int work_days, int weekday, int ramadan)
{
    if ((work_days != 5 && work_days != 6) || weekday < 1 || weekday > 7)
        return -1;
    if (weekday == 7 || (weekday == 6 && work_days == 5))
        return 0;
    /* 37.5 h = 2250 min, Ramadan 32.5 h = 1950 min, spread evenly over the week */
    return (ramadan ? 1950 : 2250) / work_days;
}

int flexwork_weekday(int64_t day)
{
    /* 1970-01-01 was a Thursday (4) */
    return (int)(((day % 7) + 7 + 3) % 7) + 1;
}

int flexwork_hhmm(const char *s)
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

void flexwork_hhmm_format(int minutes, char out[6])
{
    if (minutes < 0 || minutes >= 24 * 60)
        minutes = 0;
    snprintf(out, 6, "%02d:%02d", minutes / 60, minutes % 60);
}

int flexwork_tz_offset(const char *tz)
{
    static const struct {
        const char *name;
        int offset;
    } zones[] = {{"Asia/Jakarta", 420},
                 {"Asia/Pontianak", 420},
                 {"Asia/Makassar", 480},
                 {"Asia/Jayapura", 540}};

    for (size_t i = 0; tz && i < sizeof zones / sizeof zones[0]; i++)
        if (strcmp(tz, zones[i].name) == 0)
            return zones[i].offset;
    return -1;
}

int flexwork_iso_week(const char *s, int64_t *monday)
{
    char jan4[16];
    int64_t d4;
    int year, week;

    if (!s || strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
        return -1;
    for (int i = 0; i < 8; i++)
        if (i != 4 && i != 5 && (s[i] < '0' || s[i] > '9'))
            return -1;
    year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    week = (s[6] - '0') * 10 + (s[7] - '0');
    if (year < 1 || week < 1 || week > 53)
        return -1;
    snprintf(jan4, sizeof jan4, "%04d-01-04", year);
    if (calendar_day(jan4, &d4))
        return -1;
    /* week 1 holds 4 January; week 53 exists only when the next year's week 1 starts later */
    *monday = d4 - (flexwork_weekday(d4) - 1) + (int64_t)(week - 1) * 7;
    if (week == 53) {
        char next[16];
        int64_t n4;

        if (year >= 9999)
            return -1;
        snprintf(next, sizeof next, "%04d-01-04", (year + 1) % 10000);
        if (calendar_day(next, &n4) || *monday >= n4 - (flexwork_weekday(n4) - 1))
            return -1;
    }
    return 0;
}

#define DAY_MIN 300 /* 05:00: earliest start allowed */
#define DAY_MAX 720 /* 12:00: latest start allowed */

enum err_code flexwork_point_check(double lat, double lon, const char *lat_field,
                                   const char *lon_field, struct err *e)
{
    if (!(lat >= -90.0 && lat <= 90.0))
        return err_invalid(e, lat_field, "Lintang harus antara -90 dan 90");
    if (!(lon >= -180.0 && lon <= 180.0))
        return err_invalid(e, lon_field, "Bujur harus antara -180 dan 180");
    return ERR_OK;
}

enum err_code flexwork_policy_check(const struct flexwork_policy *p, struct err *e)
{
    if (p->min_onsite_pct < 0 || p->min_onsite_pct > 100)
        return err_invalid(e, "min_onsite_ratio", "Rasio minimum di kantor harus 0 sampai 1");
    if (p->min_onsite_count < 0 || p->min_onsite_count > 100000)
        return err_invalid(e, "min_onsite_count", "Jumlah minimum di kantor tidak valid");
    if (p->max_remote_days < 0 || p->max_remote_days > FLEXWORK_REMOTE_DAYS_MAX)
        return err_invalid(e, "max_remote_days",
                           "Kerja di luar kantor paling banyak 2 hari seminggu");
    if (p->start_from < DAY_MIN || p->start_to > DAY_MAX || p->start_from >= p->start_to)
        return err_invalid(e, "start_window",
                           "Rentang jam mulai harus [mulai, selesai] antara 05:00 dan 12:00");
    if (p->core_from || p->core_to) {
        if (p->core_from < p->start_to || p->core_to <= p->core_from)
            return err_invalid(e, "core_hours",
                               "Jam inti harus dimulai setelah rentang jam mulai berakhir");
    }
    if (p->fixed_start < DAY_MIN || p->fixed_start > DAY_MAX)
        return err_invalid(e, "fixed_start", "Jam mulai tetap harus antara 05:00 dan 12:00");
    if (p->remote_radius_m < 10 || p->remote_radius_m > 5000)
        return err_invalid(e, "remote_radius_m", "Radius harus 10 sampai 5000 meter");
    if (flexwork_tz_offset(p->timezone) < 0)
        return err_invalid(e, "timezone",
                           "Zona waktu harus Asia/Jakarta, Asia/Makassar atau Asia/Jayapura");
    if (p->n_fences > FLEXWORK_FENCES_MAX)
        return err_invalid(e, "geofences", "Paling banyak 10 titik kantor");
    for (size_t i = 0; i < p->n_fences; i++) {
        char lat[48], lon[48], rad[48];
        const struct flexwork_fence *f = &p->fences[i];
        enum err_code rc;

        snprintf(lat, sizeof lat, "geofences[%d].lat", (int)i);
        snprintf(lon, sizeof lon, "geofences[%d].lon", (int)i);
        snprintf(rad, sizeof rad, "geofences[%d].radius_m", (int)i);
        rc = flexwork_point_check(f->lat, f->lon, lat, lon, e);
        if (rc)
            return rc;
        if (!(f->radius_m >= 10.0 && f->radius_m <= 5000.0))
            return err_invalid(e, rad, "Radius harus 10 sampai 5000 meter");
    }
    return ERR_OK;
}

int flexwork_onsite_required(int staff, int pct, int count)
{
    int need;

    if (staff <= 0)
        return 0;
    need = (staff * pct + 99) / 100;
    if (count > need)
        need = count;
    return need > staff ? staff : need;
}

int flexwork_onsite_short(const char *const *modes, size_t n, const struct flexwork_policy *p,
                          int *required, int *onsite)
{
    int on = 0, staff = 0, need;

    for (size_t i = 0; i < n; i++) {
        staff += modes[i] != NULL;
        on += modes[i] && strcmp(modes[i], "WFO") == 0;
    }
    need = flexwork_onsite_required(staff, p->min_onsite_pct, p->min_onsite_count);
    if (required)
        *required = need;
    if (onsite)
        *onsite = on;
    return on >= need ? 0 : need - on;
}

int flexwork_mode_remote(const char *mode)
{
    return mode && (strcmp(mode, "WFH") == 0 || strcmp(mode, "WFA") == 0);
}

enum err_code flexwork_mode_check(const char *mode, const char *field, struct err *e)
{
    if (!mode || (strcmp(mode, "WFO") != 0 && !flexwork_mode_remote(mode)))
        return err_invalid(e, field, "Mode kerja harus WFO, WFH atau WFA");
    return ERR_OK;
}

int flexwork_remote_count(const char *const modes[7])
{
    int n = 0;

    for (int i = 0; i < 7; i++)
        n += flexwork_mode_remote(modes[i]);
    return n;
}

enum err_code flexwork_days_check(const struct flexwork_arr_day days[7], int work_days,
                                  int max_remote, struct err *e)
{
    const char *modes[7] = {0};
    char field[48];
    enum err_code rc;

    for (int i = 0; i < 7; i++) {
        const struct flexwork_arr_day *d = &days[i];

        snprintf(field, sizeof field, "days[%d].mode", i);
        rc = flexwork_mode_check(d->mode, field, e);
        if (rc)
            return rc;
        if (strcmp(d->mode, "WFA") == 0 && (!d->place || !*d->place)) {
            snprintf(field, sizeof field, "days[%d].place", i);
            return err_invalid(e, field, "Tempat kerja WFA wajib diisi");
        }
        if (d->has_point) {
            char lon[48];

            snprintf(field, sizeof field, "days[%d].lat", i);
            snprintf(lon, sizeof lon, "days[%d].lon", i);
            rc = flexwork_point_check(d->lat, d->lon, field, lon, e);
            if (rc)
                return rc;
        }
        if (!d->flexible && (d->start < DAY_MIN || d->start > DAY_MAX)) {
            snprintf(field, sizeof field, "days[%d].start", i);
            return err_invalid(e, field, "Jam mulai harus antara 05:00 dan 12:00");
        }
        /* a rest day of the unit never counts against the weekly limit */
        if (flexwork_required_minutes(work_days, d->weekday, 0) > 0)
            modes[i] = d->mode;
    }
    if (flexwork_remote_count(modes) > max_remote) {
        char msg[96];

        snprintf(msg, sizeof msg, "Kerja di luar kantor paling banyak %d hari seminggu",
                 max_remote);
        return err_invalid(e, "days", msg);
    }
    return ERR_OK;
}

/* ---- JSON ---- */

static json_t *window_json(int from, int to)
{
    char a[6], b[6];

    if (!from && !to)
        return json_null();
    flexwork_hhmm_format(from, a);
    flexwork_hhmm_format(to, b);
    return json_pack("[s,s]", a, b);
}

static json_t *hhmm_json(int minutes)
{
    char s[6];

    flexwork_hhmm_format(minutes, s);
    return json_string(s);
}

json_t *flexwork_policy_json(const struct flexwork_policy *p)
{
    json_t *fences = json_array(), *positions = json_array();

    for (size_t i = 0; i < p->n_fences; i++)
        json_array_append_new(fences,
                              json_pack("{s:f,s:f,s:f}", "lat", p->fences[i].lat, "lon",
                                        p->fences[i].lon, "radius_m", p->fences[i].radius_m));
    for (size_t i = 0; i < p->n_positions; i++)
        json_array_append_new(positions, json_integer(p->positions[i]));
    return json_pack(
        "{s:o,s:b,s:f,s:i,s:i,s:o,s:o,s:o,s:i,s:o,s:s,s:o,s:o,s:o}", "policy_unit_id",
        json_id_or_null(p->unit_id), "flexible_allowed", p->flexible_allowed, "min_onsite_ratio",
        p->min_onsite_pct / 100.0, "min_onsite_count", p->min_onsite_count, "max_remote_days",
        p->max_remote_days, "start_window", window_json(p->start_from, p->start_to), "core_hours",
        window_json(p->core_from, p->core_to), "fixed_start", hhmm_json(p->fixed_start),
        "remote_radius_m", p->remote_radius_m, "geofences", fences, "timezone",
        p->timezone ? p->timezone : "Asia/Jakarta", "flexible_positions", positions, "updated_at",
        p->updated_at ? json_time(p->updated_at) : json_null(), "updated_by",
        json_id_or_null(p->updated_by));
}

static json_t *point_or_null(int has, double v)
{
    return has ? json_real(v) : json_null();
}

json_t *flexwork_arrangement_json(const struct flexwork_arrangement *x)
{
    json_t *days = json_array();

    for (int i = 0; i < 7; i++) {
        const struct flexwork_arr_day *d = &x->days[i];

        json_array_append_new(days, json_pack("{s:i,s:s,s:o,s:o,s:o,s:b,s:o}", "weekday", i + 1,
                                              "mode", d->mode, "place", json_str_or_null(d->place),
                                              "lat", point_or_null(d->has_point, d->lat), "lon",
                                              point_or_null(d->has_point, d->lon), "flexible",
                                              d->flexible, "start",
                                              d->flexible ? json_null() : hhmm_json(d->start)));
    }
    return json_pack(
        "{s:I,s:I,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)x->id, "employee_id",
        (json_int_t)x->employee_id, "valid_from", x->valid_from, "valid_to",
        json_str_or_null(x->valid_to), "status", x->status, "note", json_str_or_null(x->note),
        "decision_reason", json_str_or_null(x->decision_reason), "days", days, "created_at",
        json_time(x->created_at), "approver_employee_id", json_id_or_null(x->approver_employee_id),
        "decided_at", x->decided_at ? json_time(x->decided_at) : json_null(), "decided_by",
        json_id_or_null(x->decided_by));
}

json_t *flexwork_request_json(const struct flexwork_request *r)
{
    return json_pack("{s:I,s:I,s:o,s:o,s:o,s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:o}", "id",
                     (json_int_t)r->id, "employee_id", (json_int_t)r->employee_id, "employee_name",
                     json_str_or_null(r->employee_name), "employee_nip",
                     json_str_or_null(r->employee_nip), "approver_employee_id",
                     json_id_or_null(r->approver_employee_id), "unit_id", (json_int_t)r->unit_id,
                     "date", r->date, "mode", r->mode, "place", json_str_or_null(r->place), "lat",
                     point_or_null(r->has_point, r->lat), "lon",
                     point_or_null(r->has_point, r->lon), "reason", json_str_or_null(r->reason),
                     "status", r->status, "decision_reason", json_str_or_null(r->decision_reason),
                     "decided_by", json_id_or_null(r->decided_by), "decided_at",
                     r->decided_at ? json_time(r->decided_at) : json_null(), "created_at",
                     json_time(r->created_at));
}

json_t *flexwork_day_json(const struct flexwork_day *d)
{
    json_t *fences = json_array();

    for (size_t i = 0; i < d->n_fences; i++)
        json_array_append_new(fences,
                              json_pack("{s:f,s:f,s:f}", "lat", d->fences[i].lat, "lon",
                                        d->fences[i].lon, "radius_m", d->fences[i].radius_m));
    return json_pack("{s:b,s:s,s:b,s:o,s:o,s:i,s:i,s:s,s:o,s:o,s:I}", "working", d->working, "mode",
                     d->mode, "flexible", d->flexible, "start_window",
                     window_json(d->start_from, d->start_to), "core_hours",
                     window_json(d->core_from, d->core_to), "required_minutes", d->required_minutes,
                     "utc_offset_min", d->utc_offset_min, "timezone",
                     d->timezone ? d->timezone : "Asia/Jakarta", "fences", fences, "place",
                     json_str_or_null(d->place), "unit_id", (json_int_t)d->unit_id);
}

void flexwork_mode_copy(char dst[4], const char *mode)
{
    memcpy(dst, flexwork_mode_remote(mode) ? mode : "WFO", 3);
    dst[3] = '\0';
}

void flexwork_date_text(int64_t day, char out[11])
{
    employee_date_format(employee_date_from_epoch(day * 86400), out);
}
