-- Saved workflows (every save is a new version, never an update) and cron schedules that start them.
-- Also indexes for keyset paging of runs on (created_at, id). Times are Unix epoch milliseconds (UTC).
CREATE TABLE workflows (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    note        TEXT,
    PRIMARY KEY (id, version)
);
CREATE INDEX ix_workflows_created_at ON workflows (created_at DESC);

CREATE TABLE schedules (
    id           TEXT PRIMARY KEY,
    workflow_id  TEXT NOT NULL,
    cron         TEXT NOT NULL,
    time_zone    TEXT NOT NULL,
    inputs       TEXT NOT NULL,
    paused       INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    last_run_id  TEXT,
    last_run_at  INTEGER
);

CREATE INDEX ix_runs_created_id ON runs (created_at DESC, id DESC);
CREATE INDEX ix_runs_status_created_id ON runs (status, created_at DESC, id DESC);
CREATE INDEX ix_runs_workflow_created_id ON runs (workflow_id, created_at DESC, id DESC);
