namespace WorkflowStudio.Web.Studio;

/// <summary>A step waiting for a person's decision, as the approval panel lists it.</summary>
public sealed record PendingApproval(string NodeId, string Tool, string? Reason);
