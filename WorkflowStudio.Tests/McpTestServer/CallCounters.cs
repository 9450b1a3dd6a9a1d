using System.Collections.Concurrent;

namespace McpTestServer;

/// <summary>Per-process call counts by key (for <c>fail_times</c>).</summary>
internal sealed class CallCounters
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Get(string key) => _counts.GetValueOrDefault(key);

    public int Increment(string key) => _counts.AddOrUpdate(key, 1, static (_, n) => n + 1);
}
