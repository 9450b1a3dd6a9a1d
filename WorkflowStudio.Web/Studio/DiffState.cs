namespace WorkflowStudio.Web.Studio;

/// <summary>How a node or edge of one version compares with the other version.</summary>
public enum DiffState
{
    Unchanged,
    Added,
    Removed,
    Changed,
}
