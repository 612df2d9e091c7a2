/* rules.c - what an upload must be before anything is stored (security.md "Uploads"): its
 * type read from the magic bytes and equal to the declared one, its size, and a file name
 * that is safe on disk and in a Content-Disposition header. Pure: bytes in, verdict out. */
#include "modules/document/document.h"

#include <string.h>

#include "core/str.h"

static const struct {
    enum document_type type;
    const char *mime;
    const unsigned char *magic;
    size_t magic_len;
    const char *const ext[3]; /* accepted extensions, the first is canonical */
} types[] = {
    {DOCUMENT_PDF, "application/pdf", (const unsigned char *)"%PDF-", 5, {".pdf", NULL, NULL}},
    {DOCUMENT_JPEG,
     "image/jpeg",
     (const unsigned char *)"\xff\xd8\xff",
     3,
     {".jpg", ".jpeg", NULL}},
    {DOCUMENT_PNG,
     "image/png",
     (const unsigned char *)"\x89PNG\r\n\x1a\n",
     8,
     {".png", NULL, NULL}},
};
#define NTYPES (sizeof types / sizeof types[0])

static const char *const kinds[] = {"foto", "sk",   "ijazah", "sertifikat", "ktp",
                                    "kk",   "akta", "bukti",  "lainnya",    NULL};

enum document_type document_sniff(const unsigned char *p, size_t n)
{
    for (size_t i = 0; p && i < NTYPES; i++)
        if (n >= types[i].magic_len && memcmp(p, types[i].magic, types[i].magic_len) == 0)
            return types[i].type;
    return DOCUMENT_NONE;
}

enum document_type document_type_parse(const char *ct)
{
    size_t len;

    if (!ct)
        return DOCUMENT_NONE;
    len = strcspn(ct, ";");
    while (len > 0 && (ct[len - 1] == ' ' || ct[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < NTYPES; i++)
        if (strlen(types[i].mime) == len && strncasecmp(ct, types[i].mime, len) == 0)
            return types[i].type;
    return DOCUMENT_NONE;
}

const char *document_mime(enum document_type t)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (types[i].type == t)
            return types[i].mime;
    return NULL;
}

enum err_code document_content_check(const char *content_type, const unsigned char *p, size_t n,
                                     enum document_type *out, struct err *e)
{
    enum document_type declared;

    if (n == 0)
        return err_set(e, ERR_INVALID, "validation_failed", "file", "Berkas kosong");
    if (n > LIMIT_UPLOAD_BYTES)
        return err_set(e, ERR_TOO_LARGE, "payload_too_large", NULL, "Berkas lebih besar dari 2 MB");
    declared = document_type_parse(content_type);
    if (declared == DOCUMENT_NONE)
        return err_set(e, ERR_MEDIA_TYPE, "unsupported_media_type", "content_type",
                       "Jenis berkas harus PDF, JPEG atau PNG");
    if (document_sniff(p, n) != declared)
        return err_set(e, ERR_MEDIA_TYPE, "content_mismatch", "content_type",
                       "Isi berkas tidak sesuai dengan jenisnya");
    *out = declared;
    return ERR_OK;
}

static int name_char_ok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
           c == '.' || c == '_' || c == '(' || c == ')' || c == '-';
}

/* Length of the extension of s[0..n) that one of t's extensions matches, or 0. */
static size_t ext_match(const char *s, size_t n, size_t type_idx)
{
    for (size_t k = 0; k < 3 && types[type_idx].ext[k]; k++) {
        size_t el = strlen(types[type_idx].ext[k]);

        if (n > el && strncasecmp(s + n - el, types[type_idx].ext[k], el) == 0)
            return el;
    }
    return 0;
}

enum err_code document_filename_clean(const char *name, enum document_type t,
                                      char out[DOCUMENT_FILENAME_MAX + 1], struct err *e)
{
    char buf[DOCUMENT_FILENAME_MAX + 1];
    const char *base, *canon;
    size_t n = 0, idx = NTYPES, ext, keep;

    for (size_t i = 0; i < NTYPES; i++)
        if (types[i].type == t)
            idx = i;
    if (!name || !*name || idx == NTYPES)
        return err_set(e, ERR_INVALID, "validation_failed", "filename", "Nama berkas wajib diisi");
    base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    while (*base == '.' || *base == ' ')
        base++;
    /* Take the last DOCUMENT_FILENAME_MAX bytes at most: the extension is at the end. */
    if (strlen(base) > DOCUMENT_FILENAME_MAX)
        base += strlen(base) - DOCUMENT_FILENAME_MAX;
    for (const char *p = base; *p; p++)
        buf[n++] = name_char_ok((unsigned char)*p) ? *p : '_';
    buf[n] = '\0';
    ext = ext_match(buf, n, idx);
    canon = types[idx].ext[0];
    if (ext == 0) { /* no matching extension: the base is all of it, the canonical one added */
        keep = n;
        ext = strlen(canon);
    } else {
        keep = n - ext;
        canon = buf + keep;
    }
    while (keep > 0 && (buf[keep - 1] == ' ' || buf[keep - 1] == '.'))
        keep--;
    if (keep + ext > DOCUMENT_FILENAME_MAX)
        keep = DOCUMENT_FILENAME_MAX - ext;
    if (keep == 0) {
        str_copy(out, DOCUMENT_FILENAME_MAX + 1, "dokumen");
        keep = strlen(out);
    } else {
        memcpy(out, buf, keep);
    }
    memmove(out + keep, canon, ext);
    out[keep + ext] = '\0';
    for (size_t i = keep; i < keep + ext; i++) /* the extension in lower case */
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = (char)(out[i] - 'A' + 'a');
    return ERR_OK;
}

enum err_code document_kind_check(const char *kind, struct err *e)
{
    for (const char *const *k = kinds; kind && *k; k++)
        if (strcmp(*k, kind) == 0)
            return ERR_OK;
    return err_set(e, ERR_INVALID, "validation_failed", "kind",
                   "Jenis dokumen harus salah satu dari: foto, sk, ijazah, sertifikat, ktp, kk, "
                   "akta, bukti, lainnya");
}
