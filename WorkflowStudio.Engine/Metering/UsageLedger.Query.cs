using Dapper;

namespace WorkflowStudio.Engine.Metering;

internal sealed partial class UsageLedger
{
    public async ValueTask<IReadOnlyList<UsageLine>> QueryAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var range = new { tenantId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() };
        await using var connection = await _database.OpenAsync(cancellationToken);
        // Integer division groups by UTC day on both SQLite and PostgreSQL.
        var billed = await connection.QueryAsync<LineRow>(new CommandDefinition(
            $"SELECT at / {DayMs} AS Day, workflow_id AS WorkflowId, tool AS Tool, kind AS Kind, COUNT(*) AS Quantity, " +
            "CAST(SUM(cost_micro_usd) AS BIGINT) AS CostMicroUsd FROM billing_records " +
            $"WHERE tenant_id = @tenantId AND at >= @from AND at < @to GROUP BY at / {DayMs}, workflow_id, tool, kind",
            range, cancellationToken: cancellationToken));
        var tokens = await connection.QueryAsync<LineRow>(new CommandDefinition(
            $"SELECT u.at / {DayMs} AS Day, r.workflow_id AS WorkflowId, u.model AS Tool, 'tokens' AS Kind, " +
            "CAST(SUM(u.input_tokens + u.output_tokens) AS BIGINT) AS Quantity, CAST(SUM(u.cost_micro_usd) AS BIGINT) AS CostMicroUsd " +
            "FROM usage_records u JOIN runs r ON r.id = u.run_id WHERE r.tenant_id = @tenantId AND u.at >= @from AND u.at < @to " +
            $"GROUP BY u.at / {DayMs}, r.workflow_id, u.model", range, cancellationToken: cancellationToken));
        return billed.Concat(tokens)
            .Select(r => new UsageLine(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(r.Day * DayMs).UtcDateTime),
                r.WorkflowId, r.Tool, r.Kind, r.Quantity, r.CostMicroUsd / 1_000_000m))
            .OrderBy(l => l.Day).ThenBy(l => l.WorkflowId, StringComparer.Ordinal).ThenBy(l => l.Kind, StringComparer.Ordinal)
            .ThenBy(l => l.Tool, StringComparer.Ordinal)
            .ToArray();
    }

    public async ValueTask<IReadOnlyList<TenantSpend>> QueryTenantsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var range = new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() };
        await using var connection = await _database.OpenAsync(cancellationToken);
        var billed = await connection.QueryAsync<TenantRow>(new CommandDefinition(
            "SELECT tenant_id AS TenantId, kind AS Kind, COUNT(*) AS Quantity, CAST(SUM(cost_micro_usd) AS BIGINT) AS CostMicroUsd " +
            "FROM billing_records WHERE at >= @from AND at < @to GROUP BY tenant_id, kind", range, cancellationToken: cancellationToken));
        var tokens = await connection.QueryAsync<TenantRow>(new CommandDefinition(
            "SELECT r.tenant_id AS TenantId, 'tokens' AS Kind, CAST(SUM(u.input_tokens + u.output_tokens) AS BIGINT) AS Quantity, " +
            "CAST(SUM(u.cost_micro_usd) AS BIGINT) AS CostMicroUsd FROM usage_records u JOIN runs r ON r.id = u.run_id " +
            "WHERE u.at >= @from AND u.at < @to GROUP BY r.tenant_id", range, cancellationToken: cancellationToken));
        return billed.Concat(tokens)
            .GroupBy(r => r.TenantId, StringComparer.Ordinal)
            .Select(g => new TenantSpend(g.Key,
                g.Where(r => r.Kind == UsageKinds.WorkflowRun).Sum(r => r.Quantity),
                g.Where(r => r.Kind == UsageKinds.ToolCall).Sum(r => r.Quantity),
                g.Where(r => r.Kind == UsageKinds.Tokens).Sum(r => r.Quantity),
                g.Sum(r => r.CostMicroUsd) / 1_000_000m))
            .OrderByDescending(t => t.CostUsd).ThenBy(t => t.TenantId, StringComparer.Ordinal)
            .ToArray();
    }

    private sealed class TenantRow
    {
        public string TenantId { get; set; } = "";
        public string Kind { get; set; } = "";
        public long Quantity { get; set; }
        public long CostMicroUsd { get; set; }
    }

    // Settable properties, not a positional record: SQLite reports no column types for an empty aggregate result.
    private sealed class LineRow
    {
        public long Day { get; set; }
        public string WorkflowId { get; set; } = "";
        public string? Tool { get; set; }
        public string Kind { get; set; } = "";
        public long Quantity { get; set; }
        public long CostMicroUsd { get; set; }
    }
}
