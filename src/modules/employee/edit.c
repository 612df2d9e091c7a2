/* edit.c - the editable part of an employee record (name, academic titles, religion, marital
 * status, phone, e-mail, address, photo): reading an edit from JSON, the rules each value must
 * meet, applying it. Shared by an admin's PATCH and by self-service proposals, so a proposal is
 * refused for exactly what a PATCH would be. Pure: no database, no clock. */
#include "modules/employee/employee.h"

#include <string.h>

#include "core/str.h"

#define GELAR_MAX 64 /* bytes */
#define PHONE_MAX 21 /* bytes: '+' and 20 digits */
#define PHONE_MIN_DIGITS 6
#define PHONE_MAX_DIGITS 20

static const struct json_field edit_fields[] = {
    {"name", JF_STRING, 0, LIMIT_NAME_BYTES, 0, 0},
    {"gelar_depan", JF_STRING, 0, GELAR_MAX, 0, 0},
    {"gelar_belakang", JF_STRING, 0, GELAR_MAX, 0, 0},
    {"religion", JF_STRING, 0, 32, 0, 0},
    {"marital_status", JF_STRING, 0, 32, 0, 0},
    {"phone", JF_STRING, 0, PHONE_MAX, 0, 0},
    {"email", JF_STRING, 0, EMPLOYEE_EMAIL_MAX, 0, 0},
    {"address", JF_STRING, 0, EMPLOYEE_ADDRESS_MAX, 0, 0},
    {"photo_document_id", JF_INT, 0, 0, 1, INT64_MAX},
    {0},
};

/* In edit_fields order, the bit each field sets. */
static const unsigned edit_bits[] = {
    EMPLOYEE_EDIT_NAME,     EMPLOYEE_EDIT_GELAR_DEPAN, EMPLOYEE_EDIT_GELAR_BELAKANG,
    EMPLOYEE_EDIT_RELIGION, EMPLOYEE_EDIT_MARITAL,     EMPLOYEE_EDIT_PHONE,
    EMPLOYEE_EDIT_EMAIL,    EMPLOYEE_EDIT_ADDRESS,     EMPLOYEE_EDIT_PHOTO,
};

static const char *const religions[] = {"Islam",  "Kristen",  "Katolik",     "Hindu",
                                        "Buddha", "Konghucu", "kepercayaan", NULL};
static const char *const marital[] = {"belum_kawin", "kawin", "cerai_hidup", "cerai_mati", NULL};

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* No C0 control characters nor DEL; newline allowed when lines. */
static int text_clean(const char *s, int lines)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c < 0x20 && !(lines && (c == '\n' || c == '\r'))) || c == 0x7f)
            return 0;
    }
    return 1;
}

