/* store.c - all SQL of the calendar: a unit's work week, the holidays (list by year, one,
 * insert, update, delete), the working-day count of a unit (the week and the holidays of the
 * range in one statement: it runs on every leave request) and the 2026 demo holidays. */
#include "modules/calendar/calendar.h"

#include <stdio.h>
#include <string.h>

/* One row per holiday in [from, to] (one row with a NULL date when there is none); no row
 * when the unit does not exist. Reads units' primary key and holidays' date index. */
static const char SQL_COUNT[] =
    "SELECT u.work_days, h.date FROM units u LEFT JOIN holidays h ON h.date >= $2"
    " AND h.date <= $3 WHERE u.id = $1";
static const char SQL_COLLECTIVE[] =
    "SELECT date FROM holidays WHERE collective = 1 AND date >= $1 AND date <= $2 ORDER BY date";
static const char SQL_WEEK[] = "SELECT work_days FROM units WHERE id = $1";
static const char SQL_WEEK_SET[] = "UPDATE units SET work_days = $2 WHERE id = $1";
#define H_COLS "SELECT id, date, name, collective, created_at, created_by FROM holidays"
static const char SQL_LIST[] = H_COLS " WHERE date >= $1 AND date <= $2 ORDER BY date";
static const char SQL_ONE[] = H_COLS " WHERE id = $1";
static const char SQL_ON[] = "SELECT id FROM holidays WHERE date = $1";
static const char SQL_INSERT[] =
    "INSERT INTO holidays (date, name, collective, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_UPDATE[] =
    "UPDATE holidays SET date = $2, name = $3, collective = $4 WHERE id = $1";
static const char SQL_DELETE[] = "DELETE FROM holidays WHERE id = $1";
static const char SQL_DEMO[] =
    "INSERT INTO holidays (date, name, collective, created_at) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (date) DO NOTHING";
static const char SQL_DEMO_WEEKS[] =
    "UPDATE units SET work_days = 6 WHERE kind IN ('sekolah', 'puskesmas')";

