namespace WorkflowStudio.Engine.Runs;

/// <summary>An answer to a node's question that does not fit the form it was asked with; <see cref="Problems"/> names each field.</summary>
public sealed class InputAnswerException(string runId, string nodeId, IReadOnlyList<string> problems)
    : Exception($"the answer to node '{nodeId}' of run {runId} does not fit its form: {string.Join("; ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
