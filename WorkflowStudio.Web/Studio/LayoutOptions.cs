namespace WorkflowStudio.Web.Studio;

/// <summary>Spacing of the layered layout, in canvas pixels.</summary>
public sealed record LayoutOptions
{
    public const double DefaultNodeWidth = 200;
    public const double DefaultNodeHeight = 84;
    public const double DefaultHorizontalGap = 90;
    public const double DefaultVerticalGap = 36;
    public const double DefaultMargin = 40;

    public double NodeWidth { get; init; } = DefaultNodeWidth;
    public double NodeHeight { get; init; } = DefaultNodeHeight;
    public double HorizontalGap { get; init; } = DefaultHorizontalGap;
    public double VerticalGap { get; init; } = DefaultVerticalGap;
    public double Margin { get; init; } = DefaultMargin;

    public static LayoutOptions Default { get; } = new();
}
