-- 0010_notifications: in-app notifications of a user (read_at NULL = unread) and the outbox of
-- notification e-mails, filled in the same transaction as the notification when SMTP is
-- configured and sent later by the server's mail thread (modules/notify). A mail row is sent
-- (sent_at set), waiting (next_at: the earliest time of the next attempt) or given up
-- (attempts reached the limit without sent_at; last_error says why).
CREATE TABLE notifications (
    id         @ID@,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT,
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
-- A user's list (newest first) and the unread count read one index each.
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;

CREATE TABLE mail_outbox (
    id         @ID@,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_at    BIGINT NOT NULL,
    sent_at    BIGINT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX mail_outbox_pending ON mail_outbox(next_at) WHERE sent_at IS NULL;
