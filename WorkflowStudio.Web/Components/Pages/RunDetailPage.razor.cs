using Microsoft.AspNetCore.Components;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// One run: the seed-shaped result, a Gantt of node attempts (critical path marked), the files it produced (artefacts), JSON
/// download; live while running.
/// </summary>
public sealed partial class RunDetailPage
{
    private readonly CancellationTokenSource _disposed = new();
    private RunResult? _result;
    private IReadOnlyList<RunArtefact> _artefacts = [];
    private RunRecord? _run;
    private GanttModel _gantt = new([], [], 0);
    private bool _notFound;
    private IReadOnlyList<PendingApproval> _waiting = [];
    private RunEventSubscription? _subscription;

    [Parameter]
    public string RunId { get; set; } = string.Empty;

    [Inject] private IRunReader Store { get; set; } = default!;
    [Inject] private StudioTenant Tenant { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IRunEventStream Events { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        // Subscribe first, then read the journal: whatever happens in between arrives as an event.
        _subscription = Events.Subscribe(RunId);
        await LoadAsync();
        if (_run is not null && !RunStatus.IsTerminal(_run.Status))
        {
            _ = FollowAsync(_subscription);
        }
    }

    private async Task LoadAsync()
    {
        // Another tenant's run is answered exactly like a run that does not exist.
        _run = await Tenant.FindRunAsync(RunId, _disposed.Token);
        if (_run is null)
        {
            if (!_notFound)
            {
                _notFound = true;
                Navigation.NotFound();
            }
            return;
        }
        _result = await Tenant.GetResultAsync(RunId, _disposed.Token);
        _artefacts = await Tenant.ListArtefactsAsync(RunId, _disposed.Token);
        var nodes = await Store.GetNodeRunsAsync(RunId, _disposed.Token);
        _waiting = nodes.Where(n => n.Status == NodeStatus.AwaitingApproval).Select(n => new PendingApproval(n.NodeId, n.Tool, null, PendingApproval.ParseArgs(n.Args))).ToArray();
        var attempts = await Store.GetAttemptsAsync(RunId, _disposed.Token);
        _gantt = GanttModel.Build(nodes, attempts, _result?.PerformanceMetrics.CriticalPath ?? [], _run.StartedAt ?? _run.CreatedAt,
            Time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private async Task FollowAsync(RunEventSubscription subscription)
    {
        try
        {
            await foreach (var runEvent in subscription.Events.ReadAllAsync(_disposed.Token))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
                if (runEvent is RunFinished)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _subscription?.Dispose();
        _disposed.Dispose();
    }
}
