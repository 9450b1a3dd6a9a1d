namespace WorkflowStudio.Bench;

/// <summary>Scenario names for <c>--only</c>.</summary>
internal static class ScenarioNames
{
    public const string CriticalPath = "critical-path";
    public const string SideBySide = "side-by-side";
    public const string Throughput = "throughput";
    public const string Scaling = "scaling";
    public const string Seed = "seed";
    public const string Mcp = "mcp";
    public const string Embeddings = "embeddings";
    public const string Cache = "cache";

    public static readonly IReadOnlyList<string> All = [CriticalPath, SideBySide, Throughput, Scaling, Seed, Mcp, Embeddings, Cache];
}
