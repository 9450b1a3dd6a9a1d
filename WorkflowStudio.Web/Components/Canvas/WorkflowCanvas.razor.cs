using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Canvas;

/// <summary>
/// Renders a <see cref="WorkflowEditor"/> on a Z.Blazor.Diagrams canvas and turns gestures back into editor calls:
/// a link drawn between ports adds a dependency, deleting a link or node removes it, moving a node stores its
/// position. The diagram is rebuilt from the editor after each edit; run state and problems only redecorate nodes.
/// Links are drawn from the model alone (see <see cref="StepNodeModel"/>), so they are right on load, after a layout,
/// an undo or a run event. A loaded workflow is fitted to the view as soon as the canvas knows its size; zoom in, zoom
/// out and fit are buttons and keys (+, −, 0 or F; wwwroot/canvas.js), and the mouse wheel zooms the canvas only.
/// </summary>
public sealed partial class WorkflowCanvas : IAsyncDisposable
{
    private const string LinkColor = "#7986cb";
    private const string CriticalLinkColor = "#e65100";

    private readonly BlazorDiagram _diagram;
    private readonly Dictionary<string, StepNodeModel> _models = new(StringComparer.Ordinal);
    private ElementReference _element;
    private DotNetObjectReference<WorkflowCanvas>? _self;
    private WorkflowEditor? _subscribed;
    private bool _syncing;
    private bool _interactive;

