using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Understanding;
using WorkflowStudio.Tests.Planning;

namespace WorkflowStudio.Tests.Understanding;

public sealed class UnderstandingServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        before?.Invoke(services);
        return services.AddWorkflowStudioUnderstanding(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public async Task AddWorkflowStudioUnderstanding_NothingConfigured_UsesTheLocalModelOncePerProvider()
    {
        await using var services = Build([]);

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<LocalEmbeddingGenerator>(generator);
        Assert.Same(generator, services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal("local/all-MiniLM-L6-v2", EmbeddingModelId.Of(generator));
    }

    [Fact]
    public async Task AddWorkflowStudioUnderstanding_HostRegisteredItsOwnGenerator_TheHostsWins()
    {
        using var own = new LocalEmbeddingGenerator(Options.Create(new EmbeddingOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LocalEmbeddingGenerator>.Instance);
        await using var services = Build([], s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(own));

        Assert.Same(own, services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task AddWorkflowStudioUnderstanding_OpenAiCompatibleEndpoint_CallsItAndNormalizesItsVectors()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        await using var services = Build(new()
        {
            ["Embeddings:Provider"] = "openai", ["Embeddings:Model"] = "text-embedding-test",
            ["Embeddings:Endpoint"] = server.Endpoint, ["Embeddings:ApiKey"] = "secret-key",
        });
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vectors = await generator.GenerateAsync(["abc", "abcd"], cancellationToken: CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("text-embedding-test", request["model"]!.GetValue<string>());
        // [3, 1, 0] scaled to unit length
        Assert.Equal(3 / MathF.Sqrt(10), vectors[0].Vector.Span[0], 4);
        Assert.Equal(1 / MathF.Sqrt(10), vectors[0].Vector.Span[1], 4);
        Assert.Equal(4 / MathF.Sqrt(17), vectors[1].Vector.Span[0], 4);
        Assert.StartsWith("openai/text-embedding-test", EmbeddingModelId.Of(generator), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude", null, null, null, "Embeddings:Provider 'claude' is not supported")]
    [InlineData("local", "bge-small", null, null, "Embeddings:Model 'bge-small' is not available locally")]
    [InlineData("local", null, "http://localhost:11434/v1", null, "Embeddings:Endpoint and Embeddings:ApiKey are only used by a remote provider")]
    [InlineData("ollama", null, null, null, "Embeddings:Model is required for the 'ollama' provider: set it to an embedding model, e.g. 'nomic-embed-text'")]
    [InlineData("openai", "text-embedding-3-small", null, null, "Embeddings:ApiKey is required for the OpenAI API")]
    [InlineData("openai", "m", "localhost:8080", "k", "Embeddings:Endpoint 'localhost:8080' is not an absolute http(s) URL")]
    public async Task EmbeddingOptions_Invalid_FailWithAMessageThatSaysHowToFixIt(string provider, string? model, string? endpoint, string? key, string message)
    {
        await using var services = Build(new()
        {
            ["Embeddings:Provider"] = provider, ["Embeddings:Model"] = model, ["Embeddings:Endpoint"] = endpoint, ["Embeddings:ApiKey"] = key,
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmbeddingOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai", null, "https://api.openai.com/v1")]
    [InlineData("ollama", null, "http://localhost:11434/v1")]
    [InlineData("ollama", "http://gpu-box:11434/v1", "http://gpu-box:11434/v1")]
    public void EndpointFor_Provider_IsTheOpenAiCompatibleEndpoint(string provider, string? endpoint, string expected)
    {
        Assert.Equal(new Uri(expected), RemoteEmbeddingGeneratorFactory.EndpointFor(provider, endpoint));
    }

    [Fact]
    public async Task PlanningHost_WithoutTheRestOfTheEngine_HasTheLocalEmbeddingGenerator()
    {
        await using var host = await PlanningHost.StartAsync(new StaticToolCatalog([]));

        Assert.IsType<LocalEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }
}
