/* serve.c - `abdi serve`: migrate, then run the HTTP server with one database connection
 * per server thread. */
#include "cli/cli.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"
#include "db/field.h"
#include "http/server.h"
#include "modules/employee/employee.h"
#include "modules/notify/notify.h"
#include "routes.h"

static int parse_listen(const char *s, char *host, size_t cap, unsigned *port)
{
    const char *colon = strrchr(s, ':');
    int64_t p;
    size_t hl;

    if (!colon || colon == s)
        return -1;
    hl = (size_t)(colon - s);
    if (s[0] == '[' && hl >= 2 && s[hl - 1] == ']') { /* [::1]:8080 */
        s++;
        hl -= 2;
    }
    if (hl >= cap || parse_int64(colon + 1, strlen(colon + 1), 1, 65535, &p))
        return -1;
    memcpy(host, s, hl);
    host[hl] = '\0';
    *port = (unsigned)p;
    return 0;
}

static int parse_uint(const char *s, int64_t max, unsigned *out)
{
    int64_t v;

    if (parse_int64(s, strlen(s), 1, max, &v))
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* The documents directory: --files DIR, else "<database file>.files" for SQLite (next to the
 * database, outside web reach), else ./abdi-files. Created 0700 when missing. */
static int files_dir(const struct cli_global *g, const char *given, char *out, size_t cap)
{
    int n;

    if (given)
        n = snprintf(out, cap, "%s", given);
    else if (strncmp(g->db_url, "sqlite:", 7) == 0)
        n = snprintf(out, cap, "%s.files", g->db_url + 7);
    else
        n = snprintf(out, cap, "abdi-files");
    if (n <= 0 || (size_t)n >= cap)
        return cli_usage_error("--files: jalur terlalu panjang");
    if (mkdir(out, 0700) && errno != EEXIST) {
        fprintf(stderr, "abdi: direktori berkas %s: %s\n", out, strerror(errno));
        return 1;
    }
    return 0;
}

int cli_serve(const struct cli_global *g, int argc, char **argv)
{
    const char *files = NULL, *smtp = NULL, *smtp_from = NULL;
    char files_buf[4096];
    struct server_options opt;
    struct app app;
    struct db *db;
    char host[64] = "127.0.0.1";
    int rc;

    memset(&opt, 0, sizeof opt);
    opt.port = 8080;
    memset(&app, 0, sizeof app);
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(argv[i], "--listen") == 0 && v) {
            if (parse_listen(v, host, sizeof host, &opt.port))
                return cli_usage_error("--listen harus HOST:PORT, bukan %s", v);
            i++;
        } else if (strcmp(argv[i], "--threads") == 0 && v) {
            if (parse_uint(v, 256, &opt.threads))
                return cli_usage_error("--threads harus 1..256");
            i++;
        } else if (strcmp(argv[i], "--per-ip-limit") == 0 && v) {
            if (parse_uint(v, 65535, &opt.per_ip_limit))
                return cli_usage_error("--per-ip-limit harus 1..65535");
            i++;
        } else if (strcmp(argv[i], "--files") == 0 && v && *v) {
            files = v;
            i++;
        } else if (strcmp(argv[i], "--smtp") == 0 && v) {
            if (!notify_smtp_url_valid(v))
                return cli_usage_error("--smtp harus smtp://HOST:PORT atau smtps://HOST:PORT");
            smtp = v;
            i++;
        } else if (strcmp(argv[i], "--smtp-from") == 0 && v) {
            if (!notify_addr_valid(v))
                return cli_usage_error("--smtp-from harus satu alamat surel");
            smtp_from = v;
            i++;
        } else if (strcmp(argv[i], "--behind-tls") == 0) {
            app.tls = 1;
        } else {
            return cli_usage_error("opsi tidak dikenal atau tanpa nilai: %s", argv[i]);
        }
    }
    if (!smtp != !smtp_from)
        return cli_usage_error("--smtp dan --smtp-from harus diberikan bersama");
    opt.host = host;
    rc = files_dir(g, files, files_buf, sizeof files_buf);
    if (rc)
        return rc;
    app.files_dir = files_buf;
    rc = cli_open(g, 1, &db);
    if (rc)
        return rc;
    {
        struct err e;
        int64_t filled = 0;
        char n[24];

        err_clear(&e);
        if (employee_nik_backfill(db, &filled, &e)) {
            db_close(db);
            return cli_fail("indeks NIK", &e);
        }
        if (filled) {
            snprintf(n, sizeof n, "%lld", (long long)filled);
            log_event("nik_index_filled", "rows", n, NULL);
            malloc_trim(0); /* the rows it read are not the server's working set */
        }
    }
    db_close(db); /* migrated; the server threads open their own connections */
    app.pool = db_pool_new(g->db_url);
    app.version = ABDI_VERSION;
    app.tables = abdi_routes;
    printf("Abdi %s berjalan di http://%s:%u/ (basis data %s)\n", ABDI_VERSION, host, opt.port,
           g->db_url);
    fflush(stdout);
    server_catch_signals(); /* a SIGTERM while the mail sender starts still stops cleanly */
    /* One malloc arena per core, not glibc's eight: with 4 server threads per core each thread
     * otherwise kept its own arena, and the memory a whole-government DUK freed stayed held in
     * every arena that had built one (bench/run: peak 519 MiB during the reports, 246 MiB
     * with this; request rates unchanged). Before the first thread starts. */
    {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);

        mallopt(M_ARENA_MAX, cores > 0 ? (int)cores : 1);
    }
    notify_smtp_configure(smtp, smtp_from);
    if (notify_mail_start(app.pool)) {
        fprintf(stderr, "abdi: pengirim surel tidak dapat dimulai\n");
        db_pool_close(app.pool);
        return 1;
    }
    rc = server_run(&app, &opt);
    notify_mail_stop();
    db_pool_close(app.pool);
    audit_key_unload();
    field_key_set(NULL);
    return rc;
}
