namespace WorkflowStudio.Bench;

/// <summary>Command line: <c>[--quick | --smoke] [--out FILE.md] [--only name,name]</c>.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    /// <summary>Tiny sizes, embedded engine and in-process tools only: proves the harness runs (the test suite's smoke test).</summary>
    public bool Smoke { get; init; }

    public string? Out { get; init; }

    public IReadOnlySet<string>? Only { get; init; }

    public string Mode => Smoke ? "smoke (tiny sizes; not a measurement)" : Quick ? "quick (short latencies, one repetition, smaller loads)" : "full (median of 3 repetitions)";

    public int Repetitions => Quick || Smoke ? 1 : 3;

    /// <summary>Latencies shrink in quick and smoke modes so the run fits in about a minute.</summary>
    public double LatencyScale => Smoke ? 0.1 : Quick ? 0.3 : 1.0;

    public bool Runs(string scenario) => Only is null || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var known = new HashSet<string>(StringComparer.Ordinal) { "--quick", "--smoke", "--out", "--only" };
        var unknown = args.Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"unknown option {unknown[0]}; usage: WorkflowStudio.Bench [--quick | --smoke] [--out FILE.md] [--only {string.Join(',', ScenarioNames.All)}]");
        }
        var only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (only?.FirstOrDefault(s => !ScenarioNames.All.Contains(s)) is { } bad)
        {
            throw new ArgumentException($"--only: unknown scenario '{bad}'; pick from {string.Join(',', ScenarioNames.All)}");
        }
        return new BenchOptions { Quick = args.Contains("--quick"), Smoke = args.Contains("--smoke"), Out = Value("--out"), Only = only };
    }
}
