using System.Net.Http.Headers;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Api;

namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>One tenant's admin and editor keys, as clients (bearer) and as secrets (for the hub and MCP).</summary>
internal sealed record TenantKeys(string Tenant, HttpClient Admin, HttpClient Editor, string AdminKey, string EditorKey)
{
    public static async Task<TenantKeys> CreateAsync(ApiHost host, string tenant)
    {
        var admin = await host.KeyAsync(tenant, TenantRoles.Admin);
        var editor = await host.KeyAsync(tenant, TenantRoles.Editor);
        return new TenantKeys(tenant, Client(host, admin), Client(host, editor), admin, editor);
    }

    private static HttpClient Client(ApiHost host, string key)
    {
        var client = host.Anonymous(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
