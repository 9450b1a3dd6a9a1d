using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary><c>GET /api/templates</c> and <c>GET /api/tools</c>: what there is to run.</summary>
internal static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/templates", Templates).RequireAuthorization(StudioPolicies.Viewer).WithName("ListTemplates").WithTags("Catalog");
        api.MapGet("/tools", ToolsAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("ListTools").WithTags("Catalog");
        return api;
    }

    internal static Ok<TemplateItem[]> Templates(ITemplateCatalog templates) =>
        TypedResults.Ok(templates.Templates.Select(ToItem).ToArray());

    internal static TemplateItem ToItem(WorkflowTemplate t) =>
        new(t.Id, t.Title, t.Description, t.Tags, t.Workflow.Nodes.Count, t.Workflow.Inputs.Keys.ToArray());

    internal static async Task<Ok<ToolList>> ToolsAsync(IToolCatalog catalog, HttpContext context)
    {
        catalog = catalog.ForTenant(StudioCaller.Of(context.User).TenantId.Value);
        var tools = new List<ToolItem>();
        var warnings = new List<string>();
        foreach (var server in catalog.Servers.Order(StringComparer.Ordinal))
        {
            try
            {
                foreach (var tool in await catalog.GetToolsAsync(server, context.RequestAborted))
                {
                    tools.Add(new ToolItem(tool.FullName, tool.Description, tool.InputSchema, tool.OutputSchema,
                        tool.Annotations.ReadOnly, tool.Annotations.Destructive, tool.Annotations.Idempotent));
                }
            }
            catch (ToolServerException exception)
            {
                warnings.Add($"{server}: {exception.Message}");
            }
        }
        return TypedResults.Ok(new ToolList(tools, warnings));
    }
}
