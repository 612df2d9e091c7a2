/* settings_api.c - the leave values domain.md marks unverified or as a setting (leave.h
 * struct leave_settings), shown and changed by BKPSDM: GET lists every key with its value,
 * default and range; PUT changes some of them, each checked against its range before anything
 * is written, audited with the values before and after (the shared piece: http/settings.c). */
#include "modules/leave/leave.h"
#include "modules/leave/leave_int.h"

_Static_assert(sizeof(struct leave_settings) <= INT_SETTINGS_MAX_BYTES, "int_settings_get copies it");

enum err_code leave_api_settings(struct req *rq, struct resp *rs, struct err *e)
{
    return int_settings_get(rq, rs, leave_setting_defs, &leave_settings_default,
                            sizeof leave_settings_default, e);
}

/* Body: {"leave.carry_max": 6, ...}; every key known, every value an integer in its range. */
enum err_code leave_api_settings_put(struct req *rq, struct resp *rs, struct err *e)
{
    return int_settings_put(rq, rs, leave_setting_defs, &leave_settings_default,
                            sizeof leave_settings_default, "leave.settings", "leave.carry_max", e);
}
