/* main.c - subcommand dispatch only: global options, then one of the cli_* commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "routes.h"

static const char usage[] =
    "Abdi " ABDI_VERSION " - sistem informasi manajemen kepegawaian ASN\n"
    "\n"
    "penggunaan: abdi [--db URL] [--audit-key FILE] PERINTAH [opsi]\n"
    "\n"
    "  serve [--listen HOST:PORT] [--threads N] [--per-ip-limit N] [--behind-tls] [--files DIR]\n"
    "        [--smtp smtp://HOST:PORT --smtp-from ALAMAT]\n"
    "                          jalankan server HTTP (bawaan 127.0.0.1:8080); dengan --smtp\n"
    "                          notifikasi juga dikirim lewat surel\n"
    "  migrate                 terapkan migrasi skema\n"
    "  demo [--employees N] [--password P]\n"
    "                          isi basis data kosong dengan pemerintah kota contoh\n"
    "  user add NAMA --name \"Nama Lengkap\" --role PERAN[,PERAN] --unit KODE [--password P]\n"
    "  user passwd NAMA [--password P]\n"
    "  import employees FILE.csv [--dry-run]\n"
    "                          impor pegawai dari CSV (semua baris atau tidak sama sekali)\n"
    "  import siasn FILE.csv [--dry-run] [--prefer-siasn]\n"
    "                          impor \"Export Data ASN\" SIASN (cocokkan NIP, isi yang kosong,\n"
    "                          catat perbedaan; --prefer-siasn ambil nilai SIASN)\n"
    "  backup FILE             salinan daring yang konsisten (SQLite) + FILE.ckpt\n"
    "  audit verify [--checkpoint FILE]\n"
    "                          periksa rantai audit; keluar bukan 0 bila ada yang diubah\n"
    "\n"
    "  --db URL                sqlite:PATH (bawaan sqlite:abdi.db) atau postgresql://...\n"
    "  --audit-key FILE        kunci rantai audit (bawaan abdi-audit.key; dibuat bila belum ada)\n"
    "  --help, --version\n";

int main(int argc, char **argv)
{
    struct cli_global g = {"sqlite:abdi.db", "abdi-audit.key"};
    const char *env_key = getenv("ABDI_AUDIT_KEY");
    int i = 1;

    clock_init();
    if (env_key && *env_key)
        g.audit_key = env_key;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            puts("abdi " ABDI_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            g.db_url = argv[++i];
        } else if (strcmp(argv[i], "--audit-key") == 0 && i + 1 < argc) {
            g.audit_key = argv[++i];
        } else {
            return cli_usage_error("opsi tidak dikenal atau tanpa nilai: %s", argv[i]);
        }
    }
    if (i >= argc)
        return cli_usage_error("perintah tidak ada (lihat abdi --help)");
    if (strcmp(argv[i], "serve") == 0)
        return cli_serve(&g, argc - i, argv + i);
    if (strcmp(argv[i], "migrate") == 0)
        return cli_migrate(&g, argc - i, argv + i);
    if (strcmp(argv[i], "demo") == 0)
        return cli_demo(&g, argc - i, argv + i);
    if (strcmp(argv[i], "user") == 0)
        return cli_user(&g, argc - i, argv + i);
    if (strcmp(argv[i], "import") == 0)
        return cli_import(&g, argc - i, argv + i);
    if (strcmp(argv[i], "backup") == 0)
        return cli_backup(&g, argc - i, argv + i);
    if (strcmp(argv[i], "audit") == 0)
        return cli_audit(&g, argc - i, argv + i);
    return cli_usage_error("perintah tidak dikenal: %s (lihat abdi --help)", argv[i]);
}
