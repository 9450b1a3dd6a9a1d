using System.Text.Json;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// Derives a run's artefacts from its node outputs: every string in a node's result (at any depth) that looks like a file
/// path and names an existing file inside the tenant's files root. Nothing is stored: a deleted file is no longer listed.
/// </summary>
internal static class RunArtefacts
{
    /// <summary>Longer strings are prose, not paths (the files root refuses longer paths too).</summary>
    private const int MaxPathChars = 1024;

    public static IReadOnlyList<RunArtefact> Of(RunResult result, string tenantId, ITenantFileLocator files)
    {
        var artefacts = new List<RunArtefact>();
        var seen = new HashSet<(string Node, string Path)>();
        foreach (var node in result.Results)
        {
            foreach (var output in new[] { node.Result, node.FallbackResult })
            {
                if (output is not { } element)
                {
                    continue;
                }
                foreach (var candidate in Strings(element).Where(LooksLikeAFile))
                {
                    if (files.Locate(tenantId, candidate) is { } file && seen.Add((node.ActionId, file.RelativePath)))
                    {
                        artefacts.Add(new RunArtefact(node.ActionId, node.Tool, file.RelativePath, System.IO.Path.GetFileName(file.FullPath),
                            new FileInfo(file.FullPath).Length));
                    }
                }
            }
        }
        return artefacts;
    }

    private static bool LooksLikeAFile(string value) =>
        value.Length is > 0 and <= MaxPathChars
        && value.IndexOfAny(['\n', '\r', '\0']) < 0
        && System.IO.Path.HasExtension(value)
        && !value.Contains("://", StringComparison.Ordinal);

    private static IEnumerable<string> Strings(JsonElement element)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        while (pending.TryPop(out var current))
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.String:
                    yield return current.GetString()!;
                    break;
                case JsonValueKind.Object:
                    foreach (var property in current.EnumerateObject().Reverse())
                    {
                        pending.Push(property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in current.EnumerateArray().Reverse())
                    {
                        pending.Push(item);
                    }
                    break;
            }
        }
    }
}
