/* rules.c - the pure rules of announcements: the checks of title, text and validity window,
 * "valid on a day", and the JSON shape. No I/O, no clock: today comes from the caller. */
#include "modules/engagement/engagement.h"

#include <string.h>

#include "core/str.h"
#include "modules/calendar/calendar.h"

/* 1 when s holds nothing but spaces, tabs and line breaks. */
static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

/* 1 when s holds an ASCII control character (or DEL) other than those allowed. */
static int has_control(const char *s, const char *allowed)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c < 0x20 || c == 0x7f) && !strchr(allowed, c))
            return 1;
    }
    return 0;
}

static enum err_code text_check(const char *s, const char *field, size_t max, int multi_line,
                                const char *what, struct err *e)
{
    size_t n;

    if (!s || blank(s))
        return err_invalid(e, field, multi_line ? "Isi pengumuman wajib diisi"
                                                : "Judul pengumuman wajib diisi");
    n = strlen(s);
    if (!utf8_valid(s, n))
        return err_invalid(e, field, "Teks harus UTF-8 yang sah");
    if (utf8_count(s, n) > max)
        return err_invalid(e, field, what);
    if (has_control(s, multi_line ? "\t\r\n" : ""))
        return err_invalid(e, field, multi_line ? "Isi tidak boleh memuat karakter kendali"
                                                : "Judul harus satu baris tanpa karakter kendali");
    return ERR_OK;
}

enum err_code ann_check(const struct announcement *x, const char *today, struct err *e)
{
    int64_t from, to, now;
    enum err_code rc;

    rc = text_check(x->title, "title", ANN_TITLE_MAX, 0,
                    "Judul paling panjang 200 karakter", e);
    if (!rc)
        rc = text_check(x->body, "body", ANN_BODY_MAX, 1, "Isi paling panjang 4000 karakter", e);
    if (rc)
        return rc;
    if (!x->valid_from || calendar_day(x->valid_from, &from))
        return err_invalid(e, "valid_from", "Tanggal mulai harus berformat YYYY-MM-DD");
    if (!x->valid_to || calendar_day(x->valid_to, &to))
        return err_invalid(e, "valid_to", "Tanggal akhir harus berformat YYYY-MM-DD");
    if (to < from)
        return err_invalid(e, "valid_to", "Tanggal akhir tidak boleh sebelum tanggal mulai");
    if (to - from > ANN_SPAN_MAX)
        return err_invalid(e, "valid_to", "Masa berlaku paling lama 366 hari");
    if (today && !calendar_day(today, &now) && to < now)
        return err_invalid(e, "valid_to", "Tanggal akhir sudah lewat");
    return ERR_OK;
}

int ann_valid_on(const struct announcement *x, const char *today)
{
    return x->valid_from && x->valid_to && today && strcmp(x->valid_from, today) <= 0 &&
           strcmp(today, x->valid_to) <= 0;
}

json_t *ann_json(const struct announcement *x)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)x->id, "title", x->title,
                          "body", x->body, "valid_from", x->valid_from, "valid_to", x->valid_to);

    json_object_set_new(o, "unit_id", json_id_or_null(x->unit_id));
    json_object_set_new(o, "unit_name", json_str_or_null(x->unit_id ? x->unit_name : NULL));
    json_object_set_new(o, "created_at", json_time(x->created_at));
    json_object_set_new(o, "created_by", json_id_or_null(x->created_by));
    json_object_set_new(o, "author_name", json_str_or_null(x->author_name));
    json_object_set_new(o, "updated_at", json_time(x->updated_at));
    json_object_set_new(o, "read", json_boolean(x->read_at != 0));
    json_object_set_new(o, "read_at", x->read_at ? json_time(x->read_at) : json_null());
    if (x->read_count >= 0)
        json_object_set_new(o, "read_count", json_integer(x->read_count));
    if (x->audience >= 0)
        json_object_set_new(o, "audience", json_integer(x->audience));
    return o;
}
