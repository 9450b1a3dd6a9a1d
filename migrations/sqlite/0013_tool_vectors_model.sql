-- The vector tools ask on every use whether a collection holds vectors of another model than the current one (to
-- re-embed them from their text). This index answers that, and the collection's size, without reading the vectors.
-- (0013, not 0012: 0012 is taken by a change being made in parallel.)
CREATE INDEX ix_tool_vectors_model ON tool_vectors (tenant, collection, model);
