/* rules.c - the pure rules of leave (domain.md §5, PP 11/2017 as amended by PP 17/2020 for
 * PNS, PP 49/2018 for PPPK): who may take each type, its length, its documents, the annual
 * balance with carry-over, and the checks of decisions, cancellations and shortenings. No I/O:
 * the store finds the facts (overlaps, balances, counted working days) and passes them in. */
#include "modules/leave/leave.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct leave_settings leave_settings_default = {
    .annual_days = 12,
    .carry_max = 6,
    .year_cap = 18,
    .two_year_cap = 24,
    .annual_service_years = 1,
    .big_service_years = 5,
    .cltn_service_years = 5,
    .hard_to_reach_pns = 12,
    .hard_to_reach_pppk = 6,
    .pppk_sick_months = 1,
    .pppk_gov_doctor_days = 14,
    .pns_gov_doctor_days = 0,
    .backdate_days = 0,
    .sick_backdate_days = 14,
    .pppk_carry = 1,
    .paternity_enabled = 0,
    .sick_window_months = 36,
    .pppk_sick_window_months = 12,
    .pppk_early_days = 6,
};

#define DEF(name, lo, hi)                                                                          \
    {                                                                                              \
        "leave." #name, offsetof(struct leave_settings, name), lo, hi                              \
    }
const struct int_setting leave_setting_defs[] = {
    DEF(annual_days, 1, 30),
    DEF(carry_max, 0, 30),
    DEF(year_cap, 1, 60),
    DEF(two_year_cap, 1, 60),
    DEF(annual_service_years, 0, 5),
    DEF(big_service_years, 0, 30),
    DEF(cltn_service_years, 0, 30),
    DEF(hard_to_reach_pns, 0, 30),
    DEF(hard_to_reach_pppk, 0, 30),
    DEF(pppk_sick_months, 1, 24),
    DEF(pppk_gov_doctor_days, 0, 366),
    DEF(pns_gov_doctor_days, 0, 366),
    DEF(backdate_days, 0, 366),
    DEF(sick_backdate_days, 0, 366),
    DEF(pppk_carry, 0, 1),
    DEF(paternity_enabled, 0, 1),
    DEF(sick_window_months, 1, 120),
    DEF(pppk_sick_window_months, 1, 120),
    DEF(pppk_early_days, 0, 12),
    {NULL, 0, 0, 0},
};
#undef DEF

static const char *const type_names[LEAVE_TYPE_COUNT] = {
    NULL, "tahunan", "besar", "sakit", "melahirkan", "alasan_penting", "bersama", "cltn", "ayah",
};

enum leave_type leave_type_parse(const char *s)
{
    for (int t = 1; s && t < LEAVE_TYPE_COUNT; t++)
        if (strcmp(s, type_names[t]) == 0)
            return (enum leave_type)t;
    return LEAVE_NONE;
}

const char *leave_type_name(enum leave_type t)
{
    return t > LEAVE_NONE && t < LEAVE_TYPE_COUNT ? type_names[t] : NULL;
}

enum leave_asn leave_asn_parse(const char *status)
{
    if (!status)
        return LEAVE_ASN_NONE;
    if (strcmp(status, "CPNS") == 0)
        return LEAVE_ASN_CPNS;
    if (strcmp(status, "PNS") == 0)
        return LEAVE_ASN_PNS;
    if (strcmp(status, "PPPK") == 0)
        return LEAVE_ASN_PPPK;
    return LEAVE_ASN_NONE;
}

/* ---- dates: day numbers (H. Hinnant's days_from_civil / civil_from_days) ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int month_days(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : len[m - 1];
}

int leave_day(const char *date, int64_t *day)
{
    int y = 0, m = 0, d = 0;

    if (!date || strlen(date) != 10 || date[4] != '-' || date[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
            return -1;
    y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    m = (date[5] - '0') * 10 + (date[6] - '0');
    d = (date[8] - '0') * 10 + (date[9] - '0');
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return -1;
    *day = days_from_civil(y, m, d);
    return 0;
}

void leave_day_format(int64_t day, char out[11])
{
    int y, m, d;

    civil_from_days(day, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = 0;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 13u, (unsigned)d % 32u);
}

int leave_day_year(int64_t day)
{
    int y, m, d;

    civil_from_days(day, &y, &m, &d);
    return y;
}

int64_t leave_add_months(int64_t day, int months)
{
    int y, m, d, total;

    civil_from_days(day, &y, &m, &d);
    total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    if (d > month_days(y, m))
        d = month_days(y, m);
    return days_from_civil(y, m, d);
}

int64_t leave_add_years(int64_t day, int years)
{
    return leave_add_months(day, 12 * years);
}

/* ---- request rules ---- */

