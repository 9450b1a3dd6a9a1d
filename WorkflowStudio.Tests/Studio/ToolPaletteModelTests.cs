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

        var group = Assert.Single(palette.Groups);
        Assert.Equal("builtin", group.Server);
        Assert.Equal(["delay", "echo"], group.Tools.Select(t => t.Name));
        Assert.Equal(["delay"], palette.Filter("wait").Single().Tools.Select(t => t.Name));
        Assert.Empty(palette.Filter("no such tool"));
        Assert.Equal(2, palette.Filter("builtin").Single().Tools.Count);
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
