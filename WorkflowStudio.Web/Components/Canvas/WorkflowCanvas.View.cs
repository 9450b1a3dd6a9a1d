using Microsoft.JSInterop;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Canvas;

// The view: fit on open (and on resize until the person zooms or pans), zoom buttons and keys (wwwroot/canvas.js).
public sealed partial class WorkflowCanvas
{
    /// <summary>Fit never enlarges past 100 %: a three-node graph stays readable instead of filling the screen.</summary>
    internal const double MaxFitZoom = 1;
    internal const double MinZoom = 0.1;
    internal const double MaxZoom = 2.5;
    internal const double ZoomStep = 1.25;
    internal const double FitMargin = 40;

    /// <summary>Room kept free above a fitted graph for the run bar laid over the canvas's top edge (8 px down, about 44 px tall).</summary>
    internal const double FitTopInset = 64;

    // A workflow shown for the first time is fitted once the canvas has measured itself (DiagramCanvas sets Container),
    // and refitted when the canvas changes size until the person zooms or pans themselves.
    private bool _fitPending = true;
    private bool _fitted;
    private bool _fitting;

    /// <summary>The canvas's measured width in CSS pixels; 0 before it has measured itself.</summary>
    public double Width => _diagram.Container?.Width ?? 0;

    private string ZoomText => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_diagram.Zoom * 100:0}%");

    /// <summary>
    /// Shows every node, centred, at the largest zoom up to <see cref="MaxFitZoom"/>; does nothing before the canvas
    /// has measured itself or when it is empty.
    /// </summary>
    public void FitToView()
    {
        if (_diagram.Container is not { Width: > 0, Height: > 0 } container || _models.Count == 0)
        {
            return;
        }
        var left = _models.Values.Min(m => m.Position.X) - StepNodeModel.PortOverhang;
        var top = _models.Values.Min(m => m.Position.Y);
        var right = _models.Values.Max(m => m.Position.X) + LayoutOptions.DefaultNodeWidth + StepNodeModel.PortOverhang;
        var bottom = _models.Values.Max(m => m.Position.Y) + LayoutOptions.DefaultNodeHeight;
        var zoom = Math.Clamp(
            Math.Min((container.Width - 2 * FitMargin) / (right - left), (container.Height - FitTopInset - FitMargin) / (bottom - top)),
            MinZoom, MaxFitZoom);
        var panX = (container.Width - (right - left) * zoom) / 2 - left * zoom;
        var panY = FitTopInset + (container.Height - FitTopInset - FitMargin - (bottom - top) * zoom) / 2 - top * zoom;
        _fitting = true;
        try
        {
            _diagram.Batch(() =>
            {
                _diagram.SetZoom(zoom);
                _diagram.SetPan(panX, panY);
            });
        }
        finally
        {
            _fitting = false;
        }
        _fitPending = false;
        _fitted = true;
    }

    public void ZoomIn() => ZoomAroundCentre(_diagram.Zoom * ZoomStep);

    public void ZoomOut() => ZoomAroundCentre(_diagram.Zoom / ZoomStep);

    /// <summary>A key pressed outside text fields (wwwroot/canvas.js): "in", "out" or "fit".</summary>
    [JSInvokable]
    public Task OnShortcutAsync(string action) => InvokeAsync(() =>
    {
        switch (action)
        {
            case "in": ZoomIn(); break;
            case "out": ZoomOut(); break;
            case "fit": FitToView(); break;
            default: throw new ArgumentException($"Unknown canvas shortcut '{action}'; expected in, out or fit.", nameof(action));
        }
    });

    private void ZoomAroundCentre(double zoom)
    {
        if (_diagram.Container is not { Width: > 0 } container)
        {
            return;
        }
        zoom = Math.Clamp(zoom, MinZoom, MaxZoom);
        var old = _diagram.Zoom;
        // The canvas point under the centre stays under the centre.
        var centreX = (container.Width / 2 - _diagram.Pan.X) / old;
        var centreY = (container.Height / 2 - _diagram.Pan.Y) / old;
        _diagram.Batch(() =>
        {
            _diagram.SetZoom(zoom);
            _diagram.SetPan(container.Width / 2 - centreX * zoom, container.Height / 2 - centreY * zoom);
        });
    }

    private void OnContainerChanged()
    {
        if (_fitPending || _fitted)
        {
            FitToView();
        }
    }

    /// <summary>Zoom or pan changed: by the person (wheel, drag, buttons) unless a fit is under way.</summary>
    private void OnViewChanged()
    {
        if (!_fitting)
        {
            _fitted = false;
        }
        _ = InvokeAsync(StateHasChanged);
    }
}
