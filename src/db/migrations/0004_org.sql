-- 0004_org: the organisation module's second slice. A closed unit keeps its row (closed_on
-- already exists) and now also the reason it was closed; a position names the post of its
-- direct supervisor (atasan langsung), in the same unit or an ancestor unit, without cycles
-- (checked by the org module, not by the database). The leave module's approval chain walks
-- these links: the supervisor of an employee is the holder of the parent post.

ALTER TABLE units ADD COLUMN closed_reason TEXT;

ALTER TABLE positions ADD COLUMN parent_position_id BIGINT REFERENCES positions(id);
CREATE INDEX positions_parent ON positions(parent_position_id);
