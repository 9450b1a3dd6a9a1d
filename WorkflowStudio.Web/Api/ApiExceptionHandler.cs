using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary>Unhandled API errors as problem details: a client's bad request says what was wrong; anything else only a trace id.</summary>
internal static class ApiExceptionHandler
{
    public static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
        {
            var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? StudioApiExtensions.TooLarge(context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MaxBodyBytes)
                : bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            await ProblemWriter.WriteAsync(context, bad.StatusCode, bad.StatusCode == 413 ? "Request body too large" : "Bad request", detail);
            return;
        }
        await ProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error",
            $"The server could not complete the request; its log has the details under trace id {context.TraceIdentifier}.");
    }
}
