using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Memory;
using WorkflowStudio.Tools.Vectors;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>
/// Scenario 8: the local embedding model's throughput against the lexical scheme it replaced, and <c>vector_search</c>'s
/// query time on SQLite at 10k and 100k stored vectors against a brute-force scan of the same vectors held in memory.
/// </summary>
internal sealed class EmbeddingScenario(BenchContext context)
{
    private const int Dimensions = 384;
    private const int BatchSize = 32;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log("embeddings and vector search");
        var smoke = context.Options.Smoke;
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-bench-vectors", Guid.NewGuid().ToString("N"));
        await using var services = Services(dataDir);
        try
        {
            await ThroughputAsync(services, smoke ? 64 : context.Options.Quick ? 256 : 1024, cancellationToken);
            await SearchAsync(services, smoke ? [1_000] : [10_000, VectorStore.MaxPerCollection], smoke ? 3 : context.Options.Quick ? 20 : 50, cancellationToken);
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static ServiceProvider Services(string dataDir)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Studio:DataDir", dataDir)]).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.SectionName));
        services.AddBuiltinTools();
        return services.BuildServiceProvider();
    }

    private async Task ThroughputAsync(IServiceProvider services, int sentences, CancellationToken cancellationToken)
    {
        var table = context.Report.Add(new BenchReport.Section(
            "8a. Embedding throughput",
            Invariant($"{sentences} distinct short sentences (8–14 words), embedded in batches of {BatchSize} through the engine's ") +
            "`IEmbeddingGenerator` (all-MiniLM-L6-v2 on ONNX Runtime, CPU) and by the lexical scheme earlier versions stored " +
            "(`lexical-hash-v1`, the baseline). The model's first use (loading it) is timed apart and not in the rate.",
            "embedding", "dimensions", "first use ms", "sentences/s", "÷ lexical"));
        var texts = Sentences(sentences);
        var lexical = Rate(() =>
        {
            foreach (var text in texts)
            {
                TextEmbedder.Lexical(text);
            }
            return Task.CompletedTask;
        }, texts.Length);
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var load = await TimeAsync(() => generator.GenerateAsync(["load the model"], cancellationToken: cancellationToken));
        var model = await RateAsync(async () =>
        {
            foreach (var batch in texts.Chunk(BatchSize))
            {
                await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            }
        }, texts.Length);
        table.Row("lexical-hash-v1 (baseline)", "512", "–", F(lexical), "1.00×");
        table.Row("all-MiniLM-L6-v2", Invariant($"{Dimensions}"), F(load), F(model, "0.0"), $"{F(model / lexical, "0.0000")}×");
    }

