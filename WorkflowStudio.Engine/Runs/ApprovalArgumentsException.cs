using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Runs;

/// <summary>Arguments edited before an approval that the node's tool would refuse: the node keeps waiting, nothing is recorded.</summary>
public sealed class ApprovalArgumentsException : Exception
{
    public ApprovalArgumentsException(string message, IReadOnlyList<ValidationError>? errors = null) : base(message) => Errors = errors ?? [];

    /// <summary>Each mismatch with the tool's input schema, located under <c>$.args</c>.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
