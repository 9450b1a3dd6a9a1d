namespace WorkflowStudio.Engine.Workflows;

/// <summary>One problem, located by JSONPath: printed as <c>$.nodes[2].args.b: expected number, got string "x"</c>.</summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
