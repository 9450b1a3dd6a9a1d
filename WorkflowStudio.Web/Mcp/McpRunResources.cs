using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// Runs, their artefacts and saved workflows as MCP resources (see <see cref="McpResourceUris"/>), always of the caller's
/// tenant: resources/list pages through the tenant's runs, newest first; resources/read answers a run's result, a file it
/// produced (text as text, the rest base64, up to <see cref="McpEndpointOptions.MaxResourceBytes"/>) or a workflow.
/// Anything else, another tenant's included, is "not found": -32602 with <c>data.uri</c>.
/// </summary>
internal sealed class McpRunResources(RunFrontDoor front, IOptions<McpEndpointOptions> options)
{
    public const int PageSize = 50;
    private const string Json = "application/json";

    public async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        RunCursor? after = null;
        if (request.Params?.Cursor is { } cursor && !RunCursor.TryParse(cursor, out after))
        {
            throw new McpProtocolException($"Cursor '{cursor}' is not one this server gave out: pass a nextCursor from resources/list, or none to start over.",
                McpErrorCode.InvalidParams);
        }
        var page = await front.For(caller.TenantId).QueryAsync(new RunQuery { Limit = PageSize, After = after }, cancellationToken);
        return new ListResourcesResult
        {
            Resources = page.Runs.Select(r => new Resource
            {
                Uri = McpResourceUris.Run(r.Id),
                Name = $"run-{r.Id}",
                Title = $"{r.WorkflowName} ({r.Status})",
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"The result of a run of '{r.WorkflowName}', started {DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt):u} ({r.Origin}), with links to its files."),
                MimeType = Json,
            }).ToList(),
            NextCursor = page.NextCursor?.ToString(),
        };
    }

    public ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken)
    {
        McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        return ValueTask.FromResult(new ListResourceTemplatesResult
        {
            ResourceTemplates =
            [
                new ResourceTemplate
                {
                    UriTemplate = McpResourceUris.RunTemplate, Name = "run", Title = "A run's result", MimeType = Json,
                    Description = "Status, summary, each node's result or error, next actions, and the run's files (uri, name, media type, size).",
                },
                new ResourceTemplate
                {
                    UriTemplate = McpResourceUris.ArtefactTemplate, Name = "run-artefact", Title = "A file a run produced",
                    Description = "A report, chart or written file of a run, by its path as the run lists it; text as text, other files base64.",
                },
                new ResourceTemplate
                {
                    UriTemplate = McpResourceUris.WorkflowTemplate, Name = "workflow", Title = "A saved workflow", MimeType = Json,
                    Description = "The latest version of a saved workflow in WorkflowStudio's format (its inputs, nodes and output).",
                },
            ],
        });
    }

    public async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        var uri = request.Params?.Uri;
        if (string.IsNullOrEmpty(uri))
        {
            throw new McpProtocolException("resources/read needs 'uri' (resources/list and resources/templates/list show them).", McpErrorCode.InvalidParams);
        }
        if (!McpResourceUris.TryParse(uri, out var address))
        {
            throw NotFound(uri, $"Resource '{uri}' is not one of this server's: they are {McpResourceUris.RunTemplate}, " +
                                $"{McpResourceUris.ArtefactTemplate} and {McpResourceUris.WorkflowTemplate}.");
        }
        var runs = front.For(caller.TenantId);
        if (address.WorkflowId is { } workflowId)
        {
            var saved = await runs.FindWorkflowAsync(workflowId, cancellationToken: cancellationToken)
                        ?? throw NotFound(uri, $"Resource not found: no workflow '{workflowId}' in this tenant.");
            return Text(uri, Json, WorkflowJson.Serialize(saved.Definition));
        }
        var runId = address.RunId!;
        if (address.ArtefactPath is not { } path)
        {
            var result = await runs.GetResultAsync(runId, cancellationToken) ?? throw NotFound(uri, $"Resource not found: no run '{runId}' in this tenant.");
            return Text(uri, Json, RunDocument(runId, McpRunOutput.From(result), await runs.ListArtefactsAsync(runId, cancellationToken) ?? []).ToJsonString());
        }
        await using var file = await runs.OpenArtefactAsync(runId, path, cancellationToken)
                               ?? throw NotFound(uri, $"Resource not found: run '{runId}' of this tenant has no file '{path}' (its result lists the files it has).");
        var limit = options.Value.MaxResourceBytes;
        var bytes = await ReadUpToAsync(file.Content, limit, cancellationToken);
        if (bytes is null)
        {
            var tooLarge = new McpProtocolException(
                $"File '{path}' of run '{runId}' is {file.Artefact.Bytes} bytes, more than resources/read answers ({limit} bytes, Mcp:MaxResourceBytes): " +
                $"download it from /{file.Artefact.DownloadPath(runId)} with the same API key instead.", McpErrorCode.InvalidParams);
            tooLarge.Data["uri"] = uri;
            throw tooLarge;
        }
        var type = file.Artefact.ContentType;
        return IsText(type)
            ? Text(uri, type, Encoding.UTF8.GetString(bytes))
            : new ReadResourceResult { Contents = [BlobResourceContents.FromBytes(bytes, uri, type)] };
    }

    /// <summary>Resource links to a run and each of its files, for tool results.</summary>
    public static async Task<IReadOnlyList<ContentBlock>> LinksAsync(TenantRuns runs, McpRunOutput run, CancellationToken cancellationToken)
    {
        var links = new List<ContentBlock>
        {
            new ResourceLinkBlock
            {
                Uri = McpResourceUris.Run(run.RunId), Name = $"run-{run.RunId}", Title = $"Run {run.RunId} ({run.Status})", MimeType = Json,
                Description = "The run's result as JSON (resources/read).",
            },
        };
        foreach (var artefact in await runs.ListArtefactsAsync(run.RunId, cancellationToken) ?? [])
        {
            links.Add(new ResourceLinkBlock
            {
                Uri = McpResourceUris.Artefact(run.RunId, artefact), Name = artefact.Name, MimeType = artefact.ContentType, Size = artefact.Bytes,
                Description = $"Written by node '{artefact.NodeId}' ({artefact.Tool}).",
            });
        }
        return links;
    }

    /// <summary>The run resource: the run tools' answer, and its files with their resource URIs.</summary>
    private static JsonObject RunDocument(string runId, McpRunOutput output, IReadOnlyList<RunArtefact> artefacts)
    {
        var document = JsonSerializer.SerializeToNode(output)!.AsObject();
        document["artefacts"] = new JsonArray(artefacts.Select(a => (JsonNode)new JsonObject
        {
            ["uri"] = McpResourceUris.Artefact(runId, a),
            ["path"] = a.Path,
            ["name"] = a.Name,
            ["node"] = a.NodeId,
            ["tool"] = a.Tool,
            ["mime_type"] = a.ContentType,
            ["bytes"] = a.Bytes,
        }).ToArray());
        return document;
    }

    private static ReadResourceResult Text(string uri, string mimeType, string text) =>
        new() { Contents = [new TextResourceContents { Uri = uri, MimeType = mimeType, Text = text }] };

    private static bool IsText(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType is Json or "application/xml" or "message/rfc822";

    /// <summary>The stream's bytes, or null when there are more than <paramref name="limit"/> (reading stops there).</summary>
    private static async Task<byte[]?> ReadUpToAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static McpProtocolException NotFound(string uri, string message)
    {
        var exception = new McpProtocolException(message, McpErrorCode.InvalidParams);
        exception.Data["uri"] = uri; // the spec's not-found error names the resource in data.uri
        return exception;
    }
}
