namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>The tenant-escape suite with the studio database (runs, keys, usage, memory, vectors) on PostgreSQL.</summary>
public sealed class PostgresTenantEscapeTests(PostgresEscapeStudioFixture fixture) : TenantEscapeTests(fixture), IClassFixture<PostgresEscapeStudioFixture>;
