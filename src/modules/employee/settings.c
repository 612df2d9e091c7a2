/* settings.c - the employee settings (the values domain.md names a setting), kept in the
 * settings table like the leave ones and changed by BKPSDM: GET lists every key with its
 * value, default and range; PUT changes some of them, each checked against its range before
 * anything is written, audited with the values before and after. Today one key: the worst
 * predikat kinerja that still earns the periodic salary step (KGB). */
#include "modules/employee/employee.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *key;
    size_t offset; /* an int in struct employee_settings */
    int dflt, min, max;
} defs[] = {
    {EMPLOYEE_SETTING_KGB_MIN_PREDIKAT, offsetof(struct employee_settings, kgb_min_predikat),
     EMPLOYEE_KGB_MIN_PREDIKAT_DEFAULT, 1, 5},
    {NULL, 0, 0, 0, 0},
};

int employee_kgb_min_predikat_of(const char *text)
{
    /* "1".."5": one digit (a saved value is checked on PUT; anything else is the default) */
    if (text && text[0] >= '1' && text[0] <= '5' && text[1] == '\0')
        return text[0] - '0';
    return EMPLOYEE_KGB_MIN_PREDIKAT_DEFAULT;
}

enum err_code employee_settings_load(struct db *db, struct employee_settings *out,
                                     struct err *e)
{
    for (int i = 0; defs[i].key; i++) {
        int *slot = (int *)((char *)out + defs[i].offset);
        int64_t v = 0;
        enum err_code rc = db_setting_int(db, defs[i].key, defs[i].dflt, &v, e);

        if (rc)
            return rc;
        /* a value outside its range falls back to the default */
        *slot = v >= defs[i].min && v <= defs[i].max ? (int)v : defs[i].dflt;
    }
    return ERR_OK;
}

static json_t *settings_json(const struct employee_settings *s)
{
    json_t *arr = json_array();

    for (int i = 0; defs[i].key; i++)
        json_array_append_new(
            arr, json_pack("{s:s,s:i,s:i,s:i,s:i}", "key", defs[i].key, "value",
                           *(const int *)((const char *)s + defs[i].offset), "default",
                           defs[i].dflt, "min", defs[i].min, "max", defs[i].max));
    return json_pack("{s:o}", "items", arr);
}

static enum err_code api_settings(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_settings s;
    enum err_code rc = req_query_allow(rq, (const char *const[]){NULL}, e);

    if (!rc)
        rc = employee_settings_load(rq->db, &s, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, settings_json(&s));
}

/* Body: {"employee.kgb_min_predikat": 3}; every key known, every value an integer in range. */
static enum err_code api_settings_put(struct req *rq, struct resp *rs, struct err *e)
{
    struct employee_settings old, now;
    const char *key;
    json_t *v;
    enum err_code rc;

    if (!rq->json || json_object_size(rq->json) == 0)
        return err_invalid(e, defs[0].key, "Tidak ada pengaturan yang diubah");
    json_object_foreach(rq->json, key, v)
    {
        int i = 0;

        while (defs[i].key && strcmp(defs[i].key, key) != 0)
            i++;
        if (!defs[i].key)
            return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
        if (!json_is_integer(v) || json_integer_value(v) < defs[i].min ||
            json_integer_value(v) > defs[i].max) {
            char msg[sizeof e->msg];

            snprintf(msg, sizeof msg, "Nilai harus bilangan bulat %d sampai %d", defs[i].min,
                     defs[i].max);
            return err_invalid(e, key, msg);
        }
    }
    rc = employee_settings_load(rq->db, &old, e);
    json_object_foreach(rq->json, key, v)
    {
        char text[24];

        if (rc)
            break;
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
        rc = db_setting_set(rq->db, key, text, e);
    }
    if (!rc)
        rc = employee_settings_load(rq->db, &now, e);
    if (rc)
        return rc;
    req_audit(rq, "employee.settings", "setting", 0, settings_json(&old), settings_json(&now));
    return resp_json(rs, 200, settings_json(&now));
}

const struct route employee_settings_routes[] = {
    {HTTP_GET, "/api/v1/employee-settings", api_settings, ROLES_ADMIN, 0, 0},
    {HTTP_PUT, "/api/v1/employee-settings", api_settings_put, ROLE_ADMIN_BKPSDM, ROUTE_WRITE, 0},
    {0},
};
