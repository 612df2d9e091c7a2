-- 0013_flexwork: flexible work (PermenPAN-RB 4/2025). A unit's work policy (sub-units without
-- a row follow the nearest ancestor's), its office geofences and the posts whose holders may
-- work flexibly (an allow-list: flexible work is not an employee right), each employee's
-- weekly arrangement per period with one row per weekday, one-off requests (a day WFH/WFA)
-- with their decision, and the Ramadan periods (32.5-hour weeks). Coordinates are stored as
-- micro-degrees (BIGINT), times of day as minutes after local midnight.

CREATE TABLE work_policies (
    unit_id          BIGINT PRIMARY KEY REFERENCES units(id),
    flexible_allowed INTEGER NOT NULL DEFAULT 0 CHECK (flexible_allowed IN (0, 1)),
    min_onsite_pct   INTEGER NOT NULL DEFAULT 0 CHECK (min_onsite_pct BETWEEN 0 AND 100),
    min_onsite_count INTEGER NOT NULL DEFAULT 0 CHECK (min_onsite_count >= 0),
    max_remote_days  INTEGER NOT NULL DEFAULT 2 CHECK (max_remote_days BETWEEN 0 AND 2),
    start_from       INTEGER NOT NULL DEFAULT 450,
    start_to         INTEGER NOT NULL DEFAULT 450,
    core_from        INTEGER NOT NULL DEFAULT 0,
    core_to          INTEGER NOT NULL DEFAULT 0,
    fixed_start      INTEGER NOT NULL DEFAULT 450,
    remote_radius_m  INTEGER NOT NULL DEFAULT 100,
    timezone         TEXT NOT NULL DEFAULT 'Asia/Jakarta'
                     CHECK (timezone IN ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar',
                                         'Asia/Jayapura')),
    updated_by       BIGINT REFERENCES users(id),
    updated_at       BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE work_geofences (
    id       @ID@,
    unit_id  BIGINT NOT NULL REFERENCES units(id),
    lat_e6   BIGINT NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),
    lon_e6   BIGINT NOT NULL CHECK (lon_e6 BETWEEN -180000000 AND 180000000),
    radius_m INTEGER NOT NULL CHECK (radius_m BETWEEN 10 AND 5000)
);
CREATE INDEX work_geofences_unit ON work_geofences(unit_id, id);

CREATE TABLE work_flexible_positions (
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    position_id BIGINT NOT NULL REFERENCES positions(id),
    PRIMARY KEY (unit_id, position_id)
);

CREATE TABLE work_arrangements (
    id              @ID@,
    employee_id     BIGINT NOT NULL REFERENCES employees(id),
    valid_from      TEXT NOT NULL,
    valid_to        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected',
                                                    'replaced')),
    note            TEXT,
    approver_employee_id BIGINT REFERENCES employees(id), -- a proposal's direct supervisor
    decision_reason TEXT,
    created_by      BIGINT REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    decided_by      BIGINT REFERENCES users(id),
    decided_at      BIGINT,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX work_arrangements_employee ON work_arrangements(employee_id, status, valid_from);
CREATE INDEX work_arrangements_approver ON work_arrangements(approver_employee_id, status);

CREATE TABLE work_arrangement_days (
    arrangement_id BIGINT NOT NULL REFERENCES work_arrangements(id),
    weekday        INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    mode           TEXT NOT NULL CHECK (mode IN ('WFO', 'WFH', 'WFA')),
    place          TEXT,
    lat_e6         BIGINT,
    lon_e6         BIGINT,
    flexible       INTEGER NOT NULL DEFAULT 0 CHECK (flexible IN (0, 1)),
    start_min      INTEGER NOT NULL DEFAULT 450,
    PRIMARY KEY (arrangement_id, weekday)
);

CREATE TABLE work_requests (
    id                   @ID@,
    employee_id          BIGINT NOT NULL REFERENCES employees(id),
    unit_id              BIGINT NOT NULL REFERENCES units(id), -- the employee's unit when filed
    date                 TEXT NOT NULL,
    mode                 TEXT NOT NULL CHECK (mode IN ('WFO', 'WFH', 'WFA')),
    place                TEXT,
    lat_e6               BIGINT,
    lon_e6               BIGINT,
    reason               TEXT,
    status               TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'approved', 'rejected')),
    approver_employee_id BIGINT REFERENCES employees(id),
    decision_reason      TEXT,
    decided_by           BIGINT REFERENCES users(id),
    decided_at           BIGINT,
    created_by           BIGINT REFERENCES users(id),
    created_at           BIGINT NOT NULL
);
CREATE INDEX work_requests_employee ON work_requests(employee_id, date);
CREATE INDEX work_requests_unit ON work_requests(unit_id, date);
CREATE INDEX work_requests_approver ON work_requests(approver_employee_id, status);

CREATE TABLE work_ramadan (
    start_date TEXT PRIMARY KEY,
    end_date   TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
