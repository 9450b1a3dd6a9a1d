namespace WorkflowStudio.Web.Api;

/// <summary>The 202 answer of an async start (and of a sync start that outlived the wait): where to follow the run.</summary>
internal sealed record RunAccepted(string RunId, string Status, string Location, string Events, bool Reused);
