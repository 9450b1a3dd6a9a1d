using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Http;

/// <summary>
/// <c>builtin/http_request</c>: one HTTP call of any method to an allowed host, with time and size limits and SSRF
/// protection. Annotated destructive (a POST/PUT/PATCH/DELETE may change the remote side), so the engine asks for
/// approval unless the node says <c>"approval": "auto"</c>; reads go through <see cref="HttpGetTool"/> instead.
/// </summary>
internal sealed class HttpRequestTool : BuiltinTool
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private readonly HttpCaller _caller;

    public HttpRequestTool(HttpCaller caller) => _caller = caller;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "http_request", "HTTP request",
        "Calls a URL on a host listed in Tools:Http:AllowedHosts (private and loopback addresses only when listed by exact name), with any method. " +
        "Annotated destructive because a write may change the remote side: the engine waits for an approval unless the node says \"approval\": \"auto\"; " +
        "use builtin/http_get to read without one. " +
        "A 4xx/5xx answer fails the call (so retries and fallbacks apply) unless 'allowErrorStatus' is true. Redirects are not followed (the 3xx status and 'location' header are returned). JSON bodies are also returned parsed, as 'json'; bodies over Tools:Http:MaxResponseBytes are truncated.",
        """
        { "type": "object",
          "properties": {
            "url": { "type": "string", "minLength": 1, "description": "http:// or https:// URL." },
            "method": { "enum": ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], "default": "GET" },
            "headers": { "type": "object", "additionalProperties": { "type": "string" } },
            "body": { "description": "A string is sent as is; any other JSON is sent as application/json." },
            "timeoutSeconds": { "type": "number", "exclusiveMinimum": 0, "maximum": 300 },
            "allowErrorStatus": { "type": "boolean", "default": false, "description": "Return 4xx/5xx answers as results instead of failing." } },
          "required": ["url"], "additionalProperties": false }
        """,
        HttpGetTool.OutputSchema,
        new ToolAnnotations { ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var uri = _caller.CheckUrl(args.RequiredString("url"));
        var method = (args.String("method") ?? "GET").ToUpperInvariant();
        using var request = new HttpRequestMessage(new HttpMethod(Methods.Single(m => m == method)), uri);
        if (args.Element("body") is { } body)
        {
            request.Content = body.ValueKind == JsonValueKind.String
                ? new StringContent(body.GetString()!, Encoding.UTF8, "text/plain")
                : new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }
        HttpCaller.AddHeaders(request, args.Element("headers"));
        var timeout = args.Element("timeoutSeconds") is not null ? args.Double("timeoutSeconds", 0) : (double?)null;
        return await _caller.SendAsync(Descriptor.FullName, request, timeout, args.Bool("allowErrorStatus", false), cancellationToken);
    }
}
