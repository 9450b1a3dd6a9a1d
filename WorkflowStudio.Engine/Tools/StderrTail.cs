namespace WorkflowStudio.Engine.Tools;

/// <summary>The last lines a stdio server wrote to stderr (thread-safe ring buffer).</summary>
internal sealed class StderrTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        if (capacity == 0)
        {
            return;
        }
        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _lines];
        }
    }
}
