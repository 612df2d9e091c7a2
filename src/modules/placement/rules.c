/* rules.c - the pure rules of placements: position levels, date arithmetic of terms, the Plt/Plh
 * limits of SE Kepala BKN 1/SE/I/2021 (domain.md §3), the candidate score and the unit
 * distance. No I/O and no clock: the store gathers the facts, the settings come as arguments. */
#include "modules/placement/placement.h"

#include <stdlib.h>
#include <string.h>

const struct placement_limits placement_limits_default = {3, 3, 1};

static const struct {
    const char *kind;
    int level; /* 0: functional, counted as the setting says */
} kind_levels[] = {
    {"jpt_utama", 6},  {"jpt_madya", 5},  {"jpt_pratama", 4},  {"administrator", 3},
    {"pengawas", 2},   {"pelaksana", 1},  {"ahli_pertama", 0}, {"ahli_muda", 0},
    {"ahli_madya", 0}, {"ahli_utama", 0}, {"pemula", 0},       {"terampil", 0},
    {"mahir", 0},      {"penyelia", 0},
};

int placement_kind_level(const char *kind, int functional_level)
{
    if (!kind)
        return 0;
    for (size_t i = 0; i < sizeof kind_levels / sizeof kind_levels[0]; i++)
        if (strcmp(kind, kind_levels[i].kind) == 0)
            return kind_levels[i].level ? kind_levels[i].level : functional_level;
    return 0;
}

int placement_kind_structural(const char *kind)
{
    int level = placement_kind_level(kind, 0);

    return level >= 2;
}

enum placement_kind placement_kind_parse(const char *s)
{
    if (!s)
        return 0;
    if (strcmp(s, "plt") == 0)
        return PLACEMENT_PLT;
    if (strcmp(s, "plh") == 0)
        return PLACEMENT_PLH;
    if (strcmp(s, "satgas") == 0)
        return PLACEMENT_SATGAS;
    return 0;
}

