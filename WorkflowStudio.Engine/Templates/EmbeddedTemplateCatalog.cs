using System.Reflection;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Templates;

/// <summary>
/// Built-in templates: <c>Templates/Builtin/ID.json</c> files embedded in the engine, each a workflow in our format
/// with a <c>template</c> object (<c>title</c>, <c>tags</c>) beside it. A broken template fails start-up, not a user's run.
/// </summary>
internal sealed class EmbeddedTemplateCatalog : ITemplateCatalog
{
    private const string Prefix = "templates/";
    private readonly Dictionary<string, WorkflowTemplate> _byId;

    public EmbeddedTemplateCatalog()
    {
        var assembly = typeof(EmbeddedTemplateCatalog).Assembly;
        Templates = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Load(assembly, n))
            .ToArray();
        _byId = Templates.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<WorkflowTemplate> Templates { get; }

    public WorkflowTemplate? Find(string id) => _byId.GetValueOrDefault(id);

    private static WorkflowTemplate Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        var id = resource[Prefix.Length..^".json".Length];
        var card = TemplateCard.Read(json, id);
        var loaded = WorkflowJson.Parse(TemplateCard.StripCard(json));
        if (loaded.Workflow is null)
        {
            throw new InvalidDataException($"Built-in template '{id}' does not parse: {string.Join("; ", loaded.Errors)}");
        }
        return new WorkflowTemplate
        {
            Id = id,
            Title = card.Title,
            Description = loaded.Workflow.Description ?? card.Title,
            Tags = card.Tags,
            Workflow = loaded.Workflow,
        };
    }
}
