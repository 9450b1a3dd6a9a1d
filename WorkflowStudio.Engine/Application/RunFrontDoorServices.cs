using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// What every <see cref="TenantRuns"/> works with (one instance, shared by all tenants' doors). <see cref="Files"/> is the
/// built-in tools' files root; without the built-in tools a run has no artefacts.
/// </summary>
internal sealed record RunFrontDoorServices(
    IRunReader Runs, IWorkflowStore Workflows, IRunCoordinator Coordinator, RunStarter Starter, RunEventFollower Events, IAuditLog Audit,
    ITenantDirectory Tenants, IWorkflowPricing Pricing, IUsageRecorder Usage, ITenantFileLocator? Files = null);
