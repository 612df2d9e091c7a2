-- 0024_education_siasn_codes: the tingkat pendidikan codes of siasn.md §3 that name a level
-- education_levels already has under its own code (education_levels keeps one siasn_id per
-- level): 17 and 18 (SLTA variants) are SLTA, 49 (spesialis) is SPESIALIS like 47. The SIASN
-- import reads a row's tingkat_pendidikan_id from both tables; exports keep the level's own
-- siasn_id.
CREATE TABLE education_level_siasn_codes (
    siasn_id   TEXT PRIMARY KEY,
    level_code TEXT NOT NULL REFERENCES education_levels(code)
);
INSERT INTO education_level_siasn_codes (siasn_id, level_code)
VALUES
    ('17', 'SLTA'),
    ('18', 'SLTA'),
    ('49', 'SPESIALIS');
