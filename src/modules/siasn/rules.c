/* rules.c - the pure rules of an "Export Data ASN" row (siasn.md §2): the declared columns
 * (the reader, src/report/csv_read.c, already skips a BOM, reads CRLF, detects ';' or ',',
 * drops a leading apostrophe and the text null, and turns dd-mm-yyyy into yyyy-mm-dd), the
 * mapping of SIASN's codes (gender, kedudukan hukum, status, golongan) and the checks of
 * domain.md through the employee module's own rules (NIP, NI PPPK, NIK, dates, names and
 * contact fields), never copies of them. No I/O, no clock. */
#include "modules/siasn/siasn.h"

#include <stdio.h>
#include <string.h>

#include "core/limits.h"
#include "core/str.h"

#define SIASN_EDU_CODE_MAX 64  /* pendidikan_id: the education history's code columns */
#define SIASN_EDU_NAME_MAX 200 /* pendidikan_nama, nama_sekolah: its major and institution */

#define SIASN_COL_DECL(name, req, flags) {#name, NULL, ((req) ? CSV_COL_REQUIRED : 0u) | (flags)},
const struct csv_col siasn_columns[] = {SIASN_COLUMNS(SIASN_COL_DECL)};
#undef SIASN_COL_DECL

const struct csv_read_options siasn_read_options = {
    .flags = CSV_READ_APOSTROPHE | CSV_READ_NULL_EMPTY,
};

const char *siasn_gender(const char *v)
{
    static const char *const male[] = {"M", "L", "1", "laki-laki", "pria", NULL};
    static const char *const female[] = {"F", "P", "2", "W", "perempuan", "wanita", NULL};

    for (size_t i = 0; v && male[i]; i++)
        if (str_ieq(v, male[i]))
            return "L";
    for (size_t i = 0; v && female[i]; i++)
        if (str_ieq(v, female[i]))
            return "P";
    return NULL;
}

/* A value of a small list by SIASN's code (id) or, without one, by its name; NULL when
 * neither is known. map: {code, name as SIASN writes it, Abdi's value}. */
struct siasn_pick {
    const char *code, *name, *abdi;
};

static const char *pick(const struct siasn_pick *map, size_t n, const char *id, const char *name)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(id, map[i].code) == 0)
            return map[i].abdi;
    for (size_t i = 0; !id && name && i < n; i++)
        if (str_ieq(name, map[i].name) || str_ieq(name, map[i].abdi))
            return map[i].abdi;
    return NULL;
}

const char *siasn_religion(const char *id, const char *name)
{
    static const struct siasn_pick map[] = {
        {"1", "Islam", "Islam"},     {"2", "Kristen", "Kristen"},   {"3", "Katholik", "Katolik"},
        {"4", "Hindu", "Hindu"},     {"5", "Budha", "Buddha"},      {"6", "Konghucu", "Konghucu"},
        {"7", "Lainnya", "kepercayaan"},
    };

    return pick(map, sizeof map / sizeof map[0], id, name);
}

const char *siasn_marital(const char *id, const char *name)
{
    static const struct siasn_pick map[] = {
        {"1", "Belum Kawin", "belum_kawin"},
        {"2", "Menikah", "kawin"},
        {"3", "Cerai Hidup", "cerai_hidup"},
        {"4", "Cerai Mati", "cerai_mati"},
    };

    if (id == NULL && name && str_ieq(name, "Kawin"))
        return "kawin";
    return pick(map, sizeof map / sizeof map[0], id, name);
}

const char *siasn_state(const char *v, int *warn)
{
    static const struct {
        const char *code, *state;
    } map[] = {{"01", "active"},
               {"02", "cltn"},
               {"98", "retired"},
               {"99", "retired"},
               {"66", "dismissed"}};
    char code[3];

    *warn = 0;
    if (!v)
        return NULL;
    if (strlen(v) == 1 && v[0] >= '0' && v[0] <= '9')
        snprintf(code, sizeof code, "0%c", v[0]);
    else
        str_copy(code, sizeof code, strlen(v) == 2 ? v : "");
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(code, map[i].code) == 0)
            return map[i].state;
    *warn = 1;
    return "active";
}

static int contains_ci(const char *s, const char *word)
{
    size_t n = strlen(word);

    for (; s && *s; s++)
        if (strncasecmp(s, word, n) == 0)
            return 1;
    return 0;
}

