/* import.c - `abdi import employees FILE.csv [--dry-run]` and `abdi import siasn FILE.csv
 * [--dry-run] [--prefer-siasn]`: the web import's checks and writes (employee_import_csv,
 * siasn_import_csv) as the system, with the whole government in scope, in one transaction
 * with one audit entry, with a progress line on a terminal. Exit 0 when every row was good
 * (and, without --dry-run, imported), 1 with the report of the bad rows on stderr, 2 on usage
 * errors. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/limits.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"
#include "modules/employee/employee.h"
#include "modules/siasn/siasn.h"
#include "report/csv_read.h"

static void on_progress(void *ctx, const char *phase, long done, long total)
{
    (void)ctx;
    if (strcmp(phase, "memeriksa") == 0) /* bytes: shown in KiB */
        cli_progress("memeriksa (KiB)", done / 1024, total / 1024 ? total / 1024 : 1);
    else
        cli_progress(phase, done, total);
}

/* The whole file, at most LIMIT_IMPORT_BYTES (the web limit). NULL with a message. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    struct stat st;

    if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "abdi: import: tidak dapat membaca %s\n", path);
        if (f)
            fclose(f);
        return NULL;
    }
    if (st.st_size > LIMIT_IMPORT_BYTES) {
        fprintf(stderr, "abdi: import: %s lebih besar dari %d MiB\n", path,
                LIMIT_IMPORT_BYTES / (1024 * 1024));
        fclose(f);
        return NULL;
    }
    buf = xmalloc((size_t)st.st_size + 1);
    *len = fread(buf, 1, (size_t)st.st_size, f);
    fclose(f);
    return buf;
}

static void print_issues(const char *kind, const struct csv_issue *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s: baris %ld%s%s: %s\n", kind, list[i].line,
                list[i].column ? ", kolom " : "", list[i].column ? list[i].column : "",
                list[i].message);
}

static const struct session_user system_user = {.username = "cli", .roles = ROLE_SUPERADMIN};

static void cli_request(struct req *rq, struct db *db, const char *path)
{
    memset(rq, 0, sizeof *rq);
    rq->a = arena_new();
    rq->db = db;
    rq->now = clock_now();
    rq->user = &system_user;
    rq->path = path;
    rq->ip = "cli";
}

/* The report of the rows; 1 when there were errors. */
static int report(const struct csv_report *rep)
{
    print_issues("peringatan", rep->warnings, rep->nwarnings);
    print_issues("galat", rep->errors, rep->nerrors);
    if (rep->errors_total > (long)rep->nerrors)
        fprintf(stderr, "galat: ... dan %ld lagi\n", rep->errors_total - (long)rep->nerrors);
    if (rep->errors_total)
        fprintf(stderr, "abdi: import: %ld galat pada %ld baris data; tidak ada yang disimpan\n",
                rep->errors_total, rep->rows);
    return rep->errors_total > 0;
}

static int run(struct db *db, const char *data, size_t len, int dry_run)
{
    struct employee_import imp;
    struct audit_entry ent;
    struct req rq;
    struct err e;
    const struct csv_report *rep;
    int rc = 0;

    memset(&imp, 0, sizeof imp);
    err_clear(&e);
    cli_request(&rq, db, "cli:import employees");
    imp.dry_run = dry_run;
    imp.progress = isatty(2) ? on_progress : NULL;
    if (db_begin(db, &e) || employee_import_csv(&rq, data, len, &imp, &e)) {
        db_rollback(db);
        arena_free(rq.a);
        return cli_fail("import", &e);
    }
    rep = imp.rep;
    if (report(rep) || dry_run || imp.imported == 0) {
        db_rollback(db);
        if (rep->errors_total) {
            rc = 1;
        } else {
            printf("Uji coba: %ld baris data, semua benar; tidak ada yang disimpan.\n", rep->rows);
        }
        arena_free(rq.a);
        return rc;
    }
    memset(&ent, 0, sizeof ent);
    ent.action = "employee.import";
    ent.entity = "employee";
    ent.entity_id = "0";
    ent.after = json_pack("{s:I,s:I,s:I}", "rows", (json_int_t)rep->rows, "imported",
                          (json_int_t)imp.imported, "warnings", (json_int_t)rep->warnings_total);
    if (cli_audited(db, &ent, &e)) {
        db_rollback(db);
        rc = cli_fail("import", &e);
    } else {
        printf("Impor selesai: %ld baris data, %ld pegawai ditambahkan.\n", rep->rows,
               imp.imported);
    }
    json_decref(ent.after);
    arena_free(rq.a);
    return rc;
}

