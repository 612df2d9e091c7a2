/* rules.c - the pure rules of the SIASN reference lists: which lists exist, which are large
 * (imported from a CSV) and what a row of a large list must hold. No I/O. */
#include "modules/reference/reference.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"

static const struct ref_list lists[] = {
    {"golongan", "Golongan PNS", 0, REF_SRC_GOLONGAN, "pangkat", REF_ATTR_NONE},
    {"jenis_jabatan", "Jenis jabatan", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"eselon", "Eselon", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"jenis_penugasan", "Jenis penugasan", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"jenis_mutasi", "Jenis mutasi", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"kedudukan_hukum", "Kedudukan hukum", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"tingkat_pendidikan", "Tingkat pendidikan", 0, REF_SRC_EDUCATION, "kode_abdi", REF_ATTR_NONE},
    {"kinerja_rating", "Rating kinerja", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"kinerja_predikat", "Predikat kinerja", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"kinerja_periode", "Periode kinerja", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"jenis_diklat", "Jenis diklat", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"agama", "Agama", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"jenis_kawin", "Status perkawinan", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"jenis_pegawai", "Jenis pegawai", 0, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"pendidikan", "Pendidikan (program studi)", 1, REF_SRC_CODES, "tingkat_pendidikan_id",
     REF_ATTR_LEVEL},
    {"jabatan_pelaksana", "Jabatan pelaksana", 1, REF_SRC_CODES, NULL, REF_ATTR_NONE},
    {"jabatan_fungsional", "Jabatan fungsional", 1, REF_SRC_CODES, "bup", REF_ATTR_BUP},
    {"lokasi", "Lokasi", 1, REF_SRC_CODES, NULL, REF_ATTR_NONE},
};
#define NLISTS (sizeof lists / sizeof lists[0])

const struct ref_list *reference_lists(size_t *n)
{
    *n = NLISTS;
    return lists;
}

const struct ref_list *reference_list_find(const char *name)
{
    for (size_t i = 0; name && i < NLISTS; i++)
        if (!strcmp(lists[i].name, name))
            return &lists[i];
    return NULL;
}

const char *reference_csv_header(const struct ref_list *list)
{
    static char buf[96];

    snprintf(buf, sizeof buf, "id,nama%s%s", list->attr_col ? "," : "",
             list->attr_col ? list->attr_col : "");
    return buf;
}

/* Printable text: no ASCII control character, valid UTF-8. */
static int printable(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return utf8_valid(s, strlen(s));
}

static enum err_code bad(struct err *e, const char *col, const char *msg)
{
    return err_invalid(e, col, msg);
}

enum err_code reference_row_check(const struct ref_list *list, const char *const *fields,
                                  struct ref_entry *out, struct err *e)
{
    const char *code = fields[REF_COL_CODE], *name = fields[REF_COL_NAME];
    const char *attr = list->attr_col ? fields[REF_COL_ATTR] : NULL;
    int64_t v;

    memset(out, 0, sizeof *out);
    if (str_blank(code))
        return bad(e, "id", "Kode (id) wajib diisi");
    if (strlen(code) > REF_CODE_MAX || !printable(code) || strchr(code, ' '))
        return bad(e, "id", "Kode (id) paling panjang 64 karakter, tanpa spasi");
    if (str_blank(name))
        return bad(e, "nama", "Nama wajib diisi");
    if (strlen(name) > REF_NAME_MAX || !printable(name))
        return bad(e, "nama", "Nama paling panjang 300 byte, tanpa karakter kendali");
    switch (list->attr) {
    case REF_ATTR_BUP:
        if (str_blank(attr))
            return bad(e, list->attr_col, "BUP (batas usia pensiun) wajib diisi");
        if (parse_int64(attr, strlen(attr), 40, 70, &v))
            return bad(e, list->attr_col, "BUP harus bilangan bulat 40 sampai 70");
        break;
    case REF_ATTR_LEVEL:
        if (!str_blank(attr) &&
            (strlen(attr) != 2 || attr[0] < '0' || attr[0] > '9' || attr[1] < '0' || attr[1] > '9'))
            return bad(e, list->attr_col, "Tingkat pendidikan harus kode dua angka (mis. 40)");
        break;
    case REF_ATTR_NONE:
        if (attr && (strlen(attr) > REF_ATTR_MAX || !printable(attr)))
            return bad(e, list->attr_col, "Nilai terlalu panjang atau tidak terbaca");
        break;
    }
    out->code = code;
    out->name = name;
    out->attr = str_blank(attr) ? NULL : attr;
    return ERR_OK;
}
