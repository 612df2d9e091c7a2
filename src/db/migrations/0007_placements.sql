-- 0007_placements: temporary assignments (domain.md §3): Plt/Plh of a post and postings to a
-- task force (satgas). The home unit and position of the employee stay unchanged; an
-- assignment is active on day d when start_date <= d <= end_date and d < ended_early_on
-- (ended_early_on is the first day back home after an early end). Nothing is scheduled: the
-- automatic end is derived from the dates. An extension is a new row pointing at the row it
-- extends (extension_of), starting the day after it. Transfers (mutasi, rotasi) need no table:
-- they are employee_position_history rows, with their kind recorded here per row.

CREATE TABLE assignments (
    id              @ID@,
    employee_id     BIGINT NOT NULL REFERENCES employees(id),
    kind            TEXT NOT NULL CHECK (kind IN ('plt', 'plh', 'satgas')),
    position_id     BIGINT REFERENCES positions(id),
    task_force      TEXT,
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    sk_number       TEXT NOT NULL,
    sk_date         TEXT NOT NULL,
    home_unit_id    BIGINT NOT NULL REFERENCES units(id),
    home_position_id BIGINT REFERENCES positions(id),
    extension_of    BIGINT REFERENCES assignments(id),
    ended_early_on  TEXT,
    batch_id        BIGINT,
    created_by      BIGINT REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    CHECK (end_date >= start_date),
    CHECK ((kind = 'satgas' AND task_force IS NOT NULL)
           OR (kind <> 'satgas' AND position_id IS NOT NULL))
);
CREATE INDEX assignments_employee ON assignments(employee_id, start_date);
CREATE INDEX assignments_unit ON assignments(unit_id, end_date);
CREATE INDEX assignments_position ON assignments(position_id, start_date);
CREATE INDEX assignments_end ON assignments(end_date);
CREATE UNIQUE INDEX assignments_extension ON assignments(extension_of);

-- The kind of move a position history row records (NULL for rows written before this
-- migration and for first appointments).
ALTER TABLE employee_position_history ADD COLUMN move_kind TEXT
    CHECK (move_kind IS NULL OR move_kind IN ('mutasi', 'rotasi'));
