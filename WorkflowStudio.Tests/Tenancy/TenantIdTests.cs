using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Tenancy;

public sealed class TenantIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("ac me")]
    public void Ctor_InvalidId_ThrowsSayingWhatIsAllowed(string id)
    {
        var refused = Assert.Throws<ArgumentException>(() => new TenantId(id));

        Assert.Contains($"Tenant id '{id}' is not valid", refused.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters, digits, '-' or '_'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_IsTheIdAsStored_AndEqualIdsAreEqual()
    {
        Assert.Equal("acme_2", new TenantId("acme_2").ToString());
        Assert.Equal(new TenantId("default"), TenantId.Default);
        Assert.NotEqual(new TenantId("acme"), TenantId.Default);
    }

    [Fact]
    public void None_IsDefault_AndOwnsNothing()
    {
        Assert.Equal(TenantId.None, default);
        Assert.True(TenantId.None.IsNone);
        Assert.Equal("", TenantId.None.ToString());
        Assert.False(TenantId.None.Owns(""));
        Assert.False(TenantId.None.Owns(null));
        Assert.True(new TenantId("acme").Owns("acme"));
        Assert.False(new TenantId("acme").Owns("acme2"));
    }
}
