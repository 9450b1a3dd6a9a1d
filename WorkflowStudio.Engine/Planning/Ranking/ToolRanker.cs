using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>Narrows a large tool catalog to the tools relevant to a request, without a model call.</summary>
internal static class ToolRanker
{
    /// <summary>
    /// At most <paramref name="max"/> tools: those named literally in the request first, then by BM25; when nothing
    /// matches at all, the catalog's first tools (the model still needs something to choose from).
    /// </summary>
    public static IReadOnlyList<ToolDescriptor> Narrow(string request, IReadOnlyList<ToolDescriptor> tools, int max)
    {
        if (tools.Count <= max)
        {
            return tools;
        }
        var named = tools.Where(t => request.Contains(t.FullName, StringComparison.OrdinalIgnoreCase)).ToList();
        var index = new Bm25Index<ToolDescriptor>();
        foreach (var tool in tools)
        {
            index.Add(tool, CatalogDocuments.TermsOf(tool));
        }
        var ranked = index.Search(TextTerms.Of(request)).Select(r => r.Item);
        return named.Concat(ranked).Concat(tools).Distinct().Take(max).ToArray();
    }
}