const char *siasn_status(const char *jenis_pegawai_nama, const char *status_cpns_pns,
                         const char *nip)
{
    /* An NI PPPK has its marker (2..9) where a NIP has the first digit of a month (0 or 1). */
    if (contains_ci(jenis_pegawai_nama, "PPPK") || contains_ci(status_cpns_pns, "PPPK") ||
        (nip && strlen(nip) == EMPLOYEE_NIP_LEN && nip[12] >= '2' && nip[12] <= '9'))
        return "PPPK";
    if (status_cpns_pns && (str_ieq(status_cpns_pns, "C") || str_ieq(status_cpns_pns, "CPNS")))
        return "CPNS";
    return "PNS";
}

const struct siasn_golongan *siasn_golongan_find(const struct siasn_context *cx, const char *code)
{
    for (size_t i = 0; code && i < cx->ngolongan; i++)
        if ((cx->golongan[i].siasn_id && strcmp(cx->golongan[i].siasn_id, code) == 0) ||
            strcmp(cx->golongan[i].code, code) == 0)
            return &cx->golongan[i];
    return NULL;
}

const struct siasn_education *siasn_education_find(const struct siasn_context *cx, const char *code)
{
    char two[3];

    if (code && strlen(code) == 1 && code[0] >= '0' && code[0] <= '9') {
        snprintf(two, sizeof two, "0%c", code[0]);
        code = two;
    }
    for (size_t i = 0; code && i < cx->neducation; i++)
        if ((cx->education[i].siasn_id && strcmp(cx->education[i].siasn_id, code) == 0) ||
            strcmp(cx->education[i].code, code) == 0)
            return &cx->education[i];
    return NULL;
}

/* The level of a functional position in its name, NULL when the name has none. The older
 * names of the skill levels count too (pelaksana pemula = pemula, pelaksana = terampil,
 * pelaksana lanjutan = mahir), so "pelaksana lanjutan" and "pelaksana pemula" are tried
 * before "pelaksana" alone. */
static const char *functional_level(const char *name)
{
    static const struct {
        const char *word, *kind;
    } levels[] = {
        {"ahli utama", "ahli_utama"}, {"ahli madya", "ahli_madya"},
        {"ahli muda", "ahli_muda"},   {"ahli pertama", "ahli_pertama"},
        {"penyelia", "penyelia"},     {"pelaksana lanjutan", "mahir"},
        {"mahir", "mahir"},           {"terampil", "terampil"},
        {"pemula", "pemula"},         {"pelaksana", "terampil"},
    };

    for (size_t i = 0; name && i < sizeof levels / sizeof levels[0]; i++)
        if (contains_ci(name, levels[i].word))
            return levels[i].kind;
    return NULL;
}

const char *siasn_position_kind(const char *jenis_jabatan_id, const char *eselon_id,
                                const char *jabatan_nama)
{
    const char *level = functional_level(jabatan_nama);
    const char *j = jenis_jabatan_id ? jenis_jabatan_id : "";

    /* siasn.md §3 eselon: 10 JPT utama, 11/12 JPT madya, 21/22 JPT pratama, 31/32
     * administrator, 41/42 pengawas; 51/52 (eselon V) and 99 (non-eselon) say no kind */
    if (eselon_id && strlen(eselon_id) == 2 && eselon_id[1] >= '0' && eselon_id[1] <= '9') {
        if (strcmp(eselon_id, "10") == 0)
            return "jpt_utama";
        if (eselon_id[0] == '1')
            return "jpt_madya";
        if (eselon_id[0] == '2')
            return "jpt_pratama";
        if (eselon_id[0] == '3')
            return "administrator";
        if (eselon_id[0] == '4')
            return "pengawas";
    }
    if (strcmp(j, "2") == 0)
        return level ? level : "ahli_pertama";
    if (strcmp(j, "3") == 0 && level)
        return level;
    if (strcmp(j, "1") == 0)
        return "pengawas";
    return "pelaksana";
}

