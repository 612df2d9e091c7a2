-- 0002_employees: reference golongan with SIASN codes, the position catalogue per unit, the
-- employee record and its rank and position histories (never overwritten; the newest row by
-- TMT is the current value). Portable SQL; dates are TEXT 'YYYY-MM-DD'. NIK is plain text
-- until per-field encryption lands (security.md); it must never be logged or audited whole.

-- domain.md §2 (pangkat), siasn.md §3 (golongan codes). PPPK golongan I..XVII carry no
-- pangkat and no SIASN code we know of yet.
CREATE TABLE golongan (
    code       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('pns', 'pppk')),
    rank_order INTEGER NOT NULL UNIQUE,
    pangkat    TEXT,
    siasn_id   TEXT
);
INSERT INTO golongan (code, kind, rank_order, pangkat, siasn_id) VALUES
    ('I/a', 'pns', 1, 'Juru Muda', '11'),
    ('I/b', 'pns', 2, 'Juru Muda Tingkat I', '12'),
    ('I/c', 'pns', 3, 'Juru', '13'),
    ('I/d', 'pns', 4, 'Juru Tingkat I', '14'),
    ('II/a', 'pns', 5, 'Pengatur Muda', '21'),
    ('II/b', 'pns', 6, 'Pengatur Muda Tingkat I', '22'),
    ('II/c', 'pns', 7, 'Pengatur', '23'),
    ('II/d', 'pns', 8, 'Pengatur Tingkat I', '24'),
    ('III/a', 'pns', 9, 'Penata Muda', '31'),
    ('III/b', 'pns', 10, 'Penata Muda Tingkat I', '32'),
    ('III/c', 'pns', 11, 'Penata', '33'),
    ('III/d', 'pns', 12, 'Penata Tingkat I', '34'),
    ('IV/a', 'pns', 13, 'Pembina', '41'),
    ('IV/b', 'pns', 14, 'Pembina Tingkat I', '42'),
    ('IV/c', 'pns', 15, 'Pembina Utama Muda', '43'),
    ('IV/d', 'pns', 16, 'Pembina Utama Madya', '44'),
    ('IV/e', 'pns', 17, 'Pembina Utama', '45'),
    ('I', 'pppk', 101, NULL, NULL),
    ('II', 'pppk', 102, NULL, NULL),
    ('III', 'pppk', 103, NULL, NULL),
    ('IV', 'pppk', 104, NULL, NULL),
    ('V', 'pppk', 105, NULL, NULL),
    ('VI', 'pppk', 106, NULL, NULL),
    ('VII', 'pppk', 107, NULL, NULL),
    ('VIII', 'pppk', 108, NULL, NULL),
    ('IX', 'pppk', 109, NULL, NULL),
    ('X', 'pppk', 110, NULL, NULL),
    ('XI', 'pppk', 111, NULL, NULL),
    ('XII', 'pppk', 112, NULL, NULL),
    ('XIII', 'pppk', 113, NULL, NULL),
    ('XIV', 'pppk', 114, NULL, NULL),
    ('XV', 'pppk', 115, NULL, NULL),
    ('XVI', 'pppk', 116, NULL, NULL),
    ('XVII', 'pppk', 117, NULL, NULL);

-- domain.md §3 kinds; bup_age is the retirement age of the post (§9, with the art. 240
-- override stored per position).
CREATE TABLE positions (
    id               @ID@,
    unit_id          BIGINT NOT NULL REFERENCES units(id),
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('jpt_utama', 'jpt_madya', 'jpt_pratama',
                         'administrator', 'pengawas', 'pelaksana', 'ahli_pertama', 'ahli_muda',
                         'ahli_madya', 'ahli_utama', 'pemula', 'terampil', 'mahir', 'penyelia')),
    kelas_jabatan    INTEGER NOT NULL CHECK (kelas_jabatan BETWEEN 1 AND 17),
    needed           INTEGER NOT NULL DEFAULT 0 CHECK (needed >= 0),
    bup_age          INTEGER NOT NULL CHECK (bup_age BETWEEN 40 AND 70),
    siasn_jabatan_id TEXT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX positions_unit ON positions(unit_id, name);

-- unit_id and position_id repeat the newest position history row (written in the same
-- transaction) so that scope checks and unit searches need no subquery.
CREATE TABLE employees (
    id             @ID@,
    nip            TEXT NOT NULL UNIQUE,
    nik            TEXT NOT NULL,
    name           TEXT NOT NULL,
    gelar_depan    TEXT,
    gelar_belakang TEXT,
    birth_place    TEXT NOT NULL,
    birth_date     TEXT NOT NULL,
    gender         TEXT NOT NULL CHECK (gender IN ('L', 'P')),
    status         TEXT NOT NULL CHECK (status IN ('CPNS', 'PNS', 'PPPK')),
    state          TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cltn', 'seconded',
                       'retired', 'dismissed', 'deceased')),
    appointed_on   TEXT NOT NULL,
    unit_id        BIGINT NOT NULL REFERENCES units(id),
    position_id    BIGINT REFERENCES positions(id),
    pns_id         TEXT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX employees_unit ON employees(unit_id, name);
CREATE INDEX employees_name ON employees(name);
CREATE INDEX employees_position ON employees(position_id);

CREATE TABLE employee_rank_history (
    id          @ID@,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    golongan    TEXT NOT NULL REFERENCES golongan(code),
    tmt         TEXT NOT NULL,
    sk_number   TEXT,
    sk_date     TEXT,
    siasn_id    TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX employee_rank_history_emp ON employee_rank_history(employee_id, tmt);

CREATE TABLE employee_position_history (
    id          @ID@,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    position_id BIGINT REFERENCES positions(id),
    tmt         TEXT NOT NULL,
    sk_number   TEXT,
    sk_date     TEXT,
    siasn_id    TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX employee_position_history_emp ON employee_position_history(employee_id, tmt);
