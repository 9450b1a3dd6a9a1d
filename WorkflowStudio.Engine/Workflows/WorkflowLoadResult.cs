namespace WorkflowStudio.Engine.Workflows;

/// <summary>The outcome of reading a workflow document: the workflow, or every error found (never both).</summary>
public sealed record WorkflowLoadResult
{
    /// <summary>Our own format (<c>nodes</c>), see docs/workflow-format.md.</summary>
    public const string WorkflowFormat = "workflow";

    /// <summary>The seed's format (<c>request</c> + <c>orchestration.actions</c>).</summary>
    public const string SeedFormat = "seed";

    /// <summary>The document was not JSON, or neither format could be recognised.</summary>
    public const string UnknownFormat = "unknown";

    /// <summary>The definition; null when <see cref="Errors"/> is not empty.</summary>
    public WorkflowDefinition? Workflow { get; init; }

    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    /// <summary><see cref="WorkflowFormat"/>, <see cref="SeedFormat"/> or <see cref="UnknownFormat"/>.</summary>
    public string Format { get; init; } = UnknownFormat;

    public bool Succeeded => Workflow is not null && Errors.Count == 0;

    internal static WorkflowLoadResult From(WorkflowDefinition? workflow, IReadOnlyList<ValidationError> errors, string format) =>
        new() { Workflow = errors.Count == 0 ? workflow : null, Errors = errors, Format = format };
}
