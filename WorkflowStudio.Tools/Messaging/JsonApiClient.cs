using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowStudio.Tools.Messaging;

/// <summary>JSON calls to a configured service with a timeout; the secret is scrubbed from every error message.</summary>
internal sealed class JsonApiClient : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<(int Status, JsonNode? Body, string Text)> SendAsync(
        HttpMethod method, string url, JsonNode? body, string? authorization, string secret, double timeoutSeconds, string service, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var (clipped, _) = ToolJson.Truncate(text, 64 * 1024);
            return ((int)response.StatusCode, ToolJson.TryParse(text), Scrub(clipped, secret));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolArgumentException($"{service} did not answer within {timeoutSeconds:0.#} s.");
        }
        catch (HttpRequestException exception)
        {
            throw new ToolArgumentException($"{service} could not be reached: {Scrub(exception.Message, secret)}", exception);
        }
    }

    public static string Scrub(string text, string secret) =>
        secret.Length == 0 ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    public void Dispose() => _client.Dispose();
}