void siasn_row_read(const char *const *v, long line, struct siasn_row *x)
{
    memset(x, 0, sizeof *x);
    x->line = line;
    x->pns_id = v[SC_pns_id];
    x->nip = v[SC_nip_baru];
    x->name = v[SC_nama];
    x->gelar_depan = v[SC_gelar_depan];
    x->gelar_belakang = v[SC_gelar_belakang];
    x->birth_place = v[SC_tempat_lahir_nama];
    x->birth_date = v[SC_tanggal_lahir];
    x->gender = v[SC_jenis_kelamin];
    x->nik = v[SC_nik];
    x->phone = v[SC_nomor_hp];
    x->email = v[SC_email] ? v[SC_email] : v[SC_email_gov];
    x->address = v[SC_alamat];
    x->religion = siasn_religion(v[SC_agama_id], v[SC_agama_nama]);
    x->marital = siasn_marital(v[SC_jenis_kawin_id], v[SC_jenis_kawin_nama]);
    x->status = siasn_status(v[SC_jenis_pegawai_nama], v[SC_status_cpns_pns], x->nip);
    x->status_given = v[SC_jenis_pegawai_nama] || v[SC_status_cpns_pns] ? x->status : NULL;
    x->state = v[SC_kedudukan_hukum_id]; /* mapped by siasn_row_check (with its warning) */
    x->gol_id = v[SC_gol_akhir_id];
    x->tmt_golongan = v[SC_tmt_golongan];
    x->jenis_jabatan_id = v[SC_jenis_jabatan_id];
    x->jabatan_id = v[SC_jabatan_id];
    x->jabatan_nama = v[SC_jabatan_nama];
    x->tmt_jabatan = v[SC_tmt_jabatan];
    x->unor_id = v[SC_unor_id];
    x->unor_nama = v[SC_unor_nama];
    x->eselon_id = v[SC_eselon_id];
    x->edu_level_id = v[SC_tingkat_pendidikan_id];
    x->pendidikan_id = v[SC_pendidikan_id];
    x->pendidikan_nama = v[SC_pendidikan_nama];
    x->school = v[SC_nama_sekolah];
    x->tahun_lulus = v[SC_tahun_lulus];
}

static int bad(struct csv_report *rep, const struct siasn_row *x, const char *col, const char *msg)
{
    csv_report_add(rep, x->line, col, msg);
    return 1;
}

/* A date column: a real date (dd-mm-yyyy in the file), not after today, not before from
 * (when from is given). 0 good, 1 bad (reported). */
static int check_date(struct csv_report *rep, const struct siasn_row *x, const char *col,
                      const char *v, const struct employee_date *from, const char *from_msg,
                      struct employee_date today, struct employee_date *out)
{
    struct employee_date d;

    if (employee_date_parse(v, &d))
        return bad(rep, x, col, "Tanggal tidak valid (format dd-mm-yyyy)");
    if (employee_date_cmp(d, today) > 0)
        return bad(rep, x, col, "Tanggal tidak boleh di masa depan");
    if (from && employee_date_cmp(d, *from) < 0)
        return bad(rep, x, col, from_msg);
    if (out)
        *out = d;
    return 0;
}

/* The text rules of the record's edit (employee_edit_check) for one field: an error for the
 * name and titles, a warning and the value dropped for the contact fields. */
static int check_text(struct csv_report *rep, struct siasn_row *x, unsigned bit, const char *col,
                      int warn_only)
{
    struct employee_edit ed;
    struct err e;

    memset(&ed, 0, sizeof ed);
    ed.set = bit;
    ed.name = x->name;
    ed.gelar_depan = x->gelar_depan;
    ed.gelar_belakang = x->gelar_belakang;
    ed.c.phone = x->phone;
    ed.c.email = x->email;
    ed.c.address = x->address;
    if (employee_edit_check(&ed, &e) == ERR_OK)
        return 0;
    if (!warn_only)
        return bad(rep, x, col, e.msg);
    csv_report_warn(rep, x->line, col, "Nilai tidak sah, diabaikan");
    if (bit == EMPLOYEE_EDIT_PHONE)
        x->phone = NULL;
    else if (bit == EMPLOYEE_EDIT_EMAIL)
        x->email = NULL;
    else
        x->address = NULL;
    return 0;
}

