using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Execution.Dispatch;

namespace WorkflowStudio.Tests.Execution.Dispatch;

/// <summary>
/// The LISTEN connection stops cleanly whatever the database does meanwhile: its server ending it (57P01, as when
/// PostgreSQL shuts down) at the moment the process disposes the listener must not escape from the disposal.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationListenerTests(PostgresServer server)
{
    private const int Rounds = 40;

    [Fact]
    public async Task DisposeAsync_ConnectionTerminatedAtTheSameMoment_DoesNotThrow()
    {
        var connectionString = await server.CreateDatabaseAsync("listener");
        await using var database = new PostgresDatabase(connectionString, TimeProvider.System);
        for (var round = 0; round < Rounds; round++)
        {
            var listener = new PostgresNotificationListener(database, TimeProvider.System, NullLogger<PostgresNotificationListener>.Instance);
            var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            listener.Subscribe(PostgresDatabase.EventChannel, () => { }, () => connected.TrySetResult());
            await connected.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The server ends the LISTEN connection (what a shutting-down PostgreSQL does) while the listener is disposed.
            var terminate = TerminateListenerAsync(connectionString);
            if (round % 4 != 0)
            {
                await Task.Delay(round % 4);
            }
            var exception = await Record.ExceptionAsync(async () => await listener.DisposeAsync());
            await terminate;

            Assert.True(exception is null, $"round {round}: disposal threw {exception}");
        }
    }

    private static async Task TerminateListenerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", connection);
        await command.ExecuteNonQueryAsync();
    }
}
