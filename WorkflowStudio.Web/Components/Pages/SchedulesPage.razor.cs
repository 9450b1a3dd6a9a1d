using Microsoft.AspNetCore.Components;
using MudBlazor;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// Cron schedules of saved workflows: create (with inputs, time zone and a preview of the next runs), pause, resume,
/// delete, run now, and each schedule's last run. The list reloads when runs start or finish (any process's, via the
/// event stream), so a firing shows up without a refresh.
/// </summary>
public sealed partial class SchedulesPage
{
    private static readonly IReadOnlyList<string> TimeZones = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Prepend(CronSchedule.DefaultTimeZone).Distinct(StringComparer.Ordinal).ToArray();

    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, string> _inputTexts = new(StringComparer.Ordinal);
    private IReadOnlyList<SavedWorkflowInfo> _workflows = [];
    private IReadOnlyList<Schedule> _schedules = [];
    private SavedWorkflow? _selected;
    private string? _workflowId;
    private string _cron = "0 9 * * 1-5";
    private string _timeZone = CronSchedule.DefaultTimeZone;
    private IReadOnlyList<string> _createErrors = [];
    private RunEventSubscription? _subscription;
    private bool _canEdit = true;

    [SupplyParameterFromQuery(Name = "workflow")]
    public string? WorkflowQuery { get; set; }

    [Inject] private StudioTenant Tenant { get; set; } = default!;
    [Inject] private IRunEventStream Events { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private (IReadOnlyList<string> Occurrences, IReadOnlyList<string> Errors) Preview =>
        SchedulePreview.Describe(_cron, _timeZone, Time.GetUtcNow());

    protected override async Task OnInitializedAsync()
    {
        _subscription = Events.Subscribe();
        _canEdit = (await Tenant.CallerAsync()).CanEdit;
        _workflows = await Tenant.ListWorkflowsAsync(_disposed.Token);
        var initial = WorkflowQuery is { } id && _workflows.Any(w => w.Id == id) ? id : _workflows.FirstOrDefault()?.Id;
        if (initial is not null)
        {
            await SelectWorkflowAsync(initial);
        }
        await ReloadAsync();
        _ = FollowAsync(_subscription);
    }

    private async Task SelectWorkflowAsync(string? workflowId)
    {
        _workflowId = workflowId;
        _inputTexts.Clear();
        _createErrors = [];
        _selected = workflowId is null ? null : await Tenant.FindWorkflowAsync(workflowId, cancellationToken: _disposed.Token);
    }

    private string InputText(string name) =>
        _inputTexts.TryGetValue(name, out var text) ? text
        : _selected?.Definition.Inputs.TryGetValue(name, out var input) == true && input.Default is { } value
            ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : string.Empty;

    private async Task CreateAsync()
    {
        if (_selected is not { } selected)
        {
            return;
        }
        var parsed = InputParser.Parse(selected.Definition, selected.Definition.Inputs.Keys
            .Select(name => (name, text: InputText(name)))
            .Where(p => p.text.Length > 0)
            .Select(p => $"{p.name}={p.text}"));
        if (parsed.Errors.Count > 0)
        {
            _createErrors = parsed.Errors.Select(e => e.ToString()).ToArray();
            return;
        }
        try
        {
            var schedule = await Tenant.CreateScheduleAsync(
                new ScheduleDraft { WorkflowId = selected.Id, Cron = _cron, TimeZone = _timeZone, Inputs = parsed.Values }, _disposed.Token);
            _createErrors = [];
            Snackbar.Add($"Scheduled '{selected.Name}' ({schedule.Cron}, {schedule.TimeZone}).", Severity.Success);
            await ReloadAsync();
        }
        catch (Exception exception) when (exception is ScheduleException or StudioAccessException)
        {
            _createErrors = exception.Message.Split(Environment.NewLine);
        }
    }

    private async Task TriggerAsync(string scheduleId)
    {
        try
        {
            if (await Tenant.ChangeScheduleAsync(scheduleId, ScheduleChange.Trigger, _disposed.Token))
            {
                Snackbar.Add("Started: the run appears under Last run in a moment.", Severity.Info);
            }
        }
        catch (Exception exception) when (exception is ScheduleException or StudioAccessException)
        {
            Snackbar.Add(exception.Message, Severity.Error);
        }
    }

    private Task PauseAsync(string scheduleId) => ChangeAsync(scheduleId, ScheduleChange.Pause);

    private Task ResumeAsync(string scheduleId) => ChangeAsync(scheduleId, ScheduleChange.Resume);

    private Task DeleteAsync(string scheduleId) => ChangeAsync(scheduleId, ScheduleChange.Delete);

    private async Task ChangeAsync(string scheduleId, ScheduleChange change)
    {
        if (!await Tenant.ChangeScheduleAsync(scheduleId, change, _disposed.Token))
        {
            Snackbar.Add("That schedule no longer exists (deleted elsewhere).", Severity.Warning);
        }
        await ReloadAsync();
    }

    private async Task ReloadAsync() => _schedules = await Tenant.ListSchedulesAsync(_disposed.Token);

    private string WorkflowName(string workflowId) => _workflows.FirstOrDefault(w => w.Id == workflowId)?.Name ?? workflowId;

    private string NextRun(Schedule schedule)
    {
        if (schedule.Paused)
        {
            return "paused";
        }
        var now = Time.GetUtcNow();
        var next = CronSchedule.Validate(schedule.Cron, schedule.TimeZone).Count == 0
            ? CronSchedule.NextOccurrences(schedule.Cron, schedule.TimeZone, now, 1)
            : [];
        return next.Count == 0 ? "never" : SchedulePreview.Describe(next[0], now);
    }

    private async Task FollowAsync(RunEventSubscription subscription)
    {
        try
        {
            await foreach (var runEvent in subscription.Events.ReadAllAsync(_disposed.Token))
            {
                if (runEvent is RunStarted or RunFinished or NodeAwaitingApproval)
                {
                    await InvokeAsync(async () =>
                    {
                        await ReloadAsync();
                        StateHasChanged();
                    });
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
