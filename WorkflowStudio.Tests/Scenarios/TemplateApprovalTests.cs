using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// Which steps of the built-in templates wait for a person, by the engine's own rule (<c>"approval"</c> on the node, else
/// the tool's <c>destructiveHint</c>): the refund above the policy limit, the dunning log of the invoice reminders and the
/// registration of a new customer. Everything else runs unattended, so a
/// destructive tool added to a template without a decision shows up here.
/// </summary>
public sealed class TemplateApprovalTests
{
    public static TheoryData<string, string[]> Gated => new()
    {
        { "sales-intelligence", [] },
        { "customer-support-refund", ["refund_reviewed"] },
        { "content-marketing", [] },
        { "parallel-research", [] },
        { "weekly-kpi-report", [] },
        { "lead-scoring", [] },
        { "overdue-invoice-reminders", ["log_reminders"] },
        { "incident-triage", [] },
        { "meeting-notes-digest", [] },
        { "churn-risk-alert", [] },
        { "customer-onboarding", ["register"] },
        { "social-mention-monitoring", [] },
        { "content-calendar", [] },
        { "competitor-price-watch", [] },
        { "daily-standup-digest", [] },
        { "refund-audit", [] },
        { "faq-answer", [] },
        { "customer-feedback-analysis", [] },
        { "account-review", [] },
        { "support-backlog-report", [] },
    };

    [Theory]
    [MemberData(nameof(Gated))]
    public async Task Template_StepsThatWaitForApproval_AreExactlyTheIntendedOnes(string id, string[] expected)
    {
        await using var host = ToolHost.Create();
        var tools = (await host.Services.GetRequiredService<IToolCatalog>().GetToolsAsync("builtin")).ToDictionary(t => t.FullName);
        var workflow = new EmbeddedTemplateCatalog().Find(id)!.Workflow;

        var gated = workflow.Nodes.Where(n => NodeExecutor.RequiresApproval(n, tools[n.Tool])).Select(n => n.Id);

        Assert.Equal(expected, gated);
        Assert.All(workflow.Nodes.Where(n => n.Approval == WorkflowNode.ApprovalAuto),
            n => Assert.True(tools[n.Tool].Annotations.IsDestructive, $"'{n.Id}' says approval auto but {n.Tool} is not destructive"));
    }

    [Fact]
    public void Templates_AllAreCovered() =>
        Assert.Equal(new EmbeddedTemplateCatalog().Templates.Select(t => t.Id).Order(StringComparer.Ordinal),
            Gated.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
}