enum err_code calendar_working_days(struct db *db, int64_t unit_id, const char *from,
                                    const char *to, int *out, struct err *e)
{
    struct db_stmt *st;
    int64_t df, dt;
    int rows = 0, r, count = 0;
    enum err_code rc;

    if (!from || calendar_day(from, &df))
        return err_invalid(e, "from", "Tanggal mulai harus berformat YYYY-MM-DD");
    if (!to || calendar_day(to, &dt))
        return err_invalid(e, "to", "Tanggal selesai harus berformat YYYY-MM-DD");
    if (dt < df)
        return err_invalid(e, "to", "Tanggal selesai tidak boleh sebelum tanggal mulai");
    rc = db_prepare(db, SQL_COUNT, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    /* the whole range for the unit's week, less each holiday on one of its working days
     * (dates are unique, so none is taken twice) */
    while ((r = db_step(st, e)) == 1) {
        int week = (int)db_col_int(st, 0);

        if (rows++ == 0)
            count = calendar_count(from, to, week, NULL, 0);
        if (!db_col_is_null(st, 1))
            count -= calendar_is_working_day(db_col_text(st, 1), week, NULL, 0) == 1;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (rows == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    if (count < 0)
        return err_internal(e, "calendar_count failed on a unit's week");
    *out = count;
    return ERR_OK;
}

static void year_range(int year, char from[16], char to[16])
{
    if (year <= 0) {
        memcpy(from, "0000-01-01", 11);
        memcpy(to, "9999-12-31", 11);
        return;
    }
    snprintf(from, 16, "%04d-01-01", year % 10000);
    snprintf(to, 16, "%04d-12-31", year % 10000);
}

static void read_date(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_text_copy(st, a, 0);
}

enum err_code calendar_collective_days(struct db *db, struct arena *a, int year,
                                       const char ***dates, size_t *n, struct err *e)
{
    struct db_stmt *st;
    char from[16], to[16];
    enum err_code rc = db_prepare(db, SQL_COLLECTIVE, &st, e);

    if (rc)
        return rc;
    year_range(year, from, to);
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    return db_collect(st, a, sizeof(const char *), read_date, (void **)dates, n, e);
}

enum err_code calendar_unit_week(struct db *db, int64_t unit_id, int *work_days, struct err *e)
{
    int64_t v = 0;
    enum err_code rc = db_value_int(db, SQL_WEEK, &unit_id, 1, -1, &v, e);

    if (rc)
        return rc;
    if (v < 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    *work_days = (int)v;
    return ERR_OK;
}

enum err_code calendar_unit_week_set(struct db *db, int64_t unit_id, int work_days, struct err *e)
{
    const int64_t args[] = {unit_id, work_days};
    int64_t changed = 0;
    enum err_code rc = db_run_ints(db, SQL_WEEK_SET, args, 2, &changed, e);

    if (!rc && changed == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    return rc;
}

static void read_holiday(struct db_stmt *st, struct arena *a, void *out)
{
    struct calendar_holiday *h = out;

    memset(h, 0, sizeof *h);
    h->id = db_col_int(st, 0);
    h->date = db_col_text_copy(st, a, 1);
    h->name = db_col_text_copy(st, a, 2);
    h->collective = db_col_int(st, 3) != 0;
    h->created_at = db_col_int(st, 4);
    h->created_by = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
}

enum err_code calendar_holidays_list(struct db *db, struct arena *a, int year,
                                     struct calendar_holiday **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    char from[16], to[16];
    enum err_code rc = db_prepare(db, SQL_LIST, &st, e);

    if (rc)
        return rc;
    year_range(year, from, to);
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    return db_collect(st, a, sizeof **out, read_holiday, (void **)out, n, e);
}

enum err_code calendar_holiday_get(struct db *db, struct arena *a, int64_t id,
                                   struct calendar_holiday *out, struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_holiday, out, "Hari libur tidak ditemukan",
                        e);
}

enum err_code calendar_holiday_on(struct db *db, const char *date, int64_t *id, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_ON, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, date);
    r = db_step(st, e);
    *id = r == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

static enum err_code duplicate(struct err *e)
{
    return err_set(e, ERR_CONFLICT, "duplicate_date", "date",
                   "Tanggal ini sudah terdaftar sebagai hari libur");
}

enum err_code calendar_holiday_insert(struct db *db, struct calendar_holiday *h, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);

    if (rc)
        return rc;
    db_bind_text(st, 1, h->date);
    db_bind_text(st, 2, h->name);
    db_bind_int(st, 3, h->collective ? 1 : 0);
    db_bind_int(st, 4, h->created_at);
    db_bind_id_or_null(st, 5, h->created_by);
    rc = db_step_id(st, &h->id, e);
    return rc == ERR_CONFLICT ? duplicate(e) : rc;
}

enum err_code calendar_holiday_update(struct db *db, const struct calendar_holiday *h,
                                      struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_UPDATE, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, h->id);
    db_bind_text(st, 2, h->date);
    db_bind_text(st, 3, h->name);
    db_bind_int(st, 4, h->collective ? 1 : 0);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        return e->code == ERR_CONFLICT ? duplicate(e) : e->code;
    return ERR_OK;
}

enum err_code calendar_holiday_delete(struct db *db, int64_t id, struct err *e)
{
    int64_t changed = 0;
    enum err_code rc = db_run_ints(db, SQL_DELETE, &id, 1, &changed, e);

    if (!rc && changed == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Hari libur tidak ditemukan");
    return rc;
}

/* ---- Ramadan period (work_ramadan, 0013): one per year, by the year its start falls in ---- */

static const char SQL_RAMADAN_GET[] =
    "SELECT start_date, end_date FROM work_ramadan WHERE start_date >= CAST($1 AS TEXT)"
    " AND start_date <= CAST($2 AS TEXT) ORDER BY start_date LIMIT 1";
static const char SQL_RAMADAN_DELETE[] =
    "DELETE FROM work_ramadan WHERE start_date >= CAST($1 AS TEXT) AND start_date <= CAST($2 AS TEXT)";
static const char SQL_RAMADAN_INSERT[] = "INSERT INTO work_ramadan (start_date, end_date) VALUES ($1, $2)";

static void year_bounds(int year, char first[11], char last[11])
{
    snprintf(first, 11, "%04d-01-01", year);
    snprintf(last, 11, "%04d-12-31", year);
}

enum err_code calendar_ramadan_get(struct db *db, struct arena *a, int year, const char **start,
                                   const char **end, int *found, struct err *e)
{
    char first[11], last[11];
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_RAMADAN_GET, &st, e);
    int r;

    *found = 0;
    if (rc)
        return rc;
    year_bounds(year, first, last);
    db_bind_text(st, 1, first);
    db_bind_text(st, 2, last);
    r = db_step(st, e);
    if (r == 1) {
        *start = arena_strdup(a, db_col_text(st, 0));
        *end = arena_strdup(a, db_col_text(st, 1));
        *found = 1;
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code calendar_ramadan_set(struct db *db, int year, const char *start, const char *end,
                                   struct err *e)
{
    char first[11], last[11];
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_RAMADAN_DELETE, &st, e);
    int r;

    if (rc)
        return rc;
    year_bounds(year, first, last);
    db_bind_text(st, 1, first);
    db_bind_text(st, 2, last);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (!start)
        return ERR_OK;
    rc = db_prepare(db, SQL_RAMADAN_INSERT, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, start);
    db_bind_text(st, 2, end);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* Keputusan Presiden / SKB 3 Menteri for 2026: national holidays, and cuti bersama
 * (collective 1) next to them. */
static const struct {
    const char *date, *name;
    int collective;
} demo_2026[] = {
    {"2026-01-01", "Tahun Baru 2026 Masehi", 0},
    {"2026-01-16", "Isra Mi'raj Nabi Muhammad SAW", 0},
    {"2026-02-16", "Cuti bersama Tahun Baru Imlek", 1},
    {"2026-02-17", "Tahun Baru Imlek 2577 Kongzili", 0},
    {"2026-03-18", "Cuti bersama Hari Suci Nyepi", 1},
    {"2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948", 0},
    {"2026-03-20", "Cuti bersama Idulfitri 1447 H", 1},
    {"2026-03-21", "Idulfitri 1447 H", 0},
    {"2026-03-22", "Idulfitri 1447 H", 0},
    {"2026-03-23", "Cuti bersama Idulfitri 1447 H", 1},
    {"2026-03-24", "Cuti bersama Idulfitri 1447 H", 1},
    {"2026-04-03", "Wafat Isa Almasih", 0},
    {"2026-04-05", "Kebangkitan Isa Almasih (Paskah)", 0},
    {"2026-05-01", "Hari Buruh Internasional", 0},
    {"2026-05-14", "Kenaikan Isa Almasih", 0},
    {"2026-05-15", "Cuti bersama Kenaikan Isa Almasih", 1},
    {"2026-05-27", "Iduladha 1447 H", 0},
    {"2026-05-28", "Cuti bersama Iduladha 1447 H", 1},
    {"2026-05-31", "Hari Raya Waisak 2570 BE", 0},
    {"2026-06-01", "Hari Lahir Pancasila", 0},
    {"2026-06-16", "1 Muharam Tahun Baru Islam 1448 H", 0},
    {"2026-08-17", "Hari Ulang Tahun Kemerdekaan Republik Indonesia", 0},
    {"2026-08-25", "Maulid Nabi Muhammad SAW", 0},
    {"2026-12-24", "Cuti bersama Hari Raya Natal", 1},
    {"2026-12-25", "Hari Raya Natal", 0},
};

enum err_code calendar_demo_seed(struct db *db, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_DEMO, &st, e);

    if (rc)
        return rc;
    for (size_t i = 0; i < sizeof demo_2026 / sizeof demo_2026[0]; i++) {
        int r;

        db_bind_text(st, 1, demo_2026[i].date);
        db_bind_text(st, 2, demo_2026[i].name);
        db_bind_int(st, 3, demo_2026[i].collective);
        db_bind_int(st, 4, now);
        r = db_step(st, e);
        db_reset(st);
        if (r < 0)
            return e->code;
    }
    return db_run_ints(db, SQL_DEMO_WEEKS, NULL, 0, NULL, e);
}
