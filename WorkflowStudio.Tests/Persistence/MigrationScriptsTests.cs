using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tests.Persistence;

public sealed class MigrationScriptsTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Scripts_EachDialect_HasUniqueVersions(string dialect)
    {
        var versions = DatabaseMigrator.Scripts(dialect).Select(s => s.Version).ToArray();

        Assert.NotEmpty(versions);
        Assert.Equal(versions.Distinct().Count(), versions.Length);
    }

    [Fact]
    public void Scripts_BothDialects_HaveTheSameMigrations()
    {
        var sqlite = DatabaseMigrator.Scripts("sqlite").Select(s => (s.Version, s.Name)).ToArray();
        var postgres = DatabaseMigrator.Scripts("postgres").Select(s => (s.Version, s.Name)).ToArray();

        Assert.Equal(sqlite, postgres);
    }
}
