-- Runs, node runs, attempts and events: the journal every run writes before it moves on.
-- Times are Unix epoch milliseconds (UTC).
CREATE TABLE runs (
    id              TEXT PRIMARY KEY,
    workflow_id     TEXT NOT NULL,
    workflow_name   TEXT NOT NULL,
    definition      TEXT NOT NULL,
    inputs          TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER,
    output          TEXT,
    error           TEXT,
    summary         TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    revision        INTEGER NOT NULL DEFAULT 0,
    replan_node     TEXT
);
CREATE INDEX ix_runs_created_at ON runs (created_at DESC);
CREATE INDEX ix_runs_status ON runs (status, created_at DESC);

CREATE TABLE node_runs (
    run_id              TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node_id             TEXT NOT NULL,
    ordinal             INTEGER NOT NULL,
    tool                TEXT NOT NULL,
    status              TEXT NOT NULL,
    remaining_deps      INTEGER NOT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0,
    queued_at           INTEGER,
    started_at          INTEGER,
    finished_at         INTEGER,
    args                TEXT,
    output              TEXT,
    error               TEXT,
    context_used        TEXT,
    recovery_attempted  INTEGER NOT NULL DEFAULT 0,
    fallback_used       INTEGER NOT NULL DEFAULT 0,
    fallback_result     TEXT,
    lease_owner         TEXT,
    lease_until         INTEGER,
    approved_by         TEXT,
    PRIMARY KEY (run_id, node_id)
);
CREATE INDEX ix_node_runs_status ON node_runs (status, queued_at);

CREATE TABLE node_attempts (
    run_id      TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    tool        TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    outcome     TEXT,
    error       TEXT,
    PRIMARY KEY (run_id, node_id, attempt),
    FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
);

CREATE TABLE run_events (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    node_id TEXT,
    data    TEXT NOT NULL,
    origin  TEXT NOT NULL
);
CREATE INDEX ix_run_events_run ON run_events (run_id, seq);

-- Node outputs larger than the inline limit, stored once; node_runs.output then holds a small reference.
CREATE TABLE blobs (
    id          TEXT PRIMARY KEY,
    run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    content     TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Re-planning: each revision of a run's graph, with the diff against the one before it.
CREATE TABLE run_revisions (
    run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL,
    failed_node  TEXT NOT NULL,
    error        TEXT NOT NULL,
    planner      TEXT NOT NULL,
    explanation  TEXT,
    diff         TEXT NOT NULL,
    definition   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (run_id, revision)
);
