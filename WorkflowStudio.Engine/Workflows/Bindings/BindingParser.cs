using System.Globalization;

namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>Parses the expression between <c>{{</c> and <c>}}</c>.</summary>
public static class BindingParser
{
    /// <summary>Parses one expression; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string expression, out BindingPath? path, out string? error)
    {
        path = null;
        var text = expression.Trim();
        var segments = new List<object>();
        var position = 0;
        if (!TryReadIdentifier(text, ref position, out var root))
        {
            error = $"'{text}' is not a binding: expected 'inputs.NAME' or 'steps.ID.output…'";
            return false;
        }
        if (root is not (BindingPath.InputsRoot or BindingPath.StepsRoot))
        {
            error = $"'{text}' starts with '{root}'; a binding starts with 'inputs.' or 'steps.'";
            return false;
        }
        while (position < text.Length)
        {
            if (!TryReadSegment(text, ref position, segments, out error))
            {
                return false;
            }
        }
        if (segments.Count == 0 || segments[0] is not string name)
        {
            error = root == BindingPath.InputsRoot
                ? $"'{text}' names no input: write 'inputs.NAME'"
                : $"'{text}' names no step: write 'steps.ID.output'";
            return false;
        }
        string? field = null;
        var rest = 1;
        if (root == BindingPath.StepsRoot)
        {
            if (segments.Count < 2 || segments[1] is not string f || !BindingPath.StepFields.Contains(f))
            {
                error = $"'{text}': after 'steps.{name}' write .output, .status, .error or .attempts";
                return false;
            }
            field = f;
            rest = 2;
        }
        path = new BindingPath { Root = root, Name = name, Field = field, Segments = segments.Skip(rest).ToArray() };
        error = null;
        return true;
    }

    private static bool TryReadSegment(string text, ref int position, List<object> segments, out string? error)
    {
        error = null;
        if (text[position] == '.')
        {
            position++;
            if (TryReadIdentifier(text, ref position, out var key))
            {
                segments.Add(key);
                return true;
            }
            error = $"'{text}': expected a name after '.' at character {position + 1}";
            return false;
        }
        if (text[position] == '[')
        {
            // A quoted key may itself contain ']': look for the bracket after its closing quote.
            var afterOpen = position + 1;
            while (afterOpen < text.Length && text[afterOpen] == ' ')
            {
                afterOpen++;
            }
            var searchFrom = position;
            if (afterOpen < text.Length && text[afterOpen] is '"' or '\'')
            {
                var closingQuote = text.IndexOf(text[afterOpen], afterOpen + 1);
                searchFrom = closingQuote < 0 ? position : closingQuote;
            }
            var close = text.IndexOf(']', searchFrom);
            if (close < 0)
            {
                error = $"'{text}': '[' at character {position + 1} is never closed";
                return false;
            }
            var inner = text[(position + 1)..close].Trim();
            position = close + 1;
            if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                segments.Add(index);
                return true;
            }
            if (inner.Length >= 2 && (inner[0] is '"' or '\'') && inner[^1] == inner[0])
            {
                segments.Add(inner[1..^1]);
                return true;
            }
            error = $"'{text}': '[{inner}]' must be an array index such as [0] or a quoted key such as [\"name\"]";
            return false;
        }
        error = $"'{text}': unexpected '{text[position]}' at character {position + 1}";
        return false;
    }

    private static bool TryReadIdentifier(string text, ref int position, out string identifier)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '-'))
        {
            position++;
        }
        identifier = text[start..position];
        return identifier.Length > 0;
    }
}
