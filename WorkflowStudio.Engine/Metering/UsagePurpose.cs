namespace WorkflowStudio.Engine.Metering;

/// <summary>Why a chat call was made; stored with its usage.</summary>
public static class UsagePurpose
{
    public const string Planning = "planning";
    public const string Repair = "repair";
    public const string Replanning = "replanning";
    public const string Synthesis = "synthesis";

    /// <summary>A workflow node that calls a model (e.g. <c>builtin/ai_chat</c>).</summary>
    public const string Node = "node";

    /// <summary>An MCP server's <c>sampling/createMessage</c> during a node's tool call, answered by the configured model.</summary>
    public const string Sampling = "sampling";
}
