using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Web.Cli;

namespace WorkflowStudio.Tests.Cli;

public sealed class ProgressPrinterTests
{
    [Theory]
    [InlineData(2d, 3d, "copying", "long                     progress 2/3: copying")]
    [InlineData(0.5, null, null, "long                     progress 0.5")]
    public void Describe_NodeProgressed_ShowsProgressOfTotalAndMessage(double progress, double? total, string? message, string expected)
    {
        var line = ProgressPrinter.Describe(new NodeProgressed("run-1", DateTimeOffset.UnixEpoch, "long", 1, progress, total, message));

        Assert.Equal(expected, line);
    }
}