static enum err_code invalid(struct err *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum err_code invalid(struct err *e, const char *field, const char *fmt, ...)
{
    char msg[sizeof e->msg];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_invalid(e, field, msg);
}

int leave_entitled(const struct leave_settings *s, const struct leave_person *p, int year)
{
    return leave_add_years(p->appointed, s->annual_service_years) <= days_from_civil(year, 12, 31);
}

static int served(const struct leave_person *p, int years, int64_t on)
{
    return leave_add_years(p->appointed, years) <= on;
}

int leave_early_reason_valid(const char *s)
{
    return s && (strcmp(s, "keluarga_sakit_keras") == 0 || strcmp(s, "keluarga_meninggal") == 0 ||
                 strcmp(s, "perkawinan_pertama") == 0);
}

/* Fields that belong to one type only. */
static enum err_code fields_check(const struct leave_ask *a, struct err *e)
{
    if (a->early_reason && (a->type != LEAVE_TAHUNAN || !leave_early_reason_valid(a->early_reason)))
        return err_invalid(e, "early_reason",
                           "Alasan cuti tahunan sebelum 1 tahun harus keluarga_sakit_keras, "
                           "keluarga_meninggal atau perkawinan_pertama (cuti tahunan saja)");
    if (a->type != LEAVE_MELAHIRKAN && a->birth_order)
        return err_invalid(e, "birth_order", "Urutan kelahiran hanya untuk cuti melahirkan");
    if (a->type != LEAVE_TAHUNAN && (a->hard_to_reach || a->travel_days))
        return err_invalid(e, a->travel_days ? "travel_days" : "hard_to_reach",
                           "Tempat sulit dijangkau hanya untuk cuti tahunan");
    if (a->travel_days < 0 || (a->travel_days && !a->hard_to_reach))
        return err_invalid(e, "travel_days",
                           "Hari perjalanan hanya untuk cuti tahunan di tempat sulit dijangkau");
    if (a->type != LEAVE_SAKIT && a->sick_kind)
        return err_invalid(e, "sick_kind", "Jenis sakit hanya untuk cuti sakit");
    if (a->type != LEAVE_SAKIT && a->doctor_kind)
        return err_invalid(e, "doctor_kind", "Jenis dokter hanya untuk cuti sakit");
    if (a->type != LEAVE_BESAR && a->first_hajj)
        return err_invalid(e, "first_hajj", "Ibadah haji pertama hanya untuk cuti besar");
    if (a->sick_kind && strcmp(a->sick_kind, "biasa") != 0 &&
        strcmp(a->sick_kind, "keguguran") != 0 && strcmp(a->sick_kind, "kecelakaan_kerja") != 0)
        return err_invalid(e, "sick_kind",
                           "Jenis sakit harus biasa, keguguran atau "
                           "kecelakaan_kerja");
    if (a->doctor_kind && strcmp(a->doctor_kind, "pemerintah") != 0 &&
        strcmp(a->doctor_kind, "swasta") != 0)
        return err_invalid(e, "doctor_kind", "Jenis dokter harus pemerintah atau swasta");
    if (a->type == LEAVE_MELAHIRKAN && a->birth_order < 1)
        return err_invalid(e, "birth_order", "Urutan kelahiran wajib diisi (1 atau lebih)");
    return ERR_OK;
}

/* Who may take the type (status, gender, service); melahirkan from the 4th birth becomes
 * besar for a PNS/CPNS (domain.md §14) and is refused for a PPPK. */
static enum err_code eligible(const struct leave_settings *s, const struct leave_person *p,
                              const struct leave_ask *a, struct leave_outcome *out, struct err *e)
{
    int pppk = p->asn == LEAVE_ASN_PPPK;

    out->type = a->type;
    out->converted_from = LEAVE_NONE;
    switch (a->type) {
    case LEAVE_TAHUNAN:
        /* PP 49/2018: a PPPK before 1 year of service, for a relative's serious illness or
         * death or a first marriage, at most pppk_early_days, deducted later */
        if (a->early_reason && (!pppk || served(p, s->annual_service_years, a->start)))
            return err_invalid(e, "early_reason",
                               "Alasan ini hanya untuk PPPK yang belum 1 tahun bekerja");
        if (a->early_reason) {
            out->early = 1;
            return ERR_OK;
        }
        if (!served(p, s->annual_service_years, a->start))
            return invalid(e, "type", "Cuti tahunan baru dapat diambil setelah %d tahun bekerja",
                           s->annual_service_years);
        return ERR_OK;
    case LEAVE_BESAR:
        if (pppk)
            return err_invalid(e, "type", "PPPK tidak berhak atas cuti besar");
        if (a->recent_big)
            return invalid(e, "type", "Cuti besar sudah diambil dalam %d tahun terakhir",
                           s->big_service_years);
        if (!a->first_hajj && !served(p, s->big_service_years, a->start))
            return invalid(e, "type", "Cuti besar baru dapat diambil setelah %d tahun bekerja",
                           s->big_service_years);
        return ERR_OK;
    case LEAVE_MELAHIRKAN:
        if (!p->female)
            return err_invalid(e, "type", "Cuti melahirkan hanya untuk pegawai perempuan");
        if (a->birth_order >= 4) {
            if (pppk)
                return err_invalid(e, "birth_order",
                                   "PPPK berhak cuti melahirkan untuk "
                                   "kelahiran pertama sampai ketiga");
            out->type = LEAVE_BESAR; /* a 3-month long leave without the 5-year condition */
            out->converted_from = LEAVE_MELAHIRKAN;
        }
        return ERR_OK;
    case LEAVE_ALASAN_PENTING:
        if (pppk)
            return err_invalid(e, "type", "PPPK tidak berhak atas cuti karena alasan penting");
        return ERR_OK;
    case LEAVE_CLTN:
        if (p->asn != LEAVE_ASN_PNS)
            return err_invalid(e, "type", "Cuti di luar tanggungan negara hanya untuk PNS");
        if (!served(p, s->cltn_service_years, a->start))
            return invalid(e, "type",
                           "Cuti di luar tanggungan negara baru dapat diambil setelah "
                           "%d tahun bekerja",
                           s->cltn_service_years);
        return ERR_OK;
    case LEAVE_AYAH:
        if (!s->paternity_enabled)
            return err_invalid(e, "type", "Cuti ayah belum berlaku");
        if (p->female)
            return err_invalid(e, "type", "Cuti ayah hanya untuk pegawai laki-laki");
        return ERR_OK;
    case LEAVE_SAKIT:
    case LEAVE_BERSAMA:
        return ERR_OK;
    case LEAVE_NONE:
    case LEAVE_TYPE_COUNT:
        break;
    }
    return err_invalid(e, "type", "Jenis cuti tidak dikenal");
}

/* The last day a period starting on start may end on, for a length of months (and days). */
static int64_t last_day(int64_t start, int months, int days)
{
    return leave_add_months(start, months) + days - 1;
}

void leave_sick_window(const struct leave_settings *s, const struct leave_person *p, int64_t start,
                       int64_t end, int64_t *from, int *limit_days)
{
    int pppk = p->asn == LEAVE_ASN_PPPK;

    *from = leave_add_months(end + 1, -(pppk ? s->pppk_sick_window_months : s->sick_window_months));
    *limit_days = (int)(last_day(start, pppk ? s->pppk_sick_months : 18, 0) - start + 1);
}

/* Ordinary sick leave is usable in parts: the parts inside the window add up to the limit. */
static enum err_code sick_total_check(const struct leave_settings *s, const struct leave_person *p,
                                      const struct leave_ask *a, struct err *e)
{
    int64_t from;
    int limit, pppk = p->asn == LEAVE_ASN_PPPK;
    int64_t total = a->sick_used + (a->end - a->start + 1);

    leave_sick_window(s, p, a->start, a->end, &from, &limit);
    if (total <= limit)
        return ERR_OK;
    if (pppk)
        return invalid(e, "end_date",
                       "Melebihi batas kumulatif cuti sakit PPPK %d bulan (%d hari kalender) "
                       "dalam %d bulan: sudah terpakai %d hari, diminta %d hari",
                       s->pppk_sick_months, limit, s->pppk_sick_window_months, a->sick_used,
                       (int)(a->end - a->start + 1));
    return invalid(e, "end_date",
                   "Melebihi batas kumulatif cuti sakit 1 tahun 6 bulan (%d hari kalender) "
                   "dalam %d bulan: sudah terpakai %d hari, diminta %d hari",
                   limit, s->sick_window_months, a->sick_used, (int)(a->end - a->start + 1));
}

static enum err_code length_check(const struct leave_settings *s, const struct leave_person *p,
                                  const struct leave_ask *a, const struct leave_outcome *o,
                                  struct err *e)
{
    int pppk = p->asn == LEAVE_ASN_PPPK;
    int64_t max = 0;

    switch (o->type) {
    case LEAVE_TAHUNAN: {
        int extra = pppk ? s->hard_to_reach_pppk : s->hard_to_reach_pns;

        if (a->travel_days > extra)
            return invalid(e, "travel_days",
                           "Tambahan hari perjalanan paling lama %d hari "
                           "kalender",
                           extra);
        if (a->end - a->travel_days < a->start)
            return err_invalid(e, "travel_days", "Hari perjalanan melebihi masa cuti");
        if (a->charged_working_days < 1)
            return err_invalid(e, "end_date", "Cuti tahunan paling sedikit 1 hari kerja");
        if (o->early && a->charged_working_days > s->pppk_early_days - a->early_used)
            return invalid(e, "end_date",
                           "Cuti tahunan PPPK sebelum 1 tahun bekerja paling banyak %d hari: "
                           "sudah %d hari, diminta %d hari",
                           s->pppk_early_days, a->early_used, a->charged_working_days);
        if (!o->early && a->charged_working_days > a->available)
            return invalid(e, "end_date",
                           "Melebihi sisa cuti tahunan: diminta %d hari kerja, "
                           "tersisa %d hari",
                           a->charged_working_days, a->available);
        return ERR_OK;
    }
    case LEAVE_BESAR:
        /* 3 months; annual leave already taken from this year's entitlement is deducted */
        max = last_day(a->start, 3, 0) - (o->converted_from ? 0 : a->annual_taken_year);
        if (a->end > max)
            return invalid(e, "end_date",
                           "Cuti besar paling lama 3 bulan dikurangi %d hari cuti "
                           "tahunan yang sudah diambil tahun ini",
                           o->converted_from ? 0 : a->annual_taken_year);
        return ERR_OK;
    case LEAVE_SAKIT:
        if (a->sick_kind && strcmp(a->sick_kind, "kecelakaan_kerja") == 0)
            return ERR_OK; /* until recovered (PPPK: until the contract ends) */
        if (a->sick_kind && strcmp(a->sick_kind, "keguguran") == 0) {
            if (a->end > a->start + 44)
                return err_invalid(e, "end_date",
                                   "Cuti sakit karena gugur kandungan paling "
                                   "lama 1,5 bulan");
            return ERR_OK;
        }
        if (pppk && a->end > last_day(a->start, s->pppk_sick_months, 0))
            return invalid(e, "end_date", "Cuti sakit PPPK paling lama %d bulan",
                           s->pppk_sick_months);
        if (a->end > last_day(a->start, 18, 0))
            return err_invalid(e, "end_date", "Cuti sakit paling lama 1 tahun 6 bulan");
        return sick_total_check(s, p, a, e);
    case LEAVE_MELAHIRKAN:
        if (a->end > last_day(a->start, 3, 0))
            return err_invalid(e, "end_date", "Cuti melahirkan paling lama 3 bulan");
        return ERR_OK;
    case LEAVE_ALASAN_PENTING:
        if (a->end > last_day(a->start, 1, 0))
            return err_invalid(e, "end_date", "Cuti karena alasan penting paling lama 1 bulan");
        return ERR_OK;
    case LEAVE_BERSAMA:
        if (!a->collective_ok)
            return err_invalid(e, "start_date",
                               "Tanggal mulai dan selesai harus hari cuti "
                               "bersama");
        return ERR_OK;
    case LEAVE_CLTN:
        if (a->end > last_day(a->start, 36, 0))
            return err_invalid(e, "end_date", "Cuti di luar tanggungan negara paling lama 3 tahun");
        return ERR_OK;
    case LEAVE_AYAH:
        if (a->end > last_day(a->start, 1, 0))
            return err_invalid(e, "end_date", "Cuti ayah paling lama 1 bulan");
        return ERR_OK;
    case LEAVE_NONE:
    case LEAVE_TYPE_COUNT:
        break;
    }
    return err_invalid(e, "type", "Jenis cuti tidak dikenal");
}

static enum err_code document_check(const struct leave_settings *s, const struct leave_person *p,
                                    const struct leave_ask *a, const struct leave_outcome *o,
                                    struct err *e)
{
    int64_t days = a->end - a->start + 1;
    int gov = p->asn == LEAVE_ASN_PPPK ? s->pppk_gov_doctor_days : s->pns_gov_doctor_days;

    if (o->type != LEAVE_SAKIT)
        return ERR_OK;
    if (!a->has_document)
        return err_invalid(e, "document_id",
                           "Cuti sakit wajib melampirkan surat keterangan "
                           "dokter");
    if (!a->doctor_kind)
        return err_invalid(e, "doctor_kind", "Jenis dokter (pemerintah atau swasta) wajib diisi");
    if (gov > 0 && days > gov && strcmp(a->doctor_kind, "pemerintah") != 0)
        return invalid(e, "doctor_kind",
                       "Cuti sakit lebih dari %d hari memerlukan surat dokter "
                       "pemerintah",
                       gov);
    return ERR_OK;
}

enum err_code leave_check(const struct leave_settings *s, const struct leave_person *p,
                          const struct leave_ask *a, struct leave_outcome *out, struct err *e)
{
    int back = a->type == LEAVE_SAKIT ? s->sick_backdate_days : s->backdate_days;
    enum err_code rc;

    memset(out, 0, sizeof *out);
    if (a->end < a->start)
        return err_invalid(e, "end_date", "Tanggal selesai tidak boleh sebelum tanggal mulai");
    rc = fields_check(a, e);
    if (rc)
        return rc;
    if (!a->changing && a->start < a->today - back) {
        if (back == 0)
            return err_invalid(e, "start_date", "Tanggal mulai tidak boleh sebelum hari ini");
        return invalid(e, "start_date", "Tanggal mulai paling lama %d hari sebelum hari ini", back);
    }
    rc = eligible(s, p, a, out, e);
    if (rc)
        return rc;
    if (a->overlap)
        return err_invalid(e, "start_date", "Bertumpang tindih dengan permohonan cuti lain");
    rc = length_check(s, p, a, out, e);
    if (!rc)
        rc = document_check(s, p, a, out, e);
    if (rc)
        return rc;
    out->charged_days = out->type == LEAVE_TAHUNAN ? a->charged_working_days : 0;
    out->calendar_days = (int)(a->end - a->start + 1);
    return ERR_OK;
}

/* ---- balance ---- */

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

static int max0(int a)
{
    return a > 0 ? a : 0;
}

void leave_balance_compute(const struct leave_settings *s, int carry_allowed,
                           const struct leave_year *ys, size_t n, int pending, int collective,
                           struct leave_balance *out)
{
    int carried = 0, remaining = 0, two = 0, ent = 0, added = 0;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        two = 0;
        if (i == 0 || !carry_allowed) {
            carried = 0;
        } else if (i >= 2 && ys[i - 1].entitled && ys[i - 2].entitled && !ys[i - 1].big &&
                   !ys[i - 2].big && ys[i - 1].taken + ys[i - 1].early == 0 &&
                   ys[i - 2].taken + ys[i - 2].early == 0) {
            carried = min_int(max0(s->two_year_cap - s->annual_days), remaining);
            two = 1;
        } else {
            carried = min_int(min_int(s->carry_max, max0(s->year_cap - s->annual_days)), remaining);
        }
        out->prev_remaining = remaining;
        ent = ys[i].entitled && !ys[i].big ? s->annual_days : 0;
        /* collective days worked through join the year's own days (Keppres on cuti bersama);
         * a PPPK's leave before 1 year comes off them */
        added = ys[i].worked_adds ? ys[i].worked : 0;
        /* days taken use the year's own entitlement first; only what is left of it carries
         * (domain.md §14: 2025 took 10 → 2 carried), carried days do not carry again */
        remaining = max0(ent + added - ys[i].early - ys[i].taken);
    }
    out->year = n ? ys[n - 1].year : 0;
    out->entitlement = ent;
    out->carried_over = carried;
    out->two_year = two;
    out->taken = n ? ys[n - 1].taken : 0;
    out->pending = pending;
    out->collective_worked = added;
    out->worked_days = n ? ys[n - 1].worked : 0;
    out->early_deducted = n ? ys[n - 1].early : 0;
    out->available = max0(ent + carried + added - out->early_deducted - out->taken - pending);
    out->big_leave = n ? ys[n - 1].big : 0;
    out->postponed_days = n >= 2 ? ys[n - 2].postponed : 0;
    out->collective_taken = max0(collective - out->worked_days); /* worked, not taken */
    out->carry_allowed = carry_allowed;
}

