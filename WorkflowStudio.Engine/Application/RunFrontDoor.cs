using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// Hands out the tenant-scoped front door to runs: <c>For(tenant)</c>. A factory rather than a scoped service because the
/// tenant is an explicit value at every door: an HTTP request, a hub call, an MCP call, a Blazor circuit, a schedule's
/// firing, a follow-up job and the CLI all know whom they act for, and only the first few have a request scope with a
/// signed-in user. There is no way to reach runs without naming the tenant.
/// </summary>
internal sealed class RunFrontDoor(RunFrontDoorServices services)
{
    public TenantRuns For(TenantId tenant) => new(tenant, services);
}
