using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>
/// Our workflow JSON format (docs/workflow-format.md): strict reading with every error located by JSONPath,
/// and writing back. Comments (<c>//</c>, <c>/* */</c>) and trailing commas are accepted on reading.
/// </summary>
public static class WorkflowJson
{
    /// <summary>Reads a workflow in our format. Structural problems only; run <see cref="WorkflowValidator"/> for the rest.</summary>
    public static WorkflowLoadResult Parse(string json)
    {
        var errors = new List<ValidationError>();
        using var document = JsonText.TryParse(json, errors);
        if (document is null)
        {
            return WorkflowLoadResult.From(null, errors, WorkflowLoadResult.UnknownFormat);
        }
        var workflow = WorkflowReader.Read(document.RootElement, errors);
        return WorkflowLoadResult.From(workflow, errors, WorkflowLoadResult.WorkflowFormat);
    }

    /// <summary>Writes <paramref name="workflow"/> as indented JSON in our format (defaults omitted); <see cref="Parse"/> reads it back.</summary>
    public static string Serialize(WorkflowDefinition workflow) => WorkflowWriter.Write(workflow);
}
