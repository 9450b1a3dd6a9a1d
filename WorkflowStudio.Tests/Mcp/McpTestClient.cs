using ModelContextProtocol.Client;
using WorkflowStudio.Tests.Api;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>The MCP C# SDK's real client on a test host's <c>/mcp</c> (Streamable HTTP), with an API key as a bearer token.</summary>
internal static class McpTestClient
{
    public static async Task<McpClient> ConnectWithKeyAsync(ApiHost host, string key, McpClientOptions? options = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        });
        return await McpClient.CreateAsync(transport, options);
    }

    public static async Task<McpClient> ConnectAsync(ApiHost host, string tenant, string role = Engine.Tenancy.TenantRoles.Editor, McpClientOptions? options = null) =>
        await ConnectWithKeyAsync(host, await host.KeyAsync(tenant, role), options);
}
