namespace WorkflowStudio.Engine.Workflows;

/// <summary>Reads back a definition the run journal stored with <see cref="WorkflowJson.Serialize"/>.</summary>
internal static class JournaledWorkflow
{
    public static WorkflowDefinition Parse(string json)
    {
        var loaded = WorkflowJson.Parse(json);
        return loaded.Workflow ?? throw new InvalidDataException(
            $"The journaled workflow definition no longer parses: {string.Join("; ", loaded.Errors)}");
    }
}
