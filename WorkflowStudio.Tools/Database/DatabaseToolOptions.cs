using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tools.Database;

/// <summary>
/// Data sources of <c>db_query</c> / <c>db_execute</c> (configuration section <c>Tools:Database</c>):
/// <c>Tools:Database:Sources:NAME</c> is a connection string: PostgreSQL when it names a <c>Host=</c>/<c>Server=</c>
/// (Npgsql), SQLite when it names a <c>Data Source=</c>. The source <c>demo</c> is built in (the shipped demo
/// sales and billing database, one copy per tenant, <c>&lt;DataDir&gt;/demo.db</c> for the default tenant) unless configured otherwise.
/// A configured source is the installation's, so only the default tenant may use it unless <see cref="Tenants"/> shares it;
/// <see cref="Isolation"/> decides whether the tenants sharing it see one database or each its own schema. The studio's own
/// database is never a shared source.
/// </summary>
public sealed class DatabaseToolOptions
{
    public const string SectionName = "Tools:Database";
    public const string DemoSource = "demo";
    public const int DefaultMaxRows = 1000;
    public const int DefaultCommandTimeoutSeconds = 30;

    /// <summary>Connection strings by source name (from configuration or environment, e.g. <c>Tools__Database__Sources__sales</c>).</summary>
    public Dictionary<string, string> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Which tenants may use a configured source, by source name: a comma-separated list of tenant ids, or <c>*</c> for every tenant
    /// (e.g. <c>Tools__Database__Tenants__sales=acme,default</c>). A source without an entry is the default tenant's only.
    /// </summary>
    public Dictionary<string, string> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How a configured source is divided between tenants, by source name (e.g. <c>Tools__Database__Isolation__crm=Schema</c>):
    /// <see cref="DataSourceIsolation.Shared"/> (default) or, on PostgreSQL, <see cref="DataSourceIsolation.Schema"/>.
    /// </summary>
    public Dictionary<string, DataSourceIsolation> Isolation { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The isolation of the configured source <paramref name="source"/>.</summary>
    public DataSourceIsolation IsolationOf(string source) => Isolation.GetValueOrDefault(source, DataSourceIsolation.Shared);

    /// <summary>Whether <paramref name="tenantId"/> may use the configured source <paramref name="source"/>.</summary>
    public bool IsSharedWith(string source, string tenantId) =>
        Tenants.TryGetValue(source, out var list)
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(t => t == "*" || t == tenantId)
            : tenantId == Tenant.DefaultId;

    /// <summary>Rows beyond this are not returned (the result says <c>truncated: true</c>).</summary>
    public int MaxRows { get; set; } = DefaultMaxRows;

    public int CommandTimeoutSeconds { get; set; } = DefaultCommandTimeoutSeconds;
}
