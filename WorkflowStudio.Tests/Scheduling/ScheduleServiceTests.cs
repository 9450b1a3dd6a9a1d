using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Tests.Scheduling;

/// <summary>Schedules on a real engine: Hangfire recurring jobs on the engine's storage, firings that start real runs.</summary>
public sealed class ScheduleServiceTests : IAsyncLifetime
{
    private SchedulingHost _host = default!;

    public async Task InitializeAsync() => _host = await SchedulingHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static WorkflowDefinition Greeting() => new()
    {
        Name = "greeting",
        Inputs = new Dictionary<string, WorkflowInput> { ["who"] = new() { Type = "string" } },
        Nodes = [new WorkflowNode { Id = "hello", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = "hello {{ inputs.who }}" }) }],
    };

    private static Dictionary<string, JsonElement> Who(string name) => new() { ["who"] = JsonSerializer.SerializeToElement(name) };

    private async Task<Schedule> CreateAsync(string cron = "0 9 * * 1-5", string timeZone = "Europe/Berlin")
    {
        var saved = await _host.Workflows.SaveAsync(null, Greeting());
        return await _host.Schedules.CreateAsync(new ScheduleDraft { WorkflowId = saved.Id, Cron = cron, TimeZone = timeZone, Inputs = Who("ada") });
    }

    private RecurringJobDto? RecurringJob(string scheduleId)
    {
        using var connection = _host.Storage.GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == $"schedule:{scheduleId}");
    }

    [Fact]
    public async Task CreateAsync_ValidDraft_IsStoredAndRegisteredAsARecurringJob()
    {
        var schedule = await CreateAsync();

        Assert.Equal(schedule.Id, Assert.Single(await _host.Schedules.ListAsync()).Id);
        var job = RecurringJob(schedule.Id);
        Assert.NotNull(job);
        Assert.Equal(("0 9 * * 1-5", "Europe/Berlin"), (job.Cron, job.TimeZoneId));
        Assert.Equal((typeof(ScheduleJob), nameof(ScheduleJob.ExecuteAsync), schedule.Id), (job.Job.Type, job.Job.Method.Name, (string)job.Job.Args[0]));
        Assert.NotNull(job.NextExecution);
    }

    [Fact]
    public async Task CreateAsync_BadDraft_ListsEveryProblem()
    {
        var saved = await _host.Workflows.SaveAsync(null, Greeting()); // "who" has no default: required

        var unknown = await Assert.ThrowsAsync<ScheduleException>(async () =>
            await _host.Schedules.CreateAsync(new ScheduleDraft { WorkflowId = "missing", Cron = "0 9 * *", TimeZone = "Mars/Olympus" }));
        var noInput = await Assert.ThrowsAsync<ScheduleException>(async () =>
            await _host.Schedules.CreateAsync(new ScheduleDraft { WorkflowId = saved.Id, Cron = "@hourly" }));

        Assert.Contains("no saved workflow with this id", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("4 fields", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("time zone 'Mars/Olympus'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("who", noInput.Message, StringComparison.Ordinal);
        Assert.Empty(await _host.Schedules.ListAsync());
    }

    [Fact]
    public async Task ScheduleJob_EntryPointCalledDirectly_StartsTheSavedWorkflowAndRecordsTheLastRun()
    {
        var schedule = await CreateAsync();
        using var scope = _host.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<ScheduleJob>(scope.ServiceProvider);

        await job.ExecuteAsync(schedule.Id, CancellationToken.None);

        var recorded = (await _host.Schedules.GetAsync(schedule.Id))!;
        Assert.NotNull(recorded.LastRunId);
        var result = await _host.Coordinator.WaitAsync(recorded.LastRunId).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal("hello ada", result.Results.Single().Result!.Value.GetString());
        Assert.Equal(RunStatus.Success, (await _host.Schedules.GetAsync(schedule.Id))!.LastRunStatus);
    }

    [Fact]
    public async Task TriggerAsync_FiresThroughHangfire_AndARealRunStarts()
    {
        var schedule = await CreateAsync();
        using var events = _host.Events.Subscribe();

        var jobId = await _host.Schedules.TriggerAsync(schedule.Id);

        Assert.False(string.IsNullOrEmpty(jobId));
        RunStarted started;
        do
        {
            started = await NextAsync<RunStarted>(events);
        }
        while (started.WorkflowName != "greeting");
        var result = await _host.Coordinator.WaitAsync(started.RunId).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Success, result.Status);
        await WaitForAsync(async () => (await _host.Schedules.GetAsync(schedule.Id))!.LastRunId == started.RunId);
    }

    [Fact]
    public async Task PauseResumeDelete_KeepHangfireInStep_AndAPausedScheduleDoesNotRun()
    {
        var schedule = await CreateAsync();

        Assert.True(await _host.Schedules.PauseAsync(schedule.Id));
        Assert.Null(RecurringJob(schedule.Id));
        await Assert.ThrowsAsync<ScheduleException>(async () => await _host.Schedules.TriggerAsync(schedule.Id));
        using (var scope = _host.Services.CreateScope())
        {
            await ActivatorUtilities.CreateInstance<ScheduleJob>(scope.ServiceProvider).ExecuteAsync(schedule.Id, CancellationToken.None);
        }
        Assert.Null((await _host.Schedules.GetAsync(schedule.Id))!.LastRunId);

        Assert.True(await _host.Schedules.ResumeAsync(schedule.Id));
        Assert.NotNull(RecurringJob(schedule.Id));
        Assert.True(await _host.Schedules.DeleteAsync(schedule.Id));
        Assert.Null(RecurringJob(schedule.Id));
        Assert.Null(await _host.Schedules.GetAsync(schedule.Id));
        Assert.False(await _host.Schedules.PauseAsync(schedule.Id));
    }

    [Fact]
    public async Task ScheduleJob_WorkflowNoLongerValid_RecordsWhyAndStartsNothing()
    {
        var schedule = await CreateAsync();
        await _host.Workflows.SaveAsync(schedule.WorkflowId, Greeting() with
        {
            Nodes = [new WorkflowNode { Id = "hello", Tool = "builtin/nope", Args = JsonSerializer.SerializeToElement(new { }) }],
        });
        using var scope = _host.Services.CreateScope();

        await ActivatorUtilities.CreateInstance<ScheduleJob>(scope.ServiceProvider).ExecuteAsync(schedule.Id, CancellationToken.None);

        var recorded = (await _host.Schedules.GetAsync(schedule.Id))!;
        Assert.Null(recorded.LastRunId);
        Assert.Contains("version 2 of 'greeting' does not validate", recorded.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_RegistersActiveSchedulesAgain_FromTheDatabase()
    {
        var active = await CreateAsync();
        var paused = await CreateAsync(cron: "@daily", timeZone: "UTC");
        await _host.Schedules.PauseAsync(paused.Id);
        var dataDir = _host.DataDir;
        await _host.StopAsync();

        _host = await SchedulingHost.StartAsync(dataDir); // new in-memory Hangfire storage: only the database remembers

        Assert.NotNull(RecurringJob(active.Id));
        Assert.Null(RecurringJob(paused.Id));
        Assert.Equal(2, (await _host.Schedules.ListAsync()).Count);
    }

    [Fact]
    public async Task SynchronizeAsync_RemovesRecurringJobsOfSchedulesTheDatabaseNoLongerHas()
    {
        var kept = await CreateAsync();
        var manager = _host.Services.GetRequiredService<RecurringJobManager>();
        manager.AddOrUpdate<ScheduleJob>("schedule:gone", job => job.ExecuteAsync("gone", CancellationToken.None), "@hourly");

        Assert.Equal(1, await _host.Schedules.SynchronizeAsync());

        Assert.Null(RecurringJob("gone"));
        Assert.NotNull(RecurringJob(kept.Id));
    }

    private static async Task<T> NextAsync<T>(RunEventSubscription events) where T : RunEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await events.Events.ReadAsync(timeout.Token) is T match)
            {
                return match;
            }
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
