using WorkflowStudio.Engine.Workflows.Seed;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>Writes workflows in the seed's <c>orchestration.actions</c> format (reading it is <see cref="WorkflowLoader"/>'s job).</summary>
public static class SeedFormat
{
    /// <summary>
    /// The workflow as the seed's format: one action per node, <c>step</c> from the dependency depth, the node's tool as
    /// <c>server/tool</c> and its args as <c>params</c>. Inputs, output, retry, timeout, fallback, when, continueOnError,
    /// approval, descriptions and exact dependencies (stages instead) have no place there and are listed in
    /// <see cref="SeedExport.Dropped"/>. A graph with a cycle cannot be written (<see cref="SeedExport.Error"/>).
    /// </summary>
    public static SeedExport Export(WorkflowDefinition workflow) => SeedExporter.Export(workflow);
}
