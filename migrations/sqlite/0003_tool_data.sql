-- Data of the built-in tools: memory, vector collections, scheduled follow-ups, imported OpenAPI documents.
-- Every row carries a tenant (default 'default') so per-tenant data is ready for API keys and tenants.
-- Times are Unix epoch milliseconds (UTC).
CREATE TABLE tool_memory (
    tenant      TEXT NOT NULL DEFAULT 'default',
    namespace   TEXT NOT NULL DEFAULT 'default',
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,       -- JSON
    text        TEXT NOT NULL,       -- searchable text of the value
    tags        TEXT NOT NULL DEFAULT '[]',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    PRIMARY KEY (tenant, namespace, key)
);
CREATE INDEX ix_tool_memory_updated ON tool_memory (tenant, namespace, updated_at DESC);

CREATE TABLE tool_vectors (
    tenant      TEXT NOT NULL DEFAULT 'default',
    collection  TEXT NOT NULL,
    id          TEXT NOT NULL,
    text        TEXT NOT NULL,
    metadata    TEXT NOT NULL DEFAULT '{}',   -- JSON
    embedding   BLOB NOT NULL,                -- float32 little-endian
    dimensions  INTEGER NOT NULL,
    model       TEXT NOT NULL,                -- 'lexical-hash-v1' or the generator's model id
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant, collection, id)
);

CREATE TABLE tool_followups (
    id           TEXT PRIMARY KEY,
    tenant       TEXT NOT NULL DEFAULT 'default',
    message      TEXT NOT NULL,
    template_id  TEXT,
    inputs       TEXT,              -- JSON object for the template's inputs
    due_at       INTEGER NOT NULL,
    job_id       TEXT,
    status       TEXT NOT NULL,     -- scheduled | sent | failed
    created_at   INTEGER NOT NULL,
    done_at      INTEGER,
    run_id       TEXT,
    error        TEXT,
    source_key   TEXT UNIQUE        -- the scheduling node's idempotency key
);
CREATE INDEX ix_tool_followups_due ON tool_followups (tenant, status, due_at);

CREATE TABLE tool_openapi_apis (
    tenant       TEXT NOT NULL DEFAULT 'default',
    name         TEXT NOT NULL,
    source       TEXT NOT NULL,
    base_url     TEXT NOT NULL,
    document     TEXT NOT NULL,
    imported_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant, name)
);