/* Days from 1970-01-01 (H. Hinnant's days_from_civil); employee_date_from_epoch inverts it. */
static int64_t days_from_civil(struct employee_date d)
{
    int64_t y = d.y - (d.m <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = d.m > 2 ? d.m - 3 : d.m + 9;
    int64_t doy = (153 * mp + 2) / 5 + d.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

struct employee_date placement_add_days(struct employee_date d, int n)
{
    return employee_date_from_epoch((days_from_civil(d) + n) * 86400);
}

struct employee_date placement_add_months(struct employee_date d, int n)
{
    int months = d.y * 12 + (d.m - 1) + n;
    struct employee_date first = {(int16_t)(months / 12), (int8_t)(months % 12 + 1), 1};

    return placement_add_days(first, d.d - 1);
}

struct employee_date placement_term_last_day(struct employee_date start, int months)
{
    return placement_add_days(placement_add_months(start, months), -1);
}

/* domain.md §3: only a holder of a post of the same level or one level below, in the same
 * unit, may act in a post; the appointee keeps the home post. */
static enum err_code check_post(const struct placement_check *c, const struct placement_limits *l,
                                struct err *e)
{
    int home = placement_kind_level(c->home_kind, l->functional_level);
    int target = placement_kind_level(c->target_kind, l->functional_level);

    if (c->holds_target)
        return err_invalid(e, "position_id",
                           "Pegawai tidak dapat menjadi Plt/Plh jabatannya sendiri");
    if (c->kind == PLACEMENT_PLT && c->target_holders > 0)
        return err_invalid(
            e, "position_id",
            "Jabatan masih memiliki pejabat definitif: Plt hanya untuk jabatan kosong");
    if (c->kind == PLACEMENT_PLH && c->target_holders == 0)
        return err_invalid(
            e, "position_id",
            "Jabatan tidak memiliki pejabat definitif: Plh hanya bila pejabat berhalangan");
    if (!c->same_unit)
        return err_invalid(e, "position_id", "Plt/Plh harus berasal dari unit kerja yang sama");
    if (home == 0 || target == 0 || home > target || home < target - 1)
        return err_invalid(
            e, "position_id",
            "Plt/Plh harus pejabat setingkat atau satu tingkat di bawah jabatan itu");
    if (c->post_taken)
        return err_invalid(e, "position_id", "Jabatan ini sudah memiliki Plt/Plh pada periode itu");
    return ERR_OK;
}

enum err_code placement_check(const struct placement_check *c, const struct placement_limits *l,
                              struct err *e)
{
    int acting = c->kind == PLACEMENT_PLT || c->kind == PLACEMENT_PLH;
    struct employee_date last;
    enum err_code rc;

    if (employee_date_cmp(c->end, c->start) < 0)
        return err_invalid(e, "end_date", "Tanggal selesai tidak boleh sebelum tanggal mulai");
    if (employee_date_cmp(c->end, c->today) < 0)
        return err_invalid(e, "end_date", "Tanggal selesai tidak boleh di masa lalu");
    if (!c->employee_state || strcmp(c->employee_state, "active") != 0)
        return err_invalid(e, "employee_id", "Pegawai tidak dalam keadaan aktif");
    if (c->extends && c->base_extended)
        return err_set(e, ERR_CONFLICT, "assignment_extended", NULL,
                       "Penugasan ini sudah diperpanjang");
    if (c->extends && acting && c->base_is_extension)
        return err_set(e, ERR_CONFLICT, "assignment_extended", NULL,
                       "Plt/Plh hanya dapat diperpanjang satu kali");
    if (acting) {
        last = placement_term_last_day(c->start, c->extends ? l->extension_months : l->max_months);
        if (employee_date_cmp(c->end, last) > 0)
            return err_invalid(e, "end_date",
                               c->extends
                                   ? "Perpanjangan Plt/Plh melebihi batas bulan yang diizinkan"
                                   : "Masa Plt/Plh melebihi batas bulan yang diizinkan");
        rc = check_post(c, l, e);
        if (rc)
            return rc;
    }
    if (c->overlapping)
        return err_invalid(e, "start_date", "Pegawai sudah memiliki penugasan pada periode ini");
    return ERR_OK;
}

int placement_candidate_score(const struct placement_candidate *c, int functional_level)
{
    int level = placement_kind_level(c->position_kind, functional_level);
    int hours = c->training_hours < 0 ? 0 : c->training_hours > 40 ? 40 : c->training_hours;
    int recent = c->recent_assignments > 3 ? 3 : c->recent_assignments;
    int score = 0;

    /* competency */
    score += c->q_in_position ? 30 : 0;
    score += c->training_match ? 20 : 0;
    score += hours / 2;
    score += c->education_level > 0 ? 2 * c->education_level : 0;
    /* keep services led: staff before heads (only structural kinds count as heads, so a
     * functional official counted at level 2 by the setting is not a head) */
    if (!placement_kind_structural(c->position_kind))
        score += 20;
    else if (level == 2)
        score += 5;
    else if (level >= 4)
        score -= 20;
    /* workload */
    score -= 10 * (recent < 0 ? 0 : recent);
    /* nearness */
    if (c->unit_distance >= 0 && c->unit_distance < 4)
        score += 20 - 5 * c->unit_distance;
    return score;
}

static int candidate_cmp(const void *pa, const void *pb)
{
    const struct placement_candidate *a = pa, *b = pb;
    int n;

    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    n = strcmp(a->name ? a->name : "", b->name ? b->name : "");
    if (n)
        return n;
    return a->employee_id < b->employee_id ? -1 : a->employee_id > b->employee_id;
}

void placement_rank(struct placement_candidate *c, size_t n, int functional_level)
{
    for (size_t i = 0; i < n; i++)
        c[i].score = placement_candidate_score(&c[i], functional_level);
    if (n > 1)
        qsort(c, n, sizeof *c, candidate_cmp);
}

#define PATH_MAX_DEPTH 64

/* Ancestors of unit u, u first; the count, or -1 when u is missing or too deep. */
static int ancestors(const int64_t *ids, const int64_t *parents, size_t n, int64_t u,
                     int64_t out[PATH_MAX_DEPTH])
{
    int k = 0;

    while (u != 0) {
        size_t i = 0;

        while (i < n && ids[i] != u)
            i++;
        if (i == n || k == PATH_MAX_DEPTH)
            return -1;
        out[k++] = u;
        u = parents[i];
    }
    return k;
}

int placement_unit_distance(const int64_t *ids, const int64_t *parents, size_t n, int64_t a,
                            int64_t b)
{
    int64_t pa[PATH_MAX_DEPTH], pb[PATH_MAX_DEPTH];
    int na = ancestors(ids, parents, n, a, pa), nb = ancestors(ids, parents, n, b, pb);

    if (na <= 0 || nb <= 0)
        return -1;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (pa[i] == pb[j])
                return i + j;
    return -1;
}
