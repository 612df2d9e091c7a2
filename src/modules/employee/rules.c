/* rules.c - pure rules of an employee's identifiers: decoding and checking a PNS NIP, an
 * NI PPPK and a NIK, and masking a NIK for lists. Each rule names its source.
 * Never reads the clock, a file or the database: today and the PPPK layout are arguments.
 * Identifiers are read only up to their fixed length, so a hostile long string costs nothing. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <string.h>

/* domain.md §1: the documented NI PPPK layout. The age floor is PP 49/2018 art. 16(a): an
 * applicant for PPPK is at least 20 (domain.md §1 is silent; a setting like the rest). */
const struct employee_pppk_layout employee_pppk_layout_default = {
    .marker = '2',
    .batch_min = 1,
    .batch_max = 9,
    .sequence_min = 1,
    .sequence_max = 999,
    .min_age_years = 20,
};

/* 1 when the first len bytes of s are ASCII digits (not isdigit: it follows the locale).
 * Stops at the first non-digit, so a shorter string is read no further than its NUL. */
static int all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Length of s, counting no further than cap (s may be NULL). */
static size_t bounded_len(const char *s, size_t cap)
{
    size_t n = 0;

    while (s && n < cap && s[n])
        n++;
    return n;
}

/* Value of n digits already known to be ASCII digits. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;

    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Gregorian calendar: every 4th year is leap, except centuries not divisible by 400. */
static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static int date_equal(struct employee_date a, struct employee_date b)
{
    return a.y == b.y && a.m == b.m && a.d == b.d;
}

/* YYYYMMDD at s (digits checked) into *out; 0 when it is not a real date. */
static int read_birth(const char *s, struct employee_date *out)
{
    int y = digits_value(s, 4), m = digits_value(s + 4, 2), d = digits_value(s + 6, 2);

    if (!date_valid(y, m, d))
        return 0;
    out->y = (int16_t)y;
    out->m = (int8_t)m;
    out->d = (int8_t)d;
    return 1;
}

/* Shared start of the two 18-digit numbers: length, then ASCII digits. */
static enum err_code check_18_digits(const char *s, const char *slug, const char *len_msg,
                                     const char *digit_msg, struct err *e)
{
    if (bounded_len(s, EMPLOYEE_NIP_LEN + 1) != EMPLOYEE_NIP_LEN)
        return err_set(e, ERR_INVALID, slug, "nip", len_msg);
    if (!all_digits(s, EMPLOYEE_NIP_LEN))
        return err_set(e, ERR_INVALID, slug, "nip", digit_msg);
    return ERR_OK;
}

/* ---- NIP (PNS) ----
 * Layout: Peraturan Kepala BKN 22/2007 (Nomor Identitas PNS), as summarised in domain.md §1:
 * digits 1-8 birth date, 9-14 TMT CPNS year and month, 15 gender, 16-18 sequence. */

enum err_code employee_nip_decode(const char *nip, struct employee_date today,
                                  struct employee_nip_info *out, struct err *e)
{
    struct employee_nip_info n;
    int gender, adult_months, tmt_months;
    enum err_code rc;

    rc = check_18_digits(nip, "nip_invalid", "NIP harus 18 digit",
                         "NIP hanya boleh berisi angka 0-9", e);
    if (rc)
        return rc;
    /* domain.md §1: the birth date is a real date. */
    if (!read_birth(nip, &n.birth_on))
        return err_set(e, ERR_INVALID, "nip_birth_date_invalid", "nip",
                       "Tanggal lahir pada NIP bukan tanggal yang valid");
    n.tmt_cpns_year = digits_value(nip + 8, 4);
    n.tmt_cpns_month = digits_value(nip + 12, 2);
    /* domain.md §1: TMT month 01-12. */
    if (n.tmt_cpns_month < 1 || n.tmt_cpns_month > 12)
        return err_set(e, ERR_INVALID, "nip_tmt_invalid", "nip",
                       "Bulan TMT CPNS pada NIP harus 01-12");
    /* domain.md §1: gender digit 1 (L) or 2 (P). */
    gender = nip[14] - '0';
    if (gender != EMPLOYEE_MALE && gender != EMPLOYEE_FEMALE)
        return err_set(e, ERR_INVALID, "nip_gender_invalid", "nip",
                       "Digit jenis kelamin pada NIP harus 1 atau 2");
    n.gender = (enum employee_gender)gender;
    /* Our decision (domain.md §1 is silent): numbering starts at 001, as the NI PPPK's
     * 001-999 and the NIK's "not 0000"; 000 is refused. */
    n.sequence = digits_value(nip + 15, 3);
    if (n.sequence == 0)
        return err_set(e, ERR_INVALID, "nip_sequence_invalid", "nip",
                       "Nomor urut pada NIP tidak boleh 000");
    /* domain.md §1 (PP 11/2017 art. 23(1)(a): an applicant is at least 18): TMT CPNS not
     * before the employee turned 18. The NIP holds a month, not a day, so months are compared:
     * a TMT in the month of the 18th birthday passes; only a certainly wrong NIP is refused. */
    adult_months = (n.birth_on.y + 18) * 12 + n.birth_on.m;
    tmt_months = n.tmt_cpns_year * 12 + n.tmt_cpns_month;
    if (tmt_months < adult_months)
        return err_set(e, ERR_INVALID, "nip_tmt_before_18", "nip",
                       "TMT CPNS pada NIP sebelum pegawai berusia 18 tahun");
    /* domain.md §1: TMT CPNS not in the future; the current month is not the future. */
    if (tmt_months > today.y * 12 + today.m)
        return err_set(e, ERR_INVALID, "nip_tmt_future", "nip", "TMT CPNS pada NIP belum terjadi");
    if (out)
        *out = n;
    return ERR_OK;
}

