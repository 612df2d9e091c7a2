/* mail.c - the SMTP side of notifications: the process's configuration and the one sender
 * thread of `abdi serve`. Every MAIL_POLL_S seconds the thread takes the due rows of
 * mail_outbox (oldest first), claims each one by moving its next attempt forward by the
 * backoff in the same UPDATE that counts the attempt (so two servers on one database never
 * send a row twice, and a crash mid-send retries later), builds the message (rules.c refuses
 * bad addresses and header injection: such a row is given up at once) and sends it with
 * libcurl. Requests never wait for it: they only insert outbox rows. The only file that
 * includes <curl/curl.h>. */
#include "modules/notify/notify.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/log.h"

#define MAIL_POLL_S 1
#define MAIL_BATCH 20
#define MAIL_TIMEOUT_S 30

static const char *smtp_url;
static const char *smtp_from;
static atomic_int stopping; /* set by notify_mail_stop: a transfer under way gives up */

void notify_smtp_configure(const char *url, const char *from)
{
    smtp_url = url;
    smtp_from = from;
}

int notify_smtp_enabled(void)
{
    return smtp_url != NULL;
}

static const char SQL_DUE[] = "SELECT id, to_addr, subject, body, attempts FROM mail_outbox"
                              " WHERE sent_at IS NULL AND next_at <= $1 AND attempts < $2"
                              " ORDER BY next_at, id LIMIT $3";
static const char SQL_CLAIM[] = "UPDATE mail_outbox SET attempts = attempts + 1, next_at = $3"
                                " WHERE id = $1 AND sent_at IS NULL AND attempts = $2";
static const char SQL_SENT[] = "UPDATE mail_outbox SET sent_at = $3, last_error = $2 WHERE id = $1";
static const char SQL_FAILED[] = "UPDATE mail_outbox SET last_error = $2 WHERE id = $1";
static const char SQL_GIVE_UP[] =
    "UPDATE mail_outbox SET attempts = $3, last_error = $2 WHERE id = $1";

struct mail {
    int64_t id;
    const char *to, *subject, *body;
    int attempts;
};

static void read_mail(struct db_stmt *st, struct arena *a, void *out)
{
    struct mail *m = out;

    m->id = db_col_int(st, 0);
    m->to = db_col_text_copy(st, a, 1);
    m->subject = db_col_text_copy(st, a, 2);
    m->body = db_col_text_copy(st, a, 3);
    m->attempts = (int)db_col_int(st, 4);
}

struct upload {
    const char *p;
    size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
    struct upload *u = arg;
    size_t n = size * nmemb < u->left ? size * nmemb : u->left;

    memcpy(dst, u->p, n);
    u->p += n;
    u->left -= n;
    return n;
}

/* libcurl's progress callback: non-zero aborts the transfer (the server is shutting down, so
 * SIGTERM is never held up by a slow SMTP server; the row is retried by the next start). */
static int progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)arg, (void)dt, (void)dn, (void)ut, (void)un;
    return atomic_load(&stopping);
}

/* Send one built message; 0 or -1 with the reason in why (a static string of libcurl). */
static int smtp_send(const char *to, const char *msg, size_t len, const char **why)
{
    CURL *c = curl_easy_init();
    struct curl_slist *rcpt = NULL;
    struct upload u = {msg, len};
    char from_br[NOTIFY_ADDR_MAX + 3], to_br[NOTIFY_ADDR_MAX + 3];
    CURLcode rc;

    if (!c) {
        *why = "curl_easy_init failed";
        return -1;
    }
    snprintf(from_br, sizeof from_br, "<%s>", smtp_from);
    snprintf(to_br, sizeof to_br, "<%s>", to);
    rcpt = curl_slist_append(rcpt, to_br);
    curl_easy_setopt(c, CURLOPT_URL, smtp_url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_br);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)MAIL_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    *why = rc == CURLE_OK ? NULL : curl_easy_strerror(rc);
    return rc == CURLE_OK ? 0 : -1;
}

