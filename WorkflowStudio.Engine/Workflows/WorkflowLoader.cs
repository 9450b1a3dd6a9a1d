using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Json;
using WorkflowStudio.Engine.Workflows.Seed;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>Reads a workflow document in either accepted format: ours (<c>nodes</c>) or the seed's (<c>orchestration</c>).</summary>
public static class WorkflowLoader
{
    /// <summary>
    /// Detects the format and reads the document; seed tool names are resolved through <paramref name="catalog"/>.
    /// The result holds the workflow or every error found; run <see cref="WorkflowValidator.ValidateAsync"/> next.
    /// </summary>
    public static async Task<WorkflowLoadResult> LoadAsync(string json, IToolCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<ValidationError>();
        using var document = JsonText.TryParse(json, errors);
        if (document is null)
        {
            return WorkflowLoadResult.From(null, errors, WorkflowLoadResult.UnknownFormat);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(JsonPathText.Root, $"expected a JSON object (a workflow), got {JsonValueText.Describe(root)}"));
            return WorkflowLoadResult.From(null, errors, WorkflowLoadResult.UnknownFormat);
        }
        var hasNodes = root.TryGetProperty("nodes", out _);
        var hasOrchestration = root.TryGetProperty("orchestration", out _);
        if (hasNodes && hasOrchestration)
        {
            errors.Add(new ValidationError(JsonPathText.Root,
                "the document has both 'nodes' (workflow format) and 'orchestration' (seed format); keep one"));
            return WorkflowLoadResult.From(null, errors, WorkflowLoadResult.UnknownFormat);
        }
        if (hasOrchestration)
        {
            var imported = await SeedImporter.ImportAsync(root, catalog, errors, cancellationToken);
            return WorkflowLoadResult.From(imported, errors, WorkflowLoadResult.SeedFormat);
        }
        if (hasNodes)
        {
            return WorkflowLoadResult.From(WorkflowReader.Read(root, errors), errors, WorkflowLoadResult.WorkflowFormat);
        }
        errors.Add(new ValidationError(JsonPathText.Root,
            "not a workflow: expected a 'nodes' array (workflow format, see docs/workflow-format.md) " +
            "or an 'orchestration' object with 'actions' (seed format)"));
        return WorkflowLoadResult.From(null, errors, WorkflowLoadResult.UnknownFormat);
    }
}
