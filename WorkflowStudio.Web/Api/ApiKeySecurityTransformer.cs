using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WorkflowStudio.Web.Api;

/// <summary>Declares the API key (<c>Authorization: Bearer KEY</c>) in the OpenAPI document.</summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "WorkflowStudio API";
        document.Info.Description = "One request in, whole workflow out. Every endpoint needs an API key: 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A key from 'studio apikey create' (wfs_...).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
