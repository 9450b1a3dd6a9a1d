using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Engine.Tools;

internal sealed partial class McpServerConnection
{
    /// <summary>
    /// Calls a tool: error results and "unknown tool / invalid params" come back as failures; a broken
    /// connection, a protocol error or no answer within <see cref="McpToolHubOptions.CallTimeout"/> throws
    /// <see cref="ToolTransportException"/>; the caller's cancellation throws <see cref="OperationCanceledException"/>
    /// (and the SDK tells the server with <c>notifications/cancelled</c>).
    /// </summary>
    public async ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken)
    {
        var fullName = $"{_config.Name}/{request.Tool}";
        if (request.Arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Increment(ref _failures);
            return ToolCallResult.Failure($"Arguments of '{fullName}' must be a JSON object, got {request.Arguments.ValueKind.ToString().ToLowerInvariant()}.");
        }

        await _callSlots.WaitAsync(cancellationToken);
        var failed = true;
        try
        {
            Interlocked.Increment(ref _calls);
            var session = await GetSessionAsync(cancellationToken);
            var result = await CallAsync(session, request, fullName, cancellationToken);
            failed = result.IsError;
            if (result.IsError)
            {
                McpToolHubLog.CallReturnedError(_logger, _config.Name, request.Tool);
            }
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failed = false;
            throw;
        }
        finally
        {
            if (failed)
            {
                Interlocked.Increment(ref _failures);
            }
            _callSlots.Release();
        }
    }

    private async ValueTask<ToolCallResult> CallAsync(McpServerSession session, ToolCallRequest request, string fullName, CancellationToken cancellationToken)
    {
        var parameters = new CallToolRequestParams
        {
            Name = request.Tool,
            Arguments = request.Arguments.ValueKind == JsonValueKind.Object
                ? request.Arguments.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : new Dictionary<string, JsonElement>(StringComparer.Ordinal),
            Meta = Meta(request, out var progressToken),
        };
        await using var progress = progressToken is null ? null : session.Client.RegisterNotificationHandler(
            NotificationMethods.ProgressNotification, (notification, token) => ReportProgressAsync(request, progressToken, notification, token));

        using var timeout = _options.CallTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_options.CallTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout?.Token ?? CancellationToken.None, _shutdown.Token);
        JsonNode? raw;
        var call = new McpCall(request, fullName);
        using var inFlight = session.Calls.Enter(call);
        _current.Value = call;
        try
        {
            // The raw request, not CallToolAsync: the result is read below, where a result that cannot be read fails this
            // call alone instead of looking like a broken connection (McpResultReader says why).
            var response = await session.Client.SendRequestAsync(new JsonRpcRequest
            {
                Method = RequestMethods.ToolsCall,
                Params = JsonSerializer.SerializeToNode(parameters, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolRequestParams))),
            }, linked.Token);
            raw = response.Result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout?.IsCancellationRequested == true)
        {
            throw new ToolTransportException($"'{fullName}' did not answer within {_options.CallTimeout}; the call was cancelled and its outcome is unknown.", ex);
        }
        catch (OperationCanceledException ex) when (_shutdown.IsCancellationRequested)
        {
            throw new ToolTransportException($"'{fullName}' was interrupted because the tool hub is shutting down; its outcome is unknown.", ex);
        }
        catch (OperationCanceledException ex)
        {
            // None of our tokens fired: the SDK abandoned the call because its session ended under it (another call or the
            // server broke it). The tool may have run, so this is an unknown outcome, never a quiet cancellation.
            // The session is not discarded here: a dead one is replaced on the next use, a live one keeps its other calls.
            throw new ToolTransportException(
                $"'{fullName}' was interrupted because the session with MCP server '{_config.Name}' ended while it ran; the outcome is unknown.", ex);
        }
        catch (McpProtocolException) when (call.Refusal is not null)
        {
            // The server gave up on the call because its question went unanswered: a known failure, not a broken connection.
            return Unanswered(fullName, call.Refusal);
        }
        catch (McpProtocolException ex) when (ex.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.MethodNotFound)
        {
            // The server refused the request (unknown tool, arguments it cannot accept): the tool did not run.
            return ToolCallResult.Failure($"'{fullName}' was rejected by the server: {ex.Message}");
        }
        catch (McpProtocolException ex)
        {
            throw new ToolTransportException($"'{fullName}' failed with MCP protocol error {(int)ex.ErrorCode}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("SamplingHandler", StringComparison.Ordinal))
        {
            // SDK 2.4.0 throws this inside the call when a server's input_required result asks for sampling that was not
            // advertised (no model): the server answered and the connection is fine, so only this call fails, and says why.
            return ToolCallResult.Failure($"'{fullName}' asked for a model's answer (MCP sampling), and WorkflowStudio has no model to give one: " +
                "set Llm:Model (Llm__Model) to let MCP servers use it.");
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            McpToolHubLog.CallTransportFailed(_logger, ex, _config.Name, request.Tool);
            var message = new StringBuilder($"'{fullName}' lost its connection to MCP server '{_config.Name}' ({_config.Describe()}): {Reason(ex)}; the outcome is unknown.");
            AppendStderr(message, ex is ModelContextProtocol.Client.ClientTransportClosedException closed ? closed.Details : null, session.Stderr);
            await DiscardAsync(session, message.ToString());
            throw new ToolTransportException(message.ToString(), ex);
        }
        finally
        {
            _current.Value = null;
        }
        if (call.Refusal is { } refusal)
        {
            // Whatever the server made of the refusal (some answer with a success that only quotes the error), the tool did
            // not get the input it asked for: that is this call's error, never its result.
            return Unanswered(fullName, refusal);
        }
        if (McpResultReader.Read(raw, out var problem) is not { } result)
        {
            McpToolHubLog.ResultUnreadable(_logger, _config.Name, request.Tool, problem!);
            return ToolCallResult.Failure($"'{fullName}' answered, but its result could not be read ({problem}); the call ran and is not treated as a lost connection.");
        }
        return McpResultMapper.Map(result, session.Find(request.Tool), fullName);
    }

    private static ToolCallResult Unanswered(string fullName, string refusal) =>
        ToolCallResult.Failure($"'{fullName}' asked for input and did not get it: {refusal}.");

    /// <summary>The request's <c>_meta</c>: the idempotency key, when there is one, and always the tenant, so multi-tenant servers can scope.</summary>
    private static JsonObject Meta(ToolCallRequest request, out string? progressToken)
    {
        var meta = new JsonObject { [ToolCallRequest.TenantMetaKey] = request.EffectiveTenantId };
        progressToken = null;
        if (request.OnProgress is not null)
        {
            // Unique per call: the handler below hears every progress notification of the session and keeps this call's.
            progressToken = Guid.NewGuid().ToString("N");
            meta["progressToken"] = progressToken;
        }
        if (request.IdempotencyKey is { } key)
        {
            meta[ToolCallRequest.IdempotencyMetaKey] = key;
        }
        return meta;
    }

    /// <summary>Hands a <c>notifications/progress</c> for this call's token to the caller; others' tokens and malformed ones are not this call's.</summary>
    private static ValueTask ReportProgressAsync(ToolCallRequest request, string progressToken, JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Params is not JsonObject parameters
            || parameters["progressToken"] is not JsonValue token || token.GetValueKind() != JsonValueKind.String || token.GetValue<string>() != progressToken
            || parameters["progress"] is not JsonValue progress || progress.GetValueKind() != JsonValueKind.Number)
        {
            return ValueTask.CompletedTask;
        }
        double? total = parameters["total"] is JsonValue t && t.GetValueKind() == JsonValueKind.Number ? t.GetValue<double>() : null;
        string? message = parameters["message"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : null;
        return request.OnProgress!(new ToolProgress(progress.GetValue<double>(), total, message), cancellationToken);
    }
}
