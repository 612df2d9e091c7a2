/* engagement.h - the engagement module (design.md: announcements, later surveys, suggestions
 * and a forum). Announcements (pengumuman): admin_bkpsdm writes to the whole government or
 * any unit, admin_unit to units of its scope; an announcement to a unit reaches the accounts
 * of that unit and of every sub-unit. Everyone reads, on the home page, those valid today
 * (valid_from <= today <= valid_to, today = the UTC day of rq->now as elsewhere) addressed to
 * the own unit, one of its parents, or everyone, and marks them read; the author sees how
 * many of the addressed accounts have read ("dibaca 12 dari 40"). Title and text are plain
 * text: stored as given, never HTML (the UI puts them in text nodes). Posting writes no row
 * per addressee (no notification rows either): the home page list is the delivery, so an
 * announcement to 100,000 employees costs one INSERT. */
#ifndef ABDI_ENGAGEMENT_H
#define ABDI_ENGAGEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define ANN_TITLE_MAX 200   /* characters (code points) of a title */
#define ANN_BODY_MAX 4000   /* characters of the text */
#define ANN_SPAN_MAX 366    /* days from valid_from to valid_to */

struct announcement {
    int64_t id;
    int64_t unit_id;        /* 0 = the whole government */
    const char *unit_name;  /* NULL for the whole government */
    const char *title, *body;
    const char *valid_from, *valid_to; /* 'YYYY-MM-DD', inclusive */
    int64_t created_at, created_by, updated_at;
    const char *author_name;
    int64_t read_at;        /* the requesting user's read time; 0 = unread */
    int64_t read_count;     /* accounts that have read it (manager views), else -1 */
    int64_t audience;       /* active accounts addressed (manager views), else -1 */
};

/* ---- rules.c (pure) ---- */
/* The checks of an announcement before any write, 422 naming the first bad field: title
 * (not blank, at most ANN_TITLE_MAX characters, no control characters), body (not blank, at
 * most ANN_BODY_MAX characters, no control characters but line breaks and tabs), valid_from
 * and valid_to (real dates, to >= from, at most ANN_SPAN_MAX days apart). When today is not
 * NULL, valid_to must not be before it (a new or re-dated announcement that nobody would
 * ever see). */
enum err_code ann_check(const struct announcement *x, const char *today,
                        struct err *e) ABDI_MUST_CHECK;
/* 1 when today lies in [valid_from, valid_to] (all 'YYYY-MM-DD'). */
int ann_valid_on(const struct announcement *x, const char *today);
/* API shape (docs/api-announcements.md); read_count/audience only when >= 0. */
json_t *ann_json(const struct announcement *x);

/* ---- store.c ---- */
/* One announcement, with user_id's read time and the read and audience counts. */
enum err_code ann_get(struct db *db, struct arena *a, int64_t id, int64_t user_id,
                      struct announcement *out, struct err *e) ABDI_MUST_CHECK;
/* The home list of a user whose home unit is unit_id (0 = none: only the whole-government
 * ones): valid on today, addressed to unit_id, one of its parents or everyone, newest first;
 * unread_only narrows to those user_id has not read. *total counts the list, *unread the
 * unread ones valid today. */
enum err_code ann_feed(struct db *db, struct arena *a, int64_t user_id, int64_t unit_id,
                       const char *today, int unread_only, int64_t page, int64_t per_page,
                       struct announcement **items, size_t *n, int64_t *total, int64_t *unread,
                       struct err *e) ABDI_MUST_CHECK;
/* The announcements an admin manages, newest first, whatever their dates: every one when
 * root is 0, else those addressed to root or a unit below it. Read and audience counts set. */
enum err_code ann_managed(struct db *db, struct arena *a, int64_t root, int64_t page,
                          int64_t per_page, struct announcement **items, size_t *n,
                          int64_t *total, struct err *e) ABDI_MUST_CHECK;
/* Active accounts whose home unit is unit_id or below it (0 = every active account). */
enum err_code ann_audience(struct db *db, int64_t unit_id, int64_t *out,
                           struct err *e) ABDI_MUST_CHECK;
/* 1 in *open when the unit exists and is not closed; ERR_OK either way. */
enum err_code ann_unit_open(struct db *db, int64_t unit_id, int *open,
                            struct err *e) ABDI_MUST_CHECK;
enum err_code ann_insert(struct db *db, struct announcement *x, struct err *e) ABDI_MUST_CHECK;
/* Writes unit, title, body, dates and updated_at of x. */
enum err_code ann_update(struct db *db, const struct announcement *x,
                         struct err *e) ABDI_MUST_CHECK;
/* Removes the announcement and its read marks. */
enum err_code ann_delete(struct db *db, int64_t id, struct err *e) ABDI_MUST_CHECK;
/* Mark read for user_id at now; *changed 0 when it was read already. */
enum err_code ann_mark_read(struct db *db, int64_t id, int64_t user_id, int64_t now,
                            int64_t *changed, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route engagement_routes[];

#endif
