namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// What a run costs under one tier, in the three parts every page and the API show: the tier's per-run fee (by the
/// workflow's shape), tool calls × the tier's per-call price, and model tokens. Made only by <see cref="IWorkflowPricing"/>:
/// before Run (<see cref="IWorkflowPricing.Estimate"/>) and while or after it runs (<see cref="IWorkflowPricing.Price"/>),
/// so the figure before Run is the figure billed for a run whose nodes all run once and that calls no model.
/// </summary>
public sealed record RunPrice
{
    public required string Tier { get; init; }

    /// <summary>The tier's price of a run of this shape (0 until a tool call was made: a run that called nothing is not billed).</summary>
    public decimal RunFeeUsd { get; init; }

    /// <summary>Tool calls billed: nodes that were attempted (retries of one node are one call), or, before Run, every node.</summary>
    public int ToolCalls { get; init; }
    public decimal PerCallUsd { get; init; }
    public decimal ToolCallsUsd => ToolCalls * PerCallUsd;

    /// <summary>Nodes that call a model (<see cref="PricingOptions.LlmTools"/>).</summary>
    public int ModelNodes { get; init; }
    public long ModelTokens { get; init; }
    public decimal ModelTokensUsd { get; init; }

    /// <summary>
    /// True when <see cref="ModelTokens"/> is an assumption (before Run: each model node at a typical call) rather than
    /// the tokens the model reported; the billed figure then differs by what the model really used.
    /// </summary>
    public bool TokensAssumed { get; init; }

    public decimal TotalUsd => RunFeeUsd + ToolCallsUsd + ModelTokensUsd;
}
