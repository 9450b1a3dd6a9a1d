using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>The MCP server endpoint <c>/mcp</c> (Streamable HTTP), behind the same API keys and rate limit as <c>/api</c>.</summary>
internal static class StudioMcpExtensions
{
    public const string Path = "/mcp";

    public static IServiceCollection AddStudioMcp(this IServiceCollection services)
    {
        services.AddSingleton<McpRunWaiter>();
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "workflowstudio", Version = typeof(StudioMcpExtensions).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport()
            .WithTools<StudioMcpTools>();
        return services;
    }

    public static IEndpointConventionBuilder MapStudioMcp(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMcp(Path).RequireAuthorization(StudioPolicies.Viewer).RequireRateLimiting(Api.StudioApiExtensions.RateLimitPolicy);
}
