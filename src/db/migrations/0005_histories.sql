-- 0005_histories: the education level reference, the employee histories beyond rank and
-- position (education, family, training, awards, discipline), the common decree columns on
-- the rank and position histories, and the columns and indexes the employee search filters on.
-- History rows are never updated nor deleted: a correction is a new row whose `supersedes`
-- names the row it replaces (at most one correction per row: unique index). Derived values
-- (highest education, training hours, family allowance) ignore superseded rows.

-- domain.md §2 (entry rank by education, highest rank a diploma allows), siasn.md §3
-- (tingkat pendidikan codes). PROFESI and SPESIALIS are not in domain.md's entry list: they
-- enter like S-2 (III/b); their cap is the "dokter/apoteker" one (IV/a).
CREATE TABLE education_levels (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    rank_order     INTEGER NOT NULL UNIQUE,
    siasn_id       TEXT,
    entry_golongan TEXT NOT NULL REFERENCES golongan(code),
    max_golongan   TEXT NOT NULL REFERENCES golongan(code)
);
INSERT INTO education_levels (code, name, rank_order, siasn_id, entry_golongan, max_golongan)
VALUES
    ('SD', 'Sekolah Dasar', 1, '05', 'I/a', 'II/a'),
    ('SLTP', 'SLTP', 2, '10', 'I/c', 'II/c'),
    ('SLTP_KEJURUAN', 'SLTP Kejuruan', 3, '12', 'I/c', 'II/d'),
    ('SLTA', 'SLTA', 4, '15', 'II/a', 'III/b'),
    ('D1', 'Diploma I', 5, '20', 'II/a', 'III/b'),
    ('D2', 'Diploma II', 6, '25', 'II/b', 'III/b'),
    ('D3', 'Diploma III', 7, '30', 'II/c', 'III/c'),
    ('D4', 'Diploma IV', 8, '35', 'III/a', 'III/d'),
    ('S1', 'Sarjana (S-1)', 9, '40', 'III/a', 'III/d'),
    ('PROFESI', 'Profesi (dokter, apoteker)', 10, '42', 'III/b', 'IV/a'),
    ('S2', 'Magister (S-2)', 11, '45', 'III/b', 'IV/a'),
    ('SPESIALIS', 'Spesialis', 12, '47', 'III/b', 'IV/a'),
    ('S3', 'Doktor (S-3)', 13, '50', 'III/c', 'IV/b');

-- The record caches its highest education level (updated in the transaction that adds an
-- education row), as it caches unit_id and position_id, so the search needs no subquery.
ALTER TABLE employees ADD COLUMN education_level TEXT REFERENCES education_levels(code);
CREATE INDEX employees_education ON employees(education_level);
CREATE INDEX employees_status ON employees(status, state);
CREATE INDEX employees_birth ON employees(birth_date);
CREATE INDEX positions_kind ON positions(kind);

-- The decree columns every history row carries (design.md §5) on the two older histories.
ALTER TABLE employee_rank_history ADD COLUMN signed_by TEXT;
ALTER TABLE employee_rank_history ADD COLUMN document_id BIGINT REFERENCES documents(id);
ALTER TABLE employee_rank_history ADD COLUMN supersedes BIGINT REFERENCES employee_rank_history(id);
ALTER TABLE employee_rank_history ADD COLUMN created_by BIGINT REFERENCES users(id);
CREATE UNIQUE INDEX employee_rank_history_sup ON employee_rank_history(supersedes);
ALTER TABLE employee_position_history ADD COLUMN signed_by TEXT;
ALTER TABLE employee_position_history ADD COLUMN document_id BIGINT REFERENCES documents(id);
ALTER TABLE employee_position_history ADD COLUMN supersedes BIGINT
    REFERENCES employee_position_history(id);
ALTER TABLE employee_position_history ADD COLUMN created_by BIGINT REFERENCES users(id);
CREATE UNIQUE INDEX employee_position_history_sup ON employee_position_history(supersedes);

CREATE TABLE employee_education (
    id             @ID@,
    employee_id    BIGINT NOT NULL REFERENCES employees(id),
    level_code     TEXT NOT NULL REFERENCES education_levels(code),
    institution    TEXT NOT NULL,
    major          TEXT,
    graduated_on   TEXT NOT NULL,
    diploma_number TEXT,
    sk_number      TEXT,
    sk_date        TEXT,
    signed_by      TEXT,
    document_id    BIGINT REFERENCES documents(id),
    siasn_id       TEXT,
    supersedes     BIGINT REFERENCES employee_education(id),
    created_at     BIGINT NOT NULL,
    created_by     BIGINT REFERENCES users(id)
);
CREATE INDEX employee_education_emp ON employee_education(employee_id, graduated_on);
CREATE UNIQUE INDEX employee_education_sup ON employee_education(supersedes);

