-- Tenants, API keys (only a SHA-256 hash of each key is stored), browser users, the audit log, idempotency keys
-- and billing records (per tool call and per workflow run, priced by the tenant's tier when recorded).
-- Runs and saved workflows belong to a tenant; existing rows to 'default'. Times are Unix epoch ms (UTC);
-- money is integer micro-USD so sums are exact.
CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    tier        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
INSERT INTO tenants (id, name, tier, created_at) VALUES ('default', 'Default tenant', 'orchestrated_workflows', 0);

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    name          TEXT NOT NULL,
    prefix        TEXT NOT NULL,          -- the first characters of the key, to recognise it in lists
    hash          TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the whole key
    role          TEXT NOT NULL,          -- admin | editor | viewer
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id, created_at);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    user_name      TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,        -- ASP.NET Core PasswordHasher (PBKDF2)
    role           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_login_at  INTEGER
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    tenant_id  TEXT NOT NULL,
    actor      TEXT NOT NULL,            -- key:ID, user:NAME or cli:NAME
    action     TEXT NOT NULL,            -- e.g. workflow.create, run.start, node.approve, apikey.revoke
    target     TEXT,
    detail     TEXT
);
CREATE INDEX ix_audit_log_tenant_at ON audit_log (tenant_id, at DESC);

CREATE TABLE idempotency_keys (
    tenant_id     TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    run_id        TEXT,                  -- null while the first request is still starting its run
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, key)
);

CREATE TABLE billing_records (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              INTEGER NOT NULL,
    tenant_id       TEXT NOT NULL,
    run_id          TEXT NOT NULL,
    workflow_id     TEXT NOT NULL,
    node_id         TEXT NOT NULL,       -- '' for the run's own record
    kind            TEXT NOT NULL,       -- tool_call | workflow_run
    tool            TEXT,
    tier            TEXT NOT NULL,
    cost_micro_usd  INTEGER NOT NULL,
    UNIQUE (run_id, node_id, kind)
);
CREATE INDEX ix_billing_records_tenant_at ON billing_records (tenant_id, at);

ALTER TABLE runs ADD COLUMN tenant_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE workflows ADD COLUMN tenant_id TEXT NOT NULL DEFAULT 'default';
CREATE INDEX ix_runs_tenant_created_id ON runs (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_workflows_tenant ON workflows (tenant_id, created_at DESC);
