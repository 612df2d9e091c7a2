/* demo.c - the demo government's catalogue of positions: in each OPD (a child of the root)
 * its head, a secretary, heads of sub-division, pelaksana and fungsional posts with the
 * number of people needed; in each sub-unit (bidang, bagian, puskesmas, sekolah, kelurahan)
 * its head and staff. Every post names its supervising post, so the approval chains of the
 * other modules have something real to follow. Called once by `abdi demo`. */
#include "modules/org/org.h"

#include <string.h>

#include "core/mem.h"

#define UP (-1) /* supervised by the head post of the parent unit */

struct demo_post {
    const char *name;
    const char *kind;
    int kelas, needed;
    int parent;    /* index of the supervising post in the same template, or UP */
    int pelaksana; /* the post the demo records of this unit are placed in */
};

/* Head of a unit: prefix + the unit's name (without its first word when strip, not at all
 * when bare). */
struct demo_head {
    const char *unit_kind;
    const char *prefix;
    int strip, bare;
    const char *kind;
    int kelas;
    const char *secretary; /* OPDs only: the post below the head running the secretariat */
    int secretary_kelas;
};

static const struct demo_head opd_heads[] = {
    {"sekretariat", "Sekretaris ", 1, 0, "jpt_pratama", 14, "Kepala Bagian Umum", 12},
    {"inspektorat", "Inspektur", 0, 1, "jpt_pratama", 14, "Sekretaris Inspektorat", 12},
    {"rsud", "Direktur ", 0, 0, "jpt_pratama", 14, "Kepala Bagian Tata Usaha", 12},
    {"kecamatan", "Camat ", 1, 0, "administrator", 12, "Sekretaris Kecamatan", 11},
    {NULL, "Kepala ", 0, 0, "jpt_pratama", 14, "Sekretaris", 12}, /* dinas, badan, satpol */
};

static const struct demo_head sub_heads[] = {
    {"kelurahan", "Lurah ", 1, 0, "pengawas", 9, NULL, 0},
    {"puskesmas", "Kepala ", 0, 0, "pengawas", 9, NULL, 0},
    {"sekolah", "Kepala ", 0, 0, "ahli_madya", 11, NULL, 0}, /* a teacher with the extra task */
    {NULL, "Kepala ", 0, 0, "administrator", 11, NULL, 0},   /* bidang, bagian, uptd */
};

/* Templates end with a row that needs nobody. Post 0 is the head (name, kind and class
 * from the heads table); an OPD's post 1 is its secretary (name and class from there). */
static const struct demo_post opd_posts[] = {
    {NULL, NULL, 0, 1, UP, 0},
    {NULL, "administrator", 0, 1, 0, 0},
    {"Kepala Subbagian Umum dan Kepegawaian", "pengawas", 9, 1, 1, 0},
    {"Kepala Subbagian Keuangan", "pengawas", 9, 1, 1, 0},
    {"Pengadministrasi Perkantoran", "pelaksana", 5, 3, 2, 1},
    {"Pengelola Keuangan", "pelaksana", 6, 2, 3, 0},
    {"Analis SDM Aparatur Ahli Pertama", "ahli_pertama", 8, 1, 1, 0},
    {"Perencana Ahli Muda", "ahli_muda", 9, 1, 1, 0},
    {"Arsiparis Terampil", "terampil", 6, 1, 2, 0},
    {NULL, NULL, 0, 0, 0, 0},
};

static const struct demo_post division_posts[] = {
    {NULL, NULL, 0, 1, UP, 0},
    {"Kepala Seksi Program dan Evaluasi", "pengawas", 9, 1, 0, 0},
    {"Pengolah Data", "pelaksana", 6, 2, 1, 1},
    {"Analis Kebijakan Ahli Muda", "ahli_muda", 9, 2, 0, 0},
    {"Analis Kebijakan Ahli Pertama", "ahli_pertama", 8, 2, 0, 0},
    {NULL, NULL, 0, 0, 0, 0},
};

static const struct demo_post puskesmas_posts[] = {
    {NULL, NULL, 0, 1, UP, 0},
    {"Kepala Subbagian Tata Usaha", "pengawas", 8, 1, 0, 0},
    {"Pengadministrasi Umum", "pelaksana", 5, 2, 1, 1},
    {"Dokter Ahli Pertama", "ahli_pertama", 9, 2, 0, 0},
    {"Perawat Ahli Pertama", "ahli_pertama", 8, 6, 0, 0},
    {"Perawat Terampil", "terampil", 6, 4, 0, 0},
    {"Bidan Terampil", "terampil", 6, 4, 0, 0},
    {NULL, NULL, 0, 0, 0, 0},
};