    public WorkflowCanvas()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            GridSize = 10,
        };
        options.Links.DefaultRouter = new NormalRouter();
        options.Links.DefaultPathGenerator = new SmoothPathGenerator();
        options.Links.RequireTarget = true;
        options.Zoom.Minimum = MinZoom;
        options.Zoom.Maximum = MaxZoom;
        _diagram = new BlazorDiagram(options);
        _diagram.RegisterComponent<StepNodeModel, StepNodeWidget>();
        _diagram.Links.Added += OnLinkAdded;
        _diagram.Links.Removed += OnLinkRemoved;
        _diagram.Nodes.Removed += OnNodeRemoved;
        _diagram.SelectionChanged += OnSelectionChanged;
        _diagram.ContainerChanged += OnContainerChanged;
        _diagram.ZoomChanged += OnViewChanged;
        _diagram.PanChanged += OnViewChanged;
    }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public WorkflowEditor Editor { get; set; } = default!;

    [Parameter]
    public RunCanvasState? Run { get; set; }

    [Parameter]
    public ValidationIndex Validation { get; set; } = ValidationIndex.Empty;

    [Parameter]
    public IReadOnlyCollection<string> CriticalPath { get; set; } = [];

    [Parameter]
    public EventCallback<string?> OnSelect { get; set; }

    /// <summary>A tool dropped from the palette, with the canvas point where it landed.</summary>
    [Parameter]
    public EventCallback<Point> OnDrop { get; set; }

    /// <summary>Explains a refused gesture (a link that would make a cycle, a binding that keeps a link).</summary>
    [Parameter]
    public EventCallback<string> OnMessage { get; set; }

    internal BlazorDiagram Diagram => _diagram;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_subscribed, Editor))
        {
            if (_subscribed is not null)
            {
                _subscribed.Changed -= OnEditorChanged;
            }
            _subscribed = Editor;
            Editor.Changed += OnEditorChanged;
            Rebuild();
        }
        Decorate();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Never called in static prerendering; the diagram appears with the interactive circuit.
        if (firstRender)
        {
            _interactive = true;
            _self = DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("studioCanvas.attach", _element, _self);
            StateHasChanged();
        }
    }

    /// <summary>Zooms to show every node after the next rebuild (a whole workflow was loaded).</summary>
    public void FitAfterNextRebuild() => _fitPending = true;

    public async ValueTask DisposeAsync()
    {
        if (_subscribed is not null)
        {
            _subscribed.Changed -= OnEditorChanged;
        }
        _diagram.Links.Added -= OnLinkAdded;
        _diagram.Links.Removed -= OnLinkRemoved;
        _diagram.Nodes.Removed -= OnNodeRemoved;
        _diagram.SelectionChanged -= OnSelectionChanged;
        _diagram.ContainerChanged -= OnContainerChanged;
        _diagram.ZoomChanged -= OnViewChanged;
        _diagram.PanChanged -= OnViewChanged;
        if (_self is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("studioCanvas.detach", _element);
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and with it the page and its listeners.
            }
            _self.Dispose();
        }
    }

    private void OnEditorChanged() => _ = InvokeAsync(() =>
    {
        Rebuild();
        Decorate();
        // The container is known once the canvas has rendered in a browser.
        if (_fitPending)
        {
            FitToView();
        }
        StateHasChanged();
    });

    private void Rebuild()
    {
        _syncing = true;
        try
        {
            _diagram.Batch(() =>
            {
                _diagram.Links.Clear();
                _diagram.Nodes.Clear();
                _models.Clear();
                var workflow = Editor.Workflow;
                foreach (var node in workflow.Nodes)
                {
                    var position = Editor.Positions.TryGetValue(node.Id, out var p) ? p : new NodePosition(0, 0);
                    var model = new StepNodeModel(node.Id, node.Tool, new Point(position.X, position.Y));
                    model.Moved += OnNodeMoved;
                    if (_models.TryAdd(node.Id, model))
                    {
                        _diagram.Nodes.Add(model);
                    }
                }
                var graph = WorkflowGraph.Build(workflow);
                foreach (var (id, model) in _models)
                {
                    foreach (var dependency in graph.DependenciesOf(id))
                    {
                        _diagram.Links.Add(new LinkModel(_models[dependency].Output, model.Input)
                        {
                            TargetMarker = LinkMarker.Arrow, Color = LinkColor, Width = 2,
                        });
                    }
                }
            });
        }
        finally
        {
            _syncing = false;
        }
    }

    private void Decorate()
    {
        var critical = CriticalPath.ToHashSet(StringComparer.Ordinal);
        foreach (var (id, model) in _models)
        {
            var before = model.Decoration;
            model.Run = Run?[id] ?? new NodeRunView();
            model.Problems = Validation.ForNode(id).Select(e => ProblemText.Of(Editor.Workflow, e)).ToArray();
            model.Critical = critical.Contains(id);
            if (before != model.Decoration)
            {
                model.Refresh();
            }
        }
        foreach (var link in _diagram.Links.OfType<LinkModel>())
        {
            if (Ends(link) is not var (from, to))
            {
                continue;
            }
            var color = critical.Contains(from.StepId) && critical.Contains(to.StepId) ? CriticalLinkColor : LinkColor;
            if (link.Color != color)
            {
                link.Color = color;
                link.Refresh();
            }
        }
    }

    private void OnNodeMoved(MovableModel model)
    {
        if (model is StepNodeModel step)
        {
            Editor.MoveNode(step.StepId, step.Position.X, step.Position.Y);
        }
    }

    private void OnLinkAdded(BaseLinkModel link)
    {
        if (!_syncing)
        {
            link.TargetAttached += OnTargetAttached;
        }
    }

    private void OnTargetAttached(BaseLinkModel link)
    {
        link.TargetAttached -= OnTargetAttached;
        if (Ends(link) is not var (from, to))
        {
            return;
        }
        // Out of the diagram's own event handling before the editor rebuilds the diagram.
        _ = InvokeAsync(async () =>
        {
            var problem = Editor.Connect(from.StepId, to.StepId);
            if (problem is not null)
            {
                _diagram.Links.Remove(link);
                await OnMessage.InvokeAsync(problem);
            }
        });
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        if (_syncing || Ends(link) is not var (from, to))
        {
            return;
        }
        _ = InvokeAsync(async () =>
        {
            if (Editor.Disconnect(from.StepId, to.StepId) is { } problem)
            {
                await OnMessage.InvokeAsync(problem);
            }
        });
    }

    private void OnNodeRemoved(NodeModel node)
    {
        if (!_syncing && node is StepNodeModel step)
        {
            _ = InvokeAsync(() => Editor.RemoveNode(step.StepId));
        }
    }

    private void OnSelectionChanged(SelectableModel model)
    {
        if (_syncing || model is not StepNodeModel step)
        {
            return;
        }
        _ = InvokeAsync(() => OnSelect.InvokeAsync(step.Selected ? step.StepId : null));
    }

    private async Task OnDropAsync(DragEventArgs e) =>
        await OnDrop.InvokeAsync(_diagram.GetRelativeMousePoint(e.ClientX, e.ClientY));

    /// <summary>The (dependency, dependant) of a link, whichever way it was drawn; null for dangling links.</summary>
    private static (StepNodeModel From, StepNodeModel To)? Ends(BaseLinkModel link)
    {
        if (link.Source is not SinglePortAnchor { Port: var sourcePort } || link.Target is not SinglePortAnchor { Port: var targetPort }
            || sourcePort.Parent is not StepNodeModel source || targetPort.Parent is not StepNodeModel target || source == target)
        {
            return null;
        }
        // Drawn from an input (left) port: the other end is the dependency.
        return sourcePort.Alignment == PortAlignment.Left ? (target, source) : (source, target);
    }
}
