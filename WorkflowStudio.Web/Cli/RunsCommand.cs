using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio runs</c>: recent runs, newest first.</summary>
internal static class RunsCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var limitText = args.Value("--limit") ?? "20";
        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > 10000)
        {
            throw new CliUsageException($"--limit must be a whole number from 1 to 10000, got '{limitText}'");
        }
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        var runs = await ReadAsync(host.Services.GetRequiredService<IRunReader>(), limit, args.Value("--status"), cancellationToken);
        if (args.Has("--json"))
        {
            var rows = runs.Select(r => new { run_id = r.Id, workflow_id = r.WorkflowId, status = r.Status, created_at = Time(r.CreatedAt), finished_at = r.FinishedAt is { } f ? Time(f) : (DateTimeOffset?)null });
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            await Console.Out.WriteLineAsync($"{"RUN",-32}  {"STATUS",-15}  {"STARTED (UTC)",-19}  {"TIME",8}  WORKFLOW");
            foreach (var run in runs)
            {
                var seconds = run.FinishedAt is { } finished ? string.Create(CultureInfo.InvariantCulture, $"{(finished - run.CreatedAt) / 1000.0,7:0.00}s") : "       -";
                await Console.Out.WriteLineAsync($"{run.Id,-32}  {run.Status,-15}  {Time(run.CreatedAt):yyyy-MM-dd HH:mm:ss}  {seconds}  {run.WorkflowId}");
            }
        }
        await host.StopAsync(CancellationToken.None);
        return StudioCli.Ok;
    }

    /// <summary>The newest <paramref name="limit"/> runs, page by page through the store's keyset paging.</summary>
    private static async Task<List<RunSummary>> ReadAsync(IRunReader store, int limit, string? status, CancellationToken cancellationToken)
    {
        var runs = new List<RunSummary>(Math.Min(limit, RunQuery.MaxLimit));
        RunCursor? after = null;
        do
        {
            var page = await store.QueryRunsAsync(
                new RunQuery { Limit = Math.Min(RunQuery.MaxLimit, limit - runs.Count), Status = status, After = after }, cancellationToken);
            runs.AddRange(page.Runs);
            after = page.NextCursor;
        }
        while (after is not null && runs.Count < limit);
        return runs;
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
