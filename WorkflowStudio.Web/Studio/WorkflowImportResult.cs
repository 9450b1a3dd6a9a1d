using MudBlazor;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// What an import did: the workflow to put on the canvas (null when the document could not be read), the message's severity
/// (<see cref="Severity.Success"/> only for a valid workflow), the message and the first problems in plain words.
/// </summary>
public sealed record WorkflowImportResult(WorkflowDefinition? Workflow, Severity Severity, string Message, IReadOnlyList<string> Problems)
{
    /// <summary>How many problems there are in all (<see cref="Problems"/> lists the first few).</summary>
    public int ProblemCount { get; init; }
}
