using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Understanding;

namespace WorkflowStudio.Tests.Understanding;

/// <summary>The real all-MiniLM-L6-v2 from its package, on the CPU: no double stands in for it.</summary>
public sealed class LocalEmbeddingGeneratorTests
{
    private static LocalEmbeddingGenerator Create(int batchSize = EmbeddingOptions.DefaultBatchSize) =>
        new(Options.Create(new EmbeddingOptions { BatchSize = batchSize }), TimeProvider.System, NullLogger<LocalEmbeddingGenerator>.Instance);

    [Fact]
    public async Task GenerateAsync_Paraphrases_AreCloserThanUnrelatedSentences()
    {
        using var generator = Create();

        var vectors = await generator.GenerateAsync(
            ["Create and distribute the weekly content package", "Put together this week's marketing posts and send them out",
             "Translate the Q3 report into French"], cancellationToken: CancellationToken.None);

        var paraphrase = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.True(paraphrase > unrelated + 0.2f, $"paraphrase {paraphrase:F3} should beat unrelated {unrelated:F3} by a clear margin");
    }

    [Fact]
    public async Task GenerateAsync_AnyText_Gives384UnitLengthDimensions()
    {
        using var generator = Create(batchSize: 2);
        string[] texts = ["", "short", "a somewhat longer sentence about invoices that are overdue", string.Join(' ', Enumerable.Repeat("word", 2000))];

        var vectors = await generator.GenerateAsync(texts, cancellationToken: CancellationToken.None);

        Assert.Equal(texts.Length, vectors.Count);
        Assert.All(vectors, v =>
        {
            Assert.Equal(EmbeddingOptions.LocalDimensions, v.Vector.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(v.Vector.Span), 3);
            Assert.Equal(EmbeddingOptions.LocalModel, v.ModelId);
        });
    }

    [Fact]
    public async Task GenerateAsync_SameTextInAnotherBatch_GivesTheSameVector()
    {
        using var generator = Create(batchSize: 1);

        var alone = await generator.GenerateAsync(["weekly KPI report"], cancellationToken: CancellationToken.None);
        var batched = await generator.GenerateAsync(["weekly KPI report", "overdue invoice reminders"], cancellationToken: CancellationToken.None);

        Assert.True(TensorPrimitives.CosineSimilarity(alone[0].Vector.Span, batched[0].Vector.Span) > 0.999f);
    }

    [Fact]
    public async Task GenerateAsync_NoTexts_GivesNoEmbeddings()
    {
        using var generator = Create();

        var vectors = await generator.GenerateAsync([], cancellationToken: CancellationToken.None);

        Assert.Empty(vectors);
    }

    [Fact]
    public async Task GenerateAsync_NullText_FailsNamingItsPosition()
    {
        using var generator = Create();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", null!], cancellationToken: CancellationToken.None));

        Assert.Contains("Text 1 to embed is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var generator = Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["anything"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileEncoding_StopsWithOperationCanceled()
    {
        using var generator = Create(batchSize: 8);
        await generator.GenerateAsync(["load the model first"], cancellationToken: CancellationToken.None);
        var texts = Enumerable.Range(0, 4000).Select(i => $"sentence {i} about a report that goes to the sales team every week").ToArray();
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(texts, cancellationToken: cancellation.Token));

        // 4000 sentences take minutes on this machine; stopping means well before that
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void GetService_Metadata_NamesTheLocalModelAndItsDimensions()
    {
        using var generator = Create();

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("local", metadata.ProviderName);
        Assert.Equal(EmbeddingOptions.LocalModel, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Equal("local/all-MiniLM-L6-v2", EmbeddingModelId.Of(generator));
    }
}
