using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>The re-planner's message: the workflow as it ran, what succeeded (outputs as data), what failed and why.</summary>
internal static class ReplanPrompt
{
    public const string System = PlannerPrompt.System + """

        You are now REPAIRING a running workflow after a node failed for good (its retries and fallback are exhausted).
        Answer with the whole revised workflow: keep every succeeded node exactly as it is (same id, tool, args), and
        replace, change or remove the failed node and the nodes that have not run so the request can still be met.
        Do not run the failed call again unchanged. Do not introduce destructive tools the workflow did not already use.
        """;

    public static string Build(ReplanRequest request, IReadOnlyList<ToolDescriptor> tools)
    {
        var text = new StringBuilder();
        if (request.Request is { } words)
        {
            text.AppendLine("The original request:");
            text.AppendLine(PromptData.Block("request", words));
        }
        text.AppendLine("The workflow as it ran:");
        text.AppendLine(PromptData.Block("workflow", WorkflowJson.Serialize(request.Workflow)));
        text.AppendLine($"Succeeded nodes (keep them unchanged): {string.Join(", ", request.SucceededOutputs.Keys)}. Their outputs:");
        foreach (var (id, output) in request.SucceededOutputs)
        {
            text.AppendLine(PromptData.Block($"output:{id}", output));
        }
        text.AppendLine($"Failed node: '{request.FailedNode}'. Its final error:");
        text.AppendLine(PromptData.Block("error", request.Error));
        if (request.Inputs.Count > 0)
        {
            text.AppendLine("The run's inputs:");
            text.AppendLine(PromptData.Block("inputs", JsonSerializer.Serialize(request.Inputs)));
        }
        text.AppendLine("The tool catalog (JSON array of tool, description, inputSchema, annotations):");
        text.AppendLine(PromptData.Block("catalog", PlannerPrompt.Catalog(tools)));
        text.Append("Answer with the whole revised workflow JSON only.");
        return text.ToString();
    }
}
