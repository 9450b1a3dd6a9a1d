using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Web.Hosting;

/// <summary>The data directory as an absolute path, resolved once from <see cref="StudioConfigurationKeys.DataDir"/>.</summary>
public sealed class StudioDataDirectory
{
    public StudioDataDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path, Directory.GetCurrentDirectory());
    }

    public string Path { get; }

    public static StudioDataDirectory FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[StudioConfigurationKeys.DataDir];
        return new StudioDataDirectory(string.IsNullOrWhiteSpace(configured) ? StudioConfigurationKeys.DefaultDataDir : configured);
    }

    public override string ToString() => Path;
}