static void explain(json_t *arr, const char *code, int days, const char *text)
{
    json_array_append_new(arr,
                          json_pack("{s:s,s:i,s:s}", "code", code, "days", days, "text", text));
}

json_t *leave_balance_json(const struct leave_balance *b, int64_t employee_id)
{
    json_t *arr = json_array();
    char t[200];

    if (b->big_leave)
        snprintf(t, sizeof t,
                 "Hak cuti tahunan %d: 0 hari (cuti besar tahun ini menghapus hak "
                 "cuti tahunan tahun ini)",
                 b->year);
    else if (b->entitlement == 0)
        snprintf(t, sizeof t, "Hak cuti tahunan %d: 0 hari (masa kerja belum memenuhi)", b->year);
    else
        snprintf(t, sizeof t, "Hak cuti tahunan %d: %d hari kerja", b->year, b->entitlement);
    explain(arr, "entitlement", b->entitlement, t);
    if (!b->carry_allowed)
        snprintf(t, sizeof t, "Sisa cuti tahun lalu tidak dibawa (pengaturan)");
    else if (b->two_year)
        snprintf(t, sizeof t,
                 "Cuti tahunan %d dan %d tidak diambil: dibawa %d hari (paling "
                 "banyak 24 hari termasuk tahun berjalan)",
                 b->year - 2, b->year - 1, b->carried_over);
    else
        snprintf(t, sizeof t, "Sisa hak cuti %d: %d hari, dibawa %d hari (paling banyak 6 hari)",
                 b->year - 1, b->prev_remaining, b->carried_over);
    explain(arr, "carry", b->carried_over, t);
    if (b->postponed_days) {
        snprintf(t, sizeof t, "Termasuk %d hari cuti tahunan %d yang ditangguhkan",
                 b->postponed_days, b->year - 1);
        explain(arr, "postponed", 0, t);
    }
    if (b->worked_days) {
        if (b->collective_worked)
            snprintf(t, sizeof t,
                     "Masuk kerja pada %d hari cuti bersama karena jabatan: ditambahkan ke hak "
                     "cuti tahunan",
                     b->worked_days);
        else
            snprintf(t, sizeof t,
                     "Masuk kerja pada %d hari cuti bersama: tahun %d tidak ditambahkan ke hak "
                     "cuti tahunan (pengaturan)",
                     b->worked_days, b->year);
        explain(arr, "collective_worked", b->collective_worked, t);
    }
    if (b->early_deducted) {
        snprintf(t, sizeof t,
                 "Cuti tahunan PPPK sebelum 1 tahun bekerja: %d hari, dipotong dari hak tahun "
                 "pertama",
                 b->early_deducted);
        explain(arr, "early", -b->early_deducted, t);
    }
    snprintf(t, sizeof t, "Cuti tahunan yang sudah disetujui: %d hari", b->taken);
    explain(arr, "taken", -b->taken, t);
    snprintf(t, sizeof t, "Cuti tahunan yang menunggu persetujuan: %d hari", b->pending);
    explain(arr, "pending", -b->pending, t);
    snprintf(t, sizeof t, "Cuti bersama %d hari tidak mengurangi hak cuti tahunan",
             b->collective_taken);
    explain(arr, "collective", 0, t);
    snprintf(t, sizeof t, "Sisa yang dapat diambil: %d hari", b->available);
    explain(arr, "available", b->available, t);
    return json_pack("{s:I,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:b,s:i,s:i,s:i,s:o}", "employee_id",
                     (json_int_t)employee_id, "year", b->year, "entitlement", b->entitlement,
                     "carried_over", b->carried_over, "collective_taken", b->collective_taken,
                     "taken", b->taken, "pending", b->pending, "available", b->available,
                     "big_leave", b->big_leave, "postponed_days", b->postponed_days,
                     "collective_worked", b->collective_worked, "early_deducted",
                     b->early_deducted, "explanation", arr);
}

