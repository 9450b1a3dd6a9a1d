namespace WorkflowStudio.Web.Studio;

/// <summary>The periods the usage page offers.</summary>
public enum UsagePeriod
{
    ThisMonth,
    LastMonth,
    Last7Days,
    Last30Days,
}
