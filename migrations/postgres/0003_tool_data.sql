-- Data of the built-in tools (mirrors migrations/sqlite/0003_tool_data.sql): memory, vector collections,
-- scheduled follow-ups, imported OpenAPI documents. Every row carries a tenant. Times are Unix epoch milliseconds.
CREATE TABLE tool_memory (
    tenant      TEXT NOT NULL DEFAULT 'default',
    namespace   TEXT NOT NULL DEFAULT 'default',
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    text        TEXT NOT NULL,
    tags        TEXT NOT NULL DEFAULT '[]',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    expires_at  BIGINT,
    PRIMARY KEY (tenant, namespace, key)
);
CREATE INDEX ix_tool_memory_updated ON tool_memory (tenant, namespace, updated_at DESC);

CREATE TABLE tool_vectors (
    tenant      TEXT NOT NULL DEFAULT 'default',
    collection  TEXT NOT NULL,
    id          TEXT NOT NULL,
    text        TEXT NOT NULL,
    metadata    TEXT NOT NULL DEFAULT '{}',
    embedding   BYTEA NOT NULL,
    dimensions  INTEGER NOT NULL,
    model       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant, collection, id)
);

CREATE TABLE tool_followups (
    id           TEXT PRIMARY KEY,
    tenant       TEXT NOT NULL DEFAULT 'default',
    message      TEXT NOT NULL,
    template_id  TEXT,
    inputs       TEXT,
    due_at       BIGINT NOT NULL,
    job_id       TEXT,
    status       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    done_at      BIGINT,
    run_id       TEXT,
    error        TEXT,
    source_key   TEXT UNIQUE
);
CREATE INDEX ix_tool_followups_due ON tool_followups (tenant, status, due_at);

CREATE TABLE tool_openapi_apis (
    tenant       TEXT NOT NULL DEFAULT 'default',
    name         TEXT NOT NULL,
    source       TEXT NOT NULL,
    base_url     TEXT NOT NULL,
    document     TEXT NOT NULL,
    imported_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant, name)
);
