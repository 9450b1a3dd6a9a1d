using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// A server's requests for a person's input (MCP elicitation, form mode). Two ways to ask reach the same handler:
/// a 2026-07-28 server answers <c>tools/call</c> with an <c>input_required</c> result, which the SDK resolves inside
/// the call's own <c>SendRequestAsync</c> (so the asking call is the one in <see cref="_current"/>) and then repeats the
/// call with the answer and the server's <c>requestState</c>; a 2025-era server sends <c>elicitation/create</c> while the
/// call is open, from the connection's read loop (so the asking call is the one call in flight on that client).
/// </summary>
internal sealed partial class McpServerConnection
{
    /// <summary>The protocol revision from which servers ask with <c>input_required</c> results (MRTR, SEP-2322).</summary>
    private const string InputRequiredRevision = "2026-07-28";

    /// <summary>The call whose <c>SendRequestAsync</c> runs on this flow (the SDK resolves <c>input_required</c> inside it).</summary>
    private readonly AsyncLocal<McpCall?> _current = new();

    private async ValueTask<ElicitResult> ElicitAsync(McpCalls calls, ElicitRequestParams? parameters, CancellationToken cancellationToken)
    {
        var inputRequired = calls.Client?.NegotiatedProtocolVersion is { } revision && string.CompareOrdinal(revision, InputRequiredRevision) >= 0;
        McpCall? call;
        if (inputRequired)
        {
            call = _current.Value is { } current && calls.Contains(current) ? current : null;
        }
        else
        {
            var active = calls.Active;
            call = active.Count == 1 ? active[0] : null;
            if (active.Count > 1)
            {
                foreach (var each in active)
                {
                    each.Refusal ??= $"MCP server '{_config.Name}' asked for input while {active.Count} calls were in flight, and its " +
                        "elicitation/create request does not say which call asks; set \"maxConcurrentCalls\" or run such tools one at a time";
                }
                throw new McpException($"WorkflowStudio cannot tell which of its {active.Count} calls asks for input.");
            }
        }
        if (call is null)
        {
            throw new McpException("WorkflowStudio has no call in flight that could ask a person for input.");
        }
        if (parameters is null || parameters.Mode is "url")
        {
            call.Refusal ??= parameters is null
                ? "the server's elicitation request had no parameters"
                : "the server asked for URL-mode input (a web page to visit), which WorkflowStudio does not offer; only form input is answered";
            throw new McpException(call.Refusal);
        }
        if (call.Request.OnInputRequested is not { } ask)
        {
            call.Refusal ??= "the server asked a person for input, but this call was not made by a run node that can wait for a person";
            throw new McpException(call.Refusal);
        }
        var schema = parameters.RequestedSchema is { } requested
            ? JsonSerializer.SerializeToElement(requested, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ElicitRequestParams.RequestSchema)))
            : JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["type"] = "object" });
        McpToolHubLog.InputRequested(_logger, _config.Name, call.Request.Tool, inputRequired);
        ToolInputAnswer answer;
        try
        {
            answer = await ask(new ToolInputRequest(parameters.Message, schema, InFlight: !inputRequired), cancellationToken);
        }
        catch (ToolInputRequiredException) when (inputRequired)
        {
            throw; // out of the call's SendRequestAsync: the call ends here and is made again once a person answered
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            call.Refusal ??= ex.Message;
            throw new McpException(ex.Message, ex);
        }
        return new ElicitResult
        {
            Action = answer.Action,
            Content = answer.Action == ToolInputAnswer.Accept && answer.Content is { ValueKind: JsonValueKind.Object } content
                ? content.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : null,
        };
    }

#pragma warning disable MCP9005 // sampling is deprecated by 2026-07-28 (SEP-2577), but 2025-era servers still ask for it
    /// <summary>A server's <c>sampling/createMessage</c> (only advertised with a model), answered for the call that asked.</summary>
    private async ValueTask<CreateMessageResult> SampleAsync(McpCalls calls, CreateMessageRequestParams? parameters, CancellationToken cancellationToken)
    {
        var inputRequired = calls.Client?.NegotiatedProtocolVersion is { } revision && string.CompareOrdinal(revision, InputRequiredRevision) >= 0;
        var active = calls.Active;
        var call = inputRequired
            ? _current.Value is { } current && calls.Contains(current) ? current : null
            : active.Count == 1 ? active[0] : null;
        if (call is null || parameters is null)
        {
            throw new McpException("WorkflowStudio cannot tell which of its calls asks for a model's answer.");
        }
        McpToolHubLog.SamplingRequested(_logger, _config.Name, call.Request.Tool);
        try
        {
            return await _sampler!.SampleAsync(parameters, call.Request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            call.Refusal ??= $"the model could not answer its sampling request: {ex.Message}";
            throw new McpException(call.Refusal, ex);
        }
    }
#pragma warning restore MCP9005
}
