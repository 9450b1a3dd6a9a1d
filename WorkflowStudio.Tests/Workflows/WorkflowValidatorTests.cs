using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class WorkflowValidatorTests
{
    private readonly InMemoryToolCatalog _catalog = InMemoryToolCatalog.WithBuiltins()
        .Add("everything", "get-sum", """{ "type": "object", "properties": { "a": { "type": "number" }, "b": { "type": "number" } }, "required": ["a", "b"] }""");

    private async Task<string[]> ValidateAsync(string json, IReadOnlyDictionary<string, JsonElement>? inputs = null)
    {
        var parsed = WorkflowJson.Parse(json);
        Assert.Empty(parsed.Errors);
        var errors = await WorkflowValidator.ValidateAsync(parsed.Workflow!, _catalog, inputs, CancellationToken.None);
        return errors.Select(e => e.ToString()).ToArray();
    }

    /// <summary>A workflow with one extra node (<paramref name="node"/>) after a valid node 'a'.</summary>
    private Task<string[]> ValidateNodeAsync(string node) =>
        ValidateAsync($$"""{ "name": "t", "inputs": { "count": { "type": "number", "default": 1 } }, "nodes": [ { "id": "a", "tool": "builtin/echo", "args": { "message": "hi" } }, {{node}} ] }""");

    [Fact]
    public async Task ValidateAsync_ValidWorkflow_ReportsNothing() =>
        Assert.Empty(await ValidateNodeAsync("""
            { "id": "b", "tool": "everything/get-sum", "args": { "a": 1, "b": "{{ inputs.count }}" }, "dependsOn": ["a"], "timeoutSeconds": 30,
              "retry": { "maxAttempts": 3 }, "fallback": { "tool": "builtin/echo", "args": { "message": "{{ steps.a.output }}" } },
              "when": "{{ steps.a.status }}" }
            """));

    [Theory]
    [InlineData("""{ "id": "", "tool": "builtin/echo", "args": { "message": "x" } }""", "$.nodes[1].id: missing: every node needs an id such as \"extract\"")]
    [InlineData("""{ "id": "9x", "tool": "builtin/echo", "args": { "message": "x" } }""", "$.nodes[1].id: '9x' is not a valid id: use letters, digits, '_' and '-', starting with a letter or '_'")]
    [InlineData("""{ "id": "a", "tool": "builtin/echo", "args": { "message": "x" } }""", "$.nodes[1].id: duplicate id 'a' (already used by $.nodes[0])")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "dependsOn": ["b"] }""", "$.nodes[1].dependsOn[0]: node 'b' cannot depend on itself")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "dependsOn": ["A"] }""", "$.nodes[1].dependsOn[0]: no node has id 'A'; did you mean 'a'?")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "dependsOn": ["a", "a"] }""", "$.nodes[1].dependsOn[1]: 'a' is listed twice")]
    [InlineData("""{ "id": "b", "tool": "echo", "args": {} }""", "$.nodes[1].tool: 'echo' is not of the form server/tool (e.g. \"builtin/echo\"; the server is a key of mcpServers or 'builtin')")]
    [InlineData("""{ "id": "b", "tool": "", "args": {} }""", "$.nodes[1].tool: missing: name the tool as server/tool, e.g. \"builtin/echo\"")]
    [InlineData("""{ "id": "b", "tool": "everythin/get-sum" }""", "$.nodes[1].tool: no server named 'everythin' is configured; did you mean 'everything'? (configured: builtin, everything)")]
    [InlineData("""{ "id": "b", "tool": "everything/get-sun" }""", "$.nodes[1].tool: server 'everything' has no tool 'get-sun'; did you mean 'get-sum'?")]
    [InlineData("""{ "id": "b", "tool": "builtin/zzzzzz" }""", "$.nodes[1].tool: server 'builtin' has no tool 'zzzzzz' (it has: echo, delay)")]
    [InlineData("""{ "id": "b", "tool": "everything/get-sum", "args": { "a": 1, "b": "x" } }""", "$.nodes[1].args.b: expected number, got string \"x\"")]
    [InlineData("""{ "id": "b", "tool": "everything/get-sum", "args": { "b": 1 } }""", "$.nodes[1].args: missing required property 'a'")]
    [InlineData("""{ "id": "b", "tool": "builtin/delay", "args": { "secs": 1 } }""", "$.nodes[1].args.secs: unknown property (allowed: seconds)")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "fallback": { "tool": "builtin/delay", "args": { "seconds": -1 } } }""", "$.nodes[1].fallback.args.seconds: must be at least 0, got -1")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "fallback": { "tool": "builtin/nope" } }""", "$.nodes[1].fallback.tool: server 'builtin' has no tool 'nope' (it has: echo, delay)")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "{{ inputs.cuont }}" } }""", "$.nodes[1].args.message: binding 'inputs.cuont': the workflow declares no input 'cuont'; did you mean 'count'? (it has: count)")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "{{ steps.c.output }}" } }""", "$.nodes[1].args.message: binding 'steps.c.output': no node has id 'c'")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "{{ steps.b.output }}" } }""", "$.nodes[1].args.message: binding 'steps.b.output': a node cannot read its own result")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "{{ steps.a.result }}" } }""", "$.nodes[1].args.message: invalid binding: 'steps.a.result': after 'steps.a' write .output, .status, .error or .attempts")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "{{ inputs.count" } }""", "$.nodes[1].args.message: invalid binding: '{{' at character 1 has no matching '}}'")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "when": "steps.a.output.ok" }""", "$.nodes[1].when: 'steps.a.output.ok' contains no binding, so it never changes; write a condition such as \"{{ steps.check.output.ok }}\"")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "when": "{{ env.X }}" }""", "$.nodes[1].when: invalid binding: 'env.X' starts with 'env'; a binding starts with 'inputs.' or 'steps.'")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "timeoutSeconds": 0 }""", "$.nodes[1].timeoutSeconds: must be greater than 0 and at most 86400 (one day), got 0")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "timeoutSeconds": 90000 }""", "$.nodes[1].timeoutSeconds: must be greater than 0 and at most 86400 (one day), got 90000")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "retry": { "maxAttempts": 0 } }""", "$.nodes[1].retry.maxAttempts: must be between 1 and 20 (attempts in total, 1 = no retry), got 0")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "retry": { "maxAttempts": 21 } }""", "$.nodes[1].retry.maxAttempts: must be between 1 and 20 (attempts in total, 1 = no retry), got 21")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "retry": { "backoffSeconds": -0.5 } }""", "$.nodes[1].retry.backoffSeconds: must be 0 or more, got -0.5")]
    [InlineData("""{ "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "retry": { "backoffMultiplier": 0.5 } }""", "$.nodes[1].retry.backoffMultiplier: must be 1 or more (1 = constant delay), got 0.5")]
    public async Task ValidateAsync_OneProblem_ReportsExactlyThatError(string node, string expected) =>
        Assert.Equal([expected], await ValidateNodeAsync(node));

    [Fact]
    public async Task ValidateAsync_LongId_ReportsTheLimit()
    {
        var id = new string('x', WorkflowLimits.MaxIdLength + 1);

        Assert.Equal([$"$.nodes[1].id: is {id.Length} characters long; the limit is {WorkflowLimits.MaxIdLength}"],
            await ValidateNodeAsync($$"""{ "id": "{{id}}", "tool": "builtin/echo", "args": { "message": "x" } }"""));
    }

    [Fact]
    public async Task ValidateAsync_Cycle_NamesItFromItsFirstNodeInTheDocument()
    {
        var errors = await ValidateAsync("""
            { "name": "t", "nodes": [
              { "id": "start", "tool": "builtin/echo", "args": { "message": "x" } },
              { "id": "a", "tool": "builtin/echo", "args": { "message": "{{ steps.c.output }}" } },
              { "id": "b", "tool": "builtin/echo", "args": { "message": "x" }, "dependsOn": ["a", "start"] },
              { "id": "c", "tool": "builtin/echo", "args": { "message": "x" }, "dependsOn": ["b"] } ] }
            """);

        Assert.Equal(["$.nodes[1]: dependency cycle: a -> b -> c -> a (remove one of these dependencies or bindings)"], errors);
    }

    [Fact]
    public async Task ValidateAsync_WorkflowLevelProblems_AreReportedTogetherInDocumentOrder()
    {
        var errors = await ValidateAsync("""
            { "inputs": { "p": { "type": "date" }, "q": { "type": "integer", "default": "x" }, "bad name": { } },
              "nodes": [
                { "id": "a", "tool": "nowhere/x" },
                { "id": "a", "tool": "everything/get-sum", "args": { "a": "1" } } ],
              "output": "{{ steps.z.output }}" }
            """);

        Assert.Equal(string.Join("\n",
        [
            "$.name: missing: give the workflow a short name such as \"q3-report\"",
            "$.inputs.p.type: unknown type 'date' (use one of string, number, integer, boolean, object, array)",
            "$.inputs.q.default: expected integer, got string \"x\"",
            "$.inputs[\"bad name\"]: 'bad name' is not a valid input name: use letters, digits, '_' and '-', starting with a letter or '_'",
            "$.nodes[0].tool: no server named 'nowhere' is configured (configured: builtin, everything)",
            "$.nodes[1].id: duplicate id 'a' (already used by $.nodes[0])",
            "$.nodes[1].args: missing required property 'b'",
            "$.nodes[1].args.a: expected number, got string \"1\"",
            "$.output: binding 'steps.z.output': no node has id 'z'",
        ]), string.Join("\n", errors));
    }

    [Fact]
    public async Task ValidateAsync_NoNodes_SaysAWorkflowNeedsOne() =>
        Assert.Equal(["$.nodes: a workflow needs at least one node"], await ValidateAsync("""{ "name": "t", "nodes": [] }"""));

    [Fact]
    public async Task ValidateAsync_UnreachableServer_OneErrorPerAffectedNodeAndOneLookup()
    {
        _catalog.Unreachable("crm", "failed to start 'node crm.js': exit code 1");

        var errors = await ValidateAsync("""
            { "name": "t", "nodes": [
              { "id": "a", "tool": "crm/find" }, { "id": "b", "tool": "crm/update" }, { "id": "c", "tool": "builtin/echo", "args": { "message": "x" } } ] }
            """);

        Assert.Equal(
        [
            "$.nodes[0].tool: cannot check 'crm/find': server 'crm' could not be reached: failed to start 'node crm.js': exit code 1",
            "$.nodes[1].tool: cannot check 'crm/update': server 'crm' could not be reached: failed to start 'node crm.js': exit code 1",
        ], errors);
        Assert.Equal(1, _catalog.LookupsOf("crm"));
        Assert.Equal(1, _catalog.LookupsOf("builtin"));
        Assert.Equal(0, _catalog.LookupsOf("everything"));
    }

    [Fact]
    public async Task ValidateAsync_ProvidedInputs_ChecksRequiredTypesAndUnknownNames()
    {
        var inputs = new Dictionary<string, JsonElement>
        {
            ["n"] = JsonSerializer.SerializeToElement("three"),
            ["foo"] = JsonSerializer.SerializeToElement(1),
        };

        var errors = await ValidateAsync("""
            { "name": "t", "inputs": { "period": { "type": "string" }, "n": { "type": "integer", "default": 1 } },
              "nodes": [ { "id": "a", "tool": "builtin/echo", "args": { "message": "{{ inputs.period }} {{ inputs.n }}" } } ] }
            """, inputs);

        Assert.Equal(
        [
            "$.inputs.period: required input 'period' was not given: pass --input period=VALUE",
            "--input n=...: expected integer, got string \"three\"",
            "--input foo=...: the workflow declares no input 'foo' (it has: period, n)",
        ], errors);
    }

    [Fact]
    public async Task ValidateAsync_WithoutProvidedInputs_DoesNotRequireInputs() =>
        Assert.Empty(await ValidateAsync("""{ "name": "t", "inputs": { "p": { "type": "string" } }, "nodes": [ { "id": "a", "tool": "builtin/echo", "args": { "message": "{{ inputs.p }}" } } ] }"""));

    [Fact]
    public async Task ValidateAsync_Cancelled_Throws()
    {
        var workflow = WorkflowJson.Parse("""{ "name": "t", "nodes": [ { "id": "a", "tool": "builtin/echo" } ] }""").Workflow!;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            WorkflowValidator.ValidateAsync(workflow, _catalog, null, new CancellationToken(canceled: true)));
    }
}
