namespace WorkflowStudio.Engine.Metering;

/// <summary>Prices tokens per model, from configuration <c>Llm:Prices:MODEL:InputPerMillion</c> / <c>OutputPerMillion</c>.</summary>
public interface IModelPriceTable
{
    /// <summary>The price of the given tokens in USD; 0 for a model without a configured price.</summary>
    decimal Price(string? model, long inputTokens, long outputTokens);

    bool HasPrice(string? model);
}
