using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>
/// A server from before the 2026-07-28 revision (<c>servers/legacy-server.cjs</c>, node over stdio) that answers the
/// unknown <c>server/discover</c> probe with <c>{}</c>: the hub falls back to the initialize handshake, or is told the
/// revision to use.
/// </summary>
public sealed class LegacyServerTests
{
    private static string Entry(string? protocolVersion) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["command"] = "node",
        ["args"] = new[] { Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Tools", "servers", "legacy-server.cjs") },
        ["protocolVersion"] = protocolVersion,
    });

    [Theory]
    [InlineData(null)]
    [InlineData("2025-06-18")]
    public async Task InvokeAsync_ServerAnswersDiscoverWithAnEmptyResult_ConnectsWithInitialize(string? protocolVersion)
    {
        await using var hub = TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "legacy": {{Entry(protocolVersion)}} } }"""));

        var tools = await hub.GetToolsAsync("legacy");
        var result = await hub.InvokeAsync(TestServers.Call("legacy", "legacy_echo", """{ "text": "hi" }"""));

        Assert.Equal("legacy_echo", Assert.Single(tools).Name);
        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal("legacy: hi", result.Output.GetString());
    }

    [Fact]
    public void Config_UnknownProtocolVersion_IsAnErrorNamingTheKnownOnes()
    {
        var error = Assert.ThrowsAny<Exception>(() => TestServers.Config("""{ "mcpServers": { "legacy": { "command": "node", "protocolVersion": "2023-01-01" } } }"""));

        Assert.Contains("protocolVersion", error.Message, StringComparison.Ordinal);
        Assert.Contains("2025-11-25", error.Message, StringComparison.Ordinal);
    }
}
