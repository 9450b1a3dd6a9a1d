using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// The wire side of MCP tasks (the <c>io.modelcontextprotocol/tasks</c> extension, SEP-2663): whether a request's client
/// declared the extension, the task envelope of a run, and the one rewrite the SDK cannot do itself — a tool answering
/// with a task puts the flat <c>CreateTaskResult</c> in its result's <c>_meta</c>, and <see cref="Outgoing"/> sends that
/// instead of the tool result.
/// </summary>
internal static class McpTaskWire
{
    public const string Extension = "io.modelcontextprotocol/tasks";

    /// <summary>How often a client should poll <c>tasks/get</c>.</summary>
    public const int PollIntervalMs = 1000;

    private const string RequestCapabilities = "io.modelcontextprotocol/clientCapabilities";
    private const string CreatedMarker = "workflowstudio/createTask";

    /// <summary>True when the client declared the extension for its session or in this request's <c>_meta</c>.</summary>
    public static bool Declared(McpServer server, JsonObject? requestMeta) =>
        server.ClientCapabilities?.Extensions?.ContainsKey(Extension) == true
        || (requestMeta?[RequestCapabilities] as JsonObject)?["extensions"] is JsonObject extensions && extensions.ContainsKey(Extension);

    /// <summary>A tool result that goes out as the <c>CreateTaskResult</c> of <paramref name="run"/> (see <see cref="Outgoing"/>).</summary>
    public static CallToolResult Created(RunRecord run) =>
        new() { Content = [], Meta = new JsonObject { [CreatedMarker] = Envelope(run, "task", Status(run.Status)) } };

    /// <summary>The fields every task answer carries: id, status, times, time to live (a run's journal does not expire) and poll interval.</summary>
    public static JsonObject Envelope(RunRecord run, string resultType, string status)
    {
        var envelope = new JsonObject
        {
            ["resultType"] = resultType,
            ["taskId"] = run.Id,
            ["status"] = status,
            ["createdAt"] = Time(run.CreatedAt),
            ["lastUpdatedAt"] = Time(run.FinishedAt ?? run.StartedAt ?? run.CreatedAt),
            ["ttlMs"] = null,
            ["pollIntervalMs"] = PollIntervalMs,
        };
        if (StatusMessage(run.Status) is { } message)
        {
            envelope["statusMessage"] = message;
        }
        return envelope;
    }

    /// <summary>
    /// A run's status as a task's: finished runs are <c>completed</c> (a failed run is a tool error, <c>result.isError</c>,
    /// not the protocol failure <c>failed</c>), a cancelled run <c>cancelled</c>, anything else <c>working</c> — also while a
    /// person decides an approval or answers a question, which happens through approve_node or the studio, not tasks/update.
    /// </summary>
    public static string Status(string runStatus) => runStatus switch
    {
        RunStatus.Cancelled => "cancelled",
        _ when RunStatus.IsTerminal(runStatus) => "completed",
        _ => "working",
    };

    /// <summary>Sends a tool's task marker as the response itself.</summary>
    public static McpMessageFilter Outgoing => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result } response
            && result["_meta"] is JsonObject meta && meta[CreatedMarker] is JsonObject task)
        {
            meta.Remove(CreatedMarker);
            response.Result = task;
        }
        await next(context, cancellationToken);
    };

    private static string? StatusMessage(string runStatus) => runStatus switch
    {
        RunStatus.AwaitingApproval => "The run waits for a person to approve or reject a node: call approve_node with the run id (the task id), or decide in the studio.",
        RunStatus.AwaitingInput => "The run waits for a person to answer a tool server's question, in the studio or with POST /api/runs/{runId}/nodes/{node}/input.",
        _ => null,
    };

    private static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
