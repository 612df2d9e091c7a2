/* duk.c - the pure order of the Daftar Urut Kepangkatan (domain.md §13, PP 15/1979) and the
 * position levels and service months it reads. No I/O and no clock: today is an argument.
 * Unknown dates and levels rank after known ones, so a missing record never lifts anyone. */
#include "modules/employee/employee.h"

#include <stdlib.h>
#include <string.h>

int employee_position_level(const char *kind, int kelas_jabatan)
{
    static const struct {
        const char *kind;
        int level;
    } structural[] = {
        {"jpt_utama", 24},     {"jpt_madya", 23}, {"jpt_pratama", 22},
        {"administrator", 21}, {"pengawas", 20},
    };
    static const char *const others[] = {
        "pelaksana", "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama",
        "pemula",    "terampil",     "mahir",     "penyelia",   NULL};

    if (!kind)
        return 0;
    for (size_t i = 0; i < sizeof structural / sizeof structural[0]; i++)
        if (strcmp(kind, structural[i].kind) == 0)
            return structural[i].level;
    for (const char *const *k = others; *k; k++)
        if (strcmp(kind, *k) == 0)
            return kelas_jabatan >= 1 && kelas_jabatan <= 17 ? kelas_jabatan : 0;
    return 0;
}

/* domain.md §13 "required position training" is the leadership training a structural post
 * requires (PermenPAN-RB/Perlan LAN: PKN Tingkat I for JPT madya, PKN Tingkat II for JPT
 * pratama, PKA for administrators, PKP for supervisors; before 2019 Diklatpim Tingkat I..IV).
 * The training history records it under the SIASN kinds "struktural" or "manajerial"; the
 * level comes from the name: PKA 2, PKP 1, else a tier I..IV (or 1..4) 5 - tier. */
int employee_training_level(const char *kind, const char *name)
{
    static const char *const tiers[] = {"I", "II", "III", "IV", NULL};
    char word[16];
    int level = 0;

    if (!kind || !name || (strcmp(kind, "struktural") != 0 && strcmp(kind, "manajerial") != 0))
        return 0;
    while (*name) {
        size_t n = 0;

        while (*name && !((*name >= 'A' && *name <= 'Z') || (*name >= 'a' && *name <= 'z') ||
                          (*name >= '0' && *name <= '9')))
            name++;
        for (; (*name >= 'A' && *name <= 'Z') || (*name >= 'a' && *name <= 'z') ||
               (*name >= '0' && *name <= '9');
             name++)
            if (n + 1 < sizeof word)
                word[n++] = (char)(*name >= 'a' && *name <= 'z' ? *name - 'a' + 'A' : *name);
        word[n] = '\0';
        if (strcmp(word, "PKA") == 0)
            level = 2;
        else if (strcmp(word, "PKP") == 0)
            level = 1;
        for (int t = 0; tiers[t]; t++)
            if (strcmp(word, tiers[t]) == 0 || (n == 1 && word[0] == '1' + t))
                level = 4 - t;
    }
    return level;
}

int employee_service_months(struct employee_date appointed_on, struct employee_date today)
{
    int months = (today.y - appointed_on.y) * 12 + (today.m - appointed_on.m);

    if (today.d < appointed_on.d)
        months--;
    return months < 0 ? 0 : months;
}

static int known(struct employee_date d)
{
    return d.y != 0;
}

const char *employee_duk_date(const char *text, struct employee_date key, char out[11])
{
    if (text || !known(key))
        return text;
    employee_date_format(key, out);
    return out;
}

/* Earlier first; unknown last. */
static int earlier_first(struct employee_date a, struct employee_date b)
{
    if (!known(a) || !known(b))
        return known(b) - known(a);
    return employee_date_cmp(a, b);
}

static int higher_first(int a, int b)
{
    return a == b ? 0 : a > b ? -1 : 1;
}

int employee_duk_cmp(const struct employee_duk *a, const struct employee_duk *b)
{
    int c;

    /* rank: higher first; equal -> longer in it (earlier TMT) */
    if ((c = higher_first(a->rank_order, b->rank_order)) ||
        (c = earlier_first(a->tmt_rank, b->tmt_rank)))
        return c;
    /* position: higher first; equal -> earlier appointment to it */
    if ((c = higher_first(a->position_level, b->position_level)) ||
        (c = earlier_first(a->tmt_position, b->tmt_position)))
        return c;
    /* years of service counted for salary: more first */
    if ((c = higher_first(a->service_months, b->service_months)))
        return c;
    /* required position training: passed first; higher level; earlier pass */
    if ((c = higher_first(a->training_passed != 0, b->training_passed != 0)))
        return c;
    if (a->training_passed && ((c = higher_first(a->training_level, b->training_level)) ||
                               (c = earlier_first(a->training_on, b->training_on))))
        return c;
    /* education: higher first; equal -> earlier graduation */
    if ((c = higher_first(a->education_level, b->education_level)) ||
        (c = earlier_first(a->graduated_on, b->graduated_on)))
        return c;
    /* age: older first */
    if ((c = earlier_first(a->birth_on, b->birth_on)))
        return c;
    /* numbers are unique: a stable last resort */
    if ((c = strcmp(a->nip ? a->nip : "", b->nip ? b->nip : "")))
        return c;
    return a->id == b->id ? 0 : a->id < b->id ? -1 : 1;
}

static int duk_qsort_cmp(const void *a, const void *b)
{
    return employee_duk_cmp(a, b);
}

size_t employee_duk_order(struct employee_duk *rows, size_t n)
{
    size_t kept = 0;

    for (size_t i = 0; i < n; i++) {
        if (!rows[i].status || strcmp(rows[i].status, "PNS") != 0)
            continue;
        if (kept != i)
            rows[kept] = rows[i];
        kept++;
    }
    if (kept > 1)
        qsort(rows, kept, sizeof *rows, duk_qsort_cmp);
    return kept;
}
