namespace WorkflowStudio.Tests.Tools.Memory;

public sealed class MemoryAndVectorToolsTests
{
    [Fact]
    public async Task MemoryPut_ThenGet_ReturnsTheValue()
    {
        await using var host = ToolHost.Create();

        var first = await host.OkAsync("memory_put", new { key = "customer:C-1001", value = new { name = "Maria", tier = "Business" } });
        var second = await host.OkAsync("memory_put", new { key = "customer:C-1001", value = new { name = "Maria", tier = "Enterprise" } });
        var got = await host.OkAsync("memory_get", new { key = "customer:C-1001" });
        var missing = await host.OkAsync("memory_get", new { key = "customer:none" });

        Assert.True(first.GetProperty("created").GetBoolean());
        Assert.False(second.GetProperty("created").GetBoolean());
        Assert.Equal("Enterprise", got.GetProperty("value").GetProperty("tier").GetString());
        Assert.False(missing.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task MemoryGet_AfterTheTtl_IsGone()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("memory_put", new { key = "otp", value = "1234", ttlSeconds = 60 });

        host.Time.Advance(TimeSpan.FromSeconds(61));
        var got = await host.OkAsync("memory_get", new { key = "otp" });

        Assert.False(got.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task MemorySearch_RanksByMatchingWords_AndFiltersByTagAndNamespace()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("memory_put", new { key = "a", value = "refund approved for duplicate charge", tags = new[] { "billing" } });
        await host.OkAsync("memory_put", new { key = "b", value = "charge disputed", tags = new[] { "billing" } });
        await host.OkAsync("memory_put", new { key = "c", value = "newsletter sent" });
        await host.OkAsync("memory_put", new { key = "d", value = "refund duplicate charge", @namespace = "other" });

        var results = await host.OkAsync("memory_search", new { query = "duplicate charge refund" });
        var tagged = await host.OkAsync("memory_search", new { query = "charge", tag = "billing" });

        Assert.Equal(["a", "b"], results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(2, tagged.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task VectorSearch_LocalModel_FindsTheClosestText()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("vector_upsert", new
        {
            collection = "kb",
            items = new object[]
            {
                new { id = "refunds", text = "How to refund a duplicate charge on a customer's invoice", metadata = new { team = "billing" } },
                new { id = "sso", text = "Fixing single sign-on login loops for enterprise accounts" },
                new { id = "export", text = "Exporting invoices as CSV files from the billing page" },
            },
        });

        var found = await host.OkAsync("vector_search", new { collection = "kb", query = "customer charged twice, wants a refund", topK = 2 });

        var top = found.GetProperty("results")[0];
        Assert.Equal("refunds", top.GetProperty("id").GetString());
        Assert.Equal("billing", top.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal("local/all-MiniLM-L6-v2", found.GetProperty("model").GetString());
        Assert.Equal(2, found.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task VectorSearch_UnknownCollection_SaysHowToFill()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("vector_search", new { collection = "empty", query = "x" });

        Assert.Contains("fill it with builtin/vector_upsert", error, StringComparison.Ordinal);
    }
}
