using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Web.Hosting;

/// <summary>Healthy when the run journal's database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{database.Dialect} at {database.Description} answers.");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{database.Dialect} at {database.Description} does not answer: {exception.Message}", exception);
        }
    }
}
