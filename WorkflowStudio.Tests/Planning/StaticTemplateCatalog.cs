using WorkflowStudio.Engine.Templates;

namespace WorkflowStudio.Tests.Planning;

/// <summary>A fixed template gallery (controlled content; the real one is <c>EmbeddedTemplateCatalog</c>).</summary>
internal sealed class StaticTemplateCatalog : ITemplateCatalog
{
    public StaticTemplateCatalog(IReadOnlyList<WorkflowTemplate> templates)
    {
        Templates = templates;
    }

    public IReadOnlyList<WorkflowTemplate> Templates { get; }

    public WorkflowTemplate? Find(string id) => Templates.FirstOrDefault(t => t.Id == id);
}
