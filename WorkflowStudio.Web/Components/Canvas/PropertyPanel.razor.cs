using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Canvas;

public sealed partial class PropertyPanel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const InputMode DecimalMode = InputMode.@decimal;

    [Parameter, EditorRequired]
    public WorkflowNode Node { get; set; } = default!;

    /// <summary>The node's tool, or null when the catalog does not know it (the args are then edited as JSON).</summary>
    [Parameter]
    public ToolDescriptor? Tool { get; set; }

    [Parameter]
    public ToolPaletteModel Palette { get; set; } = ToolPaletteModel.Empty;

    [Parameter]
    public IReadOnlyList<string> Bindings { get; set; } = [];

    /// <summary>What the step bindings held in the workflow's last run, shown beside them in the picker.</summary>
    [Parameter]
    public BindingSamples Samples { get; set; } = BindingSamples.Empty;

    [Parameter]
    public ValidationIndex Validation { get; set; } = ValidationIndex.Empty;

    /// <summary>The edited node (its id may have changed).</summary>
    [Parameter]
    public EventCallback<WorkflowNode> OnChange { get; set; }

    [Parameter]
    public EventCallback<string> OnDelete { get; set; }

    private IReadOnlyList<SchemaField> Fields { get; set; } = [];

    // Text a JSON field (or the raw args box) holds that was refused, with why; never saved, shown until fixed.
    private readonly Dictionary<string, (string Text, string Error)> _drafts = new(StringComparer.Ordinal);
    private string? _draftsOf;

    private string ArgsJson => _drafts.TryGetValue(ArgsKey, out var draft) ? draft.Text : Node.Args?.GetRawText() ?? "{}";

    private const string ArgsKey = "args";

    protected override void OnParametersSet()
    {
        Fields = Tool is null ? [] : SchemaForm.Fields(Tool.InputSchema);
        if (_draftsOf != Node.Id)
        {
            _drafts.Clear();
            _draftsOf = Node.Id;
        }
    }

    /// <summary>Required fields are marked with " *" in their visible label (the input also carries <c>required</c>).</summary>
    private static string LabelOf(SchemaField field) => field.Required ? $"{field.Label} *" : field.Label;

    private string ArgText(SchemaField field) =>
        _drafts.TryGetValue(ValidationIndex.ArgsPrefix + field.Name, out var draft) ? draft.Text : SchemaForm.ReadText(Node.Args, field);

    private static IEnumerable<string> Options(SchemaField field) =>
        field.Kind == SchemaFieldKind.Boolean ? ["true", "false"] : field.EnumValues;

    private static string Helper(SchemaField field)
    {
        var text = field.Description ?? string.Empty;
        var type = field.Kind switch
        {
            SchemaFieldKind.Enum => "one of the listed values",
            SchemaFieldKind.Json => $"{field.TypeName} as JSON; values may be {{{{ bindings }}}}",
            _ => field.TypeName,
        };
        return string.IsNullOrEmpty(text) ? type : $"{text} ({type})";
    }

    private bool HasErrors(string field) => _drafts.ContainsKey(field) || Validation.ForField(Node.Id, field).Count > 0;

    // A refused draft's message is its own element (DraftError): MudBlazor's blur validation resets a field's Error.
    private string? DraftErrorOf(string field) => _drafts.TryGetValue(field, out var draft) ? draft.Error : null;

    private string? ErrorsOf(string field)
    {
        var errors = Validation.ForField(Node.Id, field);
        return errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Message));
    }

    private bool IsFieldError(ValidationError error) =>
        Fields.Any(f => Validation.ForField(Node.Id, ValidationIndex.ArgsPrefix + f.Name).Contains(error))
        || new[] { "id", "retry", "timeoutSeconds", "fallback", "when" }.Any(f => Validation.ForField(Node.Id, f).Contains(error));

    private Task SetArgAsync(SchemaField field, string? text)
    {
        var key = ValidationIndex.ArgsPrefix + field.Name;
        if (!SchemaForm.TryWriteText(Node.Args, field, text, out var args, out var error))
        {
            // Not saved: the field keeps the text and says what is wrong until it is fixed or cleared.
            _drafts[key] = (text ?? string.Empty, error!);
            return Task.CompletedTask;
        }
        _drafts.Remove(key);
        return OnChange.InvokeAsync(Node with { Args = args });
    }

    private Task SetArgsJsonAsync(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            _drafts.Remove(ArgsKey);
            return OnChange.InvokeAsync(Node with { Args = null });
        }
        if (!SchemaForm.TryParseJson(text, out var value, out var problem) || value is not System.Text.Json.Nodes.JsonObject)
        {
            _drafts[ArgsKey] = (text, problem is null
                ? "The arguments must be a JSON object ({ \"name\": value, ... }); they were not changed."
                : $"The arguments are not valid JSON: {problem}. Fix the JSON; they were not changed.");
            return Task.CompletedTask;
        }
        _drafts.Remove(ArgsKey);
        return OnChange.InvokeAsync(Node with { Args = JsonSerializer.SerializeToElement(value) });
    }

    private Task RenameAsync(string? id) =>
        string.IsNullOrWhiteSpace(id) || id == Node.Id ? Task.CompletedTask : OnChange.InvokeAsync(Node with { Id = id.Trim() });

    private Task SetRetryAsync(string? text) => OnChange.InvokeAsync(Node with
    {
        Retry = int.TryParse(text, NumberStyles.Integer, Invariant, out var attempts) && attempts > 0
            ? (Node.Retry ?? new RetryPolicy()) with { MaxAttempts = attempts }
            : null,
    });

    private Task SetTimeoutAsync(string? text) => OnChange.InvokeAsync(Node with
    {
        TimeoutSeconds = double.TryParse(text, NumberStyles.Float, Invariant, out var seconds) ? seconds : null,
    });

    private Task SetFallbackAsync(string? tool) => OnChange.InvokeAsync(Node with
    {
        Fallback = string.IsNullOrEmpty(tool) ? null : new FallbackSpec { Tool = tool, Args = Node.Fallback?.Args ?? Node.Args },
    });

    private Task SetWhenAsync(string? when) => OnChange.InvokeAsync(Node with { When = string.IsNullOrWhiteSpace(when) ? null : when });

    private Task SetContinueAsync(bool value) => OnChange.InvokeAsync(Node with { ContinueOnError = value });

    private Task SetDescriptionAsync(string? text) =>
        OnChange.InvokeAsync(Node with { Description = string.IsNullOrWhiteSpace(text) ? null : text });
}
