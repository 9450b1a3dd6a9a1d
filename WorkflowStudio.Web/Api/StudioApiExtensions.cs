using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary>The REST API under <c>/api</c>: strict JSON, problem details, body limit, per-key rate limit, OpenAPI and its reference UI.</summary>
internal static class StudioApiExtensions
{
    public const string RateLimitPolicy = "per-key";
    public const string OpenApiPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddStudioApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions.Remove("exception"));
        services.ConfigureHttpJsonOptions(o =>
        {
            // Strict: unknown or duplicate members, comments and trailing commas are errors that name the path.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.AllowTrailingCommas = false;
            o.SerializerOptions.ReadCommentHandling = JsonCommentHandling.Disallow;
            o.SerializerOptions.MaxDepth = Engine.Workflows.WorkflowLimits.MaxJsonDepth;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // bad bodies reach the API's problem writer
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.PermitsPerMinute;
                var partition = context.User.FindFirstValue(StudioClaims.KeyId) is { } key
                    ? $"key:{key}"
                    : $"ip:{context.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                });
            });
            o.OnRejected = async (rejected, _) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var permits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.PermitsPerMinute;
                await ProblemWriter.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Rate limit exceeded",
                    $"This key may send {permits} requests per minute; retry after {seconds} s.",
                    new Dictionary<string, object?>
                    {
                        ["limit"] = "requests_per_minute", ["limitValue"] = permits,
                        ["resetsAt"] = DateTimeOffset.UtcNow.AddSeconds(seconds),
                    });
            };
        });
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>());
        services.AddSingleton<RunResponder>();
        services.AddSingleton<WebhookSecrets>(); // the runs themselves: RunFrontDoor (AddRunFrontDoor, part of the engine)
        services.AddSingleton<UsageReports>();
        services.AddWorkflowStudioUsageMeter();
        return services;
    }

    /// <summary>For <c>/api</c>, <c>/mcp</c> and <c>/hooks</c>: the body limit, and errors as problem details (never a page, never a stack trace).</summary>
    public static WebApplication UseStudioApi(this WebApplication app)
    {
        var maxBody = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        app.UseWhen(c => StudioAuthSchemes.IsApiPath(c.Request.Path) || WebhookDelivery.IsHookPath(c.Request.Path), api =>
        {
            api.Use(async (context, next) =>
            {
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }
                if (context.Request.ContentLength > maxBody)
                {
                    await ProblemWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", TooLarge(maxBody));
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = maxBody;
                }
                await next(context);
                // A chunked body over the limit is cut by the server while a handler reads it: say why.
                if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
                {
                    await ProblemWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", TooLarge(maxBody));
                }
            });
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiExceptionHandler.HandleAsync });
        });
        return app;
    }

    internal static string TooLarge(int maxBody) =>
        $"The request body is larger than this server accepts ({maxBody} bytes, Api:MaxBodyBytes); send a smaller workflow or raise the limit.";

    public static IEndpointRouteBuilder MapStudioApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireRateLimiting(RateLimitPolicy).WithTags("WorkflowStudio");
        api.MapOrchestrateApi().MapPlanApi().MapRunsApi().MapWorkflowsApi().MapCatalogApi().MapUsageApi().MapAdminApi().MapWebhooksApi();
        endpoints.MapWebhookDelivery(); // outside /api: signed, not keyed; rate-limited like /api
        endpoints.MapOpenApi(OpenApiPath).AllowAnonymous();
        endpoints.MapScalarApiReference(ReferencePath, o => o.WithTitle("WorkflowStudio API").WithOpenApiRoutePattern(OpenApiPath)).AllowAnonymous();
        return endpoints;
    }
}
