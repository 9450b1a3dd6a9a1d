namespace WorkflowStudio.Engine.Templates;

/// <summary>The template gallery.</summary>
public interface ITemplateCatalog
{
    IReadOnlyList<WorkflowTemplate> Templates { get; }

    WorkflowTemplate? Find(string id);
}
