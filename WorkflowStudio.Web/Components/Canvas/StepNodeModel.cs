using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Canvas;

/// <summary>A workflow node on the diagram: its id and tool, plus what the canvas decorates it with (run state, problems, critical path).</summary>
public sealed class StepNodeModel : NodeModel
{
    public StepNodeModel(string stepId, string tool, Point position)
        : base(stepId, position)
    {
        StepId = stepId;
        Tool = tool;
        Title = stepId;
        Size = new Size(LayoutOptions.DefaultNodeWidth, LayoutOptions.DefaultNodeHeight);
        ControlledSize = true;
        Input = AddPort(PortAlignment.Left);
        Output = AddPort(PortAlignment.Right);
    }

    public string StepId { get; }
    public string Tool { get; }
    public PortModel Input { get; }
    public PortModel Output { get; }
    public NodeRunView Run { get; set; } = new();
    public IReadOnlyList<string> Problems { get; set; } = [];
    public bool Critical { get; set; }

    /// <summary>A cheap fingerprint of the decorations, to refresh only nodes that changed.</summary>
    internal string Decoration => $"{Run.Status}|{Run.Attempts}|{Run.ElapsedMs}|{Run.Error}|{Problems.Count}|{string.Join('|', Problems)}|{Critical}";
}
