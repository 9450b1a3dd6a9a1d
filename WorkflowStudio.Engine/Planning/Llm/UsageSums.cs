using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning.Llm;

internal static class UsageSums
{
    public static RunUsage Plus(this RunUsage a, RunUsage b) => new()
    {
        Calls = a.Calls + b.Calls,
        InputTokens = a.InputTokens + b.InputTokens,
        OutputTokens = a.OutputTokens + b.OutputTokens,
        CostUsd = a.CostUsd + b.CostUsd,
    };
}
