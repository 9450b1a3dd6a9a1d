-- Schedules (table from 0002): why the last firing could not start a run (the saved workflow is gone or no longer
-- valid), cleared by the next run that starts.
ALTER TABLE schedules ADD COLUMN last_error TEXT;
