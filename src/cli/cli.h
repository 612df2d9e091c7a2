/* cli.h - the subcommands of abdi. Each takes the global options and its own argv
 * (argv[0] is the subcommand) and returns the process exit code: 0 ok, 1 failure,
 * 2 bad arguments (one line on stderr). */
#ifndef ABDI_CLI_H
#define ABDI_CLI_H

struct cli_global {
    const char *db_url;
    const char *audit_key;
};

int cli_serve(const struct cli_global *g, int argc, char **argv);
int cli_migrate(const struct cli_global *g, int argc, char **argv);
int cli_demo(const struct cli_global *g, int argc, char **argv);
int cli_user(const struct cli_global *g, int argc, char **argv);
int cli_backup(const struct cli_global *g, int argc, char **argv);
int cli_audit(const struct cli_global *g, int argc, char **argv);
int cli_import(const struct cli_global *g, int argc, char **argv);

/* Shared by the subcommands: open + migrate + load the audit key; print errors. */
struct db;
int cli_open(const struct cli_global *g, int migrate, struct db **out);
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
struct err;
/* Print "abdi: what: message" (and the detail) to stderr; returns exit code 1. */
int cli_fail(const char *what, const struct err *e);
struct audit_entry;
/* Append ent (actor: system, ip "cli") and commit the open transaction; 0 or -1. */
int cli_audited(struct db *db, const struct audit_entry *ent, struct err *e);

/* "\rwhat: done/total (p%)" on stderr when it is a terminal, every 1% or so; a newline at
 * the end. For long commands (demo, import). */
void cli_progress(const char *what, long done, long total);

/* A generated initial password (23 chars + NUL, about 100 random bits). */
void cli_random_password(char out[24]);
/* given when not NULL, else a new random password written into generated. */
const char *cli_password_or_new(const char *given, char generated[24]);

#endif
