using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Http;

/// <summary>
/// What <c>http_get</c> and <c>http_request</c> share: the URL and host checks (allowlist, SSRF guard), headers, the time
/// limit, the size limit and the result shape. One HTTP client for both tools.
/// </summary>
internal sealed class HttpCaller : IDisposable
{
    private static readonly string[] ForbiddenHeaders = ["host", "content-length", "transfer-encoding", "connection"];
    private readonly HttpToolOptions _options;
    private readonly HostGuard _guard;
    private readonly HttpClient _client;

    public HttpCaller(IOptions<HttpToolOptions> options)
    {
        _options = options.Value;
        _guard = new HostGuard(_options);
        _client = _guard.CreateClient();
    }

    /// <summary>The absolute http(s) URL, or a <see cref="ToolArgumentException"/> saying why it may not be called.</summary>
    public Uri CheckUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ToolArgumentException($"'url' must be an absolute http:// or https:// URL, got '{url}'.");
        }
        if (_guard.CheckName(uri.IdnHost) is { } refused)
        {
            throw new ToolArgumentException(refused);
        }
        return uri;
    }

    /// <summary>Adds the caller's headers; those the client sets itself are refused by name.</summary>
    public static void AddHeaders(HttpRequestMessage request, JsonElement? headers)
    {
        if (headers is not { } values)
        {
            return;
        }
        foreach (var header in values.EnumerateObject())
        {
            AddHeader(request, header.Name, header.Value.GetString()!);
        }
    }

    /// <summary>Sends the request within the time limit; a 4xx/5xx answer is a failure unless <paramref name="allowErrorStatus"/>.</summary>
    public async ValueTask<ToolCallResult> SendAsync(string tool, HttpRequestMessage request, double? timeoutSeconds, bool allowErrorStatus, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var what = $"{request.Method} {uri.GetLeftPart(UriPartial.Path)}";
        var seconds = Math.Min(timeoutSeconds ?? _options.TimeoutSeconds, _options.TimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var output = await ReadAsync(response, uri, timeout.Token);
            if ((int)response.StatusCode >= 400 && !allowErrorStatus)
            {
                var snippet = ToolJson.Truncate(output["body"]!.GetValue<string>(), 300).Text;
                return ToolCallResult.Failure($"{tool}: {what} answered {(int)response.StatusCode} {response.ReasonPhrase}: {snippet}");
            }
            return ToolJson.Ok(output);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolCallResult.Failure($"{tool}: {what} did not answer within {seconds:0.#} s (Tools:Http:TimeoutSeconds).");
        }
        catch (HttpRequestException exception)
        {
            return ToolCallResult.Failure($"{tool}: {what} failed: {exception.Message}");
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
