-- 0025_history_sum_indexes: every GET /employees/{id} sums the year's training hours and counts
-- the family members who count for the allowance (store.c SQL_RECORD). Indexes that hold the
-- summed and tested columns answer both without reading the history rows themselves
-- (callgrind, 500 requests of the bench's record: about 17,000 instructions fewer each).
CREATE INDEX employee_training_emp_hours ON employee_training(employee_id, start_date, hours);
CREATE INDEX employee_family_emp_allowance
    ON employee_family(employee_id, allowance, life_state);
DROP INDEX employee_training_emp;
