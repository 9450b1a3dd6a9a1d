using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Registers WorkflowStudio's tool catalog: the MCP tool hub, the <c>builtin</c> server and the registry over them.</summary>
public static class ToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IToolCatalog"/>, <see cref="IToolInvoker"/> and <see cref="IMcpServerHealth"/>, with the engine's own
    /// built-in tools <c>echo</c> and <c>delay</c>; the business tools and the <c>openapi</c> server live in WorkflowStudio.Tools
    /// (<c>AddBuiltinTools</c>, docs/tools.md). Tell it where the servers are configured, e.g. <c>o => o.ConfigFile = "mcp.json"</c> or <c>o => o.Configuration = builder.Configuration</c>.
    /// Options are validated on start (with <c>ValidateOnStart</c>) and whenever they are first used.
    /// More built-in tools: <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IBuiltinTool, MyTool&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddWorkflowStudioTools(this IServiceCollection services, Action<McpToolHubOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<McpToolHubOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpToolHubOptions>, McpToolHubOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<McpToolHub>();
        services.TryAddSingleton<IMcpServerHealth>(sp => sp.GetRequiredService<McpToolHub>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolSource, McpToolHub>(sp => sp.GetRequiredService<McpToolHub>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, EchoTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, DelayTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolSource, BuiltinToolSource>());

        services.TryAddSingleton<ToolRegistry>();
        services.TryAddSingleton<IToolCatalog>(sp => sp.GetRequiredService<ToolRegistry>());
        services.TryAddSingleton<IToolInvoker>(sp => sp.GetRequiredService<ToolRegistry>());
        return services;
    }
}
