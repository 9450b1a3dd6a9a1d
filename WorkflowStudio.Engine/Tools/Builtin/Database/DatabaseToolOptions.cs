namespace WorkflowStudio.Engine.Tools.Builtin.Database;

/// <summary>
/// Data sources of <c>db_query</c> / <c>db_execute</c> (configuration section <c>Tools:Database</c>):
/// <c>Tools:Database:Sources:NAME</c> is a connection string: PostgreSQL when it names a <c>Host=</c>/<c>Server=</c>
/// (Npgsql), SQLite when it names a <c>Data Source=</c>. The source <c>demo</c> is built in (the shipped demo
/// sales and billing database, <c>&lt;DataDir&gt;/demo.db</c>) unless configured otherwise.
/// </summary>
public sealed class DatabaseToolOptions
{
    public const string SectionName = "Tools:Database";
    public const string DemoSource = "demo";
    public const int DefaultMaxRows = 1000;
    public const int DefaultCommandTimeoutSeconds = 30;

    /// <summary>Connection strings by source name (from configuration or environment, e.g. <c>Tools__Database__Sources__sales</c>).</summary>
    public Dictionary<string, string> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rows beyond this are not returned (the result says <c>truncated: true</c>).</summary>
    public int MaxRows { get; set; } = DefaultMaxRows;

    public int CommandTimeoutSeconds { get; set; } = DefaultCommandTimeoutSeconds;
}
