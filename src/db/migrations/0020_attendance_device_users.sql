-- 0020_attendance_device_users: the device-user mapping (a fingerprint/face device's user
-- number → employee) gets an id, so that a unit admin can list, add and delete mappings
-- (GET/POST /attendance/device-users, DELETE /attendance/device-users/{id}), and remembers
-- who added it and when. (device, code) stays unique: one number of one device is one
-- employee. The rows of 0014's table are kept.
CREATE TABLE attendance_device_map (
    id          @ID@,
    device      TEXT NOT NULL,
    code        TEXT NOT NULL,
    employee_id BIGINT NOT NULL REFERENCES employees(id),
    created_by  BIGINT REFERENCES users(id),
    created_at  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO attendance_device_map (device, code, employee_id)
    SELECT device, code, employee_id FROM attendance_device_users ORDER BY device, code;
DROP TABLE attendance_device_users;
ALTER TABLE attendance_device_map RENAME TO attendance_device_users;
CREATE UNIQUE INDEX attendance_device_users_code ON attendance_device_users(device, code);
CREATE INDEX attendance_device_users_employee ON attendance_device_users(employee_id);
