namespace WorkflowStudio.Web.Studio;

/// <summary>Where a node sits on the canvas: its top-left corner, and the layer (column) and row the layout gave it.</summary>
public sealed record NodePosition(double X, double Y, int Layer = 0, int Row = 0);
