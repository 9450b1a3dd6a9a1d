using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Components.Pages;

// Running: validate with the inputs, start through the tenant's front door (StudioTenant → TenantRuns), then follow
// the run's events. The component subscribes to IRunEventStream inside its own circuit (Blazor Server already pushes
// renders over SignalR), so the canvas is drawn from exactly the events the engine journaled; external clients get the
// same events from /hubs/runs.
public sealed partial class StudioPage
{
    private RunEventSubscription? _runSubscription;
    private NodeRunRecord? _selectedRecord;
    private IReadOnlyList<RunArtefact> _selectedArtefacts = [];
    private bool _starting;
    private RunPrice? _runPrice;
    private BindingSamples _samples = BindingSamples.Empty;

    private string InputText(string name) =>
        _inputTexts.TryGetValue(name, out var text) ? text
        : _editor.Workflow.Inputs.TryGetValue(name, out var input) && input.Default is { } value
            ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : string.Empty;

    private IReadOnlyList<PendingApproval> PendingApprovals => _run.AwaitingApproval
        .Select(id => new PendingApproval(id, _editor.Workflow.FindNode(id)?.Tool ?? string.Empty, _run[id].ApprovalReason, _run[id].ApprovalArgs))
        .ToArray();

    /// <summary>
    /// The planner's figures for the workflow it planned; else the engine's estimator (when registered and the graph is
    /// acyclic); else per-tool guesses. The price is always the engine's, for the tenant's tier: the figure the ledger bills.
    /// </summary>
    private async Task<PlanEstimate> EstimateAsync(WorkflowDefinition workflow)
    {
        var priced = workflow.Nodes.Count > 0 && Services.GetService<IPlanEstimator>() is { } estimator && WorkflowGraph.Build(workflow).TopologicalOrder() is not null
            ? await estimator.EstimateAsync(workflow, await Tenant.TierAsync(_disposed.Token), _disposed.Token)
            : null;
        if (ReferenceEquals(workflow, _plannedWorkflow) && _planMetadata is not null)
        {
            return PlanEstimates.Estimate(workflow, priced is null ? _planMetadata : _planMetadata with { EstimatedCostUsd = priced.EstimatedCostUsd, Price = priced.Price });
        }
        return priced is not null ? PlanEstimates.Estimate(workflow, priced, PlanEstimates.HistorySource) : PlanEstimates.Estimate(workflow);
    }

    private async Task CancelRunAsync()
    {
        if (_run.RunId is not { } runId)
        {
            return;
        }
        try
        {
            if (!await Tenant.CancelAsync(runId, _disposed.Token))
            {
                Snackbar.Add("The run had already finished.", Severity.Info);
            }
        }
        catch (StudioAccessException refused)
        {
            Snackbar.Add(refused.Message, Severity.Error);
        }
    }

    /// <summary>Reads the run's price so far (tool calls made, tokens recorded) for the run bar.</summary>
    private async Task RefreshPriceAsync(string runId) => _runPrice = await Tenant.PriceAsync(runId, _disposed.Token);

    private async Task RunAsync()
    {
        var workflow = _editor.Workflow;
        var parsed = InputParser.Parse(workflow, workflow.Inputs.Keys
            .Select(name => (name, text: InputText(name)))
            .Where(p => p.text.Length > 0)
            .Select(p => $"{p.name}={p.text}"));
        var errors = parsed.Errors.Count > 0
            ? parsed.Errors
            : await WorkflowValidator.ValidateAsync(workflow, Catalog, parsed.Values, _disposed.Token);
        if (errors.Count > 0)
        {
            _validation = new ValidationIndex(workflow, errors);
            Snackbar.Add($"Not started: fix {errors.Count} problem{(errors.Count == 1 ? "" : "s")} first ({errors[0]}).", Severity.Error);
            return;
        }
        _starting = true;
        try
        {
            _runSubscription?.Dispose();
            // Subscribe before starting so that no event of the new run can be missed; other runs' events are ignored.
            var subscription = _runSubscription = Events.Subscribe();
            var runId = await Tenant.StartRunAsync(workflow, parsed.Values, _saved?.Id, _disposed.Token);
            _run.Begin(runId, workflow.Nodes.Select(n => n.Id), TimeProvider.GetUtcNow());
            _runPrice = null;
            await RefreshPriceAsync(runId);
            _selectedRecord = null;
            _selectedArtefacts = [];
            _ = FollowAsync(subscription, runId);
        }
        catch (StudioAccessException refused)
        {
            // A viewer, or the tenant's quota is used up: said, not thrown at the circuit.
            _runSubscription?.Dispose();
            _runSubscription = null;
            Snackbar.Add(refused.Message, Severity.Error);
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task FollowAsync(RunEventSubscription subscription, string runId)
    {
        try
        {
            await foreach (var runEvent in subscription.Events.ReadAllAsync(_disposed.Token))
            {
                if (runEvent.RunId != runId || _run.RunId != runId)
                {
                    continue;
                }
                _run.Apply(runEvent);
                if (runEvent.NodeId is { } nodeId && nodeId == _selectedId && runEvent is NodeFinished or NodeSkipped)
                {
                    await LoadSelectedRecordAsync();
                }
                if (runEvent is NodeStarted or NodeFinished or RunFinished)
                {
                    await RefreshPriceAsync(runId);
                }
                if (runEvent is RunFinished)
                {
                    await LoadSamplesAsync(runId);
                }
                await InvokeAsync(StateHasChanged);
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
        finally
        {
            subscription.Dispose();
        }
    }

    /// <summary>
    /// The field picker's samples: what each step output held in <paramref name="runId"/>, or, when null, in the latest run of
    /// the saved workflow on the canvas (read through the tenant's front door; none for a workflow never saved or run).
    /// </summary>
    private async Task LoadSamplesAsync(string? runId)
    {
        if (runId is null && _saved is { } saved)
        {
            var latest = await Tenant.QueryRunsAsync(new RunQuery { WorkflowId = saved.Id, Limit = 1 }, _disposed.Token);
            runId = latest.Runs.Count > 0 ? latest.Runs[0].Id : null;
        }
        _samples = runId is not null && await Tenant.GetResultAsync(runId, _disposed.Token) is { } result
            ? BindingSamples.From(runId, result)
            : BindingSamples.Empty;
    }

    private async Task LoadSelectedRecordAsync()
    {
        _selectedRecord = null;
        _selectedArtefacts = [];
        if (_run.RunId is { } runId && _selectedId is { } nodeId)
        {
            var rows = await Runs.GetNodeRunsAsync(runId, [nodeId], _disposed.Token);
            _selectedRecord = rows.Count > 0 ? rows[0] : null;
            if (_selectedRecord is not null)
            {
                _selectedArtefacts = (await Tenant.ListArtefactsAsync(runId, _disposed.Token)).Where(a => a.NodeId == nodeId).ToList();
            }
        }
    }
}
