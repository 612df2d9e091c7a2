/* limits.h - every limit Abdi enforces on outside input, with its unit.
 * A limit that is not named here does not exist; code never invents its own. */
#ifndef ABDI_LIMITS_H
#define ABDI_LIMITS_H

#define LIMIT_BODY_BYTES          (1024 * 1024)   /* JSON request body: larger -> 413 */
#define LIMIT_BODY_DRAIN_BYTES    (8 * 1024 * 1024) /* a too-large body up to this is read and
                                                    dropped so the client sees its 413; beyond
                                                    it the connection is closed at once */
#define LIMIT_UPLOAD_BYTES        (2 * 1024 * 1024) /* one uploaded document (PDF/JPEG/PNG) */
#define LIMIT_IMPORT_BYTES        (64 * 1024 * 1024) /* one CSV import body (100,000+ rows) */
#define LIMIT_HEADER_BYTES        (16 * 1024)     /* MHD per-connection memory: request line,
                                                    headers, read buffer (zeroed per request) */
#define LIMIT_URL_BYTES           (4 * 1024)      /* request target; longer -> 414 */
#define LIMIT_JSON_DEPTH          32              /* nesting of arrays/objects */
#define LIMIT_PAGE_SIZE           200             /* per_page maximum of any list */
#define LIMIT_ROUTE_PARAMS        4               /* {param} segments in one route */
#define LIMIT_QUERY_PARAMS        32              /* distinct query parameters */
#define LIMIT_CONNECTIONS         512             /* open connections in total */
#define LIMIT_CONNECTIONS_PER_IP  32              /* open connections from one address */
#define LIMIT_CONNECTION_IDLE_S   15              /* idle connection timeout, seconds */
#define LIMIT_RESPONSE_BYTES      (64 * 1024 * 1024) /* a rendered response body */
#define LIMIT_EXPORT_ROWS         (200 * 1000)    /* rows of one export or report; more -> 413 */
#define LIMIT_LOG_LINE_BYTES      2048            /* one access-log line */
#define LIMIT_USERNAME_BYTES      64              /* login name */
#define LIMIT_NAME_BYTES          200             /* a person's or unit's name */
#define LIMIT_PASSWORD_CHARS_MIN  12              /* code points; ASVS 2.1.1 */
#define LIMIT_PASSWORD_CHARS_MAX  128             /* code points; never truncated */
#define LIMIT_PASSWORD_BYTES      (128 * 4)       /* bytes of the longest allowed password */
#define LIMIT_SESSION_IDLE_S      (30 * 60)       /* session idle expiry */
#define LIMIT_SESSION_ABS_S       (12 * 60 * 60)  /* session absolute expiry */
#define LIMIT_LOGIN_WINDOW_S      (15 * 60)       /* failed-login counting window */
#define LIMIT_LOGIN_FAIL_ACCOUNT_IP 5             /* failures per account from one address */
#define LIMIT_LOGIN_FAIL_IP       20              /* failures from one address, any account */
#define LIMIT_LOGIN_FAIL_ACCOUNT_HOUR 100         /* failures per account, all addresses, per hour */
#define LIMIT_HASH_CONCURRENT     2               /* argon2id runs at once (64 MiB each) */
#define LIMIT_REAUTH_S            (5 * 60)        /* re-authentication freshness */
#define LIMIT_AUDIT_JSON_BYTES    (256 * 1024)    /* before/after JSON of one audit row */
#define LIMIT_STMT_CACHE          256             /* prepared statements per connection */

#endif
