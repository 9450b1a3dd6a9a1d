using System.Text.Json;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Cli;

/// <summary>
/// Reads a workflow file (ours or the seed's format), or a built-in template named <c>template:ID</c>, and validates it,
/// collecting every error.
/// </summary>
internal static class WorkflowFiles
{
    public const string TemplatePrefix = "template:";

    public sealed record Loaded(WorkflowDefinition? Workflow, IReadOnlyDictionary<string, JsonElement> Inputs, IReadOnlyList<string> Errors);

    public static async Task<Loaded> LoadAsync(
        string path, IReadOnlyList<string>? inputArguments, IToolCatalog catalog, ITemplateCatalog templates, CancellationToken cancellationToken)
    {
        if (path.StartsWith(TemplatePrefix, StringComparison.Ordinal))
        {
            var id = path[TemplatePrefix.Length..];
            return templates.Find(id) is { } template
                ? await CheckAsync(template.Workflow, inputArguments, catalog, cancellationToken)
                : new Loaded(null, Empty, [$"{path}: there is no built-in template '{id}' (available: {string.Join(", ", templates.Templates.Select(t => t.Id))})."]);
        }
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
        return await CheckAsync(loaded.Workflow, inputArguments, catalog, cancellationToken);
    }

    private static async Task<Loaded> CheckAsync(
        WorkflowDefinition workflow, IReadOnlyList<string>? inputArguments, IToolCatalog catalog, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, JsonElement>? inputs = null;
        var errors = new List<ValidationError>();
        if (inputArguments is not null)
        {
            var parsed = InputParser.Parse(workflow, inputArguments);
            errors.AddRange(parsed.Errors);
            inputs = parsed.Values;
        }
        errors.AddRange(await WorkflowValidator.ValidateAsync(workflow, catalog, inputs, cancellationToken));
        return errors.Count > 0
            ? new Loaded(null, Empty, errors.Select(e => e.ToString()).ToArray())
            : new Loaded(workflow, inputs ?? Empty, []);
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> Empty = new Dictionary<string, JsonElement>();
}
