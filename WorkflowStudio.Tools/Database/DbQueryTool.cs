using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Database;

/// <summary><c>builtin/db_query</c>: a parameterised read-only query; the database itself refuses writes.</summary>
internal sealed class DbQueryTool : BuiltinTool
{
    private readonly DataSources _sources;

    public DbQueryTool(DataSources sources) => _sources = sources;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "db_query", "Query a database",
        "Runs a read-only SQL query against a named data source (Tools:Database:Sources:NAME; 'demo' is the shipped sales and billing " +
        "database). Values go in 'params' and are referenced as @name; never build SQL from values. Writes are refused by the database " +
        "(SQLite read-only, PostgreSQL one statement in a read-only transaction): use builtin/db_execute for them.",
        """
        { "type": "object",
          "properties": {
            "source": { "type": "string", "default": "demo", "description": "Data source name." },
            "sql": { "type": "string", "minLength": 1, "description": "One query, e.g. SELECT month, revenue FROM monthly_revenue WHERE quarter = @period" },
            "params": { "type": "object", "additionalProperties": { "type": ["string", "number", "integer", "boolean", "null"] } },
            "requireRows": { "type": "boolean", "default": false, "description": "Fail when the query returns no rows." } },
          "required": ["sql"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": {
            "source": { "type": "string" }, "columns": { "type": "array", "items": { "type": "string" } },
            "rows": { "type": "array", "items": { "type": "object" } }, "rowCount": { "type": "integer" }, "truncated": { "type": "boolean" } },
          "required": ["source", "columns", "rows", "rowCount", "truncated"] }
        """,
        new ToolAnnotations { ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var source = args.String("source") ?? DatabaseToolOptions.DemoSource;
        var sql = args.RequiredString("sql");
        await using var session = await _sources.OpenAsync(source, context.TenantId, readOnly: true, cancellationToken);
        try
        {
            var (columns, rows, truncated) = await session.QueryOneAsync(sql, args.Element("params"), reader => ReadAsync(reader, cancellationToken), cancellationToken);
            if (rows.Count == 0 && args.Bool("requireRows", false))
            {
                var given = args.Element("params") is { } p ? string.Join(", ", p.EnumerateObject().Select(x => $"{x.Name}={ToolArgs.AsText(x.Value)}")) : "none";
                return ToolCallResult.Failure($"{Descriptor.FullName}: the query returned no rows (params: {given}).");
            }
            return ToolJson.Ok(new JsonObject
            {
                ["source"] = source, ["columns"] = ToolJson.Array(columns), ["rows"] = rows, ["rowCount"] = rows.Count, ["truncated"] = truncated,
            });
        }
        catch (DbException exception)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: {session.Explain(exception) ?? Explain(exception)}");
        }
        finally
        {
            await session.RollbackAsync();
        }
    }

    private async Task<(string[] Columns, JsonArray Rows, bool Truncated)> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new JsonArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == _sources.Options.MaxRows)
            {
                return (columns, rows, true);
            }
            var row = new JsonObject();
            for (var i = 0; i < columns.Length; i++)
            {
                row[columns[i]] = Value(reader, i);
            }
            rows.Add(row);
        }
        return (columns, rows, false);
    }

    internal static string Explain(DbException exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 8 } => "db_query is read-only and the statement tries to write; use builtin/db_execute for writes.",
        PostgresException { SqlState: "25006" } => "db_query is read-only and the statement tries to write; use builtin/db_execute for writes.",
        _ => $"the database refused the statement: {exception.Message}",
    };

    internal static JsonNode? Value(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        return reader.GetValue(ordinal) switch
        {
            long l => l,
            int i => i,
            short s => s,
            double d => d,
            float f => f,
            decimal m => m,
            bool b => b,
            string text => text,
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset offset => offset.ToString("O", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            Guid guid => guid.ToString(),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };
    }
}
