using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine.Execution.Events;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Acts on events in this process: cancels local tool calls of a run someone cancelled, forgets finished runs.</summary>
internal sealed class RunEventsWatcher : BackgroundService
{
    private readonly IRunEventStream _stream;
    private readonly RunContextCache _contexts;

    public RunEventsWatcher(IRunEventStream stream, RunContextCache contexts)
    {
        _stream = stream;
        _contexts = contexts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _stream.Subscribe();
        await foreach (var runEvent in subscription.Events.ReadAllAsync(stoppingToken))
        {
            switch (runEvent)
            {
                case RunCancelRequested cancel when _contexts.TryGetLoaded(cancel.RunId, out var context):
                    await context!.Cancellation.CancelAsync();
                    break;
                case RunFinished finished:
                    _contexts.Remove(finished.RunId);
                    break;
            }
        }
    }
}
