using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Cli;

/// <summary>Reads a workflow file (ours or the seed's format) and validates it, collecting every error.</summary>
internal static class WorkflowFiles
{
    public sealed record Loaded(WorkflowDefinition? Workflow, IReadOnlyDictionary<string, JsonElement> Inputs, IReadOnlyList<string> Errors);

    public static async Task<Loaded> LoadAsync(
        string path, IReadOnlyList<string>? inputArguments, IToolCatalog catalog, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new Loaded(null, Empty, [$"{path}: cannot read the file: {exception.Message}"]);
        }
        var loaded = await WorkflowLoader.LoadAsync(json, catalog, cancellationToken);
        if (loaded.Workflow is null || loaded.Errors.Count > 0)
        {
            return new Loaded(null, Empty, loaded.Errors.Select(e => e.ToString()).ToArray());
        }
        IReadOnlyDictionary<string, JsonElement>? inputs = null;
        var errors = new List<ValidationError>();
        if (inputArguments is not null)
        {
            var parsed = InputParser.Parse(loaded.Workflow, inputArguments);
            errors.AddRange(parsed.Errors);
            inputs = parsed.Values;
        }
        errors.AddRange(await WorkflowValidator.ValidateAsync(loaded.Workflow, catalog, inputs, cancellationToken));
        return errors.Count > 0
            ? new Loaded(null, Empty, errors.Select(e => e.ToString()).ToArray())
            : new Loaded(loaded.Workflow, inputs ?? Empty, []);
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> Empty = new Dictionary<string, JsonElement>();
}
