/* siasn_int.h - what import.c and decide.c of the siasn module share: the record's columns
 * the import reads, the plain fields compared with SIASN's (each with its one UPDATE), and the
 * writes both the import (fill, prefer=siasn) and a decision (take SIASN's value) make. */
#ifndef ABDI_SIASN_INT_H
#define ABDI_SIASN_INT_H

#include "modules/siasn/siasn.h"

/* The columns of EMP_MATCH. */
enum siasn_match_col {
    M_ID,
    M_NIP,
    M_NAME,
    M_GD,
    M_GB,
    M_BPLACE,
    M_BDATE,
    M_GENDER,
    M_STATUS,
    M_STATE,
    M_PNS_ID,
    M_PHONE,
    M_EMAIL,
    M_ADDRESS,
    M_RELIGION,
    M_MARITAL,
    M_UNIT,
    M_POSITION,
    M_TMT_JAB,
    M_UNIT_NAME,
    M_POS_NAME,
    M_NCOLS
};

/* A plain field compared with the record: the SIASN column (the name of the difference), its
 * place in struct siasn_row, the record's column (enum siasn_match_col), case-insensitive or
 * not, and the one UPDATE of it ($1 employee, $2 value, $3 now). */
struct siasn_scalar {
    const char *field;
    size_t off;
    int col, ci;
    const char *sql;
};
extern const struct siasn_scalar siasn_scalars[];
#define SIASN_NSCALARS 15

/* One column of the record (sql from siasn_scalars, or the state) set to v, updated_at now. */
enum err_code siasn_set_text(struct db *db, const char *sql, int64_t id, const char *v, int64_t now,
                             struct err *e) ABDI_MUST_CHECK;
/* A rank history row (golongan, tmt[, superseding a row]) through the employee module's
 * history store. */
enum err_code siasn_add_rank(struct db *db, int64_t emp, const char *golongan, const char *tmt,
                             int64_t supersedes, int64_t now, int64_t actor,
                             struct err *e) ABDI_MUST_CHECK;
/* A position history row (the record's unit and position follow) through the placement
 * store, then the record's cached TMTs. */
enum err_code siasn_add_position(struct db *db, int64_t emp, int64_t unit, int64_t pos,
                                 const char *tmt, int64_t now, struct err *e) ABDI_MUST_CHECK;
/* The acting user's id (0 for the CLI). */
int64_t siasn_actor(const struct req *rq);

#endif
