using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio validate FILE</c>: every error as <c>JSONPATH: message</c>, exit 2 when any.</summary>
internal static class ValidateCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var path = StudioCli.Positional(args, "FILE");
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        var catalog = host.Services.GetRequiredService<IToolCatalog>();
        var loaded = await WorkflowFiles.LoadAsync(path, null, catalog, host.Services.GetRequiredService<ITemplateCatalog>(), cancellationToken);
        if (loaded.Errors.Count > 0)
        {
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync(error);
            }
            await Console.Error.WriteLineAsync($"{path}: {loaded.Errors.Count} error{(loaded.Errors.Count == 1 ? "" : "s")}");
            return StudioCli.InvalidInput;
        }
        var workflow = loaded.Workflow!;
        await Console.Out.WriteLineAsync($"{path}: valid workflow '{workflow.Name}' with {workflow.Nodes.Count} node{(workflow.Nodes.Count == 1 ? "" : "s")}");
        return StudioCli.Ok;
    }
}
