-- Webhook triggers (POST /hooks/{id}): one row per hook of a saved workflow. The secret is kept protected (ASP.NET Core
-- Data Protection, key ring in the data directory): HMAC needs it back to verify a signature, so it cannot be a hash like
-- an API key's. A deleted hook keeps its row (deleted = 1) so its id is never reused. Deliveries already accepted are
-- remembered in idempotency_keys (key "hook:ID:SIGNATURE"), which is what refuses a replay.
-- (0015, not 0014: 0014 is taken by a change being made in parallel.)
CREATE TABLE webhooks (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    workflow_id   TEXT NOT NULL,
    secret        TEXT NOT NULL,          -- protected; never returned by the API after creation or rotation
    mapping       TEXT NOT NULL,          -- JSON object: input name -> JSON pointer into the delivery's body
    mode          TEXT NOT NULL,          -- sync | async
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    deleted       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_webhooks_workflow ON webhooks (tenant_id, workflow_id);
