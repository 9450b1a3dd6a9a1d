using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Tools.Builtin.Http;

/// <summary><c>builtin/http_request</c>: one HTTP call to an allowed host, with time and size limits and SSRF protection.</summary>
internal sealed class HttpRequestTool : BuiltinTool, IDisposable
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] ForbiddenHeaders = ["host", "content-length", "transfer-encoding", "connection"];
    private readonly HttpToolOptions _options;
    private readonly HostGuard _guard;
    private readonly HttpClient _client;

    public HttpRequestTool(IOptions<HttpToolOptions> options)
    {
        _options = options.Value;
        _guard = new HostGuard(_options);
        _client = _guard.CreateClient();
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "http_request", "HTTP request",
        "Calls a URL on a host listed in Tools:Http:AllowedHosts (private and loopback addresses only when listed by exact name). " +
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
        """
        { "type": "object",
          "properties": {
            "status": { "type": "integer" }, "ok": { "type": "boolean" }, "url": { "type": "string" },
            "contentType": { "type": ["string", "null"] }, "headers": { "type": "object" },
            "body": { "type": "string" }, "json": {}, "bytes": { "type": "integer" }, "truncated": { "type": "boolean" } },
          "required": ["status", "ok", "url", "body", "truncated"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var url = args.RequiredString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ToolArgumentException($"'url' must be an absolute http:// or https:// URL, got '{url}'.");
        }
        if (_guard.CheckName(uri.IdnHost) is { } refused)
        {
            throw new ToolArgumentException(refused);
        }
        var method = (args.String("method") ?? "GET").ToUpperInvariant();
        using var request = new HttpRequestMessage(new HttpMethod(Methods.Single(m => m == method)), uri);
        if (args.Element("body") is { } body)
        {
            request.Content = body.ValueKind == JsonValueKind.String
                ? new StringContent(body.GetString()!, Encoding.UTF8, "text/plain")
                : new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }
        if (args.Element("headers") is { } headers)
        {
            foreach (var header in headers.EnumerateObject())
            {
                AddHeader(request, header.Name, header.Value.GetString()!);
            }
        }
        var seconds = Math.Min(args.Double("timeoutSeconds", _options.TimeoutSeconds), _options.TimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var output = await ReadAsync(response, uri, timeout.Token);
            if ((int)response.StatusCode >= 400 && !args.Bool("allowErrorStatus", false))
            {
                var snippet = ToolJson.Truncate(output["body"]!.GetValue<string>(), 300).Text;
                return ToolCallResult.Failure($"{Descriptor.FullName}: {method} {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {snippet}");
            }
            return ToolJson.Ok(output);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: {method} {uri.GetLeftPart(UriPartial.Path)} did not answer within {seconds:0.#} s (Tools:Http:TimeoutSeconds).");
        }
        catch (HttpRequestException exception)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: {method} {uri.GetLeftPart(UriPartial.Path)} failed: {exception.Message}");
        }
    }

    private async Task<JsonObject> ReadAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        var buffer = new byte[max + 1];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var truncated = read > max;
        var text = ToolJson.Decode(buffer, Math.Min(read, max));
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = string.Join(", ", values);
            }
        }
        var output = new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["ok"] = response.IsSuccessStatusCode,
            ["url"] = uri.ToString(),
            ["contentType"] = contentType,
            ["headers"] = headers,
            ["body"] = truncated ? $"{text}\n[truncated: the body is larger than Tools:Http:MaxResponseBytes = {max}]" : text,
            ["bytes"] = Math.Min(read, max),
            ["truncated"] = truncated,
        };
        if (!truncated && ToolJson.TryParse(text) is { } json)
        {
            output["json"] = json;
        }
        return output;
    }

    private static void AddHeader(HttpRequestMessage request, string name, string value)
    {
        if (ForbiddenHeaders.Contains(name.ToLowerInvariant()))
        {
            throw new ToolArgumentException($"header '{name}' is set by the HTTP client itself; remove it from 'headers'.");
        }
        if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
        {
            if (request.Content is null)
            {
                throw new ToolArgumentException("'headers' sets Content-Type but there is no 'body'.");
            }
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            return;
        }
        if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content?.Headers.TryAddWithoutValidation(name, value) != true)
        {
            throw new ToolArgumentException($"header '{name}' cannot be set.");
        }
    }

    public void Dispose() => _client.Dispose();
}
