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

        var group = Assert.Single(palette.Groups, g => g.Server == "builtin");
        Assert.Contains("delay", group.Tools.Select(t => t.Name));
        Assert.Contains("echo", group.Tools.Select(t => t.Name));
        Assert.Equal(group.Tools.Select(t => t.Name).Order(StringComparer.Ordinal), group.Tools.Select(t => t.Name));
        Assert.Contains("delay", palette.Filter("milliseconds").SelectMany(g => g.Tools).Select(t => t.Name));
        Assert.DoesNotContain("echo", palette.Filter("milliseconds").SelectMany(g => g.Tools).Select(t => t.Name));
        Assert.Empty(palette.Filter("no such tool"));
        Assert.Equal(group.Tools.Count, palette.Filter("builtin").Single(g => g.Server == "builtin").Tools.Count);
        Assert.NotNull(palette.Find("builtin/echo"));
    }

    [Fact]
    public async Task LoadAsync_SourceWithoutTools_IsNotListed()
    {
        using var builtin = new BuiltinCatalog();
        Assert.Contains("openapi", builtin.Catalog.Servers);

        var palette = await ToolPaletteModel.LoadAsync(builtin.Catalog);

        // No OpenAPI document is imported: the Tools page, Home and the canvas palette all leave the source out.
        Assert.DoesNotContain(palette.Groups, g => g.Server == "openapi");
    }

    [Fact]
    public void Badges_FromAnnotations()
    {
        Assert.Equal(["read-only", "idempotent"], ToolPaletteModel.Badges(new ToolAnnotations { ReadOnly = true, Idempotent = true }));
        Assert.Equal(["destructive", "open-world"], ToolPaletteModel.Badges(new ToolAnnotations { Destructive = true, OpenWorld = true }));
        Assert.Empty(ToolPaletteModel.Badges(ToolAnnotations.Unknown));
    }
}
