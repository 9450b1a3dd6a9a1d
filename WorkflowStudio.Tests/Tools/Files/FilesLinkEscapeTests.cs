namespace WorkflowStudio.Tests.Tools.Files;

/// <summary>
/// Symbolic links anywhere on a path (a folder in the middle, the last component, a dangling link) never lead a file tool
/// out of the tenant's files root: reads, writes, listings and the tools that read files by path are all refused.
/// </summary>
public sealed class FilesLinkEscapeTests : IAsyncLifetime
{
    private ToolHost _host = null!;
    private string _outside = null!;
    private string _secret = null!;

    public async Task InitializeAsync()
    {
        _host = ToolHost.Create();
        Directory.CreateDirectory(_host.FilesRoot);
        _outside = Path.Combine(_host.DataDir, "outside");
        Directory.CreateDirectory(Path.Combine(_outside, "sub"));
        _secret = Path.Combine(_outside, "secret.txt");
        await File.WriteAllTextAsync(_secret, "secret");
        await File.WriteAllTextAsync(Path.Combine(_outside, "sub", "deep.txt"), "deep secret");
        Directory.CreateSymbolicLink(Path.Combine(_host.FilesRoot, "linkdir"), _outside);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("linkdir/secret.txt")]
    [InlineData("linkdir/sub/deep.txt")]
    [InlineData("linkdir/../linkdir/secret.txt")]
    public async Task FilesRead_ThroughASymlinkedFolder_IsRefused(string path)
    {
        var error = await _host.ErrorAsync("files_read", new { path });

        Assert.Contains("link out of the files root", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Replace(path, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesWrite_ThroughASymlinkedFolder_IsRefusedAndLeavesTheFile()
    {
        var overwrite = await _host.ErrorAsync("files_write", new { path = "linkdir/secret.txt", content = "owned" });
        var create = await _host.ErrorAsync("files_write", new { path = "linkdir/new/file.txt", content = "owned" });

        Assert.Contains("link out of the files root", overwrite, StringComparison.Ordinal);
        Assert.Contains("link out of the files root", create, StringComparison.Ordinal);
        Assert.Equal("secret", await File.ReadAllTextAsync(_secret));
        Assert.False(Directory.Exists(Path.Combine(_outside, "new")));
    }

    [Fact]
    public async Task FilesWrite_ThroughADanglingLink_IsRefusedAndCreatesNothing()
    {
        var target = Path.Combine(_outside, "created-through-link.txt");
        File.CreateSymbolicLink(Path.Combine(_host.FilesRoot, "dangling.txt"), target);

        var error = await _host.ErrorAsync("files_write", new { path = "dangling.txt", content = "owned" });

        Assert.Contains("link out of the files root", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task FilesList_ASymlinkedFolder_IsRefused()
    {
        var error = await _host.ErrorAsync("files_list", new { path = "linkdir" });

        Assert.Contains("link out of the files root", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesList_RecursiveOverTheRoot_NeverEntersALinkOut()
    {
        var listed = await _host.OkAsync("files_list", new { recursive = true });

        var paths = listed.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToList();
        Assert.DoesNotContain(paths, p => p.StartsWith("linkdir/", StringComparison.Ordinal));
        Assert.DoesNotContain("linkdir", paths);
    }

    [Fact]
    public async Task DataQuery_CsvThroughASymlinkedFolder_IsRefused()
    {
        await File.WriteAllTextAsync(Path.Combine(_outside, "rows.csv"), "a,b\n1,2\n");

        var error = await _host.ErrorAsync("data_query", new { path = "linkdir/rows.csv" });

        Assert.Contains("link out of the files root", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesRead_UnderAFileOrAMissingFolder_SaysThereIsNoFile()
    {
        await _host.OkAsync("files_write", new { path = "plain.txt", content = "x" });

        var underFile = await _host.ErrorAsync("files_read", new { path = "plain.txt/inner.txt" });
        var underMissing = await _host.ErrorAsync("files_read", new { path = "missing/deeper/inner.txt" });

        Assert.Contains("there is no file 'plain.txt/inner.txt'", underFile, StringComparison.Ordinal);
        Assert.Contains("there is no file 'missing/deeper/inner.txt'", underMissing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesRead_ThroughALinkThatStaysInsideTheRoot_IsAllowed()
    {
        var inside = Path.Combine(_host.FilesRoot, "real");
        Directory.CreateDirectory(inside);
        await File.WriteAllTextAsync(Path.Combine(inside, "ok.txt"), "fine");
        Directory.CreateSymbolicLink(Path.Combine(_host.FilesRoot, "alias"), inside);

        var read = await _host.OkAsync("files_read", new { path = "alias/ok.txt" });

        Assert.Equal("fine", read.GetProperty("content").GetString());
    }
}
