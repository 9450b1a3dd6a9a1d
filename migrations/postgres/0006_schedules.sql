-- Schedules (table from 0002): why the last firing could not start a run. Mirrors migrations/sqlite/0006_schedules.sql.
ALTER TABLE schedules ADD COLUMN last_error TEXT;
