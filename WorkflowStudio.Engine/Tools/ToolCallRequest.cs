using System.Text.Json;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Engine.Tools;

/// <summary>One call of one tool.</summary>
public sealed record ToolCallRequest
{
    public required string Server { get; init; }
    public required string Tool { get; init; }

    /// <summary>The arguments object, bindings already resolved.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>The run and node making the call, when a run node makes it (usage of a server's sampling is attributed to them).</summary>
    public string? RunId { get; init; }

    /// <summary>See <see cref="RunId"/>.</summary>
    public string? NodeId { get; init; }

    /// <summary>Stable per node (<c>runId:nodeId</c>); sent in <c>_meta</c> so tools can de-duplicate.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// The tenant of the run that makes the call; built-in tools keep and read data only of this tenant, and MCP servers
    /// get it in <c>_meta</c> (<see cref="TenantMetaKey"/>). Null (CLI-only paths, tests) means <see cref="Tenant.DefaultId"/>;
    /// read <see cref="EffectiveTenantId"/>.
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary><see cref="TenantId"/>, or <see cref="Tenant.DefaultId"/> for a call without one: the one place a missing tenant becomes the default.</summary>
    public string EffectiveTenantId => TenantId ?? Tenant.DefaultId;

    /// <summary>
    /// Receives the tool's progress reports while the call runs; with it, an MCP call carries a <c>progressToken</c> and the
    /// server's <c>notifications/progress</c> for that token come here. Null: no progress is asked for.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<ToolProgress, CancellationToken, ValueTask>? OnProgress { get; init; }

    /// <summary>
    /// Answers the server's requests for a person's input during the call (MCP elicitation): returns the answer, waits for
    /// it (a request in flight), or throws <see cref="ToolInputRequiredException"/> to end the call until a person answers
    /// (an <c>input_required</c> result). Null: the server is told no person can be asked, and the call fails.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<ToolInputRequest, CancellationToken, ValueTask<ToolInputAnswer>>? OnInputRequested { get; init; }

    public const string IdempotencyMetaKey = "io.workflowstudio/idempotency-key";

    /// <summary>The <c>_meta</c> key that carries <see cref="EffectiveTenantId"/> to MCP servers.</summary>
    public const string TenantMetaKey = "io.workflowstudio/tenant";
}
