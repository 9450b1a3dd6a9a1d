using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Web.Auth;

/// <summary>Writes an RFC 9457 problem details body outside an endpoint (authentication, rate limiting).</summary>
internal static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
