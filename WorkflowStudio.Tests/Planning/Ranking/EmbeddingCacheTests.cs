using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Understanding;

namespace WorkflowStudio.Tests.Planning.Ranking;

/// <summary>The planner's embeddings of catalog texts are computed once and kept, on the real local model.</summary>
public sealed class EmbeddingCacheTests
{
    [Fact]
    public async Task CatalogAsync_SameTextsAgain_AreNotEmbeddedAgain()
    {
        await using var services = new ServiceCollection().AddLogging().AddWorkflowStudioUnderstanding(new ConfigurationBuilder().Build()).BuildServiceProvider();
        using var counting = new CountingGenerator(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        var cache = new EmbeddingCache(counting);

        var first = await cache.CatalogAsync(["Send an email", "Render a chart", "Send an email"], CancellationToken.None);
        var second = await cache.CatalogAsync(["Render a chart", "Send an email"], CancellationToken.None);

        Assert.Equal(2, counting.Texts);
        Assert.Equal(2, cache.CatalogCount);
        Assert.Same(first[0], second[1]);
        Assert.Same(first[0], first[2]);
        Assert.InRange(EmbeddingCache.Cosine(first[0], second[1]), 0.999, 1.001);
        Assert.True(EmbeddingCache.Cosine(first[0], first[1]) < 0.9);
    }

    /// <summary>The real generator, counting the texts it is asked to embed.</summary>
    private sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int Texts { get; private set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Texts += list.Count;
            return base.GenerateAsync(list, options, cancellationToken);
        }
    }
}
