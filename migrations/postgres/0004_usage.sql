-- Token usage of every chat call, priced when recorded (mirrors migrations/sqlite/0004_usage.sql).
CREATE TABLE usage_records (
    id              BIGSERIAL PRIMARY KEY,
    at              BIGINT NOT NULL,
    tenant_id       TEXT,
    run_id          TEXT,
    plan_id         TEXT,
    node_id         TEXT,
    purpose         TEXT NOT NULL,
    model           TEXT,
    input_tokens    BIGINT NOT NULL,
    output_tokens   BIGINT NOT NULL,
    cost_micro_usd  BIGINT NOT NULL
);
CREATE INDEX ix_usage_records_run ON usage_records (run_id);
CREATE INDEX ix_usage_records_plan ON usage_records (plan_id);
CREATE INDEX ix_usage_records_tenant_at ON usage_records (tenant_id, at);