enum err_code employee_nip_check(const char *nip, struct employee_date birth,
                                 enum employee_gender g, struct employee_date today, struct err *e)
{
    struct employee_nip_info n;
    enum err_code rc;

    rc = employee_nip_decode(nip, today, &n, e);
    if (rc)
        return rc;
    /* domain.md §1: the decoded birth date and gender equal the record's. */
    if (!date_equal(n.birth_on, birth))
        return err_set(e, ERR_INVALID, "nip_birth_date_mismatch", "nip",
                       "Tanggal lahir pada NIP berbeda dengan tanggal lahir pegawai");
    if (n.gender != g)
        return err_set(e, ERR_INVALID, "nip_gender_mismatch", "nip",
                       "Jenis kelamin pada NIP berbeda dengan data pegawai");
    return ERR_OK;
}

/* ---- NI PPPK ----
 * Layout: domain.md §1 (public parser code, not a BKN text): digits 1-8 birth date, 9-12
 * appointment year, 13 marker, 14 batch, 15 gender, 16-18 sequence. */

enum err_code employee_pppk_layout_check(const struct employee_pppk_layout *l, struct err *e)
{
    /* The marker must stay out of '0'/'1', the first digit of a NIP's TMT month, or a NIP
     * could read as an NI PPPK (domain.md §1: "the two never collide"). */
    if (!l || l->marker < '2' || l->marker > '9' || l->batch_min < 0 ||
        l->batch_min > l->batch_max || l->batch_max > 9 || l->sequence_min < 0 ||
        l->sequence_min > l->sequence_max || l->sequence_max > 999 || l->min_age_years < 0 ||
        l->min_age_years > 100)
        return err_set(e, ERR_INVALID, "pppk_layout_invalid", "pppk_layout",
                       "Pengaturan format NI PPPK tidak valid");
    return ERR_OK;
}

enum err_code employee_pppk_decode(const char *ni, const struct employee_pppk_layout *l,
                                   struct employee_date today, struct employee_pppk_info *out,
                                   struct err *e)
{
    struct employee_pppk_info p;
    char msg[96];
    int gender;
    enum err_code rc;

