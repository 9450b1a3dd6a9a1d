using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows.Hooks;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// <c>POST /hooks/{hookId}</c>: a signed delivery starts the hook's workflow (latest version) for the hook's tenant through the
/// one start path (quota, validation, audit as <c>hook:ID</c>). No API key: the signature is the authentication (see
/// <see cref="WebhookSignature"/>). Order: body size (413), signature header and timestamp (401), hook and MAC (401, the same
/// answer for an unknown hook, a deleted one and a wrong secret, so the answer never tells whether an id exists), body JSON
/// (400), then the start; a delivery seen before (same signature) answers 409 with the run it started and starts nothing.
/// </summary>
internal static partial class WebhookDelivery
{
    public const string Actor = "hook:";

    public static string PathOf(string hookId) => $"/hooks/{hookId}";

    public static bool IsHookPath(PathString path) => path.StartsWithSegments("/hooks", StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapWebhookDelivery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/hooks/{hookId}", DeliverAsync).AllowAnonymous().RequireRateLimiting(StudioApiExtensions.RateLimitPolicy)
            .DisableAntiforgery().WithTags("Webhooks").WithName("DeliverWebhook")
            .WithSummary("A webhook delivery, signed with the hook's secret (X-WorkflowStudio-Signature: t=UNIX,v1=HMAC-SHA256 of \"t.body\").");
        return endpoints;
    }

    internal static async Task<Results<JsonHttpResult<RunResult>, Accepted<RunAccepted>, ProblemHttpResult>> DeliverAsync(string hookId,
        HttpContext context, IWebhookStore store, WebhookSecrets secrets, RunFrontDoor front, RunResponder responder, IOptions<ApiOptions> options,
        TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(WebhookDelivery).FullName!);
        var limits = options.Value;
        var body = await ReadBoundedAsync(context.Request, limits.HookMaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            LogRefused(logger, hookId, "body too large");
            return TypedResults.Problem($"The delivery's body is larger than a webhook accepts ({limits.HookMaxBodyBytes} bytes, Api:HookMaxBodyBytes); " +
                "send a smaller payload (a reference to the data rather than the data) or raise the limit.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
        }
        if (!WebhookSignature.TryParse(context.Request.Headers[WebhookSignature.Header], out var timestamp, out var mac, out var malformed))
        {
            LogRefused(logger, hookId, "no valid signature header");
            return Unauthorized(malformed);
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > limits.HookToleranceSeconds)
        {
            LogRefused(logger, hookId, "stale timestamp");
            return Unauthorized($"The signature's timestamp t={timestamp} is {Math.Abs(now - timestamp)} s from the server's clock (allowed: " +
                $"{limits.HookToleranceSeconds} s, Api:HookToleranceSeconds); sign each delivery when you send it, with the current time.");
        }
        var hook = await store.FindAsync(hookId, context.RequestAborted);
        var secret = hook is null ? null : secrets.Unprotect(hook.ProtectedSecret);
        if (hook is null || secret is null || !WebhookSignature.Verify(secret, timestamp, body, mac))
        {
            LogRefused(logger, hookId, hook is null ? "unknown hook" : "signature mismatch");
            return Unauthorized("The signature does not verify for this hook URL. Check the URL, and sign \"{t}.{raw body}\" with the hook's current " +
                "secret (a rotation replaces it at once); the body must be sent byte for byte as signed.");
        }
        JsonElement payload;
        try
        {
            payload = body.Length == 0 ? JsonElement.Parse("{}") : JsonElement.Parse(body);
        }
        catch (JsonException exception)
        {
            return ApiProblems.BadRequest($"The delivery's body is not JSON ({exception.Message}); send a JSON object, e.g. {{\"customer\": {{\"email\": \"...\"}}}}.");
        }
        var runs = front.For(new TenantId(hook.TenantId));
        if (await runs.FindWorkflowAsync(hook.WorkflowId, cancellationToken: context.RequestAborted) is not { } saved)
        {
            return ApiProblems.NotFound("workflow", hook.WorkflowId);
        }
        var inputs = RunStarter.InputsFor(saved.Definition, WebhookMapping.Apply(hook.Mapping, saved.Definition, payload));
        var outcome = await runs.StartAsync(new RunStartRequest(Actor + hook.Id, saved.Definition, inputs)
        {
            WorkflowId = saved.Id,
            // The delivery's signature names it (timestamp and body under the secret): the first one claims it, durably, so the
            // same delivery sent again, within the tolerance, is told the run it started and starts no other.
            IdempotencyKey = $"{Actor}{hook.Id}:{mac}",
            RequestHash = RunStarter.HashOf(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))),
        }, context.RequestAborted);
        if (outcome.Reused)
        {
            LogRefused(logger, hookId, "replayed delivery");
            return TypedResults.Problem($"This delivery (the same signature) was accepted before and started run '{outcome.RunId}'; a replay starts nothing. " +
                "Send a new delivery, signed with a new timestamp, to start another run.", statusCode: StatusCodes.Status409Conflict, title: "Delivery replayed",
                extensions: new Dictionary<string, object?> { ["runId"] = outcome.RunId });
        }
        if (outcome.RunId is { } runId)
        {
            await store.TouchAsync(hook.Id, CancellationToken.None);
            LogStarted(logger, hook.Id, runId);
        }
        return await responder.RespondAsync(runs, outcome, hook.Mode, context);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Signature rejected");

    /// <summary>The body, or null when it is longer than <paramref name="max"/> (by its Content-Length, or as read).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {HookId} delivery refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string hookId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {HookId} started run {RunId}")]
    private static partial void LogStarted(ILogger logger, string hookId, string runId);
}
