using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>Builds the JSONPath strings used in <see cref="ValidationError.Path"/>: <c>$.nodes[2].args["a b"]</c>.</summary>
internal static class JsonPathText
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        BindingPath.IsPlainIdentifier(name)
            ? $"{parent}.{name}"
            : $"{parent}[\"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
