using System.Text;

namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>
/// A parsed binding such as <c>inputs.period</c> or <c>steps.extract.output.rows[0].total</c>.
/// Grammar: <c>inputs.NAME(.key|[n]|["key"])*</c> or <c>steps.ID.(output|status|error|attempts)(.key|[n]|["key"])*</c>.
/// </summary>
public sealed record BindingPath
{
    public const string InputsRoot = "inputs";
    public const string StepsRoot = "steps";
    public static readonly IReadOnlySet<string> StepFields = new HashSet<string>(StringComparer.Ordinal) { "output", "status", "error", "attempts" };

    public required string Root { get; init; }

    /// <summary>The input name or the step id.</summary>
    public required string Name { get; init; }

    /// <summary>For steps: output, status, error or attempts; null for inputs.</summary>
    public string? Field { get; init; }

    /// <summary>Object keys (string) and array indexes (int) below the root value.</summary>
    public IReadOnlyList<object> Segments { get; init; } = [];

    public bool IsStep => Root == StepsRoot;

    public override string ToString()
    {
        var text = new StringBuilder(Root).Append('.').Append(Name);
        if (Field is not null)
        {
            text.Append('.').Append(Field);
        }
        foreach (var segment in Segments)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index).Append(']');
            }
            else
            {
                var key = (string)segment;
                if (IsPlainIdentifier(key))
                {
                    text.Append('.').Append(key);
                }
                else
                {
                    text.Append("[\"").Append(key.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
                }
            }
        }
        return text.ToString();
    }

    internal static bool IsPlainIdentifier(string key)
    {
        if (key.Length == 0 || char.IsDigit(key[0]))
        {
            return false;
        }
        foreach (var c in key)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }
        return true;
    }
}
