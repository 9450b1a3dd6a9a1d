namespace WorkflowStudio.Web.Cli;

/// <summary>The configuration every host sees (appsettings.json beside the executable, environment, command line), read early for decisions made before a host exists.</summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(IReadOnlyDictionary<string, string?> overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
}
