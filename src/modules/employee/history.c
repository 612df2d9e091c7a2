/* history.c - the descriptors of the employee histories (one table each: its input fields in
 * column order, its cross-field rule and its three statements) and the one validator every
 * kind goes through. Pure: no I/O; the statements are data the store runs. A descriptor's
 * statements list the columns in the order of its fields; tests/unit checks they agree. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"

#define TEXT_SHORT 64  /* numbers and ids: SK, diploma, certificate, SIASN id */
#define TEXT_NAME 200  /* names of people, institutions, trainings, officials */
#define TEXT_LONG 1000 /* reasons */

/* The decree columns every history row carries (design.md §5), after the kind's own. */
#define COMMON_FIELDS                                                                         \
    {"sk_number", HT_TEXT, 0, 0, TEXT_SHORT, NULL, NULL, "Nomor SK"},                          \
        {"sk_date", HT_DATE, 0, 0, 0, NULL, NULL, "Tanggal SK"},                               \
        {"signed_by", HT_TEXT, 0, 0, TEXT_NAME, NULL, NULL, "Pejabat penandatangan"},          \
        {"document_id", HT_ID, 0, 1, INT64_MAX, NULL, NULL, "Dokumen"},                        \
        {"siasn_id", HT_TEXT, 0, 0, TEXT_SHORT, NULL, NULL, "ID SIASN"},                       \
        {"supersedes", HT_ID, 0, 1, INT64_MAX, NULL, NULL, "Baris yang dikoreksi"},            \
        {0}
#define COMMON_COLS "sk_number, sk_date, signed_by, document_id, siasn_id, supersedes"
#define COMMON_LIST(t)                                                                        \
    " t.sk_number, t.sk_date, t.signed_by, t.document_id, t.siasn_id, t.supersedes,"          \
    " (SELECT n.id FROM " t " n WHERE n.supersedes = t.id), t.created_at, t.created_by"
#define OWNER_SQL(t)                                                                          \
    "SELECT t.employee_id, (SELECT count(*) FROM " t " n WHERE n.supersedes = t.id) FROM " t  \
    " t WHERE t.id = $1"

