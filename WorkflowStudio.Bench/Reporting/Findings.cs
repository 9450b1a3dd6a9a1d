namespace WorkflowStudio.Bench.Reporting;

/// <summary>The profiling behind the misses: what the time is spent on, measured while building the bench (dotnet-trace, stopwatches).</summary>
internal static class Findings
{
    public static BenchReport.Section Create() => new(
        "7. Where the time goes (profiling notes)",
        "Measured while building this bench (stopwatch instrumentation of `SqliteDatabase.WriteAsync` per call site, dotnet-trace thread " +
        "time, EXPLAIN QUERY PLAN); they explain the figures above and the targets that are missed.")
    {
        Notes =
        {
            "**Embedded per-node cost is serialized SQLite writes.** Every node makes six write transactions, one at a time through the " +
            "process's single SQLite writer: `TryStartNodeAsync` (lease), `RecordAttemptStartedAsync`, the `NodeStarted` journal event, " +
            "`RecordAttemptFinishedAsync`, `CompleteNodeAsync` (status, dependants, readiness, unfinished count) and the `NodeFinished` event. " +
            "Inside the writer they took 0.15–0.28, 0.10–0.15, 0.10–0.14, 0.05–0.08, 0.55 and 0.10–0.14 ms (about 1.1–1.3 ms per node). " +
            "So 100 siblings released at once start over ~100 ms (fan-100's excess over the critical path and its dispatch p95), and under " +
            "load nodes queue for the writer (throughput p95). Next step, not taken here because it changes the journal's write path: one " +
            "transaction per transition (lease + attempt + `NodeStarted`; attempt + completion + `NodeFinished`) would cut six writes to two.",
            "**Per-run cost.** Starting a run (run and node rows, `RunStarted`), finishing it (`RunFinished`, result, summary) and the " +
            "first and last dispatch cost about 10–15 ms per run in all; spread over a 5-node diamond that is 2–3 ms per node, over 50 or more " +
            "nodes it is under 0.3 ms. The overhead-per-node target is missed only where a DAG is that small.",
            "**Dispatch latency under load is queueing.** In scenario 3 up to 1,000 nodes are ready at once for 128 Hangfire workers and one " +
            "SQLite writer, so a ready node waits for a worker and for the writer: at about 1,600 nodes/s that is ~0.6 s (Little's law), " +
            "which is what the p50 shows. Without load (scenario 1) the same path takes 1–3 ms at p50.",
            "**Fixed here: completions were O(N) each, so runs were O(N²).** `CompleteNodeAsync` counts the run's unfinished nodes to find " +
            "its last one; the query read every node row of the run (1.5 ms per completion at 5,000 nodes, 7.6 s per 5,000-node run). Migration " +
            "0005 adds the index `node_runs (run_id, status)` and the count now lists the unfinished statuses, so it seeks only those index " +
            "entries (0.1 ms at 5,000 nodes). That is what keeps the scaling curve flat; the exact count and its locking are unchanged.",
            "**PostgreSQL: every Hangfire worker thread LISTENs.** Hangfire.PostgreSql's long polling opens a LISTEN per worker thread and " +
            "wakes all of them per enqueued job (Hangfire.PostgreSql #302), each then querying the queue. With the default 100 workers per " +
            "process this herd dominated dispatch: a quick run at 128 workers per process measured fan-100 dispatch p50 3.4 s (1 process) " +
            "and 6.3 s (2 processes) against 0.8 s and 1.1 s at 16, so the bench runs worker processes with `Execution:WorkerCount=16`. " +
            "Each node then still costs about ten PostgreSQL transactions (the six journal writes plus Hangfire's enqueue, fetch, processing " +
            "and succeeded states) on a server that shares the 2 cores with every process. Next step: one LISTEN per process that wakes one " +
            "worker (or our own dispatcher instead of Hangfire's fetch loop), and the same write batching as above.",
            "**MCP stdio nodes** add the transport (a JSON-RPC round trip through one pipe to one server process) on top of the engine; the " +
            "bench raises `McpToolHub`'s per-server call limit from its default 16 to 128 so wide DAGs are not throttled by it. Section 6 " +
            "shows the hub itself costs nothing measurable over a raw SDK client.",
            "**WorkflowCore** executes one instance's active execution pointers one after another (its executor awaits each step body in " +
            "turn), so `Parallel()` branches of async steps do not overlap; **Agent Framework** runs in memory with no journal, so it is " +
            "faster than WorkflowStudio where no barrier costs anything (chain, diamond, fan-out/fan-in) and slower where levels are uneven.",
        },
    };
}
