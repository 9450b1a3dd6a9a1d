using WorkflowStudio.Tools.Database;

namespace WorkflowStudio.Tests.Tools.Database;

public sealed class PostgresTenantLoginsTests
{
    [Theory]
    [InlineData("tenant_", "")]
    [InlineData("wfs_0123abcd_", "_rw")]
    [InlineData("wfs_0123abcd_", "_ro")]
    public void Name_LongestTenantIds_FitPostgresIdentifiersAndStayDistinct(string prefix, string suffix)
    {
        var a = PostgresTenantLogins.Name(prefix, new string('a', 64), suffix);
        var b = PostgresTenantLogins.Name(prefix, new string('a', 63) + "b", suffix);
        var shortName = PostgresTenantLogins.Name(prefix, "acme", suffix);

        Assert.True(a.Length <= 63, a);
        Assert.True(b.Length <= 63, b);
        Assert.NotEqual(a, b);
        Assert.StartsWith(prefix, a, StringComparison.Ordinal);
        Assert.EndsWith(suffix, a, StringComparison.Ordinal);
        Assert.Equal(prefix + "acme" + suffix, shortName);
    }
}
