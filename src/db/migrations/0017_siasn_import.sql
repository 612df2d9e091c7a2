-- 0017_siasn_import: imports of BKN's "Export Data ASN" file (issue 7, modules/siasn). One row
-- per real import with its counts; the differences between Abdi and SIASN that wait for an
-- admin's choice (never overwritten silently: siasn.md §1), each decided once with who, when
-- and which side; units an import created under the government's root for an admin to place.
CREATE TABLE siasn_imports (
    id            @ID@,
    created_by    BIGINT REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    dry_run       INTEGER NOT NULL DEFAULT 0,
    prefer_siasn  INTEGER NOT NULL DEFAULT 0,
    rows_total    BIGINT NOT NULL,
    created       BIGINT NOT NULL,
    updated       BIGINT NOT NULL,
    unchanged     BIGINT NOT NULL,
    differing     BIGINT NOT NULL,
    differences   BIGINT NOT NULL,
    units_created BIGINT NOT NULL,
    warnings      BIGINT NOT NULL
);

-- field: the SIASN column (nama, tanggal_lahir, ..., tmt_golongan, jabatan); apply: what taking
-- SIASN's value writes when that is more than the one column (JSON: a rank row superseding
-- another, a position row). At most one open (decided_at NULL) row per employee and field.
CREATE TABLE siasn_differences (
    id          @ID@,
    import_id   BIGINT NOT NULL REFERENCES siasn_imports(id),
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    field       TEXT NOT NULL,
    abdi_value  TEXT,
    siasn_value TEXT,
    apply       TEXT,
    created_at  BIGINT NOT NULL,
    choice      TEXT CHECK (choice IS NULL OR choice IN ('siasn', 'abdi')),
    decided_by  BIGINT REFERENCES users(id),
    decided_at  BIGINT
);
CREATE INDEX siasn_differences_employee ON siasn_differences(employee_id, field, decided_at);
CREATE INDEX siasn_differences_open ON siasn_differences(decided_at, id);

CREATE TABLE siasn_unplaced_units (
    unit_id    BIGINT PRIMARY KEY REFERENCES units(id),
    import_id  BIGINT REFERENCES siasn_imports(id),
    created_at BIGINT NOT NULL
);

-- Matching by SIASN's ids without a scan.
CREATE INDEX employees_pns_id ON employees(pns_id);
CREATE INDEX units_siasn_unor ON units(siasn_unor_id);
CREATE INDEX positions_siasn ON positions(unit_id, siasn_jabatan_id);
