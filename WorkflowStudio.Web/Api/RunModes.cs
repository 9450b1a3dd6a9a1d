namespace WorkflowStudio.Web.Api;

/// <summary>Values of <c>mode</c> and <c>onFailure</c>.</summary>
internal static class RunModes
{
    public const string Sync = "sync";
    public const string Async = "async";
    public const string Fail = "fail";
    public const string Replan = "replan";
}
