-- An approver may edit a waiting node's arguments and approve them: the edited arguments (JSON) are kept with the decision,
-- and the node's tool is called with them instead of binding its args again, also when another process runs it later.
ALTER TABLE node_runs ADD COLUMN approved_args TEXT;
