using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Tests.Workflows;

/// <summary>Keeps examples/ and docs/workflow.schema.json honest: every example parses, matches the schema and validates.</summary>
public sealed class WorkflowExamplesTests : IClassFixture<WorkflowExamplesTests.RealCatalog>
{
    private readonly RealCatalog _catalog;

    public WorkflowExamplesTests(RealCatalog catalog) => _catalog = catalog;

    /// <summary>The catalog the README's commands use: the built-in tools plus the servers of examples/mcp.json, started for real.</summary>
    public sealed class RealCatalog : IAsyncLifetime
    {
        private ServiceProvider? _services;

        public IToolCatalog Catalog => _services!.GetRequiredService<IToolCatalog>();

        public Task InitializeAsync()
        {
            _services = new ServiceCollection()
                .AddLogging()
                .AddWorkflowStudioTools(o => o.ConfigFile = Path.Combine(FindRoot(), "examples", "mcp.json"))
                .AddBuiltinTools()
                .BuildServiceProvider();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await _services!.DisposeAsync();
    }

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string RepositoryRoot = FindRoot();

    public static TheoryData<string> WorkflowExamples => Examples(root => root.TryGetProperty("nodes", out _));

    public static TheoryData<string> SeedExamples => Examples(root => root.TryGetProperty("orchestration", out _));

    private static JsonElement Schema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "workflow.schema.json")));
        return document.RootElement.Clone();
    }

    private IToolCatalog Catalog() => _catalog.Catalog;

    [Fact]
    public void Examples_Folder_HoldsWorkflowsAndSeeds()
    {
        Assert.NotEmpty(WorkflowExamples);
        Assert.NotEmpty(SeedExamples);
    }

    [Theory]
    [MemberData(nameof(WorkflowExamples))]
    public void Example_Workflow_MatchesTheJsonSchema(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file), Lenient);

        Assert.Empty(JsonSchemaChecker.Check(Schema(), document.RootElement, "$"));
    }

    [Theory]
    [MemberData(nameof(WorkflowExamples))]
    public async Task Example_Workflow_ParsesAndValidates(string file)
    {
        var result = WorkflowJson.Parse(File.ReadAllText(file));

        Assert.Empty(result.Errors);
        Assert.Empty(await WorkflowValidator.ValidateAsync(result.Workflow!, Catalog(), null, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(SeedExamples))]
    public async Task Example_Seed_ImportsAndValidates(string file)
    {
        var catalog = Catalog();
        var result = await WorkflowLoader.LoadAsync(File.ReadAllText(file), catalog, CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Empty(await WorkflowValidator.ValidateAsync(result.Workflow!, catalog, null, CancellationToken.None));
    }

    [Theory]
    [InlineData("""{ "name": "x", "nodes": [ { "id": "a", "tool": "s/t", "dependson": [] } ] }""", "$.nodes[0].dependson: unknown property; did you mean 'dependsOn'?")]
    [InlineData("""{ "name": "x", "nodes": [ { "id": "1a", "tool": "s/t" } ] }""", "$.nodes[0].id: must match the pattern '^[A-Za-z_][A-Za-z0-9_-]*$'; got \"1a\"")]
    [InlineData("""{ "name": "x", "nodes": [ { "id": "a", "tool": "st" } ] }""", "$.nodes[0].tool: must match the pattern '^[^/\\s]+/\\S.*$'; got \"st\"")]
    [InlineData("""{ "name": "x", "nodes": [ { "id": "a", "tool": "s/t", "retry": { "maxAttempts": 0 } } ] }""", "$.nodes[0].retry.maxAttempts: must be at least 1, got 0")]
    [InlineData("""{ "name": "x", "nodes": [] }""", "$.nodes: must have at least 1 item(s), got 0")]
    [InlineData("""{ "name": "x", "inputs": { "p": { "type": "date" } }, "nodes": [ { "id": "a", "tool": "s/t" } ] }""", "$.inputs.p.type: must be one of \"string\", \"number\", \"integer\", \"boolean\", \"object\", \"array\"; got \"date\"")]
    public void Schema_BrokenWorkflow_IsRejected(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Contains(expected, JsonSchemaChecker.Check(Schema(), document.RootElement, "$").Select(e => e.ToString()));
    }

    private static TheoryData<string> Examples(Func<JsonElement, bool> keep)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "examples"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), Lenient);
            if (document.RootElement.ValueKind == JsonValueKind.Object && keep(document.RootElement))
            {
                data.Add(file);
            }
        }
        return data;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkflowStudio.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"WorkflowStudio.sln not found above {AppContext.BaseDirectory}.");
    }
}
