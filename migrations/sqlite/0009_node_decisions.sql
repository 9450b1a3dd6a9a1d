-- An approval gate's answer is recorded on the node, so that of two decisions sent at once the loser can be told who won,
-- what they decided and when (approve and reject are compare-and-set from awaiting_approval).
ALTER TABLE node_runs ADD COLUMN decision TEXT;
ALTER TABLE node_runs ADD COLUMN decided_by TEXT;
ALTER TABLE node_runs ADD COLUMN decided_at INTEGER;
