using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>Writes a <see cref="WorkflowDefinition"/> in our format, indented, omitting defaults; <see cref="WorkflowReader"/> reads it back unchanged.</summary>
internal static class WorkflowWriter
{
    public static string Write(WorkflowDefinition workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonText.IndentedWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name", workflow.Name);
            WriteOptional(writer, "description", workflow.Description);
            if (workflow.Inputs.Count > 0)
            {
                writer.WriteStartObject("inputs");
                foreach (var (name, input) in workflow.Inputs)
                {
                    writer.WriteStartObject(name);
                    writer.WriteString("type", input.Type);
                    WriteOptional(writer, "default", input.Default);
                    WriteOptional(writer, "description", input.Description);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteStartArray("nodes");
            foreach (var node in workflow.Nodes)
            {
                WriteNode(writer, node);
            }
            writer.WriteEndArray();
            WriteOptional(writer, "output", workflow.Output);
            WriteOptional(writer, "onFailure", workflow.OnFailure);
            if (workflow.MaxReplans is { } maxReplans)
            {
                writer.WriteNumber("maxReplans", maxReplans);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteNode(Utf8JsonWriter writer, WorkflowNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        WriteOptional(writer, "description", node.Description);
        writer.WriteString("tool", node.Tool);
        WriteOptional(writer, "args", node.Args);
        if (node.DependsOn.Count > 0)
        {
            writer.WriteStartArray("dependsOn");
            foreach (var dependency in node.DependsOn)
            {
                writer.WriteStringValue(dependency);
            }
            writer.WriteEndArray();
        }
        if (node.TimeoutSeconds is { } timeout)
        {
            writer.WriteNumber("timeoutSeconds", timeout);
        }
        if (node.Retry is { } retry)
        {
            writer.WriteStartObject("retry");
            writer.WriteNumber("maxAttempts", retry.MaxAttempts);
            writer.WriteNumber("backoffSeconds", retry.BackoffSeconds);
            writer.WriteNumber("backoffMultiplier", retry.BackoffMultiplier);
            if (retry.Unsafe)
            {
                writer.WriteBoolean("unsafe", true);
            }
            writer.WriteEndObject();
        }
        if (node.Fallback is { } fallback)
        {
            writer.WriteStartObject("fallback");
            writer.WriteString("tool", fallback.Tool);
            WriteOptional(writer, "args", fallback.Args);
            writer.WriteEndObject();
        }
        WriteOptional(writer, "when", node.When);
        if (node.ContinueOnError)
        {
            writer.WriteBoolean("continueOnError", true);
        }
        WriteOptional(writer, "approval", node.Approval);
        if (node.Cache is { } cache)
        {
            writer.WriteStartObject("cache");
            writer.WriteNumber("ttlSeconds", cache.TtlSeconds);
            WriteOptional(writer, "key", cache.Key);
            if (cache.Force)
            {
                writer.WriteBoolean("force", true);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        if (value is { ValueKind: not JsonValueKind.Undefined } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }
}
