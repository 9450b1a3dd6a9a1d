-- Result cache: a node with "cache" stores its tool's successful output here, per tenant, and a later run of the node
-- with the same key completes with it instead of calling the tool while expires_at is ahead (times in Unix ms).
CREATE TABLE tool_cache (
    tenant_id   TEXT NOT NULL,
    cache_key   TEXT NOT NULL,
    tool        TEXT NOT NULL,
    output      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, cache_key)
);
CREATE INDEX ix_tool_cache_expires_at ON tool_cache (expires_at);

-- A node completed from the cache (no tool call) says so in the journal.
ALTER TABLE node_runs ADD COLUMN cache_hit BOOLEAN NOT NULL DEFAULT FALSE;