/* ---- education ---- */
static const struct history_field education_fields[] = {
    {"level_code", HT_REF, HF_REQUIRED, 0, TEXT_SHORT, NULL,
     "SELECT count(*) FROM education_levels WHERE code = $1", "Tingkat pendidikan"},
    {"institution", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Nama sekolah/perguruan tinggi"},
    {"major", HT_TEXT, 0, 0, TEXT_NAME, NULL, NULL, "Jurusan"},
    {"graduated_on", HT_DATE, HF_REQUIRED, 0, 0, NULL, NULL, "Tanggal lulus"},
    {"diploma_number", HT_TEXT, 0, 0, TEXT_SHORT, NULL, NULL, "Nomor ijazah"},
    /* SIASN's code of the programme (reference list pendidikan, 0016); major keeps its name */
    {"pendidikan_id", HT_TEXT, 0, 0, TEXT_SHORT, NULL, NULL, "Kode pendidikan SIASN"},
    COMMON_FIELDS,
};

static const struct history_kind education = {
    "education", "employee_education", "employee.education.add", education_fields, NULL,
    "INSERT INTO employee_education (employee_id, level_code, institution, major, graduated_on,"
    " diploma_number, pendidikan_id, " COMMON_COLS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    "SELECT t.id, t.level_code, t.institution, t.major, t.graduated_on, t.diploma_number,"
    " t.pendidikan_id," COMMON_LIST("employee_education")
    " FROM employee_education t WHERE t.employee_id = $1"
    " ORDER BY t.graduated_on DESC, t.id DESC",
    OWNER_SQL("employee_education"),
};

/* ---- family ---- */
static const char *const relations[] = {"suami", "istri", "anak", NULL};
static const char *const genders[] = {"L", "P", NULL};
static const char *const child_kinds[] = {"kandung", "tiri", "angkat", NULL};
static const char *const life_states[] = {"hidup", "meninggal", "cerai", NULL};

static const struct history_field family_fields[] = {
    {"relation", HT_CHOICE, HF_REQUIRED, 0, 0, relations, NULL, "Hubungan"},
    {"name", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Nama"},
    {"birth_date", HT_DATE, HF_REQUIRED | HF_BEFORE_BIRTH, 0, 0, NULL, NULL, "Tanggal lahir"},
    {"gender", HT_CHOICE, HF_REQUIRED, 0, 0, genders, NULL, "Jenis kelamin"},
    {"nik", HT_NIK, 0, 0, 0, NULL, NULL, "NIK"},
    {"marriage_date", HT_DATE, 0, 0, 0, NULL, NULL, "Tanggal menikah"},
    {"child_kind", HT_CHOICE, 0, 0, 0, child_kinds, NULL, "Status anak"},
    {"allowance", HT_INT, 0, 0, 1, NULL, NULL, "Tunjangan keluarga"},
    {"life_state", HT_CHOICE, 0, 0, 0, life_states, NULL, "Keadaan"},
    COMMON_FIELDS,
};

static const char *val(const struct history_kind *k, const struct history_value *v,
                       const char *name)
{
    int i = employee_history_field(k, name);

    return i >= 0 && v[i].present ? v[i].s : NULL;
}

static int date_cmp_text(const char *a, const char *b)
{
    struct employee_date x, y;

    if (employee_date_parse(a, &x) || employee_date_parse(b, &y))
        return 0;
    return employee_date_cmp(x, y);
}

/* A husband for a woman, a wife for a man (UU 1/1974); marriage dates and divorce only for
 * spouses, the kind of child only (and always) for children; a marriage after the spouse's
 * birth; a natural child born after the employee. */
static enum err_code family_check(const struct history_kind *k, const struct history_value *v,
                                  const struct history_context *cx, struct err *e)
{
    const char *rel = val(k, v, "relation"), *g = val(k, v, "gender");
    const char *born = val(k, v, "birth_date"), *married = val(k, v, "marriage_date");
    const char *child = val(k, v, "child_kind"), *state = val(k, v, "life_state");
    int spouse = strcmp(rel, "anak") != 0;
    char birth[11];

    if (spouse && strcmp(rel, cx->gender == EMPLOYEE_MALE ? "istri" : "suami") != 0)
        return err_invalid(e, "relation",
                           cx->gender == EMPLOYEE_MALE ? "Pasangan pegawai laki-laki adalah istri"
                                                       : "Pasangan pegawai perempuan adalah suami");
    if (spouse && strcmp(g, strcmp(rel, "istri") == 0 ? "P" : "L") != 0)
        return err_invalid(e, "gender", "Jenis kelamin tidak sesuai dengan hubungan");
    if (!spouse && married)
        return err_invalid(e, "marriage_date", "Tanggal menikah hanya untuk suami/istri");
    if (spouse && married && date_cmp_text(married, born) < 0)
        return err_invalid(e, "marriage_date", "Tanggal menikah tidak boleh sebelum tanggal lahir");
    if (spouse && child)
        return err_invalid(e, "child_kind", "Status anak hanya untuk anak");
    if (!spouse && !child)
        return err_invalid(e, "child_kind", "Status anak wajib diisi (kandung, tiri atau angkat)");
    if (!spouse && state && strcmp(state, "cerai") == 0)
        return err_invalid(e, "life_state", "Keadaan cerai hanya untuk suami/istri");
    employee_date_format(cx->birth, birth);
    if (!spouse && strcmp(child, "kandung") == 0 && date_cmp_text(born, birth) <= 0)
        return err_invalid(e, "birth_date", "Anak kandung tidak boleh lahir sebelum pegawai");
    return ERR_OK;
}

static const struct history_kind family = {
    "family", "employee_family", "employee.family.add", family_fields, family_check,
    "INSERT INTO employee_family (employee_id, relation, name, birth_date, gender, nik,"
    " marriage_date, child_kind, allowance, life_state, " COMMON_COLS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE(CAST($9 AS BIGINT), 0),"
    " COALESCE(CAST($10 AS TEXT), 'hidup'), $11, $12, $13, $14, $15, $16, $17, $18)"
    " RETURNING id",
    "SELECT t.id, t.relation, t.name, t.birth_date, t.gender, t.nik, t.marriage_date,"
    " t.child_kind, t.allowance, t.life_state," COMMON_LIST("employee_family")
    " FROM employee_family t WHERE t.employee_id = $1"
    " ORDER BY CASE WHEN t.relation = 'anak' THEN 1 ELSE 0 END, t.birth_date, t.id",
    OWNER_SQL("employee_family"),
};

/* ---- training ---- */
/* siasn.md §3 jenis diklat: the code is the position in this list plus one. */
static const char *const training_kinds[] = {
    "struktural", "fungsional", "teknis",  "workshop", "manajerial", "sosial_kultural",
    "sosialisasi", "bimtek",    "seminar", "magang",   "kursus",     "penataran",
    NULL};

static const struct history_field training_fields[] = {
    {"kind", HT_CHOICE, HF_REQUIRED, 0, 0, training_kinds, NULL, "Jenis diklat"},
    {"name", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Nama diklat"},
    {"organizer", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Penyelenggara"},
    {"start_date", HT_DATE, HF_REQUIRED, 0, 0, NULL, NULL, "Tanggal mulai"},
    {"end_date", HT_DATE, HF_REQUIRED, 0, 0, NULL, NULL, "Tanggal selesai"},
    {"hours", HT_INT, HF_REQUIRED, 1, 10000, NULL, NULL, "Jumlah JP"},
    {"certificate_number", HT_TEXT, 0, 0, TEXT_SHORT, NULL, NULL, "Nomor sertifikat"},
    COMMON_FIELDS,
};

static enum err_code training_check(const struct history_kind *k, const struct history_value *v,
                                    const struct history_context *cx, struct err *e)
{
    (void)cx;
    if (date_cmp_text(val(k, v, "end_date"), val(k, v, "start_date")) < 0)
        return err_invalid(e, "end_date", "Tanggal selesai tidak boleh sebelum tanggal mulai");
    return ERR_OK;
}

static const struct history_kind training = {
    "training", "employee_training", "employee.training.add", training_fields, training_check,
    "INSERT INTO employee_training (employee_id, kind, name, organizer, start_date, end_date,"
    " hours, certificate_number, " COMMON_COLS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
    " RETURNING id",
    "SELECT t.id, t.kind, t.name, t.organizer, t.start_date, t.end_date, t.hours,"
    " t.certificate_number," COMMON_LIST("employee_training")
    " FROM employee_training t WHERE t.employee_id = $1 ORDER BY t.start_date DESC, t.id DESC",
    OWNER_SQL("employee_training"),
};

/* ---- awards ---- */
static const struct history_field award_fields[] = {
    {"name", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Nama penghargaan"},
    {"kind", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Jenis penghargaan"},
    {"year", HT_INT, HF_REQUIRED, 1900, 9999, NULL, NULL, "Tahun"},
    {"awarded_on", HT_DATE, 0, 0, 0, NULL, NULL, "Tanggal"},
    {"giver", HT_TEXT, HF_REQUIRED, 0, TEXT_NAME, NULL, NULL, "Pemberi"},
    COMMON_FIELDS,
};

static enum err_code award_check(const struct history_kind *k, const struct history_value *v,
                                 const struct history_context *cx, struct err *e)
{
    int64_t year = v[employee_history_field(k, "year")].i;
    const char *on = val(k, v, "awarded_on");
    struct employee_date d;

    if (year > cx->today.y || year < cx->birth.y)
        return err_invalid(e, "year", "Tahun harus antara tahun lahir dan tahun ini");
    if (on && employee_date_parse(on, &d) == 0 && d.y != year)
        return err_invalid(e, "awarded_on", "Tanggal tidak sesuai dengan tahun");
    return ERR_OK;
}

static const struct history_kind awards = {
    "awards", "employee_awards", "employee.awards.add", award_fields, award_check,
    "INSERT INTO employee_awards (employee_id, name, kind, year, awarded_on, giver, "
    COMMON_COLS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    "SELECT t.id, t.name, t.kind, t.year, t.awarded_on, t.giver," COMMON_LIST("employee_awards")
    " FROM employee_awards t WHERE t.employee_id = $1 ORDER BY t.year DESC, t.id DESC",
    OWNER_SQL("employee_awards"),
};

/* ---- discipline (PP 94/2021 art. 8) ---- */
static const char *const levels[] = {"ringan", "sedang", "berat", NULL};
static const char *const sanctions[] = {
    "teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas",             /* ringan */
    "potong_tpp_6_bulan", "potong_tpp_9_bulan", "potong_tpp_12_bulan",         /* sedang */
    "penurunan_jabatan", "pembebasan_jabatan", "pemberhentian_tidak_aps",      /* berat */
    NULL};

static const struct history_field discipline_fields[] = {
    {"level", HT_CHOICE, HF_REQUIRED, 0, 0, levels, NULL, "Tingkat hukuman"},
    {"sanction", HT_CHOICE, HF_REQUIRED, 0, 0, sanctions, NULL, "Jenis hukuman"},
    {"tmt", HT_DATE, HF_REQUIRED, 0, 0, NULL, NULL, "TMT hukuman"},
    {"end_date", HT_DATE, HF_FUTURE_OK, 0, 0, NULL, NULL, "Tanggal berakhir"},
    {"reason", HT_TEXT, HF_REQUIRED, 0, TEXT_LONG, NULL, NULL, "Alasan"},
    COMMON_FIELDS,
};

static enum err_code discipline_check(const struct history_kind *k,
                                      const struct history_value *v,
                                      const struct history_context *cx, struct err *e)
{
    const char *level = val(k, v, "level"), *sanction = val(k, v, "sanction");
    const char *end = val(k, v, "end_date");
    int li = 0, si = 0;

    (void)cx;
    while (strcmp(levels[li], level) != 0)
        li++;
    while (strcmp(sanctions[si], sanction) != 0)
        si++;
    if (si / 3 != li)
        return err_invalid(e, "sanction", "Jenis hukuman tidak sesuai dengan tingkat hukuman");
    if (end && date_cmp_text(end, val(k, v, "tmt")) < 0)
        return err_invalid(e, "end_date", "Tanggal berakhir tidak boleh sebelum TMT");
    return ERR_OK;
}

static const struct history_kind discipline = {
    "discipline", "employee_discipline", "employee.discipline.add", discipline_fields,
    discipline_check,
    "INSERT INTO employee_discipline (employee_id, level, sanction, tmt, end_date, reason, "
    COMMON_COLS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    "SELECT t.id, t.level, t.sanction, t.tmt, t.end_date, t.reason,"
    COMMON_LIST("employee_discipline")
    " FROM employee_discipline t WHERE t.employee_id = $1 ORDER BY t.tmt DESC, t.id DESC",
    OWNER_SQL("employee_discipline"),
};

/* ---- kinerja: the yearly appraisal result (SKP, PermenPAN-RB 6/2022; domain.md §6) ---- */
static const struct history_field kinerja_fields[] = {
    {"year", HT_INT, HF_REQUIRED, 1900, 9999, NULL, NULL, "Tahun penilaian"},
    {"predikat", HT_REF, HF_REQUIRED, 0, TEXT_SHORT, NULL,
     "SELECT count(*) FROM ref_codes WHERE list = 'kinerja_predikat' AND code = $1",
     "Predikat kinerja"},
    {"predikat_name", HT_TEXT, HF_OUTPUT, 0, 0, NULL, NULL, "Nama predikat"},
    {"hasil_kerja_rating", HT_REF, 0, 0, TEXT_SHORT, NULL,
     "SELECT count(*) FROM ref_codes WHERE list = 'kinerja_rating' AND code = $1",
     "Rating hasil kerja"},
    {"perilaku_rating", HT_REF, 0, 0, TEXT_SHORT, NULL,
     "SELECT count(*) FROM ref_codes WHERE list = 'kinerja_rating' AND code = $1",
     "Rating perilaku kerja"},
    COMMON_FIELDS,
};

/* The appraisal of a year that has begun, not before the appointment (a CPNS has an SKP
 * too). One row per year is the store's check (it needs the other rows). */
static enum err_code kinerja_check(const struct history_kind *k, const struct history_value *v,
                                   const struct history_context *cx, struct err *e)
{
    int64_t year = v[employee_history_field(k, "year")].i;

    if (year > cx->today.y)
        return err_invalid(e, "year", "Tahun penilaian tidak boleh di masa depan");
    if (year < cx->appointed.y)
        return err_invalid(e, "year", "Tahun penilaian tidak boleh sebelum tahun pengangkatan");
    return ERR_OK;
}

static const struct history_kind kinerja = {
    "kinerja", "employee_kinerja", "employee.kinerja.add", kinerja_fields, kinerja_check,
    "INSERT INTO employee_kinerja (employee_id, year, predikat, hasil_kerja_rating,"
    " perilaku_rating, " COMMON_COLS ", created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    "SELECT t.id, t.year, t.predikat, r.name, t.hasil_kerja_rating, t.perilaku_rating,"
    COMMON_LIST("employee_kinerja")
    " FROM employee_kinerja t LEFT JOIN ref_codes r ON r.list = 'kinerja_predikat'"
    " AND r.code = t.predikat WHERE t.employee_id = $1 ORDER BY t.year DESC, t.id DESC",
    OWNER_SQL("employee_kinerja"),
};

/* ---- ranks (a promotion) and positions (read here; written by mutations) ---- */
static const struct history_field rank_fields[] = {
    {"golongan", HT_REF, HF_REQUIRED, 0, TEXT_SHORT, NULL,
     "SELECT count(*) FROM golongan WHERE code = $1", "Golongan"},
    {"pangkat", HT_TEXT, HF_OUTPUT, 0, 0, NULL, NULL, "Pangkat"},
    {"tmt", HT_DATE, HF_REQUIRED, 0, 0, NULL, NULL, "TMT golongan"},
    COMMON_FIELDS,
};

/* The TMT of a rank is not before the appointment (the NIP's TMT CPNS). */
static enum err_code rank_check(const struct history_kind *k, const struct history_value *v,
                                const struct history_context *cx, struct err *e)
{
    char appointed[11];

    employee_date_format(cx->appointed, appointed);
    if (date_cmp_text(val(k, v, "tmt"), appointed) < 0)
        return err_invalid(e, "tmt", "TMT tidak boleh sebelum TMT pengangkatan");
    return ERR_OK;
}

static const struct history_kind ranks = {
    "ranks", "employee_rank_history", "employee.ranks.add", rank_fields, rank_check,
    "INSERT INTO employee_rank_history (employee_id, golongan, tmt, " COMMON_COLS
    ", created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    " RETURNING id",
    "SELECT t.id, t.golongan, g.pangkat, t.tmt," COMMON_LIST("employee_rank_history")
    " FROM employee_rank_history t JOIN golongan g ON g.code = t.golongan"
    " WHERE t.employee_id = $1 ORDER BY t.tmt DESC, t.id DESC",
    OWNER_SQL("employee_rank_history"),
};

static const struct history_field position_fields[] = {
    {"unit_id", HT_INT, HF_OUTPUT, 0, 0, NULL, NULL, "Unit"},
    {"unit_name", HT_TEXT, HF_OUTPUT, 0, 0, NULL, NULL, "Nama unit"},
    {"position_id", HT_INT, HF_OUTPUT, 0, 0, NULL, NULL, "Jabatan"},
    {"position_name", HT_TEXT, HF_OUTPUT, 0, 0, NULL, NULL, "Nama jabatan"},
    {"position_kind", HT_TEXT, HF_OUTPUT, 0, 0, NULL, NULL, "Jenis jabatan"},
    {"tmt", HT_DATE, HF_OUTPUT, 0, 0, NULL, NULL, "TMT jabatan"},
    COMMON_FIELDS,
};

static const struct history_kind positions = {
    "positions", "employee_position_history", NULL, position_fields, NULL, NULL,
    "SELECT t.id, t.unit_id, u.name, t.position_id, p.name, p.kind, t.tmt,"
    COMMON_LIST("employee_position_history")
    " FROM employee_position_history t JOIN units u ON u.id = t.unit_id"
    " LEFT JOIN positions p ON p.id = t.position_id"
    " WHERE t.employee_id = $1 ORDER BY t.tmt DESC, t.id DESC",
    OWNER_SQL("employee_position_history"),
};

const struct history_kind *const employee_history_kinds[] = {
    &education, &family, &training, &awards, &discipline, &kinerja, &ranks, &positions,
    NULL,
};

const struct history_kind *employee_history_kind(const char *name)
{
    for (const struct history_kind *const *k = employee_history_kinds; name && *k; k++)
        if (strcmp((*k)->name, name) == 0)
            return *k;
    return NULL;
}

int employee_history_field(const struct history_kind *k, const char *name)
{
    for (int i = 0; k->fields[i].name; i++)
        if (strcmp(k->fields[i].name, name) == 0)
            return i;
    return -1;
}

static enum err_code invalidf(struct err *e, const struct history_field *f, const char *what)
{
    char msg[160];

    snprintf(msg, sizeof msg, "%s %s", f->label, what);
    return err_invalid(e, f->name, msg);
}

static enum err_code check_date(const struct history_field *f, const char *s,
                                const struct history_context *cx, struct err *e)
{
    struct employee_date d;

    if (employee_date_parse(s, &d))
        return invalidf(e, f, "harus berformat YYYY-MM-DD dan valid");
    if (!(f->flags & HF_FUTURE_OK) && employee_date_cmp(d, cx->today) > 0)
        return invalidf(e, f, "tidak boleh di masa depan");
    if (!(f->flags & HF_BEFORE_BIRTH) && employee_date_cmp(d, cx->birth) < 0)
        return invalidf(e, f, "tidak boleh sebelum tanggal lahir pegawai");
    return ERR_OK;
}

static enum err_code check_choice(const struct history_field *f, const char *s, struct err *e)
{
    char msg[160];
    size_t n;

    for (const char *const *c = f->choices; *c; c++)
        if (strcmp(*c, s) == 0)
            return ERR_OK;
    n = (size_t)snprintf(msg, sizeof msg, "%s harus salah satu dari:", f->label);
    for (const char *const *c = f->choices; *c && n < sizeof msg; c++)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "%s %s", c == f->choices ? "" : ",", *c);
    return err_invalid(e, f->name, msg);
}

/* One field present with a non-null value. */
static enum err_code check_field(const struct history_field *f, json_t *j,
                                 const struct history_context *cx, struct history_value *v,
                                 struct err *e)
{
    enum err_code rc;

    if (f->type == HT_INT || f->type == HT_ID) {
        if (!json_is_integer(j) || json_integer_value(j) < f->min ||
            json_integer_value(j) > f->max)
            return invalidf(e, f, "harus bilangan bulat dalam rentang yang diizinkan");
        v->i = json_integer_value(j);
        v->present = 1;
        return ERR_OK;
    }
    if (!json_is_string(j))
        return invalidf(e, f, "harus berupa teks");
    v->s = json_string_value(j);
    if (f->max && json_string_length(j) > (size_t)f->max)
        return invalidf(e, f, "terlalu panjang");
    if (strlen(v->s) != json_string_length(j))
        return invalidf(e, f, "tidak boleh memuat karakter NUL");
    if (str_blank(v->s)) {
        if (f->flags & HF_REQUIRED)
            return invalidf(e, f, "wajib diisi");
        return ERR_OK; /* an empty optional text is no value */
    }
    switch (f->type) {
    case HT_DATE:
        rc = check_date(f, v->s, cx, e);
        break;
    case HT_CHOICE:
        rc = check_choice(f, v->s, e);
        break;
    case HT_NIK:
        rc = employee_nik_decode(v->s, NULL, e);
        if (rc)
            snprintf(e->field, sizeof e->field, "%s", f->name);
        break;
    default:
        rc = ERR_OK;
        break;
    }
    v->present = rc == ERR_OK;
    return rc;
}

enum err_code employee_history_validate(const struct history_kind *k, json_t *row,
                                        const struct history_context *cx,
                                        struct history_value *v, struct err *e)
{
    const char *key;
    json_t *j;

    memset(v, 0, sizeof *v * HISTORY_MAX_FIELDS);
    if (!json_is_object(row))
        return err_invalid(e, NULL, "Data harus berupa objek JSON");
    json_object_foreach(row, key, j) {
        int i = employee_history_field(k, key);

        if (i < 0 || (k->fields[i].flags & HF_OUTPUT))
            return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
    }
    for (int i = 0; k->fields[i].name && i < HISTORY_MAX_FIELDS; i++) {
        const struct history_field *f = &k->fields[i];
        enum err_code rc;

        if (f->flags & HF_OUTPUT)
            continue;
        j = json_object_get(row, f->name);
        if (!j || json_is_null(j)) {
            if (f->flags & HF_REQUIRED)
                return invalidf(e, f, "wajib diisi");
            continue;
        }
        rc = check_field(f, j, cx, &v[i], e);
        if (rc)
            return rc;
    }
    return k->check ? k->check(k, v, cx, e) : ERR_OK;
}
