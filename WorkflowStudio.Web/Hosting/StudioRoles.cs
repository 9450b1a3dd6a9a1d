namespace WorkflowStudio.Web.Hosting;

/// <summary>What a <c>studio serve</c> process does: <c>all</c> (UI, API and job server), <c>web</c> (UI and API), <c>worker</c> (job server).</summary>
public static class StudioRoles
{
    public const string ConfigurationKey = "Studio:Role";
    public const string All = "all";
    public const string Web = "web";
    public const string Worker = "worker";

    /// <summary>Validates the role against the storage; returns an error message or null.</summary>
    public static string? Check(string role, string storage) => role switch
    {
        All => null,
        Web or Worker when storage == Engine.Persistence.DataOptions.PostgresStorage => null,
        Web or Worker => $"--role {role} needs --storage postgres: the embedded queue lives inside one process, so web and workers cannot be split",
        _ => $"--role must be all, web or worker; got '{role}'",
    };
}
