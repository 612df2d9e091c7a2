-- 0018_role_index: "who holds role R" (the BKPSDM officers a leave request notifies) reads
-- user_roles by role; its primary key (user_id, role) only serves "the roles of user U", so
-- without this index the lookup walked all 100,000 users inside every leave submission.
CREATE INDEX user_roles_role ON user_roles (role, user_id);
