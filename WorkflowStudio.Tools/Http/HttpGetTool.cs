using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Http;

/// <summary>
/// <c>builtin/http_get</c>: a GET or HEAD to an allowed host, with the same allowlist, SSRF guard, time and size limits
/// as <c>http_request</c>. It cannot send a body or another method, so it is annotated read-only and idempotent: research
/// steps read the web without waiting for a person.
/// </summary>
internal sealed class HttpGetTool : BuiltinTool
{
    internal const string OutputSchema = """
        { "type": "object",
          "properties": {
            "status": { "type": "integer" }, "ok": { "type": "boolean" }, "url": { "type": "string" },
            "contentType": { "type": ["string", "null"] }, "headers": { "type": "object" },
            "body": { "type": "string" }, "json": {}, "bytes": { "type": "integer" }, "truncated": { "type": "boolean" } },
          "required": ["status", "ok", "url", "body", "truncated"] }
        """;

    private readonly HttpCaller _caller;

    public HttpGetTool(HttpCaller caller) => _caller = caller;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "http_get", "HTTP GET",
        "Reads (downloads, fetches) a URL (GET, or HEAD for headers only) on a host listed in Tools:Http:AllowedHosts (private and loopback addresses only when listed by exact name). " +
        "Read-only: it sends no body and no other method, so the engine never asks for an approval; use builtin/http_request to write. " +
        "A 4xx/5xx answer fails the call (so retries and fallbacks apply) unless 'allowErrorStatus' is true. Redirects are not followed. JSON bodies are also returned parsed, as 'json'; bodies over Tools:Http:MaxResponseBytes are truncated.",
        """
        { "type": "object",
          "properties": {
            "url": { "type": "string", "minLength": 1, "description": "http:// or https:// URL." },
            "method": { "enum": ["GET", "HEAD"], "default": "GET" },
            "headers": { "type": "object", "additionalProperties": { "type": "string" } },
            "timeoutSeconds": { "type": "number", "exclusiveMinimum": 0, "maximum": 300 },
            "allowErrorStatus": { "type": "boolean", "default": false, "description": "Return 4xx/5xx answers as results instead of failing." } },
          "required": ["url"], "additionalProperties": false }
        """,
        OutputSchema,
        new ToolAnnotations { ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var uri = _caller.CheckUrl(args.RequiredString("url"));
        var method = args.String("method")?.ToUpperInvariant() == "HEAD" ? HttpMethod.Head : HttpMethod.Get;
        using var request = new HttpRequestMessage(method, uri);
        HttpCaller.AddHeaders(request, args.Element("headers"));
        var timeout = args.Element("timeoutSeconds") is not null ? args.Double("timeoutSeconds", 0) : (double?)null;
        return await _caller.SendAsync(Descriptor.FullName, request, timeout, args.Bool("allowErrorStatus", false), cancellationToken);
    }
}
