using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// customer-support-refund run with its default inputs, as the template gallery runs it: the demo shows its headline
/// feature (the refund waits for a person, with its amount and invoice), and asking again after the refund is an honest
/// no-op that says nothing needed refunding. Its own host: the defaults use Maria, whom CustomerSupportScenarioTests refunds.
/// </summary>
public sealed class CustomerSupportDefaultsTests
{
    [Fact]
    public async Task Template_DefaultInputs_WaitForApprovalOfTheAmount_ThenASecondRunSaysNothingToRefund()
    {
        await using var host = await ScenarioHost.StartAsync();
        using var events = host.Services.GetRequiredService<IRunEventStream>().Subscribe();

        var runId = await host.RunUntilApprovalAsync(host.Template("customer-support-refund"), "refund_reviewed");

        NodeAwaitingApproval? awaiting = null;
        while (awaiting is null)
        {
            awaiting = await events.Events.ReadAsync() as NodeAwaitingApproval;
        }
        var bound = awaiting.Args!.Value.GetProperty("params");
        Assert.Equal(("INV-2024-0902", 79.0), (bound.GetProperty("invoice").GetString(), bound.GetProperty("amount").GetDouble()));
        Assert.Empty(await host.DemoRowsAsync("SELECT * FROM refunds WHERE customer_id = 'C-1001'"));

        await host.Coordinator.ApproveAsync(runId, "refund_reviewed", "dana");
        var approved = await host.WaitAsync(runId);
        ScenarioHost.AssertSucceeded(approved);
        Assert.Equal("success", approved.Output!.Value.GetProperty("refund").GetProperty("after_review").GetString());

        // Again for the same charge: nothing waits and nothing is written; the output says so rather than "refunded".
        var again = await host.RunTemplateAsync("customer-support-refund");
        ScenarioHost.AssertSucceeded(again);
        Assert.Equal("nothing to refund", again.Output!.Value.GetProperty("decision").GetString());
        Assert.DoesNotContain(again.Results, r => r.Status == NodeStatus.AwaitingApproval);
        Assert.All(again.Results.Where(r => r.ActionId.StartsWith("refund_", StringComparison.Ordinal)), r => Assert.Equal(NodeStatus.Skipped, r.Status));
        Assert.Single(await host.DemoRowsAsync("SELECT * FROM refunds WHERE customer_id = 'C-1001'"));
    }
}
