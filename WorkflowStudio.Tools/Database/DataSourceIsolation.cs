namespace WorkflowStudio.Tools.Database;

/// <summary>What the tenants that may use a configured data source see of it (<c>Tools:Database:Isolation:NAME</c>).</summary>
public enum DataSourceIsolation
{
    /// <summary>One database for every tenant it is shared with, reached with the configured credentials (the default).</summary>
    Shared,

    /// <summary>
    /// PostgreSQL only: each tenant gets its own schema <c>tenant_ID</c> and two login roles of its own (owner for
    /// <c>db_execute</c>, reader for <c>db_query</c>), and its SQL runs connected as those roles. The configured connection
    /// string is the administrator that creates them (needs CREATEROLE and CREATE on the database).
    /// </summary>
    Schema,
}
