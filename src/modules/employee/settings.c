/* settings.c - the employee settings (the values domain.md names a setting), kept in the
 * settings table like the leave ones and changed by BKPSDM: GET lists every key with its
 * value, default and range; PUT changes some of them, each checked against its range before
 * anything is written, audited with the values before and after (http/settings.c). Today one
 * key: the worst predikat kinerja that still earns the periodic salary step (KGB). */
#include "modules/employee/employee.h"

#include <stddef.h>

static const struct employee_settings defaults = {
    .kgb_min_predikat = EMPLOYEE_KGB_MIN_PREDIKAT_DEFAULT,
};
static const struct int_setting defs[] = {
    {EMPLOYEE_SETTING_KGB_MIN_PREDIKAT, offsetof(struct employee_settings, kgb_min_predikat), 1,
     5},
    {NULL, 0, 0, 0},
};

_Static_assert(sizeof(struct employee_settings) <= INT_SETTINGS_MAX_BYTES, "int_settings_get copies it");

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
    return int_settings_load(db, defs, &defaults, sizeof *out, out, e);
}

static enum err_code api_settings(struct req *rq, struct resp *rs, struct err *e)
{
    return int_settings_get(rq, rs, defs, &defaults, sizeof defaults, e);
}

/* Body: {"employee.kgb_min_predikat": 3}; every key known, every value an integer in range. */
static enum err_code api_settings_put(struct req *rq, struct resp *rs, struct err *e)
{
    return int_settings_put(rq, rs, defs, &defaults, sizeof defaults, "employee.settings",
                            defs[0].key, e);
}

const struct route employee_settings_routes[] = {
    {HTTP_GET, "/api/v1/employee-settings", api_settings, ROLES_ADMIN, 0, 0},
    {HTTP_PUT, "/api/v1/employee-settings", api_settings_put, ROLE_ADMIN_BKPSDM, ROUTE_WRITE, 0},
    {0},
};