/* ---- statuses, decisions, cancel, shorten ---- */

int leave_status_valid(const char *s)
{
    static const char *const all[] = {
        "pending_supervisor", "pending_official", "approved", "rejected",
        "postponed",          "cancelled",        NULL};

    for (const char *const *p = all; s && *p; p++)
        if (strcmp(*p, s) == 0)
            return 1;
    return 0;
}

int leave_status_pending(const char *s)
{
    return s && (strcmp(s, "pending_supervisor") == 0 || strcmp(s, "pending_official") == 0);
}

enum err_code leave_text_check(const char *s, size_t max, const char *field, struct err *e)
{
    int blank = 1;

    if (!s)
        return err_invalid(e, field, "Kolom wajib diisi");
    if (strlen(s) > max)
        return err_invalid(e, field, "Teks terlalu panjang");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t')
            return err_invalid(e, field, "Teks berisi karakter kendali");
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
            blank = 0;
    }
    if (blank)
        return err_invalid(e, field, "Kolom wajib diisi");
    return ERR_OK;
}

enum err_code leave_phone_check(const char *s, struct err *e)
{
    int digits = 0;

    if (!s || !*s)
        return err_invalid(e, "phone", "Nomor telepon wajib diisi");
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!(*p == '+' && p == s) && *p != ' ' && *p != '-')
            return err_invalid(e, "phone", "Nomor telepon hanya berisi angka, spasi, + dan -");
    }
    if (digits < 6 || digits > 20)
        return err_invalid(e, "phone", "Nomor telepon 6 sampai 20 angka");
    return ERR_OK;
}

