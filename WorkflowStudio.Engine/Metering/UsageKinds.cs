namespace WorkflowStudio.Engine.Metering;

/// <summary>Kinds of usage lines.</summary>
public static class UsageKinds
{
    public const string ToolCall = "tool_call";
    public const string WorkflowRun = "workflow_run";

    /// <summary>LLM tokens (quantity is input plus output tokens; the tool column holds the model).</summary>
    public const string Tokens = "tokens";
}
