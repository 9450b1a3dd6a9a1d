using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

/// <summary>The node's <c>cache</c> object: read, written back, and refused where reusing a result is not harmless.</summary>
public sealed class NodeCacheFieldsTests
{
    private readonly InMemoryToolCatalog _catalog = InMemoryToolCatalog.WithBuiltins()
        .Add("svc", "lookup", annotations: new ToolAnnotations { ReadOnly = true })
        .Add("svc", "render", annotations: new ToolAnnotations { ReadOnly = false, Idempotent = true })
        .Add("svc", "send")
        .Add("svc", "delete", annotations: new ToolAnnotations { ReadOnly = false, Destructive = true, Idempotent = true });

    private async Task<string[]> ValidateNodeAsync(string node)
    {
        var parsed = WorkflowJson.Parse($$"""{ "name": "t", "inputs": { "region": { "type": "string", "default": "eu" } }, "nodes": [ {{node}} ] }""");
        Assert.Empty(parsed.Errors);
        return (await WorkflowValidator.ValidateAsync(parsed.Workflow!, _catalog)).Select(e => e.ToString()).ToArray();
    }

    [Fact]
    public void Parse_CacheObject_RoundTrips()
    {
        var workflow = WorkflowJson.Parse("""
            { "name": "t", "nodes": [ { "id": "a", "tool": "svc/send", "cache": { "ttlSeconds": 600, "key": "{{ inputs.region }}", "force": true } } ] }
            """).Workflow!;

        var again = WorkflowJson.Parse(WorkflowJson.Serialize(workflow)).Workflow!;

        Assert.Equal(new NodeCache { TtlSeconds = 600, Key = "{{ inputs.region }}", Force = true }, again.Nodes[0].Cache);
    }

    [Theory]
    [InlineData("""{ "ttlSeconds": 60, "ttl": 5 }""", "$.nodes[0].cache.ttl: unknown property")]
    [InlineData("""{ "key": "x" }""", "$.nodes[0].cache.ttlSeconds: missing")]
    public void Parse_BadCacheObject_ReportsThePath(string cache, string expected)
    {
        var parsed = WorkflowJson.Parse($$"""{ "name": "t", "nodes": [ { "id": "a", "tool": "svc/lookup", "cache": {{cache}} } ] }""");

        Assert.Contains(parsed.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "id": "a", "tool": "svc/lookup", "cache": { "ttlSeconds": 60 } }""")]
    [InlineData("""{ "id": "a", "tool": "svc/render", "cache": { "ttlSeconds": 2592000, "key": "{{ inputs.region }}" } }""")]
    [InlineData("""{ "id": "a", "tool": "svc/send", "cache": { "ttlSeconds": 1, "force": true } }""")]
    public async Task ValidateAsync_CacheOnAReusableToolOrForced_ReportsNothing(string node) =>
        Assert.Empty(await ValidateNodeAsync(node));

    [Fact]
    public async Task ValidateAsync_CacheOnADestructiveTool_IsRefusedEvenWhenForced()
    {
        var errors = await ValidateNodeAsync("""{ "id": "a", "tool": "svc/delete", "cache": { "ttlSeconds": 60, "force": true } }""");

        Assert.Equal(["$.nodes[0].cache: 'svc/delete' is annotated destructive, so its result is never reused: remove \"cache\" from the node (\"force\" does not apply)"], errors);
    }

    [Fact]
    public async Task ValidateAsync_CacheOnAnUnannotatedToolWithoutForce_SaysHowToFixIt()
    {
        var errors = await ValidateNodeAsync("""{ "id": "a", "tool": "svc/send", "cache": { "ttlSeconds": 60 } }""");

        var error = Assert.Single(errors);
        Assert.StartsWith("$.nodes[0].cache: 'svc/send' is annotated neither read-only nor idempotent", error, StringComparison.Ordinal);
        Assert.Contains("add \"force\": true", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2592001)]
    public async Task ValidateAsync_TtlOutOfRange_ReportsTheRange(int ttl) =>
        Assert.Equal([$"$.nodes[0].cache.ttlSeconds: must be between 1 and 2592000 (30 days), got {ttl}"],
            await ValidateNodeAsync($$"""{ "id": "a", "tool": "svc/lookup", "cache": { "ttlSeconds": {{ttl}} } }"""));

    [Fact]
    public async Task ValidateAsync_KeyBindsAnUnknownInput_ReportsTheKeyPath()
    {
        var errors = await ValidateNodeAsync("""{ "id": "a", "tool": "svc/lookup", "cache": { "ttlSeconds": 60, "key": "{{ inputs.regoin }}" } }""");

        Assert.StartsWith("$.nodes[0].cache.key", Assert.Single(errors), StringComparison.Ordinal);
    }
}
