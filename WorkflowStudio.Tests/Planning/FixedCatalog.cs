using System.Text.Json;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Planning;

/// <summary>fixed-catalog.json: a fixed tool catalog and template gallery, for planner tests that need controlled content.</summary>
internal sealed record FixedCatalog(IReadOnlyList<ToolDescriptor> Tools, IReadOnlyList<WorkflowTemplate> Templates)
{
    public static string Path => System.IO.Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Planning", "fixed-catalog.json");

    public static FixedCatalog Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        var root = document.RootElement;
        var tools = root.GetProperty("tools").EnumerateArray().Select(t =>
        {
            var name = t.GetProperty("tool").GetString()!;
            var annotations = t.GetProperty("annotations");
            return new ToolDescriptor
            {
                Server = name.Split('/')[0],
                Name = name.Split('/')[1],
                Description = t.GetProperty("description").GetString(),
                InputSchema = t.GetProperty("inputSchema").Clone(),
                Annotations = new ToolAnnotations
                {
                    ReadOnly = Flag(annotations, "readOnly"), Destructive = Flag(annotations, "destructive"),
                    Idempotent = Flag(annotations, "idempotent"), OpenWorld = Flag(annotations, "openWorld"),
                },
            };
        }).ToArray();
        var templates = root.GetProperty("templates").EnumerateArray().Select(t =>
        {
            var loaded = WorkflowJson.Parse(t.GetProperty("workflow").GetRawText());
            Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
            return new WorkflowTemplate
            {
                Id = t.GetProperty("id").GetString()!,
                Title = t.GetProperty("title").GetString()!,
                Description = loaded.Workflow!.Description!,
                Tags = t.GetProperty("tags").EnumerateArray().Select(x => x.GetString()!).ToArray(),
                Workflow = loaded.Workflow,
            };
        }).ToArray();
        return new FixedCatalog(tools, templates);
    }

    public StaticToolCatalog Catalog() => new(Tools);

    public StaticTemplateCatalog Gallery() => new(Templates);

    private static bool? Flag(JsonElement annotations, string name) => annotations.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
