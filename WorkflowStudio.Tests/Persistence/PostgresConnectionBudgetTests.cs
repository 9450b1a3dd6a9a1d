using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Persistence;

/// <summary>
/// At start-up a PostgreSQL process compares the connections it may open with what the server has left (the test
/// cluster runs max_connections = 500) and says so with the numbers when they do not fit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionBudgetTests(PostgresServer server)
{
    private async Task<IReadOnlyList<string>> StartAsync(int maxPoolSize)
    {
        var connectionString = $"{await server.CreateDatabaseAsync("budget")};Maximum Pool Size={maxPoolSize}";
        await using var database = new PostgresDatabase(connectionString, TimeProvider.System);
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        await new DatabaseInitializer(database, factory.CreateLogger<DatabaseInitializer>()).StartAsync(timeout.Token);

        return logs.Of<DatabaseInitializer>(LogLevel.Warning);
    }

    [Fact]
    public async Task Start_PoolsLargerThanTheServerHasLeft_WarnsWithTheNumbersAndTheFix()
    {
        var warning = Assert.Single(await StartAsync(maxPoolSize: 400));

        Assert.Contains("up to 801 PostgreSQL connections", warning, StringComparison.Ordinal);
        Assert.Contains("allows 500 (max_connections)", warning, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size=", warning, StringComparison.Ordinal);
        Assert.Contains("53300", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PoolsThatFit_SaysNothing()
    {
        Assert.Empty(await StartAsync(maxPoolSize: 20));
    }

    [Fact]
    public async Task ProcessConnectionLimit_IsTwoPoolsAndOneListen()
    {
        await using var sized = new PostgresDatabase("Host=127.0.0.1;Database=x;Maximum Pool Size=30", TimeProvider.System);
        await using var unsized = new PostgresDatabase("Host=127.0.0.1;Database=x", TimeProvider.System);

        Assert.Equal(61, sized.ProcessConnectionLimit);
        Assert.Equal(201, unsized.ProcessConnectionLimit); // Npgsql's default pool of 100
    }
}
