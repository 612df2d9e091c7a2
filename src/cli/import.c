/* import.c - `abdi import employees FILE.csv [--dry-run]`: the web import's checks and writes
 * (employee_import_csv) as the system, with the whole government in scope, in one transaction
 * with one audit entry. Exit 0 when every row was good (and, without --dry-run, imported),
 * 1 with the report of the bad rows on stderr, 2 on usage errors. */
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

static int run(struct db *db, const char *data, size_t len, int dry_run)
{
    static const struct session_user system_user = {.username = "cli", .roles = ROLE_SUPERADMIN};
    struct employee_import imp;
    struct audit_entry ent;
    struct req rq;
    struct err e;
    const struct csv_report *rep;
    int rc = 0;

    memset(&rq, 0, sizeof rq);
    memset(&imp, 0, sizeof imp);
    err_clear(&e);
    rq.a = arena_new();
    rq.db = db;
    rq.now = clock_now();
    rq.user = &system_user;
    rq.path = "cli:import employees";
    rq.ip = "cli";
    imp.dry_run = dry_run;
    imp.progress = isatty(2) ? on_progress : NULL;
    if (db_begin(db, &e) || employee_import_csv(&rq, data, len, &imp, &e)) {
        db_rollback(db);
        arena_free(rq.a);
        return cli_fail("import", &e);
    }
    rep = imp.rep;
    print_issues("peringatan", rep->warnings, rep->nwarnings);
    print_issues("galat", rep->errors, rep->nerrors);
    if (rep->errors_total > (long)rep->nerrors)
        fprintf(stderr, "galat: ... dan %ld lagi\n", rep->errors_total - (long)rep->nerrors);
    if (rep->errors_total || dry_run || imp.imported == 0) {
        db_rollback(db);
        if (rep->errors_total) {
            fprintf(stderr,
                    "abdi: import: %ld galat pada %ld baris data; tidak ada yang disimpan\n",
                    rep->errors_total, rep->rows);
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

int cli_import(const struct cli_global *g, int argc, char **argv)
{
    const char *file = NULL;
    int dry_run = 0, rc;
    struct db *db;
    size_t len = 0;
    char *data;

    if (argc < 2 || strcmp(argv[1], "employees") != 0)
        return cli_usage_error("penggunaan: abdi import employees FILE.csv [--dry-run]");
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            dry_run = 1;
        else if (argv[i][0] == '-' || file)
            return cli_usage_error("opsi tidak dikenal atau berkas lebih dari satu: %s", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage_error("penggunaan: abdi import employees FILE.csv [--dry-run]");
    data = slurp(file, &len);
    if (!data)
        return 1;
    rc = cli_open(g, 1, &db);
    if (rc) {
        free(data);
        return rc;
    }
    rc = run(db, data, len, dry_run);
    db_close(db);
    free(data);
    return rc;
}
