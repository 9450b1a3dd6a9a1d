using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>A model's text, or why there is none; with the call's usage.</summary>
internal sealed record ModelReply(string? Text, string? Error, RunUsage Usage)
{
    public bool Succeeded => Error is null;
}
