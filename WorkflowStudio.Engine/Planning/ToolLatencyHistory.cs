using Dapper;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Planning;

/// <summary>p50 of the last <see cref="PlanningOptions.LatencySamples"/> successful attempts per tool, from <c>node_attempts</c>.</summary>
internal sealed class ToolLatencyHistory : IToolLatencyHistory
{
    private string Query => $"""
        SELECT tool AS Tool, finished_at - started_at AS Ms FROM (
            SELECT tool, started_at, finished_at,
                   ROW_NUMBER() OVER (PARTITION BY tool ORDER BY started_at DESC) AS n
            FROM node_attempts
            WHERE {_database.InList("tool", "tools")} AND outcome = 'success' AND finished_at IS NOT NULL) recent
        WHERE n <= @samples
        """;

    private readonly IDatabase _database;
    private readonly IOptions<PlanningOptions> _options;

    public ToolLatencyHistory(IDatabase database, IOptions<PlanningOptions> options)
    {
        _database = database;
        _options = options;
    }

    public async ValueTask<IReadOnlyDictionary<string, double>> GetMedianLatenciesAsync(
        IReadOnlyCollection<string> tools, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (tools.Count == 0)
        {
            return result;
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Tool, long Ms)>(new CommandDefinition(
            Query, new { tools = tools.Distinct().ToArray(), samples = _options.Value.LatencySamples }, cancellationToken: cancellationToken));
        foreach (var group in rows.GroupBy(r => r.Tool, StringComparer.Ordinal))
        {
            result[group.Key] = Median(group.Select(r => (double)Math.Max(0, r.Ms)).ToArray());
        }
        return result;
    }

    internal static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