static int phone_ok(const char *s)
{
    size_t digits = 0;

    if (*s == '+')
        s++;
    for (; *s; s++, digits++)
        if (*s < '0' || *s > '9')
            return 0;
    return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

static int email_local_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr(".!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

/* local@domain: local 1..64 of the RFC 5322 atom characters without leading, trailing or
 * double dots; domain two or more labels of letters, digits and inner hyphens (1..63 each),
 * the last all letters and at least two long. */
static int email_ok(const char *s)
{
    const char *at = strchr(s, '@'), *label;
    size_t local = at ? (size_t)(at - s) : 0, len = 0, labels = 0;
    int alpha_only = 1;

    if (!at || local == 0 || local > 64 || strchr(at + 1, '@') || s[0] == '.' ||
        s[local - 1] == '.')
        return 0;
    for (size_t i = 0; i < local; i++)
        if (!email_local_char(s[i]) || (s[i] == '.' && s[i + 1] == '.'))
            return 0;
    label = at + 1;
    for (const char *p = label;; p++) {
        if (*p == '.' || *p == '\0') {
            if (len == 0 || len > 63 || label[0] == '-' || p[-1] == '-')
                return 0;
            labels++;
            if (*p == '\0')
                break;
            label = p + 1;
            len = 0;
            alpha_only = 1;
            continue;
        }
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            return 0;
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            alpha_only = 0;
        len++;
    }
    return labels >= 2 && alpha_only && len >= 2;
}

enum err_code employee_edit_check(const struct employee_edit *ed, struct err *e)
{
    const struct employee_contact *c = &ed->c;

    if (!ed->set)
        return err_invalid(e, NULL, "Tidak ada kolom yang diubah");
    if (ed->set & EMPLOYEE_EDIT_NAME && (!ed->name || str_blank(ed->name) || !text_clean(ed->name, 0)))
        return err_invalid(e, "name", "Nama wajib diisi tanpa karakter kendali");
    if (ed->set & EMPLOYEE_EDIT_GELAR_DEPAN && ed->gelar_depan && !text_clean(ed->gelar_depan, 0))
        return err_invalid(e, "gelar_depan", "Gelar mengandung karakter yang tidak sah");
    if (ed->set & EMPLOYEE_EDIT_GELAR_BELAKANG && ed->gelar_belakang &&
        !text_clean(ed->gelar_belakang, 0))
        return err_invalid(e, "gelar_belakang", "Gelar mengandung karakter yang tidak sah");
    if (ed->set & EMPLOYEE_EDIT_RELIGION && c->religion && !in_list(c->religion, religions))
        return err_invalid(e, "religion",
                           "Agama harus salah satu dari: Islam, Kristen, Katolik, "
                           "Hindu, Buddha, Konghucu, kepercayaan");
    if (ed->set & EMPLOYEE_EDIT_MARITAL && c->marital_status &&
        !in_list(c->marital_status, marital))
        return err_invalid(e, "marital_status",
                           "Status perkawinan harus salah satu dari: "
                           "belum_kawin, kawin, cerai_hidup, cerai_mati");
    if (ed->set & EMPLOYEE_EDIT_PHONE && c->phone && !phone_ok(c->phone))
        return err_invalid(e, "phone",
                           "Nomor telepon hanya angka (boleh diawali +), 6 sampai 20 "
                           "digit");
    if (ed->set & EMPLOYEE_EDIT_EMAIL && c->email &&
        (strlen(c->email) > EMPLOYEE_EMAIL_MAX || !email_ok(c->email)))
        return err_invalid(e, "email", "Alamat email tidak sah");
    if (ed->set & EMPLOYEE_EDIT_ADDRESS && c->address &&
        (strlen(c->address) > EMPLOYEE_ADDRESS_MAX || !text_clean(c->address, 1) ||
         str_blank(c->address)))
        return err_invalid(e, "address",
                           "Alamat tidak sah atau terlalu panjang (maksimal 500 "
                           "karakter)");
    return ERR_OK;
}

/* A string field: "" and null clear (NULL). */
static const char *text_of(json_t *v)
{
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;

    return s && *s ? s : NULL;
}

enum err_code employee_edit_parse(json_t *obj, struct employee_edit *out, struct err *e)
{
    struct req shape;
    struct employee_edit ed;
    enum err_code rc;

    if (!json_is_object(obj))
        return err_invalid(e, NULL, "Perubahan harus berupa objek JSON");
    memset(&shape, 0, sizeof shape); /* json_body_check reads only the JSON of a request */
    shape.json = obj;
    rc = json_body_check(&shape, edit_fields, e);
    if (rc)
        return rc;
    memset(&ed, 0, sizeof ed);
    for (size_t i = 0; edit_fields[i].name; i++)
        if (json_object_get(obj, edit_fields[i].name))
            ed.set |= edit_bits[i];
    ed.name = text_of(json_object_get(obj, "name"));
    ed.gelar_depan = text_of(json_object_get(obj, "gelar_depan"));
    ed.gelar_belakang = text_of(json_object_get(obj, "gelar_belakang"));
    ed.c.religion = text_of(json_object_get(obj, "religion"));
    ed.c.marital_status = text_of(json_object_get(obj, "marital_status"));
    ed.c.phone = text_of(json_object_get(obj, "phone"));
    ed.c.email = text_of(json_object_get(obj, "email"));
    ed.c.address = text_of(json_object_get(obj, "address"));
    if (json_is_integer(json_object_get(obj, "photo_document_id")))
        ed.c.photo_document_id = json_integer_value(json_object_get(obj, "photo_document_id"));
    rc = employee_edit_check(&ed, e);
    if (!rc)
        *out = ed;
    return rc;
}

void employee_edit_apply(struct employee *x, const struct employee_edit *ed)
{
    if (ed->set & EMPLOYEE_EDIT_NAME)
        x->name = ed->name;
    if (ed->set & EMPLOYEE_EDIT_GELAR_DEPAN)
        x->gelar_depan = ed->gelar_depan;
    if (ed->set & EMPLOYEE_EDIT_GELAR_BELAKANG)
        x->gelar_belakang = ed->gelar_belakang;
    if (ed->set & EMPLOYEE_EDIT_RELIGION)
        x->contact.religion = ed->c.religion;
    if (ed->set & EMPLOYEE_EDIT_MARITAL)
        x->contact.marital_status = ed->c.marital_status;
    if (ed->set & EMPLOYEE_EDIT_PHONE)
        x->contact.phone = ed->c.phone;
    if (ed->set & EMPLOYEE_EDIT_EMAIL)
        x->contact.email = ed->c.email;
    if (ed->set & EMPLOYEE_EDIT_ADDRESS)
        x->contact.address = ed->c.address;
    if (ed->set & EMPLOYEE_EDIT_PHOTO)
        x->contact.photo_document_id = ed->c.photo_document_id;
}

void employee_contact_write(struct json_w *w, const struct employee *x)
{
    const struct employee_contact *c = &x->contact;

    jw_str(w, "religion", c->religion);
    jw_str(w, "marital_status", c->marital_status);
    jw_str(w, "phone", c->phone);
    jw_str(w, "email", c->email);
    jw_str(w, "address", c->address);
    jw_id(w, "photo_document_id", c->photo_document_id);
}

json_t *employee_edit_json(const struct employee *x)
{
    struct json_w w;

    jw_begin_tree(&w);
    jw_object(&w, NULL);
    jw_str(&w, "name", x->name);
    jw_str(&w, "gelar_depan", x->gelar_depan);
    jw_str(&w, "gelar_belakang", x->gelar_belakang);
    employee_contact_write(&w, x);
    jw_end(&w);
    return jw_tree(&w);
}