static const char *const decision_names[] = {NULL, "approve", "reject", "postpone", "change"};

const char *leave_decision_name(enum leave_decision d)
{
    return d > LEAVE_DECIDE_NONE && d <= LEAVE_DECIDE_CHANGE ? decision_names[d] : NULL;
}

enum err_code leave_decision_check(const char *decision, const char *reason, enum leave_type type,
                                   enum leave_type converted_from, enum leave_decision *out,
                                   struct err *e)
{
    enum leave_decision d = LEAVE_DECIDE_NONE;

    for (int i = 1; decision && i <= LEAVE_DECIDE_CHANGE; i++)
        if (strcmp(decision, decision_names[i]) == 0)
            d = (enum leave_decision)i;
    if (d == LEAVE_DECIDE_NONE)
        return err_invalid(e, "decision", "Keputusan harus approve, reject, postpone atau change");
    if (d == LEAVE_DECIDE_POSTPONE &&
        !(type == LEAVE_TAHUNAN || (type == LEAVE_BESAR && converted_from == LEAVE_NONE)))
        return err_invalid(e, "decision",
                           "Hanya cuti tahunan dan cuti besar yang dapat "
                           "ditangguhkan");
    if (reason && *reason) {
        enum err_code rc = leave_text_check(reason, LEAVE_TEXT_MAX, "reason", e);

        if (rc)
            return rc;
    } else if (d != LEAVE_DECIDE_APPROVE) {
        return err_invalid(e, "reason", "Alasan wajib diisi");
    }
    *out = d;
    return ERR_OK;
}

