/* store.c - where documents live: the row in `documents` (SQL) and the file in the files
 * directory, named by the SHA-256 of its bytes (content-addressed: the same bytes uploaded
 * twice share one file; a name never comes from the client). Files are written atomically
 * (O_EXCL temp file, fsync, rename, directory fsync) so a crash leaves either no file or the
 * whole one, never a torn one under the final name. */
#include "modules/document/document.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/str.h"

static const char SQL_INSERT[] =
    "INSERT INTO documents (employee_id, kind, filename, content_type, size, sha256,"
    " uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
#define DOC_COLS                                                                                   \
    "id, employee_id, kind, filename, content_type, size, sha256, uploaded_by, created_at"
static const char SQL_ONE[] = "SELECT " DOC_COLS " FROM documents WHERE id = $1";
static const char SQL_LIST[] = "SELECT " DOC_COLS " FROM documents WHERE employee_id = $1"
                               " ORDER BY id DESC LIMIT $2 OFFSET $3";
static const char SQL_COUNT[] = "SELECT count(*) FROM documents WHERE employee_id = $1";

void document_sha256_hex(const void *data, size_t n, char out[DOCUMENT_SHA256_HEX + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, data, n);
    hex_encode(h, sizeof h, out);
}

static int hex64(const char *s)
{
    size_t i = 0;

    for (; s && s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return i == DOCUMENT_SHA256_HEX;
}

static enum err_code io_fail(struct err *e, const char *what, const char *path)
{
    err_set(e, ERR_STORAGE, "storage_unavailable", NULL, "Penyimpanan berkas tidak tersedia");
    return err_detail(e, "%s %s: %s", what, path, strerror(errno));
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

enum err_code document_file_write(const char *dir, const char *sha256, const void *data, size_t n,
                                  int *created, struct err *e)
{
    char final[4096], tmp[4096], rnd[17];
    unsigned char r[8];
    struct stat sb;
    int fd = -1;

    *created = 0;
    if (!dir || !hex64(sha256))
        return err_internal(e, "document_file_write: no directory or bad digest");
    if ((size_t)snprintf(final, sizeof final, "%s/%s", dir, sha256) >= sizeof final)
        return err_internal(e, "files directory path too long");
    if (lstat(final, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size == n)
        return ERR_OK; /* the same bytes are stored already */
    randombytes_buf(r, sizeof r);
    hex_encode(r, sizeof r, rnd);
    snprintf(tmp, sizeof tmp, "%s/.tmp-%s", dir, rnd);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return io_fail(e, "open", tmp);
    if (write_all(fd, data, n) || fsync(fd)) {
        io_fail(e, "write", tmp);
        goto fail;
    }
    if (close(fd)) {
        fd = -1;
        io_fail(e, "close", tmp);
        goto fail;
    }
    fd = -1;
    if (rename(tmp, final)) {
        io_fail(e, "rename", final);
        goto fail;
    }
    if (fsync_dir(dir)) {
        io_fail(e, "fsync", dir);
        unlink(final);
        return e->code;
    }
    *created = 1;
    return ERR_OK;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return e->code;
}

void document_file_remove(const char *dir, const char *sha256)
{
    char path[4096];

    if (!dir || !hex64(sha256) ||
        (size_t)snprintf(path, sizeof path, "%s/%s", dir, sha256) >= sizeof path)
        return;
    unlink(path);
}

enum err_code document_file_read(const char *dir, const char *sha256, int64_t size, char **out,
                                 struct err *e)
{
    char path[4096];
    struct stat sb;
    char *buf = NULL;
    size_t got = 0;
    int fd;

    if (!dir || !hex64(sha256) || size <= 0 || size > LIMIT_UPLOAD_BYTES ||
        (size_t)snprintf(path, sizeof path, "%s/%s", dir, sha256) >= sizeof path)
        return err_internal(e, "document_file_read: bad arguments");
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return io_fail(e, "open", path);
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) || sb.st_size != size) {
        close(fd);
        errno = EIO;
        return io_fail(e, "size", path);
    }
    buf = xmalloc((size_t)size);
    while (got < (size_t)size) {
        ssize_t r = read(fd, buf + got, (size_t)size - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != (size_t)size) {
        free(buf);
        errno = EIO;
        return io_fail(e, "read", path);
    }
    *out = buf;
    return ERR_OK;
}

static void read_document(struct db_stmt *st, struct arena *a, void *out)
{
    struct document *d = out;

    memset(d, 0, sizeof *d);
    d->id = db_col_int(st, 0);
    d->employee_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    d->kind = db_col_text_copy(st, a, 2);
    d->filename = db_col_text_copy(st, a, 3);
    d->content_type = db_col_text_copy(st, a, 4);
    d->size = db_col_int(st, 5);
    d->sha256 = db_col_text_copy(st, a, 6);
    d->uploaded_by = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
    d->created_at = db_col_int(st, 8);
}

enum err_code document_insert(struct db *db, const struct document *d, int64_t *id_out,
                              struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_INSERT, &st, e);
    int64_t id = 0;

    if (rc)
        return rc;
    if (d->employee_id > 0)
        db_bind_int(st, 1, d->employee_id);
    else
        db_bind_null(st, 1);
    db_bind_text(st, 2, d->kind);
    db_bind_text(st, 3, d->filename);
    db_bind_text(st, 4, d->content_type);
    db_bind_int(st, 5, d->size);
    db_bind_text(st, 6, d->sha256);
    if (d->uploaded_by > 0)
        db_bind_int(st, 7, d->uploaded_by);
    else
        db_bind_null(st, 7);
    db_bind_int(st, 8, d->created_at);
    rc = db_step_id(st, &id, e);
    if (rc)
        return rc;
    *id_out = id;
    return ERR_OK;
}

enum err_code document_get(struct db *db, struct arena *a, int64_t id, struct document *out,
                           struct err *e)
{
    return db_fetch_one(db, SQL_ONE, id, NULL, a, read_document, out, "Dokumen tidak ditemukan", e);
}

enum err_code document_list(struct db *db, struct arena *a, int64_t employee_id, int64_t page,
                            int64_t per_page, struct document **items, size_t *n, int64_t *total,
                            struct err *e)
{
    const int64_t args[] = {employee_id};
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_value_int(db, SQL_COUNT, args, 1, 0, total, e);

    if (!rc)
        rc = db_prepare(db, SQL_LIST, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, employee_id);
    db_bind_int(st, 2, per_page);
    db_bind_int(st, 3, (page - 1) * per_page);
    rc = db_collect(st, a, sizeof(struct document), read_document, &found, n, e);
    if (!rc)
        *items = found;
    return rc;
}

json_t *document_json(const struct document *d)
{
    json_t *o = json_pack("{s:I,s:o,s:s,s:s,s:s,s:I,s:s}", "id", (json_int_t)d->id, "employee_id",
                          json_id_or_null(d->employee_id), "kind", d->kind, "filename", d->filename,
                          "content_type", d->content_type, "size", (json_int_t)d->size, "sha256",
                          d->sha256);
    char url[64];

    snprintf(url, sizeof url, "/api/v1/documents/%lld", (long long)d->id);
    json_object_set_new(o, "uploaded_by", json_id_or_null(d->uploaded_by));
    json_object_set_new(o, "created_at", json_time(d->created_at));
    json_object_set_new(o, "download_url", json_string(url));
    return o;
}