-- relation suami/istri/anak; child_kind only for children, marriage_date only for spouses;
-- life_state hidup/meninggal/cerai (cerai only for spouses); allowance 1 = counts for the
-- family allowance. The NIK is never logged whole.
CREATE TABLE employee_family (
    id            @ID@,
    employee_id   BIGINT NOT NULL REFERENCES employees(id),
    relation      TEXT NOT NULL CHECK (relation IN ('suami', 'istri', 'anak')),
    name          TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    gender        TEXT NOT NULL CHECK (gender IN ('L', 'P')),
    nik           TEXT,
    marriage_date TEXT,
    child_kind    TEXT CHECK (child_kind IN ('kandung', 'tiri', 'angkat')),
    allowance     INTEGER NOT NULL DEFAULT 0 CHECK (allowance IN (0, 1)),
    life_state    TEXT NOT NULL DEFAULT 'hidup' CHECK (life_state IN ('hidup', 'meninggal',
                      'cerai')),
    sk_number     TEXT,
    sk_date       TEXT,
    signed_by     TEXT,
    document_id   BIGINT REFERENCES documents(id),
    siasn_id      TEXT,
    supersedes    BIGINT REFERENCES employee_family(id),
    created_at    BIGINT NOT NULL,
    created_by    BIGINT REFERENCES users(id)
);
CREATE INDEX employee_family_emp ON employee_family(employee_id, birth_date);
CREATE UNIQUE INDEX employee_family_sup ON employee_family(supersedes);

-- kind: SIASN jenis diklat by name (siasn.md §3: 1 struktural ... 12 penataran).
CREATE TABLE employee_training (
    id                 @ID@,
    employee_id        BIGINT NOT NULL REFERENCES employees(id),
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    organizer          TEXT NOT NULL,
    start_date         TEXT NOT NULL,
    end_date           TEXT NOT NULL,
    hours              INTEGER NOT NULL CHECK (hours > 0),
    certificate_number TEXT,
    sk_number          TEXT,
    sk_date            TEXT,
    signed_by          TEXT,
    document_id        BIGINT REFERENCES documents(id),
    siasn_id           TEXT,
    supersedes         BIGINT REFERENCES employee_training(id),
    created_at         BIGINT NOT NULL,
    created_by         BIGINT REFERENCES users(id)
);
CREATE INDEX employee_training_emp ON employee_training(employee_id, start_date);
CREATE UNIQUE INDEX employee_training_sup ON employee_training(supersedes);

CREATE TABLE employee_awards (
    id          @ID@,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    awarded_on  TEXT,
    giver       TEXT NOT NULL,
    sk_number   TEXT,
    sk_date     TEXT,
    signed_by   TEXT,
    document_id BIGINT REFERENCES documents(id),
    siasn_id    TEXT,
    supersedes  BIGINT REFERENCES employee_awards(id),
    created_at  BIGINT NOT NULL,
    created_by  BIGINT REFERENCES users(id)
);
CREATE INDEX employee_awards_emp ON employee_awards(employee_id, year);
CREATE UNIQUE INDEX employee_awards_sup ON employee_awards(supersedes);

-- PP 94/2021 art. 8: the level and the sanction of that level.
CREATE TABLE employee_discipline (
    id          @ID@,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    level       TEXT NOT NULL CHECK (level IN ('ringan', 'sedang', 'berat')),
    sanction    TEXT NOT NULL,
    tmt         TEXT NOT NULL,
    end_date    TEXT,
    reason      TEXT NOT NULL,
    sk_number   TEXT,
    sk_date     TEXT,
    signed_by   TEXT,
    document_id BIGINT REFERENCES documents(id),
    siasn_id    TEXT,
    supersedes  BIGINT REFERENCES employee_discipline(id),
    created_at  BIGINT NOT NULL,
    created_by  BIGINT REFERENCES users(id)
);
CREATE INDEX employee_discipline_emp ON employee_discipline(employee_id, tmt);
CREATE UNIQUE INDEX employee_discipline_sup ON employee_discipline(supersedes);
