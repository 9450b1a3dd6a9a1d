using WorkflowStudio.Web.Cli;

namespace WorkflowStudio.Tests.Tenancy;

/// <summary><c>studio apikey</c> and <c>studio user</c> against a temp data directory.</summary>
public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "wfs-cli-keys", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task CreateListRevoke_ShowsTheKeyOnceAndRevokesIt()
    {
        var (code, created, _) = await RunAsync("apikey", "create", "--tenant", "acme", "--tier", "orchestrated", "--role", "admin");
        Assert.Equal(0, code);
        var key = created.Trim();
        Assert.StartsWith("wfs_", key, StringComparison.Ordinal);

        var (_, listed, _) = await RunAsync("apikey", "list");
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Contains(key[..12], listed, StringComparison.Ordinal);
        Assert.Contains("tenant=acme  role=admin", listed, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("apikey", "revoke", key[..12])).Code);
        Assert.Contains("REVOKED", (await RunAsync("apikey", "list", "--tenant", "acme")).Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("apikey", "revoke", key[..12])).Code);
    }

    [Fact]
    public async Task Create_UnknownRole_ExitsTwoNamingTheRoles()
    {
        var (code, _, stderr) = await RunAsync("apikey", "create", "--tenant", "acme", "--role", "owner");
        Assert.Equal(2, code);
        Assert.Contains("admin, editor, viewer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserCreate_ShortPassword_IsRefused()
    {
        var (code, _, stderr) = await RunUserAsync("short\n", "user", "create", "ada");
        Assert.Equal(2, code);
        Assert.Contains("at least 12 characters", stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunUserAsync("a sufficiently long one\n", "user", "create", "ada")).Code);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var parsed = CliArguments.Parse([.. args, "--data-dir", _dataDir], v => v == "apikey" ? new HashSet<string> { "--tenant", "--tier", "--name" } : new HashSet<string>());
        var code = await ApiKeyCommand.ExecuteAsync(parsed, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunUserAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var parsed = CliArguments.Parse([.. args, "--data-dir", _dataDir], _ => new HashSet<string> { "--tenant" });
        var code = await UserCommand.ExecuteAsync(parsed, new StringReader(stdin), stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