/* Values that must be filled, and the lengths the record holds. */
static int check_present(struct csv_report *rep, const struct siasn_row *x)
{
    const struct {
        const char *col, *v;
        size_t max;
    } f[] = {
        {"pns_id", x->pns_id, EMPLOYEE_TEXT_MAX},
        {"nip_baru", x->nip, EMPLOYEE_TEXT_MAX},
        {"nama", x->name, LIMIT_NAME_BYTES},
        {"gelar_depan", x->gelar_depan, EMPLOYEE_TEXT_MAX},
        {"gelar_belakang", x->gelar_belakang, EMPLOYEE_TEXT_MAX},
        {"tempat_lahir_nama", x->birth_place, LIMIT_NAME_BYTES},
        {"tanggal_lahir", x->birth_date, EMPLOYEE_TEXT_MAX},
        {"jenis_kelamin", x->gender, EMPLOYEE_TEXT_MAX},
        {"nik", x->nik, EMPLOYEE_TEXT_MAX},
        {"gol_akhir_id", x->gol_id, EMPLOYEE_TEXT_MAX},
        {"tmt_golongan", x->tmt_golongan, EMPLOYEE_TEXT_MAX},
        {"jabatan_id", x->jabatan_id, EMPLOYEE_TEXT_MAX},
        {"jabatan_nama", x->jabatan_nama, LIMIT_NAME_BYTES},
        {"unor_id", x->unor_id, EMPLOYEE_TEXT_MAX},
        {"unor_nama", x->unor_nama, LIMIT_NAME_BYTES},
        {"pendidikan_id", x->pendidikan_id, SIASN_EDU_CODE_MAX},
        {"pendidikan_nama", x->pendidikan_nama, SIASN_EDU_NAME_MAX},
        {"nama_sekolah", x->school, SIASN_EDU_NAME_MAX},
    };
    int n = 0;

    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        int optional = strncmp(f[i].col, "gelar", 5) == 0 || strcmp(f[i].col, "pns_id") == 0 ||
                       strcmp(f[i].col, "jabatan_id") == 0 ||
                       strncmp(f[i].col, "pendidikan", 10) == 0 ||
                       strcmp(f[i].col, "nama_sekolah") == 0;

        if (!f[i].v && !optional)
            n += bad(rep, x, f[i].col, "Kolom wajib diisi");
        else if (f[i].v && strlen(f[i].v) > f[i].max)
            n += bad(rep, x, f[i].col, "Teks terlalu panjang");
    }
    return n > 0;
}

/* The education of a row: stored (x->edu_level set) only with both a known tingkat pendidikan
 * and a good tahun_lulus; one without the other is a warning. tahun_lulus: four digits, not
 * before the birth year + 5 (no diploma before school age), not after this year. */
