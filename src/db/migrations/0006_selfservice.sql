-- 0006_selfservice: the record's contact and personal fields (edited by admins, or by the
-- employee through a proposal), and the proposals themselves: self-service changes that wait
-- for a verifier (design.md §5: nothing in the record changes before approval). A proposal's
-- payload is the JSON object of the change; evidence is a JSON array of document ids of the
-- same employee.

ALTER TABLE employees ADD COLUMN religion TEXT CHECK (religion IN ('Islam', 'Kristen',
    'Katolik', 'Hindu', 'Buddha', 'Konghucu', 'kepercayaan'));
ALTER TABLE employees ADD COLUMN marital_status TEXT CHECK (marital_status IN ('belum_kawin',
    'kawin', 'cerai_hidup', 'cerai_mati'));
ALTER TABLE employees ADD COLUMN phone TEXT;
ALTER TABLE employees ADD COLUMN email TEXT;
ALTER TABLE employees ADD COLUMN address TEXT;
ALTER TABLE employees ADD COLUMN photo_document_id BIGINT REFERENCES documents(id);

CREATE TABLE employee_proposals (
    id          @ID@,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    kind        TEXT NOT NULL CHECK (kind IN ('record', 'family', 'education')),
    payload     TEXT NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved',
                    'rejected', 'cancelled')),
    reason      TEXT,
    proposed_by BIGINT NOT NULL REFERENCES users(id),
    decided_by  BIGINT REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    decided_at  BIGINT
);
CREATE INDEX employee_proposals_status ON employee_proposals(status, id);
CREATE INDEX employee_proposals_employee ON employee_proposals(employee_id, id);
