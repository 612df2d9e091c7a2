-- 0011_leave: leave requests (cuti, domain.md §5), the history of every step of their
-- approval chain (never overwritten), and the chain per leave type. Balances are not stored:
-- they are computed from the requests and the calendar (docs/api-leave.md).

CREATE TABLE leave_chains (
    type       TEXT PRIMARY KEY CHECK (type IN ('tahunan', 'besar', 'sakit', 'melahirkan',
                   'alasan_penting', 'bersama', 'cltn', 'ayah')),
    supervisor INTEGER NOT NULL DEFAULT 1 CHECK (supervisor IN (0, 1)),
    official   TEXT NOT NULL CHECK (official IN ('unit_head', 'bkpsdm')),
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    updated_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO leave_chains (type, supervisor, official, enabled) VALUES
    ('tahunan', 1, 'unit_head', 1),
    ('besar', 1, 'bkpsdm', 1),
    ('sakit', 1, 'unit_head', 1),
    ('melahirkan', 1, 'bkpsdm', 1),
    ('alasan_penting', 1, 'unit_head', 1),
    ('bersama', 1, 'unit_head', 1),
    ('cltn', 1, 'bkpsdm', 1),
    ('ayah', 1, 'unit_head', 0);

CREATE TABLE leave_requests (
    id                   @ID@,
    employee_id          BIGINT NOT NULL REFERENCES employees(id),
    unit_id              BIGINT NOT NULL REFERENCES units(id), -- the employee's unit when filed
    type                 TEXT NOT NULL CHECK (type IN ('tahunan', 'besar', 'sakit', 'melahirkan',
                             'alasan_penting', 'bersama', 'cltn', 'ayah')),
    converted_from       TEXT,          -- 'melahirkan' for a 4th birth granted as 'besar'
    start_date           TEXT NOT NULL,
    end_date             TEXT NOT NULL,
    requested_start_date TEXT NOT NULL, -- as filed, before a "change" decision
    requested_end_date   TEXT NOT NULL,
    working_days         INTEGER NOT NULL,
    charged_days         INTEGER NOT NULL DEFAULT 0, -- taken from the annual balance
    calendar_days        INTEGER NOT NULL,
    hard_to_reach        INTEGER NOT NULL DEFAULT 0,
    travel_days          INTEGER NOT NULL DEFAULT 0,
    birth_order          INTEGER,
    sick_kind            TEXT CHECK (sick_kind IN ('biasa', 'keguguran', 'kecelakaan_kerja')),
    doctor_kind          TEXT CHECK (doctor_kind IN ('pemerintah', 'swasta')),
    first_hajj           INTEGER NOT NULL DEFAULT 0,
    reason               TEXT NOT NULL,
    address              TEXT NOT NULL,
    phone                TEXT NOT NULL,
    document_id          BIGINT REFERENCES documents(id),
    status               TEXT NOT NULL CHECK (status IN ('pending_supervisor', 'pending_official',
                             'approved', 'rejected', 'postponed', 'cancelled')),
    step                 TEXT CHECK (step IN ('supervisor', 'official')),
    -- who must decide now: an employee (the holder, or the Plt/Plh acting on the post), or
    -- any admin_bkpsdm
    approver_kind        TEXT CHECK (approver_kind IN ('employee', 'bkpsdm')),
    approver_employee_id BIGINT REFERENCES employees(id),
    approver_position_id BIGINT REFERENCES positions(id),
    approver_acting      TEXT CHECK (approver_acting IN ('plt', 'plh')),
    supervisor_decision  TEXT,
    supervisor_reason    TEXT,
    supervisor_by        BIGINT REFERENCES users(id),
    supervisor_at        BIGINT,
    official_decision    TEXT,
    official_reason      TEXT,
    official_by          BIGINT REFERENCES users(id),
    official_at          BIGINT,
    decision_reason      TEXT,
    postponed            INTEGER NOT NULL DEFAULT 0,
    cancelled_at         BIGINT,
    cancelled_by         BIGINT REFERENCES users(id),
    cancel_reason        TEXT,
    shortened_from       TEXT,
    shortened_at         BIGINT,
    letter_number        TEXT,          -- set on the final approval, never changed
    approved_on          TEXT,          -- day of the final approval
    signer_user_id       BIGINT REFERENCES users(id),      -- who gave the final approval
    signer_employee_id   BIGINT REFERENCES employees(id),  -- their record (NULL: none)
    signer_position_id   BIGINT REFERENCES positions(id),  -- the post decided for
    signer_acting        TEXT CHECK (signer_acting IN ('plt', 'plh')),
    created_by           BIGINT NOT NULL REFERENCES users(id),
    created_at           BIGINT NOT NULL,
    decided_at           BIGINT,
    updated_at           BIGINT NOT NULL,
    CHECK (end_date >= start_date)
);
-- an employee's requests in a year (balance, overlap), an approver's inbox, a unit's list
CREATE INDEX leave_requests_employee ON leave_requests(employee_id, start_date);
CREATE INDEX leave_requests_approver ON leave_requests(approver_employee_id, status);
CREATE INDEX leave_requests_status ON leave_requests(status, approver_kind);
CREATE INDEX leave_requests_unit ON leave_requests(unit_id, start_date);

CREATE TABLE leave_steps (
    id                @ID@,
    request_id        BIGINT NOT NULL REFERENCES leave_requests(id),
    event             TEXT NOT NULL CHECK (event IN ('submit', 'approve', 'change', 'postpone',
                          'reject', 'cancel', 'shorten', 'forward')),
    step              TEXT,
    reason            TEXT,
    start_date        TEXT,
    end_date          TEXT,
    working_days      INTEGER,
    actor_user_id     BIGINT REFERENCES users(id),
    actor_employee_id BIGINT REFERENCES employees(id),
    acting            TEXT,
    next_kind         TEXT,
    next_employee_id  BIGINT REFERENCES employees(id),
    next_position_id  BIGINT REFERENCES positions(id),
    next_acting       TEXT,
    final             INTEGER NOT NULL DEFAULT 0, -- 1 on the step that approved finally
    created_at        BIGINT NOT NULL
);
CREATE INDEX leave_steps_request ON leave_steps(request_id, id);
