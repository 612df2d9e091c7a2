-- 0014_attendance: check-in/out records (one per employee per LOCAL day of the check-in in the
-- unit's time zone), the corrections an employee asks for and a supervisor decides (the
-- record's times before the change are kept on the correction), device CSV import batches and
-- the map of a device's user codes to employees. Instants are server time (epoch seconds);
-- coordinates are integers in 1e-7 degrees (about 1 cm) and accuracy in centimetres, so both
-- engines store them exactly. The record keeps the day's schedule as it was at check-in (a
-- later policy change does not rewrite history) and its minutes as computed by rules.c.
CREATE TABLE attendance_import_batches (
    id         @ID@,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    rows_read  INTEGER NOT NULL,
    imported   INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE attendance_records (
    id               @ID@,
    employee_id      BIGINT NOT NULL REFERENCES employees(id),
    unit_id          BIGINT NOT NULL REFERENCES units(id), -- where the employee worked that day
    day              TEXT NOT NULL,                        -- local day of the check-in
    kind             TEXT NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'duty')),
    mode             TEXT NOT NULL CHECK (mode IN ('WFO', 'WFH', 'WFA')),
    check_in_at      BIGINT,
    check_out_at     BIGINT,
    in_lat_e7        BIGINT,
    in_lon_e7        BIGINT,
    in_accuracy_cm   BIGINT,
    in_inside        INTEGER NOT NULL DEFAULT 0 CHECK (in_inside IN (0, 1)),
    out_lat_e7       BIGINT,
    out_lon_e7       BIGINT,
    out_accuracy_cm  BIGINT,
    out_inside       INTEGER CHECK (out_inside IN (0, 1)),
    flagged          INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)), -- outside or no fix
    working          INTEGER NOT NULL CHECK (working IN (0, 1)),
    start_from       INTEGER NOT NULL,
    start_to         INTEGER NOT NULL,
    required_minutes INTEGER NOT NULL,
    break_minutes    INTEGER NOT NULL,
    utc_offset_min   INTEGER NOT NULL,
    late_minutes     INTEGER NOT NULL DEFAULT 0,
    early_minutes    INTEGER NOT NULL DEFAULT 0,
    worked_minutes   INTEGER NOT NULL DEFAULT 0,
    source           TEXT NOT NULL CHECK (source IN ('web', 'device', 'correction')),
    device           TEXT,
    batch_id         BIGINT REFERENCES attendance_import_batches(id),
    corrected_by     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- one record per employee per day: a second check-in is refused (409 already_checked_in)
CREATE UNIQUE INDEX attendance_records_day ON attendance_records(employee_id, day);
CREATE INDEX attendance_records_by_day ON attendance_records(day, employee_id);
CREATE INDEX attendance_records_flagged ON attendance_records(day) WHERE flagged = 1;

CREATE TABLE attendance_corrections (
    id                @ID@,
    employee_id       BIGINT NOT NULL REFERENCES employees(id),
    unit_id           BIGINT NOT NULL REFERENCES units(id),
    day               TEXT NOT NULL,
    record_id         BIGINT REFERENCES attendance_records(id),
    kind              TEXT NOT NULL CHECK (kind IN ('check_in', 'check_out', 'both', 'duty')),
    check_in_at       BIGINT,
    check_out_at      BIGINT,
    reason            TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'approved', 'rejected')),
    decision_reason   TEXT,
    orig_check_in_at  BIGINT, -- the record as it was when decided (history)
    orig_check_out_at BIGINT,
    orig_kind         TEXT,
    requested_by      BIGINT NOT NULL REFERENCES users(id),
    decided_by        BIGINT REFERENCES users(id),
    created_at        BIGINT NOT NULL,
    decided_at        BIGINT
);
CREATE INDEX attendance_corrections_employee ON attendance_corrections(employee_id, day);
CREATE INDEX attendance_corrections_status ON attendance_corrections(status, unit_id);

CREATE TABLE attendance_device_users (
    device      TEXT NOT NULL,
    code        TEXT NOT NULL,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    PRIMARY KEY (device, code)
);
