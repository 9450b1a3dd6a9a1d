namespace WorkflowStudio.Engine.Execution.CrashPoints;

/// <summary>
/// Test hook called at each <see cref="CrashPoint"/>. The default does nothing; a test registers one that throws or
/// kills the process there (see <see cref="ConfiguredCrashPoints"/>), then checks the engine's guarantees after recovery.
/// </summary>
internal interface ICrashPoints
{
    void Reached(CrashPoint point, string runId, string? nodeId);
}
