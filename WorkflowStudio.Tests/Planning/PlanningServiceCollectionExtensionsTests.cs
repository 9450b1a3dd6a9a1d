using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Planning.Llm;
using WorkflowStudio.Engine.Planning.Offline;

namespace WorkflowStudio.Tests.Planning;

public sealed class PlanningServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging()
            .AddSingleton<Engine.Tools.IToolCatalog>(new StaticToolCatalog([]))
            .AddSingleton<Engine.Templates.ITemplateCatalog>(new StaticTemplateCatalog([]))
            .AddSingleton<Engine.Persistence.IDatabase>(new Engine.Persistence.SqliteDatabase(Path.Combine(Path.GetTempPath(), $"wfs-{Guid.NewGuid():N}", "studio.db")))
            .AddWorkflowStudioPlanning(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public async Task AddWorkflowStudioPlanning_WithoutAModel_UsesTheOfflinePlannerAndDeterministicSynthesizer()
    {
        await using var services = Build([]);

        Assert.IsType<TemplatePlanner>(services.GetRequiredService<IWorkflowPlanner>());
        Assert.IsType<TemplatePlanner>(services.GetRequiredService<IWorkflowReplanner>());
        Assert.IsType<DeterministicSynthesizer>(services.GetRequiredService<ISynthesizer>());
    }

    [Fact]
    public async Task AddWorkflowStudioPlanning_WithAModel_UsesTheLlmPlannerAndSynthesizer()
    {
        await using var services = Build(new() { ["Llm:Provider"] = "ollama", ["Llm:Model"] = "llama3.1" });

        Assert.IsType<LlmPlanner>(services.GetRequiredService<IWorkflowPlanner>());
        Assert.IsType<LlmPlanner>(services.GetRequiredService<IWorkflowReplanner>());
        Assert.IsType<LlmSynthesizer>(services.GetRequiredService<ISynthesizer>());
    }

    [Fact]
    public async Task PlanningOptions_ConfidentScoreBelowMinScore_FailsWithAMessageThatSaysHowToFixIt()
    {
        await using var services = Build(new() { ["Planning:MinScore"] = "0.5", ["Planning:ConfidentScore"] = "0.4" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PlanningOptions>>().Value);

        Assert.Contains("Planning:ConfidentScore (0.4) is below Planning:MinScore (0.5); raise ConfidentScore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanningOptions_UnknownRetrieval_FailsWithAMessageThatSaysHowToFixIt()
    {
        await using var services = Build(new() { ["Planning:Retrieval"] = "fuzzy" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PlanningOptions>>().Value);

        Assert.Contains("Planning:Retrieval is 'fuzzy'; use 'semantic' (embeddings and BM25, the default) or 'lexical' (BM25 only)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude", null, null, "Llm:Provider 'claude' is not supported")]
    [InlineData("azure-openai", null, "k", "Llm:Endpoint is required for azure-openai")]
    [InlineData("openai", null, null, "Llm:ApiKey is required for the OpenAI API")]
    [InlineData("openai", "localhost:8080", null, "Llm:Endpoint 'localhost:8080' is not an absolute http(s) URL")]
    public async Task LlmOptions_Invalid_FailWithAMessageThatSaysHowToFixIt(string provider, string? endpoint, string? key, string message)
    {
        await using var services = Build(new() { ["Llm:Provider"] = provider, ["Llm:Model"] = "m", ["Llm:Endpoint"] = endpoint, ["Llm:ApiKey"] = key });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai", null, "https://api.openai.com/v1")]
    [InlineData("ollama", null, "http://localhost:11434/v1")]
    [InlineData("openai", "http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1")]
    [InlineData("azure-openai", "https://acme.openai.azure.com", "https://acme.openai.azure.com/openai/v1/")]
    [InlineData("azure-openai", "https://acme.openai.azure.com/openai/v1/", "https://acme.openai.azure.com/openai/v1/")]
    public void EndpointFor_Provider_IsTheOpenAiCompatibleEndpoint(string provider, string? endpoint, string expected)
    {
        Assert.Equal(new Uri(expected), ChatClientFactory.EndpointFor(provider, endpoint));
    }
}
