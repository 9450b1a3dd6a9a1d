using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Turns an MCP <c>tools/call</c> result into a <see cref="ToolCallResult"/>: <c>isError</c> → failure with the
/// content's text; else <c>structuredContent</c>; else the text content parsed as JSON, or the text itself.
/// Non-text blocks (image, audio, resources) become references such as
/// <c>{"type":"image","mimeType":"image/png","bytes":1234}</c> — base64 data is never copied. An embedded text
/// resource keeps its text inline (bindable as <c>output[i].text</c>) up to <see cref="MaxInlineResourceChars"/>; a
/// longer one is a reference with its length.
/// </summary>
internal static class McpResultMapper
{
    private const int MaxQuotedChars = 200;

    /// <summary>Embedded text resources up to this length are kept inline; longer ones are referenced by uri and length.</summary>
    public const int MaxInlineResourceChars = 64 * 1024;

    public static ToolCallResult Map(CallToolResult result, ToolDescriptor? tool, string fullName)
    {
        var content = result.Content ?? [];
        var text = JoinText(content);
        if (result.IsError == true)
        {
            return ToolCallResult.Failure(text.Length > 0 ? text : $"Tool '{fullName}' reported an error without a message.");
        }

        var declaresOutput = tool?.OutputSchema is { ValueKind: JsonValueKind.Object };
        if (result.StructuredContent is { } structured && structured.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.Null)
        {
            if (declaresOutput && structured.ValueKind != JsonValueKind.Object)
            {
                return ToolCallResult.Failure($"Tool '{fullName}' returned a garbage result: its outputSchema promises an object but structuredContent is {Kind(structured)}.");
            }
            return ToolCallResult.Success(structured.Clone());
        }
        if (declaresOutput)
        {
            return ToolCallResult.Failure(
                $"Tool '{fullName}' returned a garbage result: it declares an outputSchema but sent no structuredContent" +
                (text.Length > 0 ? $" (text: \"{Truncate(text)}\")." : "."));
        }

        if (content.All(static block => block is TextContentBlock))
        {
            return ToolCallResult.Success(ParseOrString(text));
        }
        return ToolCallResult.Success(References(content));
    }

    /// <summary>The text blocks' text, joined by newlines.</summary>
    public static string JoinText(IEnumerable<ContentBlock> content) =>
        string.Join("\n", content.OfType<TextContentBlock>().Select(static block => block.Text));

    private static JsonElement ParseOrString(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && (trimmed[0] is '{' or '[' or '"' || trimmed is "true" or "false" or "null" || char.IsAsciiDigit(trimmed[0]) || trimmed[0] == '-'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON after all: the text itself is the output (below).
            }
        }
        return JsonSerializer.SerializeToElement(text);
    }

    private static JsonElement References(IEnumerable<ContentBlock> content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var block in content)
            {
                writer.WriteStartObject();
                writer.WriteString("type", block.Type);
                switch (block)
                {
                    case TextContentBlock textBlock:
                        writer.WriteString("text", textBlock.Text);
                        break;
                    case ImageContentBlock image:
                        writer.WriteString("mimeType", image.MimeType);
                        writer.WriteNumber("bytes", DecodedLength(image.Data.Span));
                        break;
                    case AudioContentBlock audio:
                        writer.WriteString("mimeType", audio.MimeType);
                        writer.WriteNumber("bytes", DecodedLength(audio.Data.Span));
                        break;
                    case ResourceLinkBlock link:
                        writer.WriteString("uri", link.Uri);
                        writer.WriteString("name", link.Name);
                        WriteIfPresent(writer, "mimeType", link.MimeType);
                        if (link.Size is { } size)
                        {
                            writer.WriteNumber("bytes", size);
                        }
                        break;
                    case EmbeddedResourceBlock embedded:
                        writer.WriteString("uri", embedded.Resource.Uri);
                        WriteIfPresent(writer, "mimeType", embedded.Resource.MimeType);
                        switch (embedded.Resource)
                        {
                            case TextResourceContents textResource:
                                writer.WriteNumber("chars", textResource.Text.Length);
                                if (textResource.Text.Length <= MaxInlineResourceChars)
                                {
                                    writer.WriteString("text", textResource.Text);
                                }
                                break;
                            case BlobResourceContents blob:
                                writer.WriteNumber("bytes", DecodedLength(blob.Blob.Span));
                                break;
                        }
                        break;
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Size of base64 (UTF-8) data once decoded, without decoding it.</summary>
    private static long DecodedLength(ReadOnlySpan<byte> base64)
    {
        var length = base64.Length;
        while (length > 0 && base64[length - 1] is (byte)'\n' or (byte)'\r' or (byte)' ')
        {
            length--;
        }
        var padding = length > 0 && base64[length - 1] == '=' ? (length > 1 && base64[length - 2] == '=' ? 2 : 1) : 0;
        return Math.Max(0, (long)length * 3 / 4 - padding);
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string text)
    {
        var single = new StringBuilder(text.Length).Append(text).Replace('\n', ' ').Replace('\r', ' ').ToString();
        return single.Length <= MaxQuotedChars ? single : single[..MaxQuotedChars] + "…";
    }
}
