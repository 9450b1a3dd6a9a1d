namespace WorkflowStudio.Tests.Tools.Files;

public sealed class FilesToolsTests
{
    [Fact]
    public async Task FilesWrite_ThenReadAndList_RoundTripsUnderTheRoot()
    {
        await using var host = ToolHost.Create();

        var written = await host.OkAsync("files_write", new { path = "notes/today.md", content = "# Hello\nworld" });
        var read = await host.OkAsync("files_read", new { path = "notes/today.md" });
        var listed = await host.OkAsync("files_list", new { path = "notes" });

        Assert.Equal("notes/today.md", written.GetProperty("path").GetString());
        Assert.Equal(Path.Combine(host.FilesRoot, "notes", "today.md"), written.GetProperty("file").GetString());
        Assert.Equal("# Hello\nworld", read.GetProperty("content").GetString());
        Assert.Equal("notes/today.md", Assert.Single(listed.GetProperty("entries").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task FilesRead_JsonFile_IsAlsoParsed()
    {
        await using var host = ToolHost.Create();

        var read = await host.OkAsync("files_read", new { path = "demo/feeds/marketing-trends.json" });

        Assert.Equal(8, read.GetProperty("json").GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("notes/../../outside.txt")]
    [InlineData("/etc/passwd")]
    public async Task Files_PathOutsideTheRoot_IsRejected(string path)
    {
        await using var host = ToolHost.Create();

        var write = await host.ErrorAsync("files_write", new { path, content = "x" });
        var read = await host.ErrorAsync("files_read", new { path });

        Assert.Contains("outside the files root", write, StringComparison.Ordinal);
        Assert.Contains("outside the files root", read, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.DataDir, "outside.txt")));
    }

    [Fact]
    public async Task FilesRead_ThroughALinkOutOfTheRoot_IsRejected()
    {
        await using var host = ToolHost.Create();
        Directory.CreateDirectory(host.FilesRoot);
        var secret = Path.Combine(host.DataDir, "secret.txt");
        await File.WriteAllTextAsync(secret, "secret");
        File.CreateSymbolicLink(Path.Combine(host.FilesRoot, "link.txt"), secret);

        var error = await host.ErrorAsync("files_read", new { path = "link.txt" });

        Assert.Contains("link out of the files root", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesRead_LargerThanTheLimit_IsTruncatedWithANote()
    {
        await using var host = ToolHost.Create([new("Tools:Files:MaxReadBytes", "10")]);
        await host.OkAsync("files_write", new { path = "big.txt", content = new string('a', 25) });

        var read = await host.OkAsync("files_read", new { path = "big.txt" });

        Assert.True(read.GetProperty("truncated").GetBoolean());
        Assert.StartsWith("aaaaaaaaaa\n[truncated: 15 more bytes", read.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesWrite_WrongArgumentType_SaysWhereAndWhat()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("files_write", new { path = "a.txt", content = 5 });

        Assert.Contains("$.content: expected string, got number 5", error, StringComparison.Ordinal);
    }
}
