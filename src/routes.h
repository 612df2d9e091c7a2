/* routes.h - the route tables of all modules, NULL-terminated, for the router. */
#ifndef ABDI_ROUTES_H
#define ABDI_ROUTES_H

#include "http/app.h"

#define ABDI_VERSION "0.1.0"

extern const struct route *const abdi_routes[];

#endif