enum err_code leave_cancel_check(const char *status, int64_t start, int64_t today, struct err *e)
{
    if (!leave_status_pending(status) && !(status && strcmp(status, "approved") == 0))
        return err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                       "Permohonan cuti sudah selesai diproses");
    if (today >= start)
        return err_set(e, ERR_CONFLICT, "leave_started", NULL,
                       "Cuti yang sudah dimulai tidak dapat dibatalkan");
    return ERR_OK;
}

enum err_code leave_shorten_check(const char *status, int64_t start, int64_t end, int64_t new_end,
                                  int64_t today, struct err *e)
{
    if (!status || strcmp(status, "approved") != 0)
        return err_set(e, ERR_CONFLICT, "leave_not_pending", NULL,
                       "Hanya cuti yang disetujui dapat dipersingkat");
    if (new_end < start || new_end >= end)
        return err_invalid(e, "end_date",
                           "Tanggal selesai baru harus di antara tanggal mulai dan "
                           "tanggal selesai semula");
    if (new_end >= today)
        return err_invalid(e, "end_date",
                           "Cuti dipersingkat setelah kembali bekerja: tanggal "
                           "selesai baru harus sebelum hari ini");
    return ERR_OK;
}

json_t *leave_chain_json(const struct leave_chain *c)
{
    return json_pack("{s:s,s:b,s:s,s:b}", "type", leave_type_name(c->type), "supervisor",
                     c->supervisor, "official", c->official_bkpsdm ? "bkpsdm" : "unit_head",
                     "enabled", c->enabled);
}