/* The SIASN export (siasn_import_csv). */
static int run_siasn(struct db *db, const char *data, size_t len, int dry_run, int prefer)
{
    struct siasn_import imp;
    struct audit_entry ent;
    struct req rq;
    struct err e;
    char id[24];
    int rc = 0;

    memset(&imp, 0, sizeof imp);
    err_clear(&e);
    cli_request(&rq, db, "cli:import siasn");
    imp.dry_run = dry_run;
    imp.prefer_siasn = prefer;
    imp.progress = isatty(2) ? on_progress : NULL;
    if (db_begin(db, &e) || siasn_import_csv(&rq, data, len, &imp, &e)) {
        db_rollback(db);
        arena_free(rq.a);
        return cli_fail("import", &e);
    }
    for (size_t i = 0; i < json_array_size(imp.differences); i++) {
        json_t *d = json_array_get(imp.differences, i);

        fprintf(stderr, "beda: NIP %s, %s: Abdi \"%s\", SIASN \"%s\"\n",
                json_string_value(json_object_get(d, "nip")),
                json_string_value(json_object_get(d, "field")),
                json_is_string(json_object_get(d, "abdi"))
                    ? json_string_value(json_object_get(d, "abdi"))
                    : "",
                json_string_value(json_object_get(d, "siasn")));
    }
    if (report(imp.rep) || dry_run) {
        rc = imp.rep->errors_total ? 1 : 0;
        db_rollback(db);
        if (!rc)
            printf("Uji coba: %ld baris data; %ld baru, %ld diperbarui, %ld tetap, %ld berbeda"
                   " (%ld perbedaan), %ld unit baru; tidak ada yang disimpan.\n",
                   imp.rep->rows, imp.created, imp.updated, imp.unchanged, imp.differing,
                   imp.differences_total, imp.units_created);
        arena_free(rq.a); /* imp.rep lived in it */
        return rc;
    }
    memset(&ent, 0, sizeof ent);
    snprintf(id, sizeof id, "%lld", (long long)imp.import_id);
    ent.action = "siasn.import";
    ent.entity = "siasn_import";
    ent.entity_id = id;
    ent.after = siasn_import_counts(&imp);
    if (cli_audited(db, &ent, &e)) {
        db_rollback(db);
        rc = cli_fail("import", &e);
    } else {
        printf("Impor SIASN selesai: %ld baris data; %ld baru, %ld diperbarui, %ld tetap,"
               " %ld berbeda (%ld perbedaan menunggu keputusan), %ld unit baru.\n",
               imp.rep->rows, imp.created, imp.updated, imp.unchanged, imp.differing,
               prefer ? 0 : imp.differences_total, imp.units_created);
    }
    json_decref(ent.after);
    arena_free(rq.a);
    return rc;
}

#define IMPORT_USAGE                                                                          \
    "penggunaan: abdi import employees FILE.csv [--dry-run]\n"                                 \
    "            abdi import siasn FILE.csv [--dry-run] [--prefer-siasn]"

int cli_import(const struct cli_global *g, int argc, char **argv)
{
    const char *file = NULL;
    int dry_run = 0, prefer = 0, siasn, rc;
    struct db *db;
    size_t len = 0;
    char *data;

    if (argc < 2 || (strcmp(argv[1], "employees") != 0 && strcmp(argv[1], "siasn") != 0))
        return cli_usage_error(IMPORT_USAGE);
    siasn = strcmp(argv[1], "siasn") == 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            dry_run = 1;
        else if (siasn && strcmp(argv[i], "--prefer-siasn") == 0)
            prefer = 1;
        else if (argv[i][0] == '-' || file)
            return cli_usage_error("opsi tidak dikenal atau berkas lebih dari satu: %s", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage_error(IMPORT_USAGE);
    data = slurp(file, &len);
    if (!data)
        return 1;
    rc = cli_open(g, 1, &db);
    if (rc) {
        free(data);
        return rc;
    }
    rc = siasn ? run_siasn(db, data, len, dry_run, prefer) : run(db, data, len, dry_run);
    db_close(db);
    free(data);
    return rc;
}
