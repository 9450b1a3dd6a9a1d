namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>
/// The tenant-escape suite: the attacker tenant's admin and editor keys try to read, change or enumerate the victim
/// tenant's runs, workflows, schedules, files, memory, vectors, database rows, imported tools, keys and usage through every
/// route, built-in tool, hub method and MCP tool; every attempt fails as if the thing did not exist, and a snapshot of the
/// victim's data taken before equals one taken after. Each surface is enumerated from the running host (route table, tool
/// catalog, hub classes, the MCP server's tool list) and checked against this suite's tables, so a new route, tool, hub
/// method or MCP tool fails the suite until it has an escape case. Derived classes run it per storage dialect.
/// </summary>
public abstract partial class TenantEscapeTests
{
    private protected TenantEscapeTests(EscapeStudioFixture fixture) => Studio = fixture.Studio;

    private protected EscapeStudio Studio { get; }
}