    rc = employee_pppk_layout_check(l, e);
    if (rc)
        return err_internal(e, "employee_pppk_decode: invalid PPPK layout setting");
    rc = check_18_digits(ni, "pppk_invalid", "NI PPPK harus 18 digit",
                         "NI PPPK hanya boleh berisi angka 0-9", e);
    if (rc)
        return rc;
    /* domain.md §1: digit 13 is the PPPK marker; a PNS NIP has a month (0/1) there. */
    if (ni[12] != l->marker)
        return err_set(e, ERR_INVALID, "pppk_not_pppk", "nip", "Nomor ini bukan NI PPPK");
    /* domain.md §1: the birth date is a real date. */
    if (!read_birth(ni, &p.birth_on))
        return err_set(e, ERR_INVALID, "pppk_birth_date_invalid", "nip",
                       "Tanggal lahir pada NI PPPK bukan tanggal yang valid");
    p.appointed_year = digits_value(ni + 8, 4);
    /* domain.md §1: batch within the year, 1-9 by default. */
    p.batch = ni[13] - '0';
    if (p.batch < l->batch_min || p.batch > l->batch_max) {
        snprintf(msg, sizeof msg, "Digit angkatan pada NI PPPK harus %d-%d", l->batch_min,
                 l->batch_max);
        return err_set(e, ERR_INVALID, "pppk_batch_invalid", "nip", msg);
    }
    /* domain.md §1: gender digit 1 (L) or 2 (P). */
    gender = ni[14] - '0';
    if (gender != EMPLOYEE_MALE && gender != EMPLOYEE_FEMALE)
        return err_set(e, ERR_INVALID, "pppk_gender_invalid", "nip",
                       "Digit jenis kelamin pada NI PPPK harus 1 atau 2");
    p.gender = (enum employee_gender)gender;
    /* domain.md §1: sequence 001-999 by default. */
    p.sequence = digits_value(ni + 15, 3);
    if (p.sequence < l->sequence_min || p.sequence > l->sequence_max) {
        snprintf(msg, sizeof msg, "Nomor urut pada NI PPPK harus %03d-%03d", l->sequence_min,
                 l->sequence_max);
        return err_set(e, ERR_INVALID, "pppk_sequence_invalid", "nip", msg);
    }
    /* PP 49/2018 art. 16(a), as a setting (min_age_years): the number holds only the year, so
     * only a year that makes the minimum age impossible is refused. */
    if (p.appointed_year - p.birth_on.y < l->min_age_years) {
        snprintf(msg, sizeof msg,
                 "Tahun pengangkatan pada NI PPPK sebelum pegawai berusia %d tahun",
                 l->min_age_years);
        return err_set(e, ERR_INVALID, "pppk_year_too_early", "nip", msg);
    }
    /* By analogy with the NIP's TMT (domain.md §1): not in the future; this year is not. */
    if (p.appointed_year > today.y)
        return err_set(e, ERR_INVALID, "pppk_year_future", "nip",
                       "Tahun pengangkatan pada NI PPPK belum terjadi");
    if (out)
        *out = p;
    return ERR_OK;
}

enum err_code employee_pppk_check(const char *ni, const struct employee_pppk_layout *l,
                                  struct employee_date birth, enum employee_gender g,
                                  struct employee_date today, struct err *e)
{
    struct employee_pppk_info p;
    enum err_code rc;

    rc = employee_pppk_decode(ni, l, today, &p, e);
    if (rc)
        return rc;
    /* As for the NIP (domain.md §1): decoded birth date and gender equal the record's. */
    if (!date_equal(p.birth_on, birth))
        return err_set(e, ERR_INVALID, "pppk_birth_date_mismatch", "nip",
                       "Tanggal lahir pada NI PPPK berbeda dengan tanggal lahir pegawai");
    if (p.gender != g)
        return err_set(e, ERR_INVALID, "pppk_gender_mismatch", "nip",
                       "Jenis kelamin pada NI PPPK berbeda dengan data pegawai");
    return ERR_OK;
}

/* ---- NIK ----
 * Layout: domain.md §1 (Dukcapil's published layout; UU 23/2006 art. 13: one NIK for life):
 * digits 1-6 region (province, regency/city, district), 7-12 DDMMYY with 40 added to DD for
 * women, 13-16 sequence. */

/* Plausibility, not a list: Kemendagri's region codes change (new provinces 93-96 in 2022)
 * while old NIKs keep theirs, so a list would refuse real numbers. Refused: a province whose
 * first digit is 0 or 4 (no island group uses them) or whose second digit is 0 (every
 * province code ends in 1-9), and a regency/city or district code 00. */
static int nik_region_plausible(const char *r)
{
    return r[0] != '0' && r[0] != '4' && r[1] != '0' && !(r[2] == '0' && r[3] == '0') &&
           !(r[4] == '0' && r[5] == '0');
}

enum err_code employee_nik_decode(const char *nik, struct employee_nik_info *out, struct err *e)
{
    struct employee_nik_info k;
    int dd;

