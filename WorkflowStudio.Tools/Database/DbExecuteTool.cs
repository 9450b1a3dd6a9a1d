using System.Data.Common;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Database;

/// <summary><c>builtin/db_execute</c>: a parameterised write (INSERT/UPDATE/DELETE/DDL) in one transaction. Destructive.</summary>
internal sealed class DbExecuteTool : BuiltinTool
{
    private readonly DataSources _sources;

    public DbExecuteTool(DataSources sources) => _sources = sources;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "db_execute", "Write to a database",
        "Runs a parameterised write statement (INSERT, UPDATE, DELETE, DDL) against a named data source in one transaction and returns " +
        "the rows affected. Values go in 'params' as @name. Destructive: the engine may require an approval before running it.",
        """
        { "type": "object",
          "properties": {
            "source": { "type": "string", "default": "demo" },
            "sql": { "type": "string", "minLength": 1 },
            "params": { "type": "object", "additionalProperties": { "type": ["string", "number", "integer", "boolean", "null"] } } },
          "required": ["sql"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "source": { "type": "string" }, "rowsAffected": { "type": "integer" } },
          "required": ["source", "rowsAffected"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var source = args.String("source") ?? DatabaseToolOptions.DemoSource;
        await using var session = await _sources.OpenAsync(source, context.TenantId, readOnly: false, cancellationToken);
        int affected;
        try
        {
            affected = await session.ExecuteAsync(args.RequiredString("sql"), args.Element("params"), cancellationToken);
        }
        catch (DbException exception)
        {
            await session.RollbackAsync();
            return ToolCallResult.Failure($"{Descriptor.FullName}: {session.Explain(exception) ?? $"the database refused the statement: {exception.Message}"}");
        }
        await session.CommitAsync(cancellationToken);
        return ToolJson.Ok(new JsonObject { ["source"] = source, ["rowsAffected"] = affected });
    }
}
