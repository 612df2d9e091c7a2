/* vacancy.c - the pure arithmetic of the vacancy report (bezetting): per position the people
 * still needed and the surplus, and their sums per unit and for the government. No I/O. */
#include "modules/org/org.h"

void org_vacancy_compute(struct org_vacancy *v)
{
    v->vacant = v->needed > v->filled ? v->needed - v->filled : 0;
    v->over = v->filled > v->needed ? v->filled - v->needed : 0;
}

void org_vacancy_add(struct org_vacancy_sum *s, const struct org_vacancy *v)
{
    s->needed += v->needed;
    s->filled += v->filled;
    s->vacant += v->vacant;
    s->over += v->over;
}