static void record(struct db *db, const char *sql, int64_t id, const char *text, int64_t n)
{
    struct db_stmt *st;
    struct err e;

    if (db_prepare(db, sql, &st, &e))
        return;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, text);
    if (n)
        db_bind_int(st, 3, n);
    if (db_step(st, &e) < 0)
        log_event("mail_store_failed", "detail", e.detail, NULL);
    db_reset(st);
}

/* Claim, build, send and record one due mail. */
static void send_one(struct db *db, const struct mail *m, int64_t now)
{
    const int64_t claim[] = {m->id, m->attempts, now + notify_backoff(m->attempts + 1)};
    const char *why = NULL;
    char *msg = NULL, idbuf[24];
    size_t len = 0;
    int64_t changed = 0;
    struct err e;

    if (db_run_ints(db, SQL_CLAIM, claim, 3, &changed, &e) || changed != 1)
        return; /* another server took it, or the database is away: next round */
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)m->id);
    if (notify_mail_build(smtp_from, m->to, m->subject, m->body, m->id, now, 0, &msg, &len, &e)) {
        record(db, SQL_GIVE_UP, m->id, e.msg, NOTIFY_MAIL_ATTEMPTS);
        log_event("mail_refused", "id", idbuf, "field", e.field, NULL);
        return;
    }
    if (smtp_send(m->to, msg, len, &why) == 0) {
        record(db, SQL_SENT, m->id, NULL, now);
        log_event("mail_sent", "id", idbuf, NULL);
    } else {
        record(db, SQL_FAILED, m->id, why, 0);
        log_event("mail_failed", "id", idbuf, "error", why, NULL);
    }
    free(msg);
}

static void send_due(struct db *db)
{
    struct arena *a = arena_new();
    struct db_stmt *st;
    struct mail *items = NULL;
    void *found = NULL;
    size_t n = 0;
    int64_t now = clock_now();
    struct err e;

    if (!db_prepare(db, SQL_DUE, &st, &e)) {
        db_bind_int(st, 1, now);
        db_bind_int(st, 2, NOTIFY_MAIL_ATTEMPTS);
        db_bind_int(st, 3, MAIL_BATCH);
        if (!db_collect(st, a, sizeof(struct mail), read_mail, &found, &n, &e))
            items = found;
    }
    for (size_t i = 0; i < n && !atomic_load(&stopping); i++)
        send_one(db, &items[i], clock_now());
    arena_free(a);
}

static struct {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int running, stop;
    struct db_pool *pool;
} sender = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *sender_main(void *arg)
{
    struct db *db = NULL;
    struct err e;

    (void)arg;
    pthread_mutex_lock(&sender.mu);
    while (!sender.stop) {
        struct timespec ts;

        pthread_mutex_unlock(&sender.mu);
        if (db || db_pool_get(sender.pool, &db, &e) == ERR_OK)
            send_due(db);
        pthread_mutex_lock(&sender.mu);
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += MAIL_POLL_S;
        if (!sender.stop)
            pthread_cond_timedwait(&sender.cv, &sender.mu, &ts);
    }
    pthread_mutex_unlock(&sender.mu);
    return NULL;
}

int notify_mail_start(struct db_pool *pool)
{
    if (!smtp_url)
        return 0;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    sender.pool = pool;
    sender.stop = 0;
    atomic_store(&stopping, 0);
    if (pthread_create(&sender.thread, NULL, sender_main, NULL)) {
        curl_global_cleanup();
        return -1;
    }
    sender.running = 1;
    return 0;
}

void notify_mail_stop(void)
{
    if (!sender.running)
        return;
    atomic_store(&stopping, 1);
    pthread_mutex_lock(&sender.mu);
    sender.stop = 1;
    pthread_cond_signal(&sender.cv);
    pthread_mutex_unlock(&sender.mu);
    pthread_join(sender.thread, NULL);
    sender.running = 0;
    curl_global_cleanup();
}
