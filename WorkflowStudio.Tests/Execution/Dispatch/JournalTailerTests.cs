using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Tests.Execution.Dispatch;

/// <summary>
/// The journal tailer publishes other processes' events in this process. A sequence number missing for longer than the
/// gap patience is passed over; if its transaction commits after that, the event is still published (late, not never).
/// </summary>
public sealed class JournalTailerTests
{
    [Fact]
    public async Task CatchUp_EventCommittedAfterItsGapWasPassedOver_IsStillPublished()
    {
        await using var engine = await EngineFixture.StartAsync();
        var result = await engine.RunAsync(Of("one", Node("a", "builtin/echo", """{"value":1}""")));
        var last = await engine.EventLog.GetLatestEventSeqAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var stream = engine.Services.GetRequiredService<IRunEventStream>();
        var tailer = new JournalTailer(engine.EventLog, stream, new PollingJournalWakeup(TimeSpan.FromSeconds(1), time), new WorkerIdentity(), time,
            NullLogger<JournalTailer>.Instance);
        using var subscription = stream.Subscribe(result.RunId);

        await InsertAsync(engine, last + 2, result.RunId, "after"); // committed first, with the higher number
        await tailer.CatchUpAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(6));
        await tailer.CatchUpAsync(CancellationToken.None); // the gap at last + 1 is passed over
        await InsertAsync(engine, last + 1, result.RunId, "late"); // its transaction commits only now
        time.Advance(TimeSpan.FromSeconds(2));
        await tailer.CatchUpAsync(CancellationToken.None);

        var started = new List<string>();
        while (subscription.Events.TryRead(out var runEvent))
        {
            if (runEvent is NodeStarted { Tool: "late/test" } node)
            {
                started.Add(node.Node);
            }
        }
        Assert.Equal(["after", "late"], started);
    }

    private static async Task InsertAsync(EngineFixture engine, long seq, string runId, string node)
    {
        var at = DateTimeOffset.UtcNow;
        var data = JsonSerializer.Serialize<RunEvent>(new NodeStarted(runId, at, node, "late/test", 1, false), EngineJson.Default.RunEvent);
        await engine.Services.GetRequiredService<IDatabase>().WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO run_events (seq, run_id, at, kind, node_id, data, origin) VALUES (@seq, @runId, @at, 'node_started', @node, @data, 'another-process')",
            new { seq, runId, at = at.ToUnixTimeMilliseconds(), node, data }, transaction));
    }
}
