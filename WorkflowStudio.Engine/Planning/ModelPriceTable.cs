using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// The configured prices. Model ids are matched case-insensitively; a configured key also prices dated variants
/// that start with it (<c>gpt-4o-mini</c> prices <c>gpt-4o-mini-2024-07-18</c>), the longest key winning.
/// </summary>
internal sealed class ModelPriceTable : IModelPriceTable
{
    private readonly KeyValuePair<string, ModelPrice>[] _prices;

    public ModelPriceTable(IOptions<LlmOptions> options)
    {
        _prices = options.Value.Prices
            .OrderByDescending(p => p.Key.Length)
            .ToArray();
    }

    public decimal Price(string? model, long inputTokens, long outputTokens)
    {
        var price = Find(model);
        return price is null
            ? 0m
            : (inputTokens * price.InputPerMillion + outputTokens * price.OutputPerMillion) / 1_000_000m;
    }

    public bool HasPrice(string? model) => Find(model) is not null;

    private ModelPrice? Find(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }
        foreach (var (key, price) in _prices)
        {
            if (model.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                return price;
            }
        }
        return null;
    }
}
