using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Web.Hosting;

/// <summary>
/// OpenTelemetry export of the engine's traces and metrics, switched on by the standard variables: an OTLP exporter
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (endpoint, protocol, headers from the other <c>OTEL_*</c> variables).
/// </summary>
public static class TelemetryExtensions
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddStudioTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable]))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(EngineTelemetry.SourceName).AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(EngineTelemetry.SourceName).AddOtlpExporter());
        return services;
    }
}
