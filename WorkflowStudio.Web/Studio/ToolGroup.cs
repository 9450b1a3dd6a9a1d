using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Web.Studio;

/// <summary>The palette's tools of one server, or why the server could not list them.</summary>
public sealed record ToolGroup(string Server, IReadOnlyList<ToolDescriptor> Tools, string? Error = null);
