using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Validation;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>
/// Checks a workflow before it runs: ids, dependencies, cycles, tools and their argument schemas, bindings,
/// retry and timeout values, inputs. Every problem is reported at once, in document order.
/// </summary>
public static class WorkflowValidator
{
    /// <summary>
    /// Validates <paramref name="workflow"/>. Each referenced server's tools are fetched once; an unreachable server
    /// becomes an error on each node that uses it. With <paramref name="providedInputs"/> (for example from
    /// <see cref="InputParser"/>), required inputs must be present, known and of the declared type.
    /// </summary>
    public static async Task<IReadOnlyList<ValidationError>> ValidateAsync(
        WorkflowDefinition workflow,
        IToolCatalog catalog,
        IReadOnlyDictionary<string, JsonElement>? providedInputs = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(catalog);
        var servers = workflow.Nodes
            .SelectMany(n => n.Fallback is null ? [n.Tool] : new[] { n.Tool, n.Fallback.Tool })
            .Select(t => ToolReference.TryParse(t, out var reference) ? reference.Server : null)
            .OfType<string>();
        var tools = await ToolCatalogSnapshot.LoadAsync(catalog, servers, cancellationToken);
        return new ValidationRun(workflow, tools).Validate(providedInputs);
    }
}
