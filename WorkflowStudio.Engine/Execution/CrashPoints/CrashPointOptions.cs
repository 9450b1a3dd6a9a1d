namespace WorkflowStudio.Engine.Execution.CrashPoints;

/// <summary>
/// Configuration section <c>Testing</c>: <c>Testing:CrashAt=point[:nth]</c> kills this process (SIGKILL) the nth time
/// (default 1) it reaches that <see cref="CrashPoint"/>. Refused unless the environment variable
/// <see cref="EnableVariable"/> is <c>1</c>, so a stray setting can never kill a production process.
/// </summary>
internal sealed class CrashPointOptions
{
    public const string SectionName = "Testing";
    public const string EnableVariable = "STUDIO_TESTING_CRASH_POINTS";

    public string? CrashAt { get; set; }

    /// <summary>The point and the hit to crash at, or an error saying what is wrong with <see cref="CrashAt"/>.</summary>
    public (CrashPoint Point, int Nth)? Parse(out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(CrashAt))
        {
            return null;
        }
        var parts = CrashAt.Split(':');
        var nth = 1;
        if (parts.Length > 2 || !Enum.TryParse<CrashPoint>(parts[0], ignoreCase: true, out var point) || !Enum.IsDefined(point)
            || (parts.Length == 2 && (!int.TryParse(parts[1], out nth) || nth < 1)))
        {
            error = $"Testing:CrashAt '{CrashAt}' must be POINT or POINT:N (N >= 1), POINT one of: {string.Join(", ", Enum.GetNames<CrashPoint>())}.";
            return null;
        }
        return (point, nth);
    }
}
