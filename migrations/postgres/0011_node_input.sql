-- A server's request for input (MCP elicitation) is journaled on the node: input_request holds what it asked (message,
-- form schema, earlier rounds already answered), input_answer the person's answer (accept with content, decline, cancel).
-- Answering is a compare-and-set on input_answer IS NULL, so of two answers sent at once exactly one reaches the server.
ALTER TABLE node_runs ADD COLUMN input_request TEXT, ADD COLUMN input_answer TEXT;
