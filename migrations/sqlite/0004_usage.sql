-- Token usage of every chat call (planning, repair, re-planning, synthesis, model nodes), priced when recorded.
-- A plan's usage is recorded before its run exists (plan_id) and attached to the run (run_id) when it starts.
-- Costs are integer micro-USD so sums are exact. Times are Unix epoch milliseconds (UTC).
CREATE TABLE usage_records (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              INTEGER NOT NULL,
    tenant_id       TEXT,
    run_id          TEXT,
    plan_id         TEXT,
    node_id         TEXT,
    purpose         TEXT NOT NULL,
    model           TEXT,
    input_tokens    INTEGER NOT NULL,
    output_tokens   INTEGER NOT NULL,
    cost_micro_usd  INTEGER NOT NULL
);
CREATE INDEX ix_usage_records_run ON usage_records (run_id);
CREATE INDEX ix_usage_records_plan ON usage_records (plan_id);
CREATE INDEX ix_usage_records_tenant_at ON usage_records (tenant_id, at);
