/* migrate.h - numbered schema migrations, embedded in the binary, applied in order, each in
 * its own transaction and recorded in schema_migrations. Both engines run the same set. */
#ifndef ABDI_MIGRATE_H
#define ABDI_MIGRATE_H

#include "db/db.h"

/* Bring the schema to the newest version. *applied receives how many were applied. */
enum err_code db_migrate(struct db *db, int *applied, struct err *e) ABDI_MUST_CHECK;
/* Newest version the binary knows. */
int db_schema_latest(void);

#endif
