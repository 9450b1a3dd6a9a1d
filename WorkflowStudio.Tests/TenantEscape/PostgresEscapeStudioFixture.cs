using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>The production storage: the studio database (runs, keys, usage, tool data) on a throwaway PostgreSQL cluster.</summary>
public sealed class PostgresEscapeStudioFixture : EscapeStudioFixture
{
    private readonly PostgresServer _server = new();

    internal override async Task<EscapeStudio> StartAsync()
    {
        await _server.InitializeAsync();
        return await EscapeStudio.StartAsync("postgres", new Dictionary<string, string?>
        {
            ["Studio:Storage"] = "postgres",
            ["ConnectionStrings:Studio"] = await _server.CreateDatabaseAsync("escape"),
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}
