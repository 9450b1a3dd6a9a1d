using System.Text.Json;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Studio;

/// <summary>A step whose tool server asks a person for input, as the input panel lists it: the node, its tool, the question and its form.</summary>
public sealed record PendingInput(string NodeId, string Tool, string Message, JsonElement RequestedSchema)
{
    /// <summary>The form's fields (string, number, integer, boolean, enum), required ones first.</summary>
    public IReadOnlyList<SchemaField> Fields => SchemaForm.Fields(RequestedSchema);

    /// <summary>The steps of a run result that wait for an answer.</summary>
    public static IReadOnlyList<PendingInput> Of(RunResult? result) =>
        result is null ? [] : [.. result.Results.Where(r => r.Status == NodeStatus.AwaitingInput && r.Input is not null)
            .Select(r => new PendingInput(r.ActionId, r.Tool, r.Input!.Message, r.Input.RequestedSchema))];
}
