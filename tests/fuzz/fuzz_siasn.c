/* fuzz_siasn.c - libFuzzer target: an "Export Data ASN" file through the SIASN row parser and
 * validator (csv_reader with the SIASN columns and quirks, siasn_row_read, siasn_row_check),
 * as the import's first pass runs them, without a database. Every row the checks accept must
 * come out clean: a known gender, a golongan of the table, a real appointment date, an
 * education only of a known level with its year. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "modules/siasn/siasn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct siasn_golongan gol[] = {
    {"I/a", "pns", "11"},  {"II/c", "pns", "23"}, {"III/a", "pns", "31"},
    {"IV/e", "pns", "45"}, {"IX", "pppk", NULL},
};
static const struct siasn_education edu[] = {
    {"SD", "05"},
    {"SLTA", "15"},
    {"S1", "40"},
    {"S3", "50"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct siasn_context cx = {
        {2026, 11, 23}, gol, sizeof gol / sizeof gol[0], edu, sizeof edu / sizeof edu[0]};
    struct arena *a = arena_new();
    struct csv_report rep;
    struct csv_reader *r;
    struct csv_row row;
    struct siasn_row x;
    struct employee_date d;

    csv_report_init(&rep, a, 0);
    r = csv_reader_open(a, (const char *)data, size, &siasn_read_options, siasn_columns,
                        SIASN_NCOLS, &rep);
    while (r && csv_reader_next(r, &row) == 1) {
        siasn_row_read(row.values, row.line, &x);
        if (siasn_row_check(&x, &cx, &rep) == 0) {
            if (!x.gender || (strcmp(x.gender, "L") != 0 && strcmp(x.gender, "P") != 0))
                abort();
            if (!x.golongan || !siasn_golongan_find(&cx, x.golongan))
                abort();
            if (employee_date_parse(x.appointed_on, &d) || employee_date_parse(x.birth_date, &d) ||
                employee_date_parse(x.tmt_golongan, &d))
                abort();
            if (!x.nip || strlen(x.nip) != EMPLOYEE_NIP_LEN)
                abort();
            /* an education stored only with a known level and a 4-digit year */
            if (x.edu_level && (!siasn_education_find(&cx, x.edu_level) || !x.tahun_lulus ||
                                strlen(x.tahun_lulus) != 4))
                abort();
        }
    }
    if (r)
        csv_reader_close(r);
    arena_free(a);
    return 0;
}
