/* settings_api.c - the leave values domain.md marks unverified or as a setting (leave.h
 * struct leave_settings), shown and changed by BKPSDM: GET lists every key with its value,
 * default and range; PUT changes some of them, each checked against its range before anything
 * is written, audited with the values before and after. */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

#include <stdio.h>
#include <string.h>

static int value_of(const struct leave_settings *s, const struct leave_setting_def *d)
{
    return *(const int *)((const char *)s + d->offset);
}

static json_t *settings_json(const struct leave_settings *s)
{
    json_t *arr = json_array();

    for (const struct leave_setting_def *d = leave_setting_defs; d->key; d++)
        json_array_append_new(arr, json_pack("{s:s,s:i,s:i,s:i,s:i}", "key", d->key, "value",
                                             value_of(s, d), "default",
                                             value_of(&leave_settings_default, d), "min", d->min,
                                             "max", d->max));
    return json_pack("{s:o}", "items", arr);
}

enum err_code leave_api_settings(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_settings s;
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    if (!rc)
        rc = leave_settings_load(rq->db, &s, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, settings_json(&s));
}

/* Body: {"leave.carry_max": 6, ...}; every key known, every value an integer in its range. */
enum err_code leave_api_settings_put(struct req *rq, struct resp *rs, struct err *e)
{
    struct leave_settings old, now;
    const char *key;
    json_t *v;
    enum err_code rc;

    if (!rq->json || json_object_size(rq->json) == 0)
        return err_invalid(e, "leave.carry_max", "Tidak ada pengaturan yang diubah");
    json_object_foreach(rq->json, key, v)
    {
        const struct leave_setting_def *d = leave_setting_defs;

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
    rc = leave_settings_load(rq->db, &old, e);
    json_object_foreach(rq->json, key, v)
    {
        char text[24];

        if (rc)
            break;
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
        rc = db_setting_set(rq->db, key, text, e);
    }
    if (!rc)
        rc = leave_settings_load(rq->db, &now, e);
    if (rc)
        return rc;
    req_audit(rq, "leave.settings", "setting", 0, settings_json(&old), settings_json(&now));
    return resp_json(rs, 200, settings_json(&now));
}
