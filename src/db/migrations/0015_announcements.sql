-- 0015_announcements: announcements (pengumuman) to one unit with its sub-units (unit_id) or
-- to the whole government (unit_id NULL), valid from valid_from to valid_to inclusive
-- ('YYYY-MM-DD'), and who has read which (one row per reader, written when the reader marks
-- it read). No row per addressee is written when an announcement is posted: the home page
-- reads the valid ones addressed to the user's unit chain (modules/engagement).
CREATE TABLE announcements (
    id         @ID@,
    unit_id    BIGINT REFERENCES units(id),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    CHECK (valid_to >= valid_from)
);
-- The home page reads the announcements valid today; the admin list those of a unit subtree.
CREATE INDEX announcements_valid ON announcements(valid_to, valid_from);
CREATE INDEX announcements_unit ON announcements(unit_id);

CREATE TABLE announcement_reads (
    announcement_id BIGINT NOT NULL REFERENCES announcements(id),
    user_id         BIGINT NOT NULL REFERENCES users(id),
    read_at         BIGINT NOT NULL,
    PRIMARY KEY (announcement_id, user_id)
);
