-- 0023_siasn_eselon: the eselon code of the two highest position kinds as the eselon list of
-- 0016 names them (10 JPT Utama, 11 JPT Madya I.a), so a position the SIASN import created
-- from an eselon (siasn_position_kind: 10 -> jpt_utama, 11/12 -> jpt_madya) is exported with
-- that code again. 0016 had jpt_utama 11 (a JPT Madya code) and jpt_madya 12.
UPDATE ref_map SET code = '10' WHERE list = 'eselon' AND abdi = 'jpt_utama';
UPDATE ref_map SET code = '11' WHERE list = 'eselon' AND abdi = 'jpt_madya';
