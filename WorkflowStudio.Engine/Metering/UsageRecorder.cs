using Dapper;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Metering;

/// <summary>Usage records in the studio database (<c>migrations/*/0004_usage.sql</c>).</summary>
internal sealed class UsageRecorder : IUsageRecorder
{
    private const string Totals =
        "SELECT COUNT(*) AS Calls, CAST(COALESCE(SUM(input_tokens), 0) AS BIGINT) AS InputTokens, " +
        "CAST(COALESCE(SUM(output_tokens), 0) AS BIGINT) AS OutputTokens, CAST(COALESCE(SUM(cost_micro_usd), 0) AS BIGINT) AS CostMicroUsd " +
        "FROM usage_records ";

    private readonly IDatabase _database;
    private readonly IModelPriceTable _prices;
    private readonly TimeProvider _time;

    public UsageRecorder(IDatabase database, IModelPriceTable prices, TimeProvider time)
    {
        _database = database;
        _prices = prices;
        _time = time;
    }

    public async ValueTask<decimal> RecordAsync(ChatUsage usage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var cost = _prices.Price(usage.Model, usage.InputTokens, usage.OutputTokens);
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO usage_records (at, tenant_id, run_id, plan_id, node_id, purpose, model, input_tokens, output_tokens, cost_micro_usd) " +
            "VALUES (@at, @TenantId, @RunId, @PlanId, @NodeId, @Purpose, @Model, @InputTokens, @OutputTokens, @micro)",
            new
            {
                at = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                usage.TenantId, usage.RunId, usage.PlanId, usage.NodeId, usage.Purpose, usage.Model,
                usage.InputTokens, usage.OutputTokens,
                micro = (long)decimal.Round(cost * 1_000_000m, MidpointRounding.AwayFromZero),
            }, transaction), cancellationToken);
        return cost;
    }

    public async ValueTask AttachPlanToRunAsync(string planId, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE usage_records SET run_id = @runId WHERE plan_id = @planId AND run_id IS NULL", new { planId, runId }, transaction),
            cancellationToken);
    }

    public ValueTask<RunUsage> GetRunUsageAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync(Totals + "WHERE run_id = @id", runId, cancellationToken);

    public ValueTask<RunUsage> GetPlanUsageAsync(string planId, CancellationToken cancellationToken = default) =>
        QueryAsync(Totals + "WHERE plan_id = @id", planId, cancellationToken);

    private async ValueTask<RunUsage> QueryAsync(string sql, string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<TotalsRow>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken));
        return new RunUsage
        {
            Calls = (int)row.Calls,
            InputTokens = row.InputTokens,
            OutputTokens = row.OutputTokens,
            CostUsd = row.CostMicroUsd / 1_000_000m,
        };
    }

    private sealed record TotalsRow(long Calls, long InputTokens, long OutputTokens, long CostMicroUsd);
}
