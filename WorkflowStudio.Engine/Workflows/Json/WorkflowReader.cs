using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>
/// Reads our workflow format strictly: unknown properties and wrong types are errors, all reported at once.
/// Missing required values (name, node ids, tools) are left empty for <see cref="WorkflowValidator"/> to report,
/// so one pass shows them together with every other semantic problem.
/// </summary>
internal sealed class WorkflowReader
{
    internal static readonly string[] WorkflowProperties = ["$schema", "name", "description", "inputs", "nodes", "output", "onFailure", "maxReplans"];
    internal static readonly string[] InputProperties = ["type", "default", "description"];
    internal static readonly string[] NodeProperties =
        ["id", "description", "tool", "args", "dependsOn", "timeoutSeconds", "retry", "fallback", "when", "continueOnError", "approval", "cache"];
    internal static readonly string[] RetryProperties = ["maxAttempts", "backoffSeconds", "backoffMultiplier", "unsafe"];
    internal static readonly string[] FallbackProperties = ["tool", "args"];
    internal static readonly string[] CacheProperties = ["ttlSeconds", "key", "force"];

    private readonly StrictJsonReader _reader;

    private WorkflowReader(ICollection<ValidationError> errors) => _reader = new StrictJsonReader(errors);

    /// <summary>Reads a workflow from a parsed document root; null when anything was reported.</summary>
    public static WorkflowDefinition? Read(JsonElement root, ICollection<ValidationError> errors)
    {
        var before = errors.Count;
        var workflow = new WorkflowReader(errors).ReadWorkflow(root);
        return errors.Count == before ? workflow : null;
    }

    private WorkflowDefinition ReadWorkflow(JsonElement root)
    {
        string? name = null, description = null;
        var inputs = new Dictionary<string, WorkflowInput>(StringComparer.Ordinal);
        var nodes = new List<WorkflowNode>();
        JsonElement? output = null;
        string? onFailure = null;
        int? maxReplans = null;
        foreach (var (property, value, path) in _reader.Properties(root, JsonPathText.Root, WorkflowProperties))
        {
            switch (property)
            {
                case "$schema": _reader.String(value, path); break;
                case "name": name = _reader.String(value, path); break;
                case "description": description = _reader.String(value, path); break;
                case "inputs": ReadInputs(value, path, inputs); break;
                case "nodes": ReadNodes(value, path, nodes); break;
                case "onFailure": onFailure = _reader.String(value, path); break;
                case "maxReplans": maxReplans = _reader.Integer(value, path); break;
                default: output = value.Clone(); break;
            }
        }
        return new WorkflowDefinition
        {
            Name = name ?? string.Empty, Description = description, Inputs = inputs, Nodes = nodes, Output = output,
            OnFailure = onFailure, MaxReplans = maxReplans,
        };
    }

    private void ReadInputs(JsonElement value, string path, Dictionary<string, WorkflowInput> inputs)
    {
        foreach (var (name, definition, inputPath) in _reader.Map(value, path))
        {
            var input = new WorkflowInput();
            foreach (var (property, item, itemPath) in _reader.Properties(definition, inputPath, InputProperties))
            {
                input = property switch
                {
                    "type" => input with { Type = _reader.String(item, itemPath) ?? input.Type },
                    "default" => input with { Default = item.Clone() },
                    _ => input with { Description = _reader.String(item, itemPath) },
                };
            }
            inputs[name] = input;
        }
    }

    private void ReadNodes(JsonElement value, string path, List<WorkflowNode> nodes)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > WorkflowLimits.MaxNodes)
        {
            _reader.Error(path, $"{value.GetArrayLength()} nodes; the limit is {WorkflowLimits.MaxNodes} (split the workflow)");
            return;
        }
        foreach (var (item, itemPath) in _reader.Items(value, path))
        {
            nodes.Add(ReadNode(item, itemPath));
        }
    }

    private WorkflowNode ReadNode(JsonElement value, string path)
    {
        var node = new WorkflowNode { Id = string.Empty, Tool = string.Empty };
        foreach (var (property, item, itemPath) in _reader.Properties(value, path, NodeProperties))
        {
            node = property switch
            {
                "id" => node with { Id = _reader.String(item, itemPath) ?? string.Empty },
                "description" => node with { Description = _reader.String(item, itemPath) },
                "tool" => node with { Tool = _reader.String(item, itemPath) ?? string.Empty },
                "args" => node with { Args = _reader.Object(item, itemPath) },
                "dependsOn" => node with { DependsOn = _reader.StringArray(item, itemPath) },
                "timeoutSeconds" => node with { TimeoutSeconds = _reader.Number(item, itemPath) },
                "retry" => node with { Retry = ReadRetry(item, itemPath) },
                "fallback" => node with { Fallback = ReadFallback(item, itemPath) },
                "when" => node with { When = _reader.String(item, itemPath) },
                "continueOnError" => node with { ContinueOnError = _reader.Boolean(item, itemPath) ?? false },
                "cache" => node with { Cache = ReadCache(item, itemPath) },
                _ => node with { Approval = _reader.String(item, itemPath) },
            };
        }
        return node;
    }

    private RetryPolicy ReadRetry(JsonElement value, string path)
    {
        var retry = new RetryPolicy();
        foreach (var (property, item, itemPath) in _reader.Properties(value, path, RetryProperties))
        {
            retry = property switch
            {
                "maxAttempts" => retry with { MaxAttempts = _reader.Integer(item, itemPath) ?? retry.MaxAttempts },
                "backoffSeconds" => retry with { BackoffSeconds = _reader.Number(item, itemPath) ?? retry.BackoffSeconds },
                "backoffMultiplier" => retry with { BackoffMultiplier = _reader.Number(item, itemPath) ?? retry.BackoffMultiplier },
                _ => retry with { Unsafe = _reader.Boolean(item, itemPath) ?? false },
            };
        }
        return retry;
    }

    private NodeCache ReadCache(JsonElement value, string path)
    {
        var cache = new NodeCache();
        var ttl = false;
        foreach (var (property, item, itemPath) in _reader.Properties(value, path, CacheProperties))
        {
            cache = property switch
            {
                "ttlSeconds" => cache with { TtlSeconds = _reader.Integer(item, itemPath) ?? 0 },
                "key" => cache with { Key = _reader.String(item, itemPath) },
                _ => cache with { Force = _reader.Boolean(item, itemPath) ?? false },
            };
            ttl |= property == "ttlSeconds";
        }
        if (!ttl && value.ValueKind == JsonValueKind.Object)
        {
            _reader.Error($"{path}.ttlSeconds", $"missing: say how long a result is reused, in seconds (1 to {WorkflowLimits.MaxCacheTtlSeconds}), e.g. \"ttlSeconds\": 3600");
        }
        return cache;
    }

    private FallbackSpec ReadFallback(JsonElement value, string path)
    {
        var fallback = new FallbackSpec { Tool = string.Empty };
        foreach (var (property, item, itemPath) in _reader.Properties(value, path, FallbackProperties))
        {
            fallback = property == "tool"
                ? fallback with { Tool = _reader.String(item, itemPath) ?? string.Empty }
                : fallback with { Args = _reader.Object(item, itemPath) };
        }
        return fallback;
    }
}
