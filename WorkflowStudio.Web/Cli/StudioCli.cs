namespace WorkflowStudio.Web.Cli;

/// <summary>Entry point: dispatches the command-line verb.</summary>
internal static class StudioCli
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("studio: no verbs yet");
        return Task.FromResult(2);
    }
}
