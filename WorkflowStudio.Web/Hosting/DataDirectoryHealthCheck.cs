using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkflowStudio.Web.Hosting;

/// <summary>Healthy when the data directory exists and a file can be created in it.</summary>
internal sealed class DataDirectoryHealthCheck(StudioDataDirectory dataDirectory) : IHealthCheck
{
    public const string Name = "data-directory";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = dataDirectory.Path;
        if (!Directory.Exists(directory))
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"Data directory {directory} does not exist; create it or point Studio:DataDir (--data-dir) elsewhere.");
        }

        var probe = Path.Combine(directory, $".health-{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"Data directory {directory} is writable.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"Data directory {directory} is not writable: {exception.Message}", exception);
        }
    }
}
