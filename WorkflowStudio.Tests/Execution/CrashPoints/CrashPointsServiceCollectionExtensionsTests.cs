using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution.CrashPoints;

namespace WorkflowStudio.Tests.Execution.CrashPoints;

/// <summary>The crash-point hook is inert in production: nothing unless configured, and a configured one is refused without the test switch.</summary>
public sealed class CrashPointsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrashPoints_NothingConfigured_RegistersTheNoOp()
    {
        using var services = new ServiceCollection().AddCrashPoints(Configuration(null)).BuildServiceProvider();

        Assert.IsType<NoCrashPoints>(services.GetRequiredService<ICrashPoints>());
    }

    [Fact]
    public void AddCrashPoints_CrashAtWithoutTheTestSwitch_IsRefusedWithHowToFix()
    {
        Assert.Null(Environment.GetEnvironmentVariable(CrashPointOptions.EnableVariable));

        var exception = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCrashPoints(Configuration("DuringClosing")));

        Assert.Contains("remove it", exception.Message, StringComparison.Ordinal);
        Assert.Contains(CrashPointOptions.EnableVariable, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Nowhere")]
    [InlineData("DuringClosing:0")]
    [InlineData("DuringClosing:x")]
    [InlineData("DuringClosing:1:2")]
    public void Parse_BadValue_SaysWhatIsAccepted(string crashAt)
    {
        var parsed = new CrashPointOptions { CrashAt = crashAt }.Parse(out var error);

        Assert.Null(parsed);
        Assert.Contains("POINT:N", error, StringComparison.Ordinal);
        Assert.Contains(nameof(CrashPoint.DuringApprovalDecision), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AfterStartCommit", nameof(CrashPoint.AfterStartCommit), 1)]
    [InlineData("duringreplan:3", nameof(CrashPoint.DuringReplan), 3)]
    public void Parse_PointAndHit_Parsed(string crashAt, string point, int nth)
    {
        Assert.Equal((Enum.Parse<CrashPoint>(point), nth), new CrashPointOptions { CrashAt = crashAt }.Parse(out _));
    }

    private static IConfiguration Configuration(string? crashAt) =>
        new ConfigurationBuilder().AddInMemoryCollection([new("Testing:CrashAt", crashAt)]).Build();
}
