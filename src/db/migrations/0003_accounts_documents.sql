-- 0003_accounts_documents: an account may be the account of one employee record (self-service:
-- a pegawai reads only that record), and the documents table every module's uploads and
-- history rows (scanned decrees, diplomas, evidence, photos) point to. The file itself lives
-- outside the database and outside web reach; the row keeps what the content check found.

ALTER TABLE users ADD COLUMN employee_id BIGINT REFERENCES employees(id);
CREATE UNIQUE INDEX users_employee ON users(employee_id);

CREATE TABLE documents (
    id           @ID@,
    employee_id  BIGINT REFERENCES employees(id),
    kind         TEXT NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg',
                     'image/png')),
    size         BIGINT NOT NULL CHECK (size > 0),
    sha256       TEXT NOT NULL,
    uploaded_by  BIGINT REFERENCES users(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX documents_employee ON documents(employee_id, id);