static int check_education(struct csv_report *rep, struct siasn_row *x,
                           const struct siasn_context *cx, struct employee_date birth)
{
    const struct siasn_education *lv = NULL;
    int n = 0, year = 0;

    if (x->edu_level_id) {
        lv = siasn_education_find(cx, x->edu_level_id);
        if (!lv)
            n += bad(rep, x, "tingkat_pendidikan_id", "Kode tingkat pendidikan tidak dikenal");
    }
    if (x->tahun_lulus) {
        const char *t = x->tahun_lulus;
        int digits = strlen(t) == 4;

        for (size_t i = 0; digits && i < 4; i++)
            digits = t[i] >= '0' && t[i] <= '9';
        year = digits ? (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0')
                      : 0;
        if (!digits)
            n += bad(rep, x, "tahun_lulus", "Tahun lulus harus 4 angka");
        else if (year > cx->today.y)
            n += bad(rep, x, "tahun_lulus", "Tahun lulus tidak boleh di masa depan");
        else if (year < birth.y + 5)
            n += bad(rep, x, "tahun_lulus",
                     "Tahun lulus tidak boleh sebelum 5 tahun setelah tahun lahir");
    }
    if (n)
        return 1;
    if (lv && !x->tahun_lulus)
        csv_report_warn(rep, x->line, "tahun_lulus",
                        "Tahun lulus kosong; riwayat pendidikan tidak disimpan");
    else if (!lv && x->tahun_lulus)
        csv_report_warn(rep, x->line, "tingkat_pendidikan_id",
                        "Tingkat pendidikan kosong; riwayat pendidikan tidak disimpan");
    else if (lv)
        x->edu_level = lv->code;
    return 0;
}

int siasn_row_check(struct siasn_row *x, const struct siasn_context *cx, struct csv_report *rep)
{
    const struct siasn_golongan *gol;
    struct employee_date birth, appointed = {0, 0, 0};
    const char *gender = siasn_gender(x->gender);
    int is_pppk = strcmp(x->status, "PPPK") == 0, warn = 0, nik_warning = 0, n;
    struct err e;

    if (check_present(rep, x))
        return 1;
    n = check_text(rep, x, EMPLOYEE_EDIT_NAME, "nama", 0);
    n += check_text(rep, x, EMPLOYEE_EDIT_GELAR_DEPAN, "gelar_depan", 0);
    n += check_text(rep, x, EMPLOYEE_EDIT_GELAR_BELAKANG, "gelar_belakang", 0);
    if (x->phone)
        check_text(rep, x, EMPLOYEE_EDIT_PHONE, "nomor_hp", 1);
    if (x->email)
        check_text(rep, x, EMPLOYEE_EDIT_EMAIL, "email", 1);
    if (x->address)
        check_text(rep, x, EMPLOYEE_EDIT_ADDRESS, "alamat", 1);
    if (!gender)
        n += bad(rep, x, "jenis_kelamin", "Jenis kelamin harus M/F, 1/2 atau L/P");
    x->gender = gender;
    if (check_date(rep, x, "tanggal_lahir", x->birth_date, NULL, NULL, cx->today, &birth))
        return 1;
    if (gender) {
        enum employee_gender g = gender[0] == 'L' ? EMPLOYEE_MALE : EMPLOYEE_FEMALE;
        struct employee_pppk_info pi;
        struct employee_nip_info ni;
        enum err_code rc;

        rc = is_pppk ? employee_pppk_check(x->nip, &employee_pppk_layout_default, birth, g,
                                           cx->today, &e)
                     : employee_nip_check(x->nip, birth, g, cx->today, &e);
        if (rc)
            return bad(rep, x, "nip_baru", e.msg);
        /* decoded again for the appointment (the checks above passed, so these do too) */
        if (is_pppk && employee_pppk_decode(x->nip, &employee_pppk_layout_default, cx->today, &pi,
                                            &e) == ERR_OK)
            appointed = (struct employee_date){(int16_t)pi.appointed_year, 1, 1};
        else if (!is_pppk && employee_nip_decode(x->nip, cx->today, &ni, &e) == ERR_OK)
            appointed =
                (struct employee_date){(int16_t)ni.tmt_cpns_year, (int8_t)ni.tmt_cpns_month, 1};
        employee_date_format(appointed, x->appointed_on);
        if (employee_nik_check(x->nik, birth, g, &nik_warning, &e))
            csv_report_warn(rep, x->line, "nik", e.msg);
        else if (nik_warning)
            csv_report_warn(rep, x->line, "nik",
                            "NIK tidak sesuai dengan tanggal lahir atau jenis kelamin");
    }
    gol = siasn_golongan_find(cx, x->gol_id);
    if (!gol)
        n += bad(rep, x, "gol_akhir_id", "Kode golongan tidak dikenal");
    else if (strcmp(gol->kind, is_pppk ? "pppk" : "pns") != 0)
        n += bad(rep, x, "gol_akhir_id", "Golongan tidak sesuai dengan status kepegawaian");
    else
        x->golongan = gol->code;
    if (n || !gender)
        return 1;
    if (check_date(rep, x, "tmt_golongan", x->tmt_golongan, &appointed,
                   "TMT golongan tidak boleh sebelum TMT pengangkatan", cx->today, NULL))
        n++;
    if (x->tmt_jabatan &&
        check_date(rep, x, "tmt_jabatan", x->tmt_jabatan, &birth,
                   "TMT jabatan tidak boleh sebelum tanggal lahir", cx->today, NULL))
        n++;
    n += check_education(rep, x, cx, birth);
    x->state = siasn_state(x->state, &warn);
    if (warn)
        csv_report_warn(rep, x->line, "kedudukan_hukum_id",
                        "Kode kedudukan hukum tidak dikenal; dianggap aktif");
    return n > 0;
}

enum siasn_cmp siasn_compare(const char *abdi, const char *siasn, int ci)
{
    if (!siasn || !*siasn)
        return SIASN_SAME;
    if (!abdi || !*abdi)
        return SIASN_FILL;
    return (ci ? str_ieq(abdi, siasn) : strcmp(abdi, siasn) == 0) ? SIASN_SAME : SIASN_DIFFER;
}
