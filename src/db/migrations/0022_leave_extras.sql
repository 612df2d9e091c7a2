-- 0022_leave_extras: what issue 4 left open in leave (docs/api-leave.md): the collective-leave
-- days an employee worked through because of the position (added to that year's annual leave
-- while the year's setting leave.collective_worked_adds.<year> is on), the reason of a PPPK's
-- annual leave before 1 year of service (deducted from the first year's entitlement later),
-- and the extension and the return of a CLTN.

CREATE TABLE leave_collective_worked (
    id          @ID@,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    worked_on   TEXT NOT NULL,    -- a collective-leave day of the calendar
    year        INTEGER NOT NULL, -- of worked_on
    created_by  BIGINT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    UNIQUE (employee_id, worked_on)
);
CREATE INDEX leave_collective_worked_year ON leave_collective_worked(employee_id, year);

-- tahunan of a PPPK before 1 year of service (PP 49/2018, domain.md §5); NULL otherwise
ALTER TABLE leave_requests ADD COLUMN early_reason TEXT
    CHECK (early_reason IN ('keluarga_sakit_keras', 'keluarga_meninggal', 'perkawinan_pertama'));
-- cltn: the end before the one extension, and its reason
ALTER TABLE leave_requests ADD COLUMN cltn_extended_from TEXT;
ALTER TABLE leave_requests ADD COLUMN cltn_extension_reason TEXT;
-- cltn: the day the employee reported back, and whether that was after the month allowed
ALTER TABLE leave_requests ADD COLUMN cltn_returned_on TEXT;
ALTER TABLE leave_requests ADD COLUMN cltn_return_late INTEGER;
