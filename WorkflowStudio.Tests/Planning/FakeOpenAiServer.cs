using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Tests.Planning;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 for the LLM tests: <c>POST /v1/chat/completions</c> answers from a script
/// (text, HTTP status with headers, or a hang until the client gives up) and records every request body.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private FakeOpenAiServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<JsonNode> Requests { get; } = new();
    public string Endpoint { get; private set; } = "";

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Endpoint = $"{address}/v1";
        return server;
    }

    /// <summary>Configuration for the real client against this server.</summary>
    public Dictionary<string, string?> Settings(int maxRepairRounds = 2, double timeoutSeconds = 10, int maxRetries = 0) => new()
    {
        ["Llm:Provider"] = "openai",
        ["Llm:Endpoint"] = Endpoint,
        ["Llm:Model"] = "fake-model",
        ["Llm:ApiKey"] = "test-key",
        ["Llm:MaxRepairRounds"] = maxRepairRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Llm:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Llm:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Llm:Prices:fake-model:InputPerMillion"] = "2",
        ["Llm:Prices:fake-model:OutputPerMillion"] = "8",
    };

    public FakeOpenAiServer Reply(string content, int promptTokens = 1000, int completionTokens = 200)
    {
        _script.Enqueue(async context =>
        {
            var body = new JsonObject
            {
                ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = "fake-model",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens,
                },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        });
        return this;
    }

    public FakeOpenAiServer Status(int status, string? retryAfter = null)
    {
        _script.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{ "error": { "message": "slow down", "type": "rate_limit_exceeded" } }""");
        });
        return this;
    }

    /// <summary>Never answers; the request ends when the client gives up (its timeout) or the server stops.</summary>
    public FakeOpenAiServer Hang()
    {
        _script.Enqueue(async context =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing));
        return this;
    }

    /// <summary>The text of all messages of request <paramref name="index"/>, joined.</summary>
    public string MessagesOf(int index) =>
        string.Join("\n", Requests.ElementAt(index)["messages"]!.AsArray().Select(m => m!["content"] switch
        {
            JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>())),
            JsonNode text => text.GetValue<string>(),
            null => "",
        }));

    private async Task HandleAsync(HttpContext context)
    {
        Requests.Enqueue((await JsonNode.ParseAsync(context.Request.Body))!);
        if (_script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }
        context.Response.StatusCode = 500;
        await context.Response.WriteAsync("""{ "error": { "message": "the test scripted no more answers" } }""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
