namespace WorkflowStudio.Engine.Execution.CrashPoints;

/// <summary>Production: no crash point does anything.</summary>
internal sealed class NoCrashPoints : ICrashPoints
{
    public void Reached(CrashPoint point, string runId, string? nodeId)
    {
    }
}
