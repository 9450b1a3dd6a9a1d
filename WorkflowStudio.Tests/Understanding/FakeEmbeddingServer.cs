using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Tests.Understanding;

/// <summary>
/// A remote embedding model on 127.0.0.1 speaking the OpenAI <c>POST /v1/embeddings</c> protocol: each input gets the
/// vector <c>[length, 1, 0]</c> (not unit length, as some Ollama models answer), and every request body is recorded.
/// </summary>
internal sealed class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEmbeddingServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<JsonNode> Requests { get; } = new();
    public string Endpoint { get; private set; } = "";

    public static async Task<FakeEmbeddingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeEmbeddingServer(app);
        app.MapPost("/v1/embeddings", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Endpoint = $"{address}/v1";
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        Requests.Enqueue(request);
        var inputs = request["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToArray() : [request["input"]!.GetValue<string>()];
        var data = new JsonArray(inputs.Select((text, index) => (JsonNode)new JsonObject
        {
            ["object"] = "embedding",
            ["index"] = index,
            ["embedding"] = new JsonArray(text.Length, 1, 0),
        }).ToArray());
        var body = new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = request["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Length, ["total_tokens"] = inputs.Length },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
