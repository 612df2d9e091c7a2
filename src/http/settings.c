/* settings.c - a module's integer settings (the values domain.md names a setting): a table of
 * keys, each an int in the module's struct of settings with its range, kept as text in the
 * settings table (db_setting_int / db_setting_set). One loader, and the GET and PUT of a
 * settings endpoint: GET lists every key with its value, default and range; PUT changes some
 * of them, each checked against its range before anything is written, audited with the values
 * before and after. Leave and employee settings use it. */
#include "http/http.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"

static int *slot_of(void *values, const struct int_setting *d)
{
    return (int *)((char *)values + d->offset);
}

static int value_of(const void *values, const struct int_setting *d)
{
    return *(const int *)((const char *)values + d->offset);
}

enum err_code int_settings_load(struct db *db, const struct int_setting *defs, const void *dflt,
                                size_t size, void *out, struct err *e)
{
    memcpy(out, dflt, size);
    for (const struct int_setting *d = defs; d->key; d++) {
        int *slot = slot_of(out, d);
        int64_t v = 0;
        enum err_code rc = db_setting_int(db, d->key, *slot, &v, e);

        if (rc)
            return rc;
        /* a value outside its range falls back to the default rather than lifting a limit */
        if (v >= d->min && v <= d->max)
            *slot = (int)v;
    }
    return ERR_OK;
}

static json_t *settings_json(const struct int_setting *defs, const void *values,
                             const void *dflt)
{
    json_t *arr = json_array();

    for (const struct int_setting *d = defs; d->key; d++)
        json_array_append_new(arr, json_pack("{s:s,s:i,s:i,s:i,s:i}", "key", d->key, "value",
                                             value_of(values, d), "default", value_of(dflt, d),
                                             "min", d->min, "max", d->max));
    return json_pack("{s:o}", "items", arr);
}

enum err_code int_settings_get(struct req *rq, struct resp *rs, const struct int_setting *defs,
                               const void *dflt, size_t size, struct err *e)
{
    _Alignas(max_align_t) char values[INT_SETTINGS_MAX_BYTES];
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    if (size > sizeof values)
        return err_internal(e, "settings struct too large");
    if (!rc)
        rc = int_settings_load(rq->db, defs, dflt, size, values, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, settings_json(defs, values, dflt));
}

enum err_code int_settings_put(struct req *rq, struct resp *rs, const struct int_setting *defs,
                               const void *dflt, size_t size, const char *action,
                               const char *empty_field, struct err *e)
{
    _Alignas(max_align_t) char old[INT_SETTINGS_MAX_BYTES];
    _Alignas(max_align_t) char now[INT_SETTINGS_MAX_BYTES];
    const char *key;
    json_t *v;
    enum err_code rc;

    if (size > sizeof old)
        return err_internal(e, "settings struct too large");
    if (!rq->json || json_object_size(rq->json) == 0)
        return err_invalid(e, empty_field, "Tidak ada pengaturan yang diubah");
    json_object_foreach(rq->json, key, v)
    {
        const struct int_setting *d = defs;

        while (d->key && strcmp(d->key, key) != 0)
            d++;
        if (!d->key)
            return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
        if (!json_is_integer(v) || json_integer_value(v) < d->min ||
            json_integer_value(v) > d->max) {
            char msg[sizeof e->msg];

            snprintf(msg, sizeof msg, "Nilai harus bilangan bulat %d sampai %d", d->min, d->max);
            return err_invalid(e, key, msg);
        }
    }
    rc = int_settings_load(rq->db, defs, dflt, size, old, e);
    json_object_foreach(rq->json, key, v)
    {
        char text[24];

        if (rc)
            break;
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
        rc = db_setting_set(rq->db, key, text, e);
    }
    if (!rc)
        rc = int_settings_load(rq->db, defs, dflt, size, now, e);
    if (rc)
        return rc;
    req_audit(rq, action, "setting", 0, settings_json(defs, old, dflt),
              settings_json(defs, now, dflt));
    return resp_json(rs, 200, settings_json(defs, now, dflt));
}
