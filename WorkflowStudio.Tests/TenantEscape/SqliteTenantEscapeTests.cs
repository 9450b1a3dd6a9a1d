namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>The tenant-escape suite on the embedded storage.</summary>
public sealed class SqliteTenantEscapeTests(SqliteEscapeStudioFixture fixture) : TenantEscapeTests(fixture), IClassFixture<SqliteEscapeStudioFixture>;
