using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary><c>builtin/openapi_import</c>: registers every operation of an OpenAPI 3 document as a tool <c>openapi/NAME_operationId</c>.</summary>
internal sealed class OpenApiImportTool : BuiltinTool
{
    private readonly OpenApiRegistry _registry;

    public OpenApiImportTool(OpenApiRegistry registry) => _registry = registry;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "openapi_import", "Import an OpenAPI document",
        "Reads an OpenAPI 3 JSON document (a path under the files root, or a URL on a host of Tools:Http:AllowedHosts) and registers each operation as " +
        "the tool openapi/NAME_operationId (arguments: its parameters by name, plus 'body'). The import is kept, so later workflows can use the tools; " +
        "calls go only to allowed hosts. Imports are per tenant: only runs of the importing tenant see and call the tools.",
        """
        { "type": "object",
          "properties": {
            "name": { "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]{0,39}$", "description": "Short API name, the tools' prefix." },
            "source": { "type": "string", "minLength": 1 },
            "baseUrl": { "type": "string", "description": "Overrides the document's servers[0].url." } },
          "required": ["name", "source"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "name": { "type": "string" }, "server": { "type": "string" }, "baseUrl": { "type": "string" }, "count": { "type": "integer" },
                          "tools": { "type": "array", "items": { "type": "string" } } },
          "required": ["name", "server", "count", "tools"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var name = args.RequiredString("name");
        var operations = await _registry.ImportAsync(context.TenantId, name, args.RequiredString("source"), args.String("baseUrl"), context.TimeProvider.GetUtcNow(), cancellationToken);
        return ToolJson.Ok(new JsonObject
        {
            ["name"] = name, ["server"] = OpenApiToolOptions.ServerName, ["baseUrl"] = operations[0].BaseUrl, ["count"] = operations.Count,
            ["tools"] = ToolJson.Array(operations.Select(o => $"{OpenApiToolOptions.ServerName}/{o.ToolName}")),
        });
    }
}
