using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Sums a finished run up: an execution summary and concrete next actions.</summary>
public interface ISynthesizer
{
    ValueTask<Synthesis> SynthesizeAsync(SynthesisInput input, CancellationToken cancellationToken = default);
}

public sealed record SynthesisInput(WorkflowDefinition Workflow, string Status, IReadOnlyList<NodeResult> Results, PerformanceMetrics Metrics)
{
    /// <summary>The run summed up; a model-backed synthesizer records its token usage against it.</summary>
    public string? RunId { get; init; }

    /// <summary>The run's tenant; a model-backed synthesizer makes no call once its monthly spend limit is used up.</summary>
    public string? TenantId { get; init; }
}
