namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>The embedded storage: SQLite studio database, in-memory Hangfire.</summary>
public sealed class SqliteEscapeStudioFixture : EscapeStudioFixture
{
    internal override Task<EscapeStudio> StartAsync() => EscapeStudio.StartAsync("sqlite");
}
