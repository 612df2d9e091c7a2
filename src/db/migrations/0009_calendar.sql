-- 0009_calendar: the working calendar. A unit works a 5-day week (Mon-Fri) unless it is set
-- to 6 (Mon-Sat: schools, health centres). holidays holds the national holidays and the
-- collective leave days (cuti bersama, collective = 1: they count against annual leave), one
-- row per date; the date index answers the range read of every working-day count.
ALTER TABLE units ADD COLUMN work_days INTEGER NOT NULL DEFAULT 5 CHECK (work_days IN (5, 6));

CREATE TABLE holidays (
    id         @ID@,
    date       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    collective INTEGER NOT NULL DEFAULT 0 CHECK (collective IN (0, 1)),
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX holidays_collective ON holidays(collective, date);
