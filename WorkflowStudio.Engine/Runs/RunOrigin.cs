namespace WorkflowStudio.Engine.Runs;

/// <summary>How a run was started, as journaled on the run row; read from the actor that asked (the audit log's name).</summary>
public static class RunOrigin
{
    public const string Manual = "manual";
    public const string Scheduled = "scheduled";
    public const string FollowUp = "followup";
    public const string Api = "api";
    public const string Mcp = "mcp";
    public const string Cli = "cli";

    /// <summary>
    /// The origin of a run started by <paramref name="actor"/>: <c>schedule:ID</c> is scheduled, <c>followup:…</c> a follow-up,
    /// <c>key:PREFIX</c> the API, <c>mcp:…</c> an MCP client, <c>cli:…</c> the command line; anyone else (a signed-in user,
    /// the open studio) started it by hand.
    /// </summary>
    public static string Of(string? actor) => actor switch
    {
        null => Manual,
        _ when actor.StartsWith("schedule:", StringComparison.Ordinal) => Scheduled,
        _ when actor.StartsWith("followup:", StringComparison.Ordinal) => FollowUp,
        _ when actor.StartsWith("key:", StringComparison.Ordinal) => Api,
        _ when actor.StartsWith("mcp:", StringComparison.Ordinal) => Mcp,
        _ when actor.StartsWith("cli:", StringComparison.Ordinal) => Cli,
        _ => Manual,
    };
}
