using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// From a delivery's JSON body to the workflow's inputs: each mapped input takes the value at its JSON pointer (RFC 6901,
/// e.g. <c>/customer/email</c>, <c>/items/0</c>; <c>""</c> is the whole body). Without a mapping, each top-level member of
/// the body named like a declared input is that input. An input whose pointer finds nothing is left to its default.
/// </summary>
internal static class WebhookMapping
{
    /// <summary>Problems of a mapping against the workflow's declared inputs, each saying how to fix it; empty when fine.</summary>
    public static List<string> Check(IReadOnlyDictionary<string, string> mapping, WorkflowDefinition workflow)
    {
        var problems = new List<string>();
        foreach (var (input, pointer) in mapping)
        {
            if (!workflow.Inputs.ContainsKey(input))
            {
                problems.Add($"mapping.{input}: the workflow declares no input '{input}'; declared: " +
                    (workflow.Inputs.Count == 0 ? "none" : string.Join(", ", workflow.Inputs.Keys.Order(StringComparer.Ordinal))) + ".");
            }
            if (pointer is null || (pointer.Length > 0 && pointer[0] != '/'))
            {
                problems.Add($"mapping.{input}: '{pointer}' is not a JSON pointer; write '/field/sub' (or '' for the whole body).");
            }
        }
        return problems;
    }

    public static Dictionary<string, JsonElement> Apply(IReadOnlyDictionary<string, string> mapping, WorkflowDefinition workflow, JsonElement body)
    {
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (mapping.Count == 0)
        {
            if (body.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in body.EnumerateObject().Where(m => workflow.Inputs.ContainsKey(m.Name)))
                {
                    inputs[member.Name] = member.Value.Clone();
                }
            }
            return inputs;
        }
        foreach (var (input, pointer) in mapping)
        {
            if (Resolve(body, pointer) is { } value)
            {
                inputs[input] = value.Clone();
            }
        }
        return inputs;
    }

    /// <summary>The value at <paramref name="pointer"/>; null when the body has nothing there.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        if (pointer.Length == 0)
        {
            return current;
        }
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
            {
                current = member;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }
        return current;
    }
}
