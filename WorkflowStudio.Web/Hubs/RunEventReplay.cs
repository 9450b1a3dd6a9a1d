using System.Text.Json;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Hubs;

internal sealed class RunEventReplay(RunJournal journal) : IRunEventReplay
{
    public async ValueTask<IReadOnlyList<JsonElement>> ReadAsync(string runId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        (await journal.ReadAsync(runId, afterSeq, limit, cancellationToken))
            .Select(e => JsonSerializer.SerializeToElement(e, EngineJson.Default.RunEvent))
            .ToArray();
}
