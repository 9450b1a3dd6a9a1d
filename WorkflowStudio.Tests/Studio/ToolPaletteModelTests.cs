using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

public sealed class ToolPaletteModelTests
{
    [Fact]
    public async Task LoadAsync_BuiltinCatalog_GroupsToolsByServer_AndSearchFilters()
    {
        using var builtin = new BuiltinCatalog();

        var palette = await ToolPaletteModel.LoadAsync(builtin.Catalog);

        // Every configured source is a group (the built-ins, and the OpenAPI source even when it imports nothing).
        Assert.Contains("openapi", palette.Groups.Select(g => g.Server));
        var group = palette.Groups.Single(g => g.Server == "builtin");
        Assert.Contains("delay", group.Tools.Select(t => t.Name));
        Assert.Contains("echo", group.Tools.Select(t => t.Name));
        Assert.Equal(group.Tools.Select(t => t.Name).Order(StringComparer.Ordinal), group.Tools.Select(t => t.Name));
        Assert.Contains("delay", palette.Filter("wait").Single(g => g.Server == "builtin").Tools.Select(t => t.Name));
        Assert.Empty(palette.Filter("no such tool"));
        Assert.Equal(group.Tools.Count, palette.Filter("builtin").Single().Tools.Count);
        Assert.NotNull(palette.Find("builtin/echo"));
    }

    [Fact]
    public void Badges_FromAnnotations()
    {
        Assert.Equal(["read-only", "idempotent"], ToolPaletteModel.Badges(new ToolAnnotations { ReadOnly = true, Idempotent = true }));
        Assert.Equal(["destructive", "open-world"], ToolPaletteModel.Badges(new ToolAnnotations { Destructive = true, OpenWorld = true }));
        Assert.Empty(ToolPaletteModel.Badges(ToolAnnotations.Unknown));
    }
}
