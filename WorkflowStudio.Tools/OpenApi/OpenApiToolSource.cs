using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Schema;
using WorkflowStudio.Tools.Http;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary>Serves every imported OpenAPI operation as a tool of the server <c>openapi</c> and performs the HTTP calls.</summary>
internal sealed class OpenApiToolSource : IToolSource, IDisposable
{
    private readonly OpenApiRegistry _registry;
    private readonly HostGuard _guard;
    private readonly HttpToolOptions _http;
    private readonly HttpClient _client;

    public OpenApiToolSource(OpenApiRegistry registry, IOptions<HttpToolOptions> http)
    {
        _registry = registry;
        _http = http.Value;
        _guard = new HostGuard(_http);
        _client = _guard.CreateClient();
    }

    public IReadOnlyCollection<string> Servers { get; } = [OpenApiToolOptions.ServerName];

    /// <summary>The default tenant's view (configured APIs and its imports), as for a call without a tenant.</summary>
    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        GetToolsForTenantAsync(server, Tenant.DefaultId, cancellationToken);

    /// <summary>Configured APIs and the tenant's own imports.</summary>
    public async ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsForTenantAsync(string server, string tenantId, CancellationToken cancellationToken = default)
    {
        var operations = await LoadAsync(tenantId, cancellationToken);
        return [.. operations.Values.OrderBy(o => o.ToolName, StringComparer.Ordinal).Select(Describe)];
    }

    /// <summary>The operations; a configured document that cannot be read makes the server unreachable, with the reason.</summary>
    private async Task<IReadOnlyDictionary<string, OpenApiOperation>> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            return await _registry.GetAsync(tenantId, cancellationToken);
        }
        catch (Exception exception) when (exception is ToolArgumentException or InvalidOperationException or IOException)
        {
            throw new ToolServerException(OpenApiToolOptions.ServerName, $"the OpenAPI documents cannot be loaded: {exception.Message}", exception);
        }
    }

    public async ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        var operations = await LoadAsync(request.EffectiveTenantId, cancellationToken);
        if (!operations.TryGetValue(request.Tool, out var operation))
        {
            return ToolCallResult.Failure($"There is no imported OpenAPI operation '{request.Tool}' (import the document with builtin/openapi_import or configure Tools:OpenApi:Apis).");
        }
        var arguments = request.Arguments.ValueKind == JsonValueKind.Object ? request.Arguments : ToolJson.Element(new JsonObject());
        if (BuiltinToolArguments.TooDeep(arguments, $"openapi/{operation.ToolName}") is { } tooDeep)
        {
            return ToolCallResult.Failure(tooDeep);
        }
        var errors = JsonSchemaChecker.Check(operation.InputSchema, arguments, "$");
        if (errors.Count > 0)
        {
            return ToolCallResult.Failure($"openapi/{operation.ToolName}: invalid arguments: {BuiltinToolArguments.Mismatches(errors)}");
        }
        using var message = Build(operation, arguments);
        if (_guard.CheckName(message.RequestUri!.IdnHost) is { } refused)
        {
            return ToolCallResult.Failure($"openapi/{operation.ToolName}: {refused}");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_http.TimeoutSeconds));
        try
        {
            using var response = await _client.SendAsync(message, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var (clipped, truncated) = ToolJson.Truncate(text, _http.MaxResponseBytes);
            if (!response.IsSuccessStatusCode)
            {
                return ToolCallResult.Failure($"openapi/{operation.ToolName}: {operation.Method} {operation.PathTemplate} answered {(int)response.StatusCode}: {ToolJson.Truncate(text, 500).Text}");
            }
            return ToolCallResult.Success(!truncated && ToolJson.TryParse(text) is { } json
                ? ToolJson.Element(json)
                : ToolJson.Element(new JsonObject { ["status"] = (int)response.StatusCode, ["body"] = clipped, ["truncated"] = truncated }));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolCallResult.Failure($"openapi/{operation.ToolName}: no answer within {_http.TimeoutSeconds:0.#} s (Tools:Http:TimeoutSeconds).");
        }
        catch (HttpRequestException exception)
        {
            return ToolCallResult.Failure($"openapi/{operation.ToolName}: {operation.Method} {operation.PathTemplate} failed: {exception.Message}");
        }
    }

    private HttpRequestMessage Build(OpenApiOperation operation, JsonElement arguments)
    {
        var path = new StringBuilder(operation.PathTemplate);
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var (name, location) in operation.Parameters)
        {
            if (!arguments.TryGetProperty(name, out var value))
            {
                continue;
            }
            var text = ToolArgs.AsText(value);
            switch (location)
            {
                case "path":
                    path.Replace("{" + name + "}", Uri.EscapeDataString(text));
                    break;
                case "query":
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(text)}");
                    break;
                default:
                    headers.Add((name, text));
                    break;
            }
        }
        var url = operation.BaseUrl + path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (_registry.Options.Apis.TryGetValue(operation.Api, out var configured) && configured.Authorization is { Length: > 0 } authorization)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (operation.HasBody && arguments.TryGetProperty("body", out var body))
        {
            message.Content = new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }
        return message;
    }

    private static ToolDescriptor Describe(OpenApiOperation operation)
    {
        var readOnly = operation.Method is "GET" or "HEAD" or "OPTIONS";
        return new ToolDescriptor
        {
            Server = OpenApiToolOptions.ServerName,
            Name = operation.ToolName,
            Title = operation.Summary,
            Description = $"{operation.Method} {operation.PathTemplate} on {operation.BaseUrl} (imported API '{operation.Api}'). {operation.Summary}".Trim(),
            InputSchema = operation.InputSchema,
            Annotations = new ToolAnnotations
            {
                ReadOnly = readOnly,
                Destructive = operation.Method is "PUT" or "PATCH" or "DELETE",
                Idempotent = readOnly || operation.Method is "PUT" or "DELETE",
                OpenWorld = true,
            },
        };
    }

    public void Dispose() => _client.Dispose();
}
