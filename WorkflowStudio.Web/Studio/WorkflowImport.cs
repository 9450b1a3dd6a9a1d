using MudBlazor;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// The studio's import: reads a document in either format (<see cref="WorkflowLoader"/>) and validates what it read, so a
/// workflow with problems is loaded under a warning that lists them, never under a success message.
/// </summary>
internal static class WorkflowImport
{
    /// <summary>How many problems the message lists; the rest are counted.</summary>
    public const int ShownProblems = 5;

    public static async Task<WorkflowImportResult> ReadAsync(string json, IToolCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var loaded = await WorkflowLoader.LoadAsync(json ?? string.Empty, catalog, cancellationToken);
        if (loaded.Workflow is not { } workflow)
        {
            return new WorkflowImportResult(null, Severity.Error, "Nothing was imported: the file is not a workflow the studio can read.",
                Plain(null, loaded.Errors)) { ProblemCount = loaded.Errors.Count };
        }
        var errors = workflow.Nodes.Count == 0 ? [] : await WorkflowValidator.ValidateAsync(workflow, catalog, cancellationToken: cancellationToken);
        if (errors.Count > 0)
        {
            var problems = errors.Count == 1 ? "1 problem" : $"{errors.Count} problems";
            return new WorkflowImportResult(workflow, Severity.Warning,
                $"Imported '{workflow.Name}' with {problems}; it cannot run until they are fixed.", Plain(workflow, errors)) { ProblemCount = errors.Count };
        }
        return new WorkflowImportResult(workflow, Severity.Success, $"Imported '{workflow.Name}'.", []);
    }

    private static string[] Plain(WorkflowDefinition? workflow, IReadOnlyList<ValidationError> errors) =>
        errors.Take(ShownProblems).Select(e => ProblemText.Of(workflow, e)).ToArray();
}
