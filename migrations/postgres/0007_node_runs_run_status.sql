-- Every node completion counts its run's unfinished nodes (is this the run's last node?). Without this index the count
-- reads every node row of the run, so a run of N nodes costs O(N²) row reads (7.6 s of a 5,000-node run on SQLite);
-- with it the count reads only the unfinished entries of one run, from the index alone.
CREATE INDEX ix_node_runs_run_status ON node_runs (run_id, status);
