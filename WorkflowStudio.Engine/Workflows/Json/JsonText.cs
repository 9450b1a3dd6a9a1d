using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>
/// Parses workflow documents: comments and trailing commas allowed, size and depth limited, syntax errors
/// reported as <c>$: invalid JSON at line L, column C: …</c> (1-based, column counted in characters).
/// </summary>
internal static class JsonText
{
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = WorkflowLimits.MaxJsonDepth,
    };

    /// <summary>Compact output that keeps non-ASCII text and quotes readable (never embedded in HTML).</summary>
    public static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonWriterOptions IndentedWriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses <paramref name="json"/>; null with one error in <paramref name="errors"/> when it is not usable JSON.</summary>
    public static JsonDocument? TryParse(string json, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > WorkflowLimits.MaxJsonBytes)
        {
            errors.Add(new ValidationError(JsonPathText.Root,
                $"the document is {bytes / 1024.0 / 1024.0:0.0} MiB; the limit is {WorkflowLimits.MaxJsonBytes / 1024 / 1024} MiB"));
            return null;
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            errors.Add(new ValidationError(JsonPathText.Root, "the document is empty; expected a JSON object"));
            return null;
        }
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            errors.Add(new ValidationError(JsonPathText.Root, Describe(json, exception)));
            return null;
        }
    }

    private static string Describe(string json, JsonException exception)
    {
        var reason = exception.Message;
        var marker = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            reason = reason[..marker];
        }
        reason = reason.TrimEnd().TrimEnd('.');
        if (reason.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            reason = "the document ends before every '{' or '[' is closed";
        }
        else if (reason.EndsWith("is an invalid start of a value", StringComparison.Ordinal))
        {
            reason += "; expected a string, number, object, array, true, false or null";
        }
        if (exception.LineNumber is not { } line)
        {
            return $"invalid JSON: {reason}";
        }
        var column = CharacterColumn(json, (int)line, (int)(exception.BytePositionInLine ?? 0));
        return $"invalid JSON at line {line + 1}, column {column + 1}: {reason}";
    }

    /// <summary>Converts a 0-based UTF-8 byte offset within line <paramref name="line"/> to a 0-based character column.</summary>
    private static int CharacterColumn(string json, int line, int bytePosition)
    {
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            var next = json.IndexOf('\n', start);
            if (next < 0)
            {
                return bytePosition;
            }
            start = next + 1;
        }
        var end = json.IndexOf('\n', start);
        var text = end < 0 ? json[start..] : json[start..end];
        var lineBytes = Encoding.UTF8.GetBytes(text);
        return Encoding.UTF8.GetCharCount(lineBytes, 0, Math.Min(bytePosition, lineBytes.Length));
    }
}
