namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>What one tenant owns in <see cref="TwoTenantStudio"/>.</summary>
internal sealed record TenantData(string Tenant, string User, string WorkflowId, string WorkflowName, string FinishedRunId, string WaitingRunId, string ScheduleId);
