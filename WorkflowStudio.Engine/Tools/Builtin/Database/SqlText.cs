namespace WorkflowStudio.Engine.Tools.Builtin.Database;

/// <summary>Lexical checks on SQL text (quotes and comments understood).</summary>
internal static class SqlText
{
    /// <summary>True when the text holds more than one statement (a <c>;</c> followed by more SQL).</summary>
    public static bool HasSeveralStatements(string sql)
    {
        var seenSemicolon = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                var close = sql.IndexOf(c, i + 1);
                i = close < 0 ? sql.Length : close;
                continue;
            }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
                continue;
            }
            if (c == ';')
            {
                seenSemicolon = true;
            }
            else if (seenSemicolon && !char.IsWhiteSpace(c))
            {
                return true;
            }
        }
        return false;
    }
}
