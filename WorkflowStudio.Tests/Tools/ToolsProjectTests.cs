using Microsoft.Extensions.DependencyModel;

namespace WorkflowStudio.Tests.Tools;

/// <summary>The heavy packages of the built-in tools belong to WorkflowStudio.Tools, never to the Engine core (read from this test's deps.json).</summary>
public sealed class ToolsProjectTests
{
    private static readonly string[] ToolPackages = ["MailKit", "ScottPlot", "PdfPig", "Scriban.Signed"];

    [Fact]
    public void EngineProject_Dependencies_CarryNoToolPackage()
    {
        var engine = Project("WorkflowStudio.Engine");

        Assert.Empty(engine.Dependencies.Select(d => d.Name).Intersect(ToolPackages, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void ToolsProject_Dependencies_AreTheEngineAndTheToolPackages()
    {
        var tools = Project("WorkflowStudio.Tools");

        Assert.Equal(ToolPackages.Append("WorkflowStudio.Engine").Order(StringComparer.Ordinal), tools.Dependencies.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    private static RuntimeLibrary Project(string name) =>
        Assert.Single(DependencyContext.Default!.RuntimeLibraries, l => l.Type == "project" && l.Name == name);
}
