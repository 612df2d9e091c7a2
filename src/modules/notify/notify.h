/* notify.h - notifications shared by every module: an in-app list per user (with an unread
 * count) and, when SMTP is configured (`abdi serve --smtp smtp://host:port --smtp-from addr`),
 * an e-mail to the address on the user's employee record. notify_user/notify_employee write
 * in the caller's transaction (one INSERT for the notification; a second one into the mail
 * outbox only when SMTP is configured), so a notification exists exactly when the change that
 * caused it was committed. The mail thread of `abdi serve` (mail.c) sends the outbox later
 * with retries and backoff; a request never waits for SMTP. */
#ifndef ABDI_NOTIFY_H
#define ABDI_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define NOTIFY_KIND_MAX 40     /* bytes: "leave.submitted" */
#define NOTIFY_TITLE_MAX 200   /* bytes; longer titles are cut at a character boundary */
#define NOTIFY_BODY_MAX 4000   /* bytes; longer bodies are cut at a character boundary */
#define NOTIFY_LINK_MAX 200    /* bytes: a web path such as "#/cuti/12" */
#define NOTIFY_ADDR_MAX 254    /* bytes of an e-mail address (RFC 5321) */
#define NOTIFY_MAIL_ATTEMPTS 8 /* attempts before a mail is given up */

/* Queue an in-app notification for a user (and an e-mail when SMTP is configured and the
 * user's employee record has an e-mail). Runs inside the caller's transaction. link: a web
 * path such as "#/cuti/12" or NULL. Control characters of the title (CR, LF, ...) become
 * spaces; a title or body over its limit is cut. */
enum err_code notify_user(struct db *db, int64_t user_id, const char *kind, const char *title,
                          const char *body, const char *link, int64_t now,
                          struct err *e) ABDI_MUST_CHECK;
/* The same for the account linked to an employee record (no-op when none is linked). */
enum err_code notify_employee(struct db *db, int64_t employee_id, const char *kind,
                              const char *title, const char *body, const char *link, int64_t now,
                              struct err *e) ABDI_MUST_CHECK;

/* ---- rules.c (pure) ---- */
/* Copy s into out (cap bytes, cap > 0), at most cap-1 bytes cut at a UTF-8 character
 * boundary; with one_line, every control character (CR, LF, TAB, ...) becomes a space. */
void notify_text_clean(const char *s, int one_line, char *out, size_t cap);
/* 1 when s is one plain mailbox "local@domain": printable ASCII without spaces, CR, LF, '<',
 * '>', '(', ')', ',', ';', ':', '"', '\\', exactly one '@' with text on both sides, at most
 * NOTIFY_ADDR_MAX bytes. Anything else is refused (no header injection, one recipient). */
int notify_addr_valid(const char *s);
/* The RFC 5322 message of one notification e-mail with CRLF line ends (lines over 900 bytes
 * broken), dot-stuffed for SMTP DATA when dot_stuff (libcurl stuffs itself: mail.c passes 0):
 * From, To, Subject (an RFC 2047 encoded-word, UTF-8 base64, when not plain ASCII), Date
 * (RFC 5322 form of now, UTC), Message-ID (<id.now@domain of from>), MIME-Version,
 * Content-Type text/plain; charset=UTF-8, Content-Transfer-Encoding 8bit, then the body.
 * ERR_INVALID when an address is not notify_addr_valid, the subject holds CR or LF or the
 * body is not UTF-8. *out is malloc'd (free it). */
enum err_code notify_mail_build(const char *from, const char *to, const char *subject,
                                const char *body, int64_t id, int64_t now, int dot_stuff,
                                char **out, size_t *len, struct err *e) ABDI_MUST_CHECK;
/* Seconds to wait after failed attempt number attempts (1, 2, ...): 60, 120, 240, ... capped
 * at 6 hours. */
int64_t notify_backoff(int attempts);
/* "smtp://host[:port]" or "smtps://host[:port]" with a host of letters, digits, '.', '-' or
 * a bracketed IPv6 literal, no path, user or query: 1 when acceptable. */
int notify_smtp_url_valid(const char *url);

/* ---- store.c ---- */
struct notification {
    int64_t id, user_id;
    const char *kind, *title, *body, *link;
    int64_t created_at, read_at; /* read_at 0 = unread */
};
/* The user's notifications, newest first; unread_only narrows to unread ones. *total counts
 * the list's rows, *unread the user's unread ones. */
enum err_code notify_list(struct db *db, struct arena *a, int64_t user_id, int unread_only,
                          int64_t page, int64_t per_page, struct notification **items, size_t *n,
                          int64_t *total, int64_t *unread, struct err *e) ABDI_MUST_CHECK;
/* One notification of the user; ERR_NOT_FOUND when it does not exist or is another user's. */
enum err_code notify_get(struct db *db, struct arena *a, int64_t user_id, int64_t id,
                         struct notification *out, struct err *e) ABDI_MUST_CHECK;
/* Mark the user's notification id read at now (when unread), or with all every unread one
 * whose id is at most id (those the user has seen, not one that came in since); *changed =
 * rows marked. */
enum err_code notify_mark_read(struct db *db, int64_t user_id, int64_t id, int all, int64_t now,
                               int64_t *changed, struct err *e) ABDI_MUST_CHECK;

/* ---- mail.c: SMTP configuration and the sender thread of `abdi serve` ---- */
/* Set the process's SMTP configuration (url NULL = none: no mail is queued or sent). Call
 * before the server starts; the strings must outlive the server. */
void notify_smtp_configure(const char *url, const char *from);
/* 1 when SMTP is configured in this process. */
int notify_smtp_enabled(void);
/* Start the thread that sends the outbox of pool's database (no-op when SMTP is not
 * configured); notify_mail_stop() ends it and waits for it. */
struct db_pool;
int notify_mail_start(struct db_pool *pool);
void notify_mail_stop(void);

/* ---- api.c ---- */
extern const struct route notify_routes[];

#endif
