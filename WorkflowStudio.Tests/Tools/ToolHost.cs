using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tests.Tools;

/// <summary>The real tool registrations over a temp data dir, with configuration and extra services per test.</summary>
internal sealed class ToolHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly bool _ownsDataDir;

    private ToolHost(ServiceProvider services, string dataDir, bool ownsDataDir)
    {
        _services = services;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
    }

    public string DataDir { get; }
    public string FilesRoot => Path.Combine(DataDir, "files");
    public IServiceProvider Services => _services;
    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public static ToolHost Create(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null)
    {
        // A data dir given in the settings belongs to the caller (e.g. shared by two hosts in turn); else a fresh one per host.
        var given = settings?.LastOrDefault(s => s.Key == "Studio:DataDir").Value;
        var dataDir = given ?? Path.Combine(Path.GetTempPath(), "wfs-tools", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Studio:DataDir", dataDir)])
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 10, 1, 9, 0, 0, TimeSpan.Zero)));
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.SectionName));
        services.AddBuiltinTools();
        configure?.Invoke(services);
        return new ToolHost(services.BuildServiceProvider(), dataDir, ownsDataDir: given is null);
    }

    /// <summary>A non-default tenant's files root: <c>&lt;files root&gt;/.tenants/ID</c>.</summary>
    public string FilesRootOf(string tenant) => Path.Combine(FilesRoot, ".tenants", tenant);

    public async Task<ToolCallResult> CallAsync(string tool, object arguments, string? idempotencyKey = null, string server = "builtin", string? tenant = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _services.GetRequiredService<IToolInvoker>().InvokeAsync(new ToolCallRequest
        {
            Server = server,
            Tool = tool,
            Arguments = arguments is JsonElement element ? element : JsonSerializer.SerializeToElement(arguments),
            IdempotencyKey = idempotencyKey,
            TenantId = tenant,
        }, timeout.Token);
    }

    /// <summary>Calls a tool that must succeed; the failure message is the assertion message otherwise.</summary>
    public async Task<JsonElement> OkAsync(string tool, object arguments, string? idempotencyKey = null, string server = "builtin", string? tenant = null)
    {
        var result = await CallAsync(tool, arguments, idempotencyKey, server, tenant);
        Assert.False(result.IsError, result.ErrorMessage);
        return result.Output;
    }

    /// <summary>Calls a tool that must fail and returns its message.</summary>
    public async Task<string> ErrorAsync(string tool, object arguments, string server = "builtin", string? tenant = null)
    {
        var result = await CallAsync(tool, arguments, server: server, tenant: tenant);
        Assert.True(result.IsError, $"expected an error, got {result.Output.GetRawText()}");
        return result.ErrorMessage!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDir)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing pool stays in the temp folder; the OS cleans it.
        }
    }
}
