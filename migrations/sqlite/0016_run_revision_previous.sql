-- Each re-plan keeps the graph it replaced, so the studio can draw a run's plan before and after it side by side
-- (revision 1 replaced the graph the run started with, which runs.definition no longer holds after it).
ALTER TABLE run_revisions ADD COLUMN previous_definition TEXT;