static const struct demo_post school_posts[] = {
    {NULL, NULL, 0, 1, UP, 0},
    {"Kepala Tata Usaha", "pengawas", 8, 1, 0, 0},
    {"Pengadministrasi Umum", "pelaksana", 5, 2, 1, 1},
    {"Guru Ahli Pertama", "ahli_pertama", 8, 10, 0, 0},
    {"Guru Ahli Muda", "ahli_muda", 9, 6, 0, 0},
    {NULL, NULL, 0, 0, 0, 0},
};

static const struct demo_post kelurahan_posts[] = {
    {NULL, NULL, 0, 1, UP, 0},
    {"Sekretaris Kelurahan", "pengawas", 8, 1, 0, 0},
    {"Pengadministrasi Umum", "pelaksana", 5, 3, 1, 1},
    {NULL, NULL, 0, 0, 0, 0},
};

#define TEMPLATE_MAX 16

static const struct demo_head *head_of(const struct demo_head *table, const char *kind)
{
    while (table->unit_kind && strcmp(table->unit_kind, kind) != 0)
        table++;
    return table;
}

static const struct demo_post *template_of(const char *kind, int opd)
{
    if (opd)
        return opd_posts;
    if (strcmp(kind, "puskesmas") == 0)
        return puskesmas_posts;
    if (strcmp(kind, "sekolah") == 0)
        return school_posts;
    if (strcmp(kind, "kelurahan") == 0)
        return kelurahan_posts;
    return division_posts;
}

static const char *head_name(struct arena *a, const struct demo_head *h, const char *unit)
{
    const char *rest = unit, *space = strchr(unit, ' ');

    if (h->bare)
        return h->prefix;
    if (h->strip && space)
        rest = space + 1;
    return arena_printf(a, "%s%s", h->prefix, rest);
}

/* Insert the template's posts for unit u, supervised from above by up (0 = none). */
static enum err_code unit_posts(struct db *db, struct arena *a, const struct org_unit *u,
                                int opd, int64_t up, int64_t now, int64_t *head_out,
                                int64_t *pelaksana_out, struct err *e)
{
    const struct demo_post *t = template_of(u->kind, opd);
    const struct demo_head *h = head_of(opd ? opd_heads : sub_heads, u->kind);
    int64_t ids[TEMPLATE_MAX] = {0};

    for (int i = 0; i < TEMPLATE_MAX && t[i].needed > 0; i++) {
        struct org_position p;
        enum err_code rc;

        memset(&p, 0, sizeof p);
        p.unit_id = u->id;
        p.name = t[i].name;
        p.kind = t[i].kind;
        p.kelas_jabatan = t[i].kelas;
        p.needed = t[i].needed;
        if (i == 0) {
            p.name = head_name(a, h, u->name);
            p.kind = h->kind;
            p.kelas_jabatan = h->kelas;
        } else if (!p.name) {
            p.name = h->secretary;
            p.kelas_jabatan = h->secretary_kelas;
        }
        p.bup_age = org_position_bup_default(p.kind);
        p.parent_position_id = t[i].parent == UP ? up : ids[t[i].parent];
        rc = org_position_check(&p, e);
        if (!rc)
            rc = org_position_insert(db, &p, now, &ids[i], e);
        if (rc)
            return rc;
        if (t[i].pelaksana)
            *pelaksana_out = ids[i];
    }
    *head_out = ids[0];
    return ERR_OK;
}

static size_t index_of(const struct org_unit *units, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (units[i].id == id)
            return i;
    return n;
}

enum err_code org_demo_positions(struct db *db, const int64_t *unit_ids, size_t n,
                                 int64_t *pelaksana_out, int64_t now, struct err *e)
{
    struct arena *a = arena_new();
    struct org_unit *units = arena_alloc(a, (n ? n : 1) * sizeof *units);
    int64_t *heads = arena_alloc(a, (n ? n : 1) * sizeof *heads);
    enum err_code rc = ERR_OK;

    for (size_t i = 0; i < n && !rc; i++)
        rc = org_unit_get(db, a, unit_ids[i], &units[i], e);
    /* parents come before their children in the demo's list */
    for (size_t i = 0; i < n && !rc; i++) {
        size_t parent = index_of(units, n, units[i].parent_id);
        int opd = parent < n && units[parent].parent_id == 0;

        pelaksana_out[i] = 0;
        heads[i] = 0;
        if (units[i].parent_id == 0)
            continue; /* the government itself: its posts are the OPD heads' supervisors */
        rc = unit_posts(db, a, &units[i], opd, parent < n ? heads[parent] : 0, now, &heads[i],
                        &pelaksana_out[i], e);
    }
    arena_free(a);
    return rc;
}
