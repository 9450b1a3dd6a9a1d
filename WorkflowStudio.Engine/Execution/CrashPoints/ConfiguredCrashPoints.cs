using System.Diagnostics;

namespace WorkflowStudio.Engine.Execution.CrashPoints;

/// <summary>Kills this process (SIGKILL: no shutdown, no lease release) the nth time it reaches the configured point.</summary>
internal sealed class ConfiguredCrashPoints : ICrashPoints
{
    /// <summary>Written to stderr just before the kill, so a test knows which process died where.</summary>
    public const string Marker = "studio crash point reached:";
    private readonly CrashPoint _point;
    private readonly int _nth;
    private int _hits;

    public ConfiguredCrashPoints(CrashPoint point, int nth)
    {
        _point = point;
        _nth = nth;
    }

    public void Reached(CrashPoint point, string runId, string? nodeId)
    {
        if (point != _point || Interlocked.Increment(ref _hits) != _nth)
        {
            return;
        }
        Console.Error.WriteLine($"{Marker} {point} (hit {_nth}) run {runId} node {nodeId ?? "-"}");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
    }
}