    if (bounded_len(nik, EMPLOYEE_NIK_LEN + 1) != EMPLOYEE_NIK_LEN)
        return err_set(e, ERR_INVALID, "nik_invalid", "nik", "NIK harus 16 digit");
    if (!all_digits(nik, EMPLOYEE_NIK_LEN))
        return err_set(e, ERR_INVALID, "nik_invalid", "nik", "NIK hanya boleh berisi angka 0-9");
    if (!nik_region_plausible(nik))
        return err_set(e, ERR_INVALID, "nik_region_invalid", "nik",
                       "Kode wilayah pada NIK tidak valid");
    memcpy(k.region, nik, 6);
    k.region[6] = '\0';
    /* domain.md §1: DD is the day, plus 40 for women; so 01-31 or 41-71, MM 01-12. A NIK
     * outside this is not a NIK at all; a day its month lacks is only a wrong date. */
    dd = digits_value(nik + 6, 2);
    k.birth_month = digits_value(nik + 8, 2);
    k.birth_yy = digits_value(nik + 10, 2);
    if (dd >= 1 && dd <= 31) {
        k.gender = EMPLOYEE_MALE;
        k.birth_day = dd;
    } else if (dd >= 41 && dd <= 71) {
        k.gender = EMPLOYEE_FEMALE;
        k.birth_day = dd - 40;
    } else {
        return err_set(e, ERR_INVALID, "nik_date_invalid", "nik",
                       "Tanggal lahir pada NIK tidak valid");
    }
    if (k.birth_month < 1 || k.birth_month > 12)
        return err_set(e, ERR_INVALID, "nik_date_invalid", "nik",
                       "Bulan lahir pada NIK tidak valid");
    /* domain.md §1: the sequence is not 0000 (numbering starts at 0001). */
    k.sequence = digits_value(nik + 12, 4);
    if (k.sequence == 0)
        return err_set(e, ERR_INVALID, "nik_sequence_invalid", "nik",
                       "Nomor urut pada NIK tidak boleh 0000");
    if (out)
        *out = k;
    return ERR_OK;
}

enum err_code employee_nik_check(const char *nik, struct employee_date birth,
                                 enum employee_gender g, int *date_warning, struct err *e)
{
    struct employee_nik_info k;
    enum err_code rc;
    int agree;

    rc = employee_nik_decode(nik, &k, e);
    if (rc)
        return rc;
    /* domain.md §1: a NIK is never reissued even when its date is wrong, so disagreement
     * with the record (date or the gender the +40 encodes) is a warning, not a rejection. */
    agree = k.birth_day == birth.d && k.birth_month == birth.m &&
            k.birth_yy == (birth.y % 100 + 100) % 100 && k.gender == g;
    if (date_warning)
        *date_warning = !agree;
    return ERR_OK;
}

void employee_nik_mask(const char *nik, char out[EMPLOYEE_NIK_LEN + 1])
{
    /* security.md: lists show the NIK masked, 4 + 8 '*' + 4. */
    memset(out, '*', EMPLOYEE_NIK_LEN);
    out[EMPLOYEE_NIK_LEN] = '\0';
    if (bounded_len(nik, EMPLOYEE_NIK_LEN + 1) != EMPLOYEE_NIK_LEN ||
        !all_digits(nik, EMPLOYEE_NIK_LEN))
        return;
    memcpy(out, nik, 4);
    memcpy(out + EMPLOYEE_NIK_LEN - 4, nik + EMPLOYEE_NIK_LEN - 4, 4);
}

/* ---- dates ---- */

int employee_date_valid(struct employee_date d)
{
    return date_valid(d.y, d.m, d.d);
}

int employee_date_cmp(struct employee_date a, struct employee_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    return a.d == b.d ? 0 : a.d < b.d ? -1 : 1;
}

int employee_date_parse(const char *s, struct employee_date *out)
{
    char digits[8];

    if (bounded_len(s, 11) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    memcpy(digits, s, 4);
    memcpy(digits + 4, s + 5, 2);
    memcpy(digits + 6, s + 8, 2);
    if (!all_digits(digits, 8) || !read_birth(digits, out))
        return -1;
    return 0;
}

void employee_date_format(struct employee_date d, char out[11])
{
    unsigned y = (unsigned)(uint16_t)d.y % 10000u, m = (unsigned)(uint8_t)d.m % 100u;
    unsigned day = (unsigned)(uint8_t)d.d % 100u;

    /* "%04u-%02u-%02u" by hand: every record and list row formats several dates */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = '\0';
}

/* Days from 1970-01-01 to d (H. Hinnant's days_from_civil); negative before it. */
int64_t employee_date_days(struct employee_date d)
{
    int64_t y = d.y - (d.m <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = d.m > 2 ? d.m - 3 : d.m + 9;
    int64_t doy = (153 * mp + 2) / 5 + d.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil inverse). */
struct employee_date employee_date_from_epoch(int64_t t)
{
    int64_t z = (t >= 0 ? t / 86400 : (t - 86399) / 86400) + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    struct employee_date out = {(int16_t)y, (int8_t)m, (int8_t)d};

    return out;
}
