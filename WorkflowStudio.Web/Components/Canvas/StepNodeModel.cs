using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Canvas;

/// <summary>
/// A workflow node on the diagram: its id and tool, plus what the canvas decorates it with (run state, problems, critical path).
/// </summary>
/// <remarks>
/// The node has a fixed size and its two ports a fixed place on it (app.css draws them there), so the ports' geometry is
/// set here from the model instead of being measured in the browser. Z.Blazor.Diagrams measures an uninitialized port
/// once, after its first render, and gives up silently when the canvas has not measured itself yet; a link between
/// unmeasured ports is not drawn at all. That is what happened to every graph loaded before the circuit was interactive
/// (a template opened by URL), and a port measured while the page above the canvas was still changing kept a stale place.
/// Ports that are initialized from the model are never measured; moving the node moves them with it.
/// </remarks>
public sealed class StepNodeModel : NodeModel
{
    /// <summary>The port's diameter in canvas units (app.css: <c>.studio-port</c>).</summary>
    public const double PortSize = 16;

    /// <summary>How far a port sticks out of its side of the node, in canvas units (app.css: <c>.studio-port.left/.right</c>).</summary>
    public const double PortOverhang = 8;

    public StepNodeModel(string stepId, string tool, Point position)
        : base(stepId, position)
    {
        StepId = stepId;
        Tool = tool;
        Title = stepId;
        Size = new Size(LayoutOptions.DefaultNodeWidth, LayoutOptions.DefaultNodeHeight);
        ControlledSize = true;
        Input = AddPort(Port(PortAlignment.Left, position));
        Output = AddPort(Port(PortAlignment.Right, position));
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

    private PortModel Port(PortAlignment alignment, Point node)
    {
        var x = alignment == PortAlignment.Left
            ? node.X - PortOverhang
            : node.X + LayoutOptions.DefaultNodeWidth + PortOverhang - PortSize;
        var y = node.Y + (LayoutOptions.DefaultNodeHeight - PortSize) / 2;
        return new PortModel(this, alignment, new Point(x, y), new Size(PortSize, PortSize)) { Initialized = true };
    }
}
