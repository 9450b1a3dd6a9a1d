namespace WorkflowStudio.Web.Api;

/// <summary>The optional body of approve, reject and cancel: a reason for the journal.</summary>
internal sealed record DecisionBody(string? Reason);
