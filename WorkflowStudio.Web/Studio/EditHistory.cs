namespace WorkflowStudio.Web.Studio;

/// <summary>Undo/redo over immutable snapshots: <see cref="Record"/> a new state, step back and forth through them.</summary>
public sealed class EditHistory<T>
    where T : class
{
    public const int DefaultCapacity = 200;

    private readonly LinkedList<T> _undo = new();
    private readonly Stack<T> _redo = new();
    private readonly int _capacity;

    public EditHistory(T initial, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Current = initial;
        _capacity = capacity;
    }

    public T Current { get; private set; }
    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;

    /// <summary>Makes <paramref name="next"/> current; the previous state can be undone, redo history is dropped.</summary>
    public void Record(T next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _undo.AddLast(Current);
        if (_undo.Count > _capacity)
        {
            _undo.RemoveFirst();
        }
        _redo.Clear();
        Current = next;
    }

    /// <summary>Replaces the current state without an undo step (e.g. moving a node).</summary>
    public void Replace(T current)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
    }

    public bool Undo()
    {
        if (_undo.Last is not { } previous)
        {
            return false;
        }
        _undo.RemoveLast();
        _redo.Push(Current);
        Current = previous.Value;
        return true;
    }

    public bool Redo()
    {
        if (!_redo.TryPop(out var next))
        {
            return false;
        }
        _undo.AddLast(Current);
        Current = next;
        return true;
    }

    public void Reset(T initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _undo.Clear();
        _redo.Clear();
        Current = initial;
    }
}
