/* facts.c - pure rules of the facts the profile derives from the record: years of service,
 * retirement date (BUP), next regular promotion and next periodic salary step (KGB), with its
 * performance condition read from the record's cache of its appraisals.
 * Never reads the clock or the database: today, the dates of the record and the rank order
 * are arguments. Each rule names its source in domain.md. */
#include "modules/employee/employee.h"

#include <string.h>

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* d moved by whole years, 29 February becoming 28 February in a year without one
 * (domain.md §14 retirement vector; a setting later). */
static struct employee_date add_years(struct employee_date d, int years)
{
    d.y = (int16_t)(d.y + years);
    if (d.m == 2 && d.d == 29 && !leap(d.y))
        d.d = 28;
    return d;
}

static struct employee_date first_of_next_month(struct employee_date d)
{
    struct employee_date out = {d.y, (int8_t)(d.m + 1), 1};

    if (out.m > 12) {
        out.m = 1;
        out.y++;
    }
    return out;
}

int employee_service_years(struct employee_date appointed_on, struct employee_date today)
{
    int years = today.y - appointed_on.y;

    if (today.m < appointed_on.m || (today.m == appointed_on.m && today.d < appointed_on.d))
        years--;
    return years < 0 ? 0 : years;
}

/* domain.md §9: TMT pensiun is the first day of the month after the month the age is reached
 * (to confirm; Peraturan BKN 3/2020). */
struct employee_date employee_retirement_on(struct employee_date birth, int bup_age)
{
    return first_of_next_month(add_years(birth, bup_age));
}

/* domain.md §2: promotion periods are a dated setting. */
static int period_month(struct employee_date d)
{
    static const struct employee_date even_from = {2024, 1, 1}, monthly_from = {2025, 10, 1};

    if (employee_date_cmp(d, monthly_from) >= 0)
        return 1; /* Peraturan BKN 4/2025: every month */
    if (employee_date_cmp(d, even_from) >= 0)
        return d.m % 2 == 0; /* Peraturan BKN 4/2023: Feb, Apr, Jun, Aug, Oct, Dec */
    return d.m == 4 || d.m == 10; /* PP 99/2000: April and October */
}

struct employee_date employee_promotion_tmt(struct employee_date eligible_on)
{
    struct employee_date d = eligible_on;

    if (d.d != 1)
        d = first_of_next_month(d);
    d.d = 1;
    for (int i = 0; i < 12 && !period_month(d); i++)
        d = first_of_next_month(d);
    return d;
}

int employee_next_promotion(struct employee_date tmt_rank, int rank_order, int cap_rank_order,
                            struct employee_date today, struct employee_date *out)
{
    struct employee_date eligible;

    if (rank_order < 1 || rank_order >= 17)
        return 0;
    if (cap_rank_order > 0 && rank_order >= cap_rank_order) /* the diploma's highest rank */
        return 0;
    /* PP 99/2000 art. 7 (domain.md §2): at least 4 years in the current rank. */
    eligible = add_years(tmt_rank, 4);
    if (employee_date_cmp(eligible, today) < 0)
        eligible = today;
    *out = employee_promotion_tmt(eligible);
    return 1;
}

/* PP 7/1977 arts. 11-13 (domain.md §2): every 2 years; gol. II first after 1 year. */
static int first_step_years(int rank_order)
{
    return rank_order >= 5 && rank_order <= 8 ? 1 : 2;
}

int employee_next_salary_step(struct employee_date appointed_on, int rank_order,
                              struct employee_date today, struct employee_date *out)
{
    int first, years;
    struct employee_date step;

    if (rank_order < 1 || rank_order > 17)
        return 0;
    first = first_step_years(rank_order);
    years = employee_service_years(appointed_on, today);
    step = add_years(appointed_on, first);
    if (years >= first)
        step = add_years(appointed_on, first + ((years - first) / 2) * 2);
    if (employee_date_cmp(step, today) < 0)
        step = add_years(step, 2);
    *out = step;
    return 1;
}

/* Is the predikat of year below the bar? Unknown (not recorded, or outside k) is not. */
static int below_bar(const struct employee_kinerja_years *k, int year, int min_predikat)
{
    int i = k ? year - k->first_year : -1;

    return i >= 0 && i < EMPLOYEE_KINERJA_YEARS && k->predikat[i] > min_predikat;
}

int employee_salary_step(struct employee_date appointed_on, int rank_order,
                         struct employee_date today, const struct employee_kinerja_years *k,
                         int min_predikat, struct employee_salary_step *out)
{
    struct employee_date due, before, late;

    if (!employee_next_salary_step(appointed_on, rank_order, today, &due))
        return 0;
    /* The step before (two years earlier, when it was a step at all): postponed for the
     * predikat of the year before it, it takes effect a year late, maybe today or later. */
    before = add_years(due, -2);
    if (employee_date_cmp(before, add_years(appointed_on, first_step_years(rank_order))) >= 0 &&
        below_bar(k, before.y - 1, min_predikat)) {
        late = add_years(before, 1);
        if (employee_date_cmp(late, today) >= 0) {
            *out = (struct employee_salary_step){late, before, 1};
            return 1;
        }
    }
    /* PP 7/1977 arts. 11-13 (domain.md §2): postponed by at most 1 year; the postponed time
     * counts in full, so the step after it stays due on due + 2 years. */
    if (below_bar(k, due.y - 1, min_predikat))
        *out = (struct employee_salary_step){add_years(due, 1), due, 1};
    else
        *out = (struct employee_salary_step){due, due, 0};
    return 1;
}

void employee_kinerja_parse(const char *cache, int first_year, struct employee_kinerja_years *out)
{
    const char *p = cache;

    memset(out, 0, sizeof *out);
    out->first_year = first_year;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);

        if (n == 5 && p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
            p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && p[4] >= '1' && p[4] <= '5') {
            int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            int i = year - first_year;

            if (i >= 0 && i < EMPLOYEE_KINERJA_YEARS)
                out->predikat[i] = (int8_t)(p[4] - '0');
        }
        p = end ? end + 1 : NULL;
    }
}

int employee_record_salary_step(const struct employee *x, struct employee_date today,
                                struct employee_salary_step *out)
{
    struct employee_kinerja_years k;
    struct employee_date appointed;

    if (employee_date_parse(x->appointed_on, &appointed))
        return 0;
    employee_kinerja_parse(x->kinerja_years, EMPLOYEE_KINERJA_FIRST_YEAR(today.y), &k);
    return employee_salary_step(appointed, x->rank_order, today, &k, x->kgb_min_predikat, out);
}
