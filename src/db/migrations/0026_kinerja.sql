-- 0026_kinerja: the yearly performance appraisal result (SKP, PP 30/2019 and PermenPAN-RB
-- 6/2022: predikat of the year, SIASN list kinerja_predikat 1 Sangat Baik .. 5 Sangat Kurang;
-- the two ratings of hasil kerja and perilaku, list kinerja_rating) as one more employee
-- history kind (docs/api-histories.md). The periodic salary step (KGB) reads the predikat of
-- the year before it is due (domain.md §2, setting employee.kgb_min_predikat). One row per
-- year that no other row corrects (checked on insert: 409 duplicate_year); rows are never
-- updated nor deleted.
CREATE TABLE employee_kinerja (
    id                 @ID@,
    employee_id        BIGINT NOT NULL REFERENCES employees(id),
    year               INTEGER NOT NULL,
    predikat           TEXT NOT NULL,
    hasil_kerja_rating TEXT,
    perilaku_rating    TEXT,
    sk_number          TEXT,
    sk_date            TEXT,
    signed_by          TEXT,
    document_id        BIGINT REFERENCES documents(id),
    siasn_id           TEXT,
    supersedes         BIGINT REFERENCES employee_kinerja(id),
    created_at         BIGINT NOT NULL,
    created_by         BIGINT REFERENCES users(id)
);
-- GET /employees/{id} reads the predikat of five years (store.c SQL_RECORD) from the index.
CREATE INDEX employee_kinerja_emp ON employee_kinerja(employee_id, year, predikat);
CREATE UNIQUE INDEX employee_kinerja_sup ON employee_kinerja(supersedes);
