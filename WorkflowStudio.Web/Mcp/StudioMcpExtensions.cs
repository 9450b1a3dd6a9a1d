using ModelContextProtocol.Protocol;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>The MCP server endpoint <c>/mcp</c> (Streamable HTTP), behind the same API keys and rate limit as <c>/api</c>.</summary>
internal static class StudioMcpExtensions
{
    public const string Path = "/mcp";

    public static IServiceCollection AddStudioMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<McpEndpointOptions>().Bind(configuration.GetSection(McpEndpointOptions.SectionName))
            .PostConfigure(o => o.AllowedHostSet = McpOriginGuard.HostsFor(o.AllowedHosts,
                configuration[Hosting.StudioConfigurationKeys.Urls] ?? Hosting.StudioConfigurationKeys.DefaultUrls));
        services.AddOptions<McpEndpointOptions>()
            .Validate(o => o.MaxResourceBytes > 0, "Mcp:MaxResourceBytes must be a positive number of bytes (default 10485760, 10 MiB).")
            .ValidateOnStart();
        services.AddSingleton<McpTemplatePrompts>();
        services.AddSingleton<McpRunResources>();
        services.AddSingleton<McpCompletions>();
        services.AddSingleton<McpWorkflowTools>();
        services.AddSingleton<McpTasks>();
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new() { Name = "workflowstudio", Version = typeof(StudioMcpExtensions).Assembly.GetName().Version?.ToString() ?? "1.0" };
                // Long runs as tasks (io.modelcontextprotocol/tasks): the extension is offered, its methods are ours.
                o.Capabilities ??= new ServerCapabilities();
                o.Capabilities.Extensions ??= new Dictionary<string, object>();
                o.Capabilities.Extensions[McpTaskWire.Extension] = new JsonObject();
#pragma warning disable MCPEXP002 // custom request handlers: the SDK has no typed API for the tasks extension's methods yet
                o.RequestHandlers ??= [];
                foreach (var handler in McpTasks.Handlers())
                {
                    o.RequestHandlers.Add(handler);
                }
#pragma warning restore MCPEXP002
            })
            .WithHttpTransport()
            .WithMessageFilters(static filters => filters.AddOutgoingFilter(McpTaskWire.Outgoing))
            .WithTools<StudioMcpTools>()
            // The saved workflows of the caller's tenant, listed and called beside the fixed tools (the SDK merges the two).
            .WithListToolsHandler(static (r, ct) => Handler<McpWorkflowTools>(r).ListAsync(r, ct))
            .WithCallToolHandler(static (r, ct) => Handler<McpWorkflowTools>(r).CallAsync(r, ct))
            .WithListPromptsHandler(static (r, ct) => Handler<McpTemplatePrompts>(r).ListAsync(r, ct))
            .WithGetPromptHandler(static (r, ct) => Handler<McpTemplatePrompts>(r).GetAsync(r, ct))
            .WithListResourcesHandler(static (r, ct) => Handler<McpRunResources>(r).ListAsync(r, ct))
            .WithListResourceTemplatesHandler(static (r, ct) => Handler<McpRunResources>(r).ListTemplatesAsync(r, ct))
            .WithReadResourceHandler(static (r, ct) => Handler<McpRunResources>(r).ReadAsync(r, ct))
            .WithCompleteHandler(static (r, ct) => Handler<McpCompletions>(r).CompleteAsync(r, ct));
        return services;
    }

    private static T Handler<T>(MessageContext request) where T : notnull =>
        (request.Services ?? request.Server.Services ?? throw new InvalidOperationException("The MCP request has no services.")).GetRequiredService<T>();

    /// <summary>Host and Origin checks on <c>/mcp</c>, before authentication.</summary>
    public static IApplicationBuilder UseStudioMcp(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase), mcp => mcp.UseMiddleware<McpOriginGuard>());

    public static IEndpointConventionBuilder MapStudioMcp(this IEndpointRouteBuilder endpoints)
    {
        // Streamable HTTP: a server that offers no stream on GET must say 405, not 404 (a client reading 404 as "no server
        // here" shows an empty tool list). The SDK maps POST only, so the GET answer is ours.
        endpoints.MapGet(Path, static (HttpContext context) =>
            {
                context.Response.Headers.Allow = "POST";
                return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
                    detail: "This MCP endpoint offers no server-sent event stream on GET: send JSON-RPC requests with POST.");
            })
            .RequireAuthorization(StudioPolicies.Viewer).RequireRateLimiting(Api.StudioApiExtensions.RateLimitPolicy);
        return endpoints.MapMcp(Path).RequireAuthorization(StudioPolicies.Viewer).RequireRateLimiting(Api.StudioApiExtensions.RateLimitPolicy);
    }
}
