using System.Globalization;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Runs;

/// <summary>A keyset position in the runs list: the (created_at, id) of the last run shown. Text form <c>CREATEDAT.ID</c>.</summary>
public sealed record RunCursor(long CreatedAt, string Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CreatedAt}.{Id}");

    public static bool TryParse(string? text, out RunCursor? cursor)
    {
        cursor = null;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || dot == text!.Length - 1
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt))
        {
            return false;
        }
        cursor = new RunCursor(createdAt, text[(dot + 1)..]);
        return true;
    }
}
