namespace WorkflowStudio.Engine.Workflows;

/// <summary>A parsed <c>server/tool</c> name.</summary>
public readonly record struct ToolReference(string Server, string Name)
{
    public static bool TryParse(string? value, out ToolReference reference)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            return false;
        }
        reference = new ToolReference(value[..slash], value[(slash + 1)..]);
        return true;
    }

    public override string ToString() => $"{Server}/{Name}";
}
