using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tools.Ai;

namespace WorkflowStudio.Tests.Tools;

/// <summary>Each tenant's built-in tool data (memory, vectors, files, demo database, follow-ups) is its own.</summary>
public sealed class TenantToolDataTests
{
    private const string Acme = "acme";
    private const string Globex = "globex";

    [Fact]
    public async Task Memory_PutByOneTenant_IsInvisibleToAnother()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("memory_put", new { key = "customer:C-1", value = "acme secret discount" }, tenant: Acme);

        var ownGet = await host.OkAsync("memory_get", new { key = "customer:C-1" }, tenant: Acme);
        var otherGet = await host.OkAsync("memory_get", new { key = "customer:C-1" }, tenant: Globex);
        var defaultGet = await host.OkAsync("memory_get", new { key = "customer:C-1" });
        var ownSearch = await host.OkAsync("memory_search", new { query = "secret discount" }, tenant: Acme);
        var otherSearch = await host.OkAsync("memory_search", new { query = "secret discount" }, tenant: Globex);

        Assert.True(ownGet.GetProperty("found").GetBoolean());
        Assert.False(otherGet.GetProperty("found").GetBoolean());
        Assert.False(defaultGet.GetProperty("found").GetBoolean());
        Assert.Equal(1, ownSearch.GetProperty("count").GetInt32());
        Assert.Equal(0, otherSearch.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Memory_SameKeyInTwoTenants_KeepsTwoValues()
    {
        await using var host = ToolHost.Create();

        var acme = await host.OkAsync("memory_put", new { key = "plan", value = "acme" }, tenant: Acme);
        var globex = await host.OkAsync("memory_put", new { key = "plan", value = "globex" }, tenant: Globex);

        Assert.True(acme.GetProperty("created").GetBoolean());
        Assert.True(globex.GetProperty("created").GetBoolean());
        Assert.Equal("acme", (await host.OkAsync("memory_get", new { key = "plan" }, tenant: Acme)).GetProperty("value").GetString());
        Assert.Equal("globex", (await host.OkAsync("memory_get", new { key = "plan" }, tenant: Globex)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task VectorSearch_CollectionOfAnotherTenant_DoesNotExistForIt()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("vector_upsert", new { collection = "kb", items = new[] { new { id = "r1", text = "refund a duplicate charge" } } }, tenant: Acme);

        var own = await host.OkAsync("vector_search", new { collection = "kb", query = "duplicate charge" }, tenant: Acme);
        var other = await host.ErrorAsync("vector_search", new { collection = "kb", query = "duplicate charge" }, tenant: Globex);

        Assert.Equal("r1", own.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Contains("collection 'kb' is empty or does not exist", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_WrittenByOneTenant_AreNotReadableOrListedByAnother()
    {
        await using var host = ToolHost.Create();
        var written = await host.OkAsync("files_write", new { path = "notes/plan.md", content = "acme only" }, tenant: Acme);

        var own = await host.OkAsync("files_read", new { path = "notes/plan.md" }, tenant: Acme);
        var other = await host.ErrorAsync("files_read", new { path = "notes/plan.md" }, tenant: Globex);
        var otherList = await host.OkAsync("files_list", new { recursive = true }, tenant: Globex);
        var defaultList = await host.OkAsync("files_list", new { recursive = true });
        var defaultRead = await host.ErrorAsync("files_read", new { path = ".tenants/acme/notes/plan.md" });
        var climb = await host.ErrorAsync("files_read", new { path = "../acme/notes/plan.md" }, tenant: Globex);
        var defaultListTenants = await host.ErrorAsync("files_list", new { path = ".tenants" });

        Assert.Equal(Path.Combine(host.FilesRootOf(Acme), "notes", "plan.md"), written.GetProperty("file").GetString());
        Assert.Equal("notes/plan.md", written.GetProperty("path").GetString());
        Assert.Equal("acme only", own.GetProperty("content").GetString());
        Assert.Contains("there is no file 'notes/plan.md' under the files root", other, StringComparison.Ordinal);
        Assert.DoesNotContain(Paths(otherList), p => p.Contains("plan.md", StringComparison.Ordinal));
        Assert.DoesNotContain(Paths(defaultList), p => p.Contains("plan.md", StringComparison.Ordinal) || p.StartsWith(".tenants", StringComparison.Ordinal));
        Assert.Contains("the other tenants' files", defaultRead, StringComparison.Ordinal);
        Assert.Contains("outside the files root", climb, StringComparison.Ordinal);
        Assert.Contains("the other tenants' files", defaultListTenants, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_DefaultTenant_KeepsTheFilesRootItself()
    {
        await using var host = ToolHost.Create();

        var written = await host.OkAsync("files_write", new { path = "notes/today.md", content = "x" });
        var demo = await host.OkAsync("files_read", new { path = "demo/feeds/marketing-trends.json" }, tenant: Acme);

        Assert.Equal(Path.Combine(host.FilesRoot, "notes", "today.md"), written.GetProperty("file").GetString());
        Assert.Equal(8, demo.GetProperty("json").GetProperty("items").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(host.FilesRootOf(Acme), "demo", "feeds", "marketing-trends.json")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("/etc")]
    [InlineData("Acme")]
    [InlineData("")]
    public async Task BuiltinTool_PathEscapingOrInvalidTenantId_IsRefused(string tenant)
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("files_write", new { path = "x.txt", content = "x" }, tenant: tenant);

        Assert.Contains("is not a valid tenant id", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.FilesRoot, "x.txt")));
        Assert.Empty(Directory.Exists(host.DataDir) ? Directory.EnumerateFiles(host.DataDir, "x.txt", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task DbExecute_OnTheDemoSource_ChangesOnlyTheTenantsOwnCopy()
    {
        await using var host = ToolHost.Create();
        const string count = "SELECT COUNT(*) AS n FROM funnel";
        var before = (await host.OkAsync("db_query", new { sql = count })).GetProperty("rows")[0].GetProperty("n").GetInt32();

        await host.OkAsync("db_execute", new { sql = "DELETE FROM funnel" }, tenant: Acme);

        Assert.Equal(0, (await host.OkAsync("db_query", new { sql = count }, tenant: Acme)).GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Equal(before, (await host.OkAsync("db_query", new { sql = count }, tenant: Globex)).GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Equal(before, (await host.OkAsync("db_query", new { sql = count })).GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task DbQuery_ConfiguredSource_OnlyForTheTenantsItIsSharedWith()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wfs-src-{Guid.NewGuid():N}.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.ExecuteAsync("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7);");
        }
        await using var host = ToolHost.Create([
            new("Tools:Database:Sources:private", $"Data Source={file}"),
            new("Tools:Database:Sources:shared", $"Data Source={file}"),
            new("Tools:Database:Tenants:shared", "acme, default"),
        ]);
        var query = new { source = "private", sql = "SELECT n FROM t" };

        var own = await host.OkAsync("db_query", query);
        var refused = await host.ErrorAsync("db_query", query, tenant: Acme);
        var shared = await host.OkAsync("db_query", new { source = "shared", sql = "SELECT n FROM t" }, tenant: Acme);
        var notShared = await host.ErrorAsync("db_query", new { source = "shared", sql = "SELECT n FROM t" }, tenant: Globex);

        Assert.Equal(7, own.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Contains("there is no data source 'private' for this tenant (available: demo, shared)", refused, StringComparison.Ordinal);
        Assert.Equal(7, shared.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Contains("(available: demo)", notShared, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Fact]
    public async Task ScheduleFollowup_RecordsAndRemindsUnderTheSchedulingTenant()
    {
        var storage = new InMemoryStorage();
        await using var host = ToolHost.Create(configure: s => s
            .AddSingleton<JobStorage>(storage)
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage)));
        var output = await host.OkAsync("schedule_followup", new { message = "Call Maria", delayHours = 1 }, idempotencyKey: "run1:fu", tenant: Acme);
        var id = output.GetProperty("followupId").GetString()!;

        await new FollowupJob(host.Services).ExecuteAsync(id, CancellationToken.None);

        var own = await host.OkAsync("memory_get", new { @namespace = "followups", key = id }, tenant: Acme);
        var other = await host.OkAsync("memory_get", new { @namespace = "followups", key = id }, tenant: Globex);
        var otherSearch = await host.OkAsync("memory_search", new { @namespace = "followups", query = "Call Maria" });
        Assert.Equal("Call Maria", own.GetProperty("value").GetProperty("message").GetString());
        Assert.False(other.GetProperty("found").GetBoolean());
        Assert.Equal(0, otherSearch.GetProperty("count").GetInt32());
        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        Assert.Equal(Acme, await connection.ExecuteScalarAsync<string>("SELECT tenant FROM tool_followups WHERE id = @id", new { id }));
    }

    private static IEnumerable<string> Paths(System.Text.Json.JsonElement listing) =>
        listing.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()!);
}
