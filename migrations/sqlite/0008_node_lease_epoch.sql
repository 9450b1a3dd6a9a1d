-- The fencing token of a node's lease: the number of the attempt that took the node (queued → running). Every write of a
-- running node (lease renewal, attempt rows, completion) is guarded on it, so a worker that lost the lease (its node was
-- re-queued and taken again) can change nothing; retries of the holder do not move it.
ALTER TABLE node_runs ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
