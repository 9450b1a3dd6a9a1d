using System.Numerics.Tensors;
using System.Text.Json;
using WorkflowStudio.Tools.Vectors;
using Xunit.Abstractions;

namespace WorkflowStudio.Tests.Tools.Vectors;

/// <summary>
/// paraphrase-set.json: 30 documents in one collection, a query per document in other words. Recall@1 of the lexical
/// scheme earlier versions stored against the local model through the vector tools; the figures are in docs/embeddings.md.
/// </summary>
public sealed class ParaphraseEvalTests
{
    private readonly ITestOutputHelper _output;

    public ParaphraseEvalTests(ITestOutputHelper output) => _output = output;

    private sealed record Pair(string Id, string Document, string Query);

    private static IReadOnlyList<Pair> Pairs()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Tools", "Vectors", "paraphrase-set.json")));
        return [.. file.RootElement.GetProperty("pairs").EnumerateArray().Select(p => new Pair(
            p.GetProperty("id").GetString()!, p.GetProperty("document").GetString()!, p.GetProperty("query").GetString()!))];
    }

    [Fact]
    public async Task VectorSearch_Paraphrases_LocalModelFindsClearlyMoreThanTheLexicalScheme()
    {
        var pairs = Pairs();
        await using var host = ToolHost.Create();
        await host.OkAsync("vector_upsert", new { collection = "eval", items = pairs.Select(p => new { id = p.Id, text = p.Document }).ToArray() });

        var modelHits = 0;
        foreach (var pair in pairs)
        {
            var found = await host.OkAsync("vector_search", new { collection = "eval", query = pair.Query, topK = 1 });
            modelHits += found.GetProperty("results")[0].GetProperty("id").GetString() == pair.Id ? 1 : 0;
        }
        var documents = pairs.Select(p => (p.Id, Vector: TextEmbedder.Lexical(p.Document))).ToArray();
        var lexicalHits = pairs.Count(pair =>
        {
            var query = TextEmbedder.Lexical(pair.Query);
            return documents.OrderByDescending(d => TensorPrimitives.Dot(query, d.Vector)).ThenBy(d => d.Id, StringComparer.Ordinal).First().Id == pair.Id;
        });

        double lexical = (double)lexicalHits / pairs.Count, model = (double)modelHits / pairs.Count;
        _output.WriteLine($"recall@1 over {pairs.Count} pairs: lexical-hash-v1 {lexical:P0} ({lexicalHits}), all-MiniLM-L6-v2 {model:P0} ({modelHits})");
        Assert.True(pairs.Count >= 30);
        Assert.True(model >= lexical + 0.3, $"all-MiniLM-L6-v2 {model:P0} should beat lexical-hash-v1 {lexical:P0} by 30 points or more");
    }
}
