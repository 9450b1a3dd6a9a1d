using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Workflows.Validation;

internal sealed partial class ValidationRun
{
    /// <summary>
    /// A cache needs a ttl in range, a key whose bindings resolve, and a tool whose MCP annotations make reuse harmless:
    /// read-only or idempotent, or <c>"force": true</c>; never a tool annotated destructive.
    /// </summary>
    private void CheckCache(WorkflowNode node, string path)
    {
        if (node.Cache is not { } cache)
        {
            return;
        }
        if (cache.TtlSeconds is < 1 or > WorkflowLimits.MaxCacheTtlSeconds)
        {
            Error($"{path}.ttlSeconds", $"must be between 1 and {WorkflowLimits.MaxCacheTtlSeconds} (30 days), got {cache.TtlSeconds}");
        }
        if (cache.Key is { } key)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                Error($"{path}.key", "is empty: leave \"key\" out to key the cache by the tool and its arguments, or give a template such as \"{{ inputs.region }}\"");
            }
            foreach (var occurrence in BindingScanner.ScanString(key, $"{path}.key"))
            {
                CheckBinding(occurrence, node.Id);
            }
        }
        if (!ToolReference.TryParse(node.Tool, out var reference) || _tools.Find(reference.Server, reference.Name) is not { } tool)
        {
            return; // the tool itself is reported
        }
        if (tool.Annotations.IsDestructive)
        {
            Error(path, $"'{node.Tool}' is annotated destructive, so its result is never reused: remove \"cache\" from the node (\"force\" does not apply)");
        }
        else if (!tool.Annotations.SafeToRepeat && !cache.Force)
        {
            Error(path, $"'{node.Tool}' is annotated neither read-only nor idempotent, so a cached result may hide a change it should make: " +
                "remove \"cache\", or add \"force\": true to the cache object if reusing its result is safe");
        }
    }
}