    private async Task SearchAsync(IServiceProvider services, int[] sizes, int queries, CancellationToken cancellationToken)
    {
        var table = context.Report.Add(new BenchReport.Section(
            "8b. Vector search on SQLite",
            Invariant($"`vector_search` (topK 5) through the tool invoker, {queries} queries per size after 3 warm-ups: count, the stale-model check, ") +
            "the query's embedding, then every stored vector read and scored (brute force) and the top 5 fetched. Stored vectors are random unit " +
            "vectors under the current model's id (filling 100k by embedding real text would take the model about 20 minutes here). Baseline: the " +
            "same scan over the same vectors already in memory (no database, no query embedding).",
            "vectors", "p50 / p95 ms", "in-memory scan p50 ms (baseline)", "÷ baseline", "query embedding p50 ms"));
        var invoker = services.GetRequiredService<IToolInvoker>();
        var store = services.GetRequiredService<ToolDataStore>();
        var embedder = services.GetRequiredService<TextEmbedder>();
        var random = new Random(20261208);
        var texts = Sentences(queries + 3);
        var filled = new List<float[]>();
        foreach (var size in sizes)
        {
            var collection = Invariant($"bench-{size}");
            filled = await FillAsync(store, embedder.Model, collection, size, random, cancellationToken);
            var latencies = new List<double>();
            var embeddings = new List<double>();
            var scans = new List<double>();
            for (var i = 0; i < texts.Length; i++)
            {
                var request = new ToolCallRequest
                {
                    Server = "builtin", Tool = "vector_search",
                    Arguments = JsonSerializer.SerializeToElement(new { collection, query = texts[i], topK = 5 }),
                };
                var total = await TimeAsync(async () =>
                {
                    var result = await invoker.InvokeAsync(request, cancellationToken);
                    if (result.IsError)
                    {
                        throw new InvalidOperationException($"vector_search failed: {result.ErrorMessage}");
                    }
                });
                float[] query = [];
                var embedding = await TimeAsync(async () => query = (await embedder.EmbedAsync([texts[i]], cancellationToken))[0]);
                var scan = Time(() => InMemoryTop5(filled, query));
                if (i >= 3)
                {
                    latencies.Add(total);
                    embeddings.Add(embedding);
                    scans.Add(scan);
                }
            }
            var baseline = Stats.Percentile(scans, 50);
            table.Row(Invariant($"{size:N0}"), $"{F(Stats.Percentile(latencies, 50), "0.0")} / {F(Stats.Percentile(latencies, 95), "0.0")}",
                F(baseline, "0.00"), $"{F(Stats.Percentile(latencies, 50) / baseline, "0.0")}×", F(Stats.Percentile(embeddings, 50), "0.0"));
        }
    }

    /// <summary>Writes <paramref name="size"/> random unit vectors as the tool stores them; returns them.</summary>
    private static async Task<List<float[]>> FillAsync(ToolDataStore store, string model, string collection, int size, Random random, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(size);
        var database = await store.GetAsync(cancellationToken);
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO tool_vectors (tenant, collection, id, text, metadata, embedding, dimensions, model, updated_at) " +
                "VALUES ('default', $collection, $id, $text, '{}', $embedding, $dimensions, $model, 0)";
            var parameters = new[] { "$collection", "$id", "$text", "$embedding", "$dimensions", "$model" }.Select(name =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            parameters[0].Value = collection;
            parameters[4].Value = Dimensions;
            parameters[5].Value = model;
            for (var i = 0; i < size; i++)
            {
                var vector = new float[Dimensions];
                for (var d = 0; d < Dimensions; d++)
                {
                    vector[d] = (float)(random.NextDouble() * 2 - 1);
                }
                TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
                vectors.Add(vector);
                parameters[1].Value = Invariant($"v{i}");
                parameters[2].Value = Invariant($"stored item {i}");
                parameters[3].Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return true;
        }, cancellationToken);
        return vectors;
    }

    private static void InMemoryTop5(List<float[]> vectors, float[] query)
    {
        var best = new PriorityQueue<int, float>(6);
        for (var i = 0; i < vectors.Count; i++)
        {
            best.Enqueue(i, TensorPrimitives.Dot(query, vectors[i]));
            if (best.Count > 5)
            {
                best.Dequeue();
            }
        }
    }

    private static string[] Sentences(int count)
    {
        string[] subjects = ["the weekly sales report", "an overdue invoice", "a new customer", "the support ticket", "our churn-risk list", "the content calendar"];
        string[] verbs = ["should be sent to", "needs a review by", "was escalated to", "is summarised for", "gets a reminder from"];
        string[] objects = ["the finance team", "every account manager", "the on-call engineer", "the marketing lead", "the executives"];
        return [.. Enumerable.Range(0, count).Select(i =>
            Invariant($"{subjects[i % subjects.Length]} {verbs[i / subjects.Length % verbs.Length]} {objects[i / 30 % objects.Length]} before day {i}"))];
    }

    private static double Rate(Func<Task> work, int items) => items / (Time(() => work().GetAwaiter().GetResult()) / 1000);

    private static async Task<double> RateAsync(Func<Task> work, int items) => items / (await TimeAsync(work) / 1000);

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
