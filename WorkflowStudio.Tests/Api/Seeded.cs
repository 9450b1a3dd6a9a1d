using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowStudio.Engine.Tenancy;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>A tenant with a saved workflow, a run waiting for an approval, and an API key: ids other tenants must not reach.</summary>
internal sealed record Seeded(string Tenant, string WorkflowId, string RunId, string NodeId, string KeyId, string KeyPrefix, HttpClient Client)
{
    public static async Task<Seeded> CreateAsync(ApiHost host, string tenant = "tenant-a")
    {
        var client = await host.ClientAsync(tenant, TenantRoles.Admin);
        var workflow = new
        {
            name = "guarded",
            nodes = new object[]
            {
                new { id = "read", tool = "builtin/echo", args = new { value = "hello" } },
                new { id = "write", tool = "builtin/files_write", args = new { path = "out.txt", content = "{{ steps.read.output }}" } },
            },
        };
        using var saved = await client.PostAsync(new Uri("/api/workflows", UriKind.Relative), Body(workflow));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var workflowId = (await ReadAsync(saved)).GetProperty("id").GetString()!;
        using var started = await client.PostAsync(new Uri($"/api/workflows/{workflowId}/runs", UriKind.Relative), Body(new { mode = "async" }));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await ReadAsync(started)).GetProperty("runId").GetString()!;
        var key = (await host.Tenants.ListApiKeysAsync(tenant)).First();
        return new Seeded(tenant, workflowId, runId, "write", key.Id, key.Prefix, client);
    }
}
