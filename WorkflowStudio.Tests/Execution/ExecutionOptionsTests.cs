using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Tests.Execution;

public sealed class ExecutionOptionsTests
{
    [Theory]
    [InlineData("sqlite", null, ExecutionOptions.DefaultWorkerCount)]
    [InlineData("postgres", null, ExecutionOptions.DefaultWorkerCount)]
    [InlineData("postgres", "40", 40)]
    public void WorkerCount_SameDefaultForEveryStorage_AndConfigurationWins(string storage, string? configured, int expected)
    {
        var settings = new Dictionary<string, string?> { ["Studio:Storage"] = storage, ["ConnectionStrings:Studio"] = "Host=127.0.0.1;Database=unused" };
        if (configured is not null)
        {
            settings["Execution:WorkerCount"] = configured;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddWorkflowStudioEngine(configuration).BuildServiceProvider();

        Assert.Equal(expected, services.GetRequiredService<IOptions<ExecutionOptions>>().Value.WorkerCount);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("601")]
    public void QueuePollSeconds_OutOfRange_FailsWithTheKeyAndHowToFix(string value)
    {
        var settings = new Dictionary<string, string?> { ["Execution:QueuePollSeconds"] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddWorkflowStudioEngine(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ExecutionOptions>>().Value);
        Assert.Contains("Execution:QueuePollSeconds must be between 0.05 and 600", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("86401")]
    public void InputTimeoutSeconds_OutOfRange_FailsWithTheKeyAndWhatItBounds(string value)
    {
        var settings = new Dictionary<string, string?> { ["Execution:InputTimeoutSeconds"] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddWorkflowStudioEngine(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ExecutionOptions>>().Value);
        Assert.Contains("Execution:InputTimeoutSeconds must be between 1 and 86400 (a day); it bounds how long a tool call kept open", error.Message);
    }
}
