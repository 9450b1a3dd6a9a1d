-- Runs, node runs, attempts, events and blobs: the journal every run writes before it moves on.
-- Times are Unix epoch milliseconds (UTC). Mirrors migrations/sqlite/0001_runs.sql.
CREATE TABLE runs (
    id               TEXT PRIMARY KEY,
    workflow_id      TEXT NOT NULL,
    workflow_name    TEXT NOT NULL,
    definition       TEXT NOT NULL,
    inputs           TEXT NOT NULL,
    status           TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    output           TEXT,
    error            TEXT,
    summary          TEXT,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    revision         INTEGER NOT NULL DEFAULT 0,
    replan_node      TEXT
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
    queued_at           BIGINT,
    started_at          BIGINT,
    finished_at         BIGINT,
    args                TEXT,
    output              TEXT,
    error               TEXT,
    context_used        TEXT,
    recovery_attempted  BOOLEAN NOT NULL DEFAULT FALSE,
    fallback_used       BOOLEAN NOT NULL DEFAULT FALSE,
    fallback_result     TEXT,
    lease_owner         TEXT,
    lease_until         BIGINT,
    approved_by         TEXT,
    PRIMARY KEY (run_id, node_id)
);
CREATE INDEX ix_node_runs_status ON node_runs (status, queued_at);

CREATE TABLE node_attempts (
    run_id      TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    tool        TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    outcome     TEXT,
    error       TEXT,
    PRIMARY KEY (run_id, node_id, attempt),
    FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
);

CREATE TABLE run_events (
    seq     BIGSERIAL PRIMARY KEY,
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    at      BIGINT NOT NULL,
    kind    TEXT NOT NULL,
    node_id TEXT,
    data    TEXT NOT NULL,
    origin  TEXT NOT NULL
);
CREATE INDEX ix_run_events_run ON run_events (run_id, seq);

CREATE TABLE blobs (
    id          TEXT PRIMARY KEY,
    run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    content     TEXT NOT NULL,
    bytes       BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
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
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (run_id, revision)
);
