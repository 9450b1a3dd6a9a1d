namespace WorkflowStudio.Engine.Metering;

/// <summary>USD per million tokens for one model (configuration <c>Llm:Prices:MODEL</c>).</summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }
}
