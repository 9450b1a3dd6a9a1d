namespace WorkflowStudio.Tests.Integration;

/// <summary>The integration tests share one engine and its servers, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class McpEngineCollection : ICollectionFixture<McpEngineFixture>
{
    public const string Name = "engine over real MCP servers";
}
