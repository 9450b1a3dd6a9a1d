using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;
using WorkflowStudio.Tools.Http;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary>
/// The imported APIs' operations per tenant: the configured documents (every tenant's) plus the tenant's own imports made at
/// run time (kept in <c>tool_openapi_apis</c> with the tenant). Operations are cached per tenant, so one tenant's imports never
/// show in another's list or calls.
/// </summary>
internal sealed class OpenApiRegistry
{
    private readonly OpenApiToolOptions _options;
    private readonly ToolDataStore _store;
    private readonly ToolPaths _paths;
    private readonly HttpGetTool _http;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, OpenApiOperation>> _byTenant = new(StringComparer.Ordinal);
    private IReadOnlyList<OpenApiOperation>? _configured;

    public OpenApiRegistry(IOptions<OpenApiToolOptions> options, ToolDataStore store, ToolPaths paths, HttpGetTool http, TimeProvider time)
    {
        _time = time;
        _options = options.Value;
        _store = store;
        _paths = paths;
        _http = http;
    }

    public OpenApiToolOptions Options => _options;

    /// <summary>The operations <paramref name="tenantId"/> may call: configured APIs and its own imports.</summary>
    public async Task<IReadOnlyDictionary<string, OpenApiOperation>> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_byTenant.TryGetValue(tenantId, out var ready))
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_byTenant.TryGetValue(tenantId, out ready))
            {
                return ready;
            }
            if (_configured is null)
            {
                var configured = new List<OpenApiOperation>();
                foreach (var (name, api) in _options.Apis)
                {
                    var source = api.Source ?? throw new InvalidOperationException($"Tools:OpenApi:Apis:{name}:Source is not set; give a JSON file path or URL.");
                    var (json, uri) = await FetchAsync(source, trusted: true, Tenant.DefaultId, cancellationToken);
                    configured.AddRange(OpenApiDocumentReader.Read(name, json, api.BaseUrl, uri, _options, _time));
                }
                _configured = configured;
            }
            var all = new Dictionary<string, OpenApiOperation>(StringComparer.Ordinal);
            Add(all, _configured);
            var database = await _store.GetAsync(cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            foreach (var (name, source, baseUrl, document) in await connection.QueryAsync<(string, string, string, string)>(new CommandDefinition(
                "SELECT name, source, base_url, document FROM tool_openapi_apis WHERE tenant = @tenant ORDER BY name",
                new { tenant = tenantId }, cancellationToken: cancellationToken)))
            {
                if (!_options.Apis.ContainsKey(name))
                {
                    Add(all, OpenApiDocumentReader.Read(name, document, baseUrl, Uri.TryCreate(source, UriKind.Absolute, out var u) ? u : null, _options, _time));
                }
            }
            _byTenant[tenantId] = all;
            return all;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads, checks and keeps a document for the tenant; its operations become the tenant's tools at once.</summary>
    public async Task<IReadOnlyList<OpenApiOperation>> ImportAsync(
        string tenantId, string name, string source, string? baseUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_options.Apis.ContainsKey(name))
        {
            throw new ToolArgumentException($"'{name}' is a configured API (Tools:OpenApi:Apis:{name}); import under another name.");
        }
        var (json, uri) = await FetchAsync(source, trusted: false, tenantId, cancellationToken);
        var operations = OpenApiDocumentReader.Read(name, json, baseUrl, uri, _options, _time);
        var database = await _store.GetAsync(cancellationToken);
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            """
            INSERT INTO tool_openapi_apis (tenant, name, source, base_url, document, imported_at) VALUES (@tenant, @name, @source, @baseUrl, @json, @now)
            ON CONFLICT (tenant, name) DO UPDATE SET source = excluded.source, base_url = excluded.base_url, document = excluded.document, imported_at = excluded.imported_at
            """,
            new { tenant = tenantId, name, source, baseUrl = operations[0].BaseUrl, json, now = now.ToUnixTimeMilliseconds() }, transaction), cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _byTenant.TryRemove(tenantId, out _);
        }
        finally
        {
            _gate.Release();
        }
        return operations;
    }

    private async Task<(string Json, Uri? Uri)> FetchAsync(string source, bool trusted, string tenantId, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var result = await _http.InvokeAsync(ToolJson.Element(new System.Text.Json.Nodes.JsonObject { ["url"] = source }), new BuiltinToolContext(null, TimeProvider.System, tenantId), cancellationToken);
            if (result.IsError)
            {
                throw new ToolArgumentException($"fetching the document failed: {result.ErrorMessage}");
            }
            if (result.Output.GetProperty("status").GetInt32() is < 200 or > 299 || result.Output.GetProperty("truncated").GetBoolean())
            {
                throw new ToolArgumentException($"fetching the document answered {result.Output.GetProperty("status").GetInt32()}{(result.Output.GetProperty("truncated").GetBoolean() ? " (too large)" : "")}.");
            }
            return (result.Output.GetProperty("body").GetString()!, uri);
        }
        var full = trusted && Path.IsPathRooted(source) ? source : _paths.For(tenantId).Resolve(source);
        return File.Exists(full)
            ? (await File.ReadAllTextAsync(full, cancellationToken), null)
            : throw new ToolArgumentException(trusted ? $"there is no file '{full}'." : $"there is no file '{source}' under the files root.");
    }

    private static void Add(Dictionary<string, OpenApiOperation> all, IEnumerable<OpenApiOperation> operations)
    {
        foreach (var operation in operations)
        {
            all[operation.ToolName] = operation;
        }
    }
}
