-- How a run was started (manual, scheduled, followup, api, mcp, cli) and the actor that asked, as the audit log names it.
-- Runs from before this column were started by hand or by a caller nobody recorded: they read as 'manual'.
ALTER TABLE runs ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE runs ADD COLUMN started_by TEXT;
