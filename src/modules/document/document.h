/* document.h - uploaded documents (scanned decrees, diplomas, evidence for proposals, photos):
 * the content rules (type by magic bytes, size, file name), the store (a row in `documents`
 * and the file itself, content-addressed by SHA-256 in a directory outside web reach) and the
 * API (upload, list, download within scope). A document's bytes never pass through SQL and a
 * stored file is never named after anything the client sent. */
#ifndef ABDI_DOCUMENT_H
#define ABDI_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define DOCUMENT_FILENAME_MAX 120 /* bytes of a stored (sanitised) file name */
#define DOCUMENT_SHA256_HEX 64

enum document_type { DOCUMENT_NONE = 0, DOCUMENT_PDF, DOCUMENT_JPEG, DOCUMENT_PNG };

/* ---- rules.c (pure) ---- */
/* The type the first bytes show: %PDF-, FF D8 FF, 89 50 4E 47 0D 0A 1A 0A; DOCUMENT_NONE for
 * anything else (HTML, executables, empty input). */
enum document_type document_sniff(const unsigned char *p, size_t n);
/* A declared Content-Type ("application/pdf", "image/jpeg", "image/png", case-insensitive,
 * parameters after ';' ignored); DOCUMENT_NONE for any other or NULL. */
enum document_type document_type_parse(const char *content_type);
/* The canonical MIME type of t (a static string); NULL for DOCUMENT_NONE. */
const char *document_mime(enum document_type t);
/* The whole content check of an upload, in this order:
 *   size 0                              422 validation_failed, field "file"
 *   size > LIMIT_UPLOAD_BYTES           413 payload_too_large
 *   declared type not PDF/JPEG/PNG      415 unsupported_media_type, field "content_type"
 *   bytes not of the declared type      415 content_mismatch, field "content_type"
 * On success *out is the type. */
enum err_code document_content_check(const char *content_type, const unsigned char *p, size_t n,
                                     enum document_type *out, struct err *e) ABDI_MUST_CHECK;
/* Sanitise a client file name for storage and for Content-Disposition: the part after the last
 * '/' or '\\', every byte outside [A-Za-z0-9 ._()-] (control characters, quotes, non-ASCII)
 * replaced by '_', leading dots and spaces dropped, the extension kept when it matches t
 * (.pdf; .jpg/.jpeg; .png, any case) and the canonical one appended otherwise, the base cut so
 * the whole is at most DOCUMENT_FILENAME_MAX bytes. An empty base becomes "dokumen".
 * 422 validation_failed, field "filename", when name is NULL or empty. */
enum err_code document_filename_clean(const char *name, enum document_type t,
                                      char out[DOCUMENT_FILENAME_MAX + 1],
                                      struct err *e) ABDI_MUST_CHECK;
/* Kind of a document: foto, sk, ijazah, sertifikat, ktp, kk, akta, bukti, lainnya;
 * 422 validation_failed, field "kind", otherwise. */
enum err_code document_kind_check(const char *kind, struct err *e) ABDI_MUST_CHECK;

/* ---- store.c ---- */
struct document {
    int64_t id;
    int64_t employee_id; /* 0 when the document belongs to no employee */
    const char *kind, *filename, *content_type, *sha256;
    int64_t size; /* bytes */
    int64_t uploaded_by;
    int64_t created_at;
};

/* Write data (n bytes, sha256 its lower-case hex digest) as dir/<sha256>: a temp file made
 * with O_CREAT|O_EXCL mode 0600, fsync'd, renamed into place, the directory fsync'd. A file
 * of that name already there is reused (*created = 0). ERR_STORAGE on any I/O failure, with
 * nothing left behind. */
enum err_code document_file_write(const char *dir, const char *sha256, const void *data, size_t n,
                                  int *created, struct err *e) ABDI_MUST_CHECK;
/* Remove dir/<sha256> (after a failed insert of a file this request created). */
void document_file_remove(const char *dir, const char *sha256);
/* The bytes of dir/<sha256>, which must be exactly size bytes, in a malloc'd buffer the caller
 * owns (hands to the response). ERR_STORAGE when missing or of another size. */
enum err_code document_file_read(const char *dir, const char *sha256, int64_t size, char **out,
                                 struct err *e) ABDI_MUST_CHECK;
/* SHA-256 of data as lower-case hex. */
void document_sha256_hex(const void *data, size_t n, char out[DOCUMENT_SHA256_HEX + 1]);

enum err_code document_insert(struct db *db, const struct document *d, int64_t *id_out,
                              struct err *e) ABDI_MUST_CHECK;
/* ERR_NOT_FOUND when there is none. */
enum err_code document_get(struct db *db, struct arena *a, int64_t id, struct document *out,
                           struct err *e) ABDI_MUST_CHECK;
enum err_code document_list(struct db *db, struct arena *a, int64_t employee_id, int64_t page,
                            int64_t per_page, struct document **items, size_t *n, int64_t *total,
                            struct err *e) ABDI_MUST_CHECK;
json_t *document_json(const struct document *d);

/* ---- api.c ---- */
extern const struct route document_routes[];

#endif
