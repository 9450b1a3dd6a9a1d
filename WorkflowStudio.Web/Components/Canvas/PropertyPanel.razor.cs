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

    [Parameter]
    public ValidationIndex Validation { get; set; } = ValidationIndex.Empty;

    /// <summary>The edited node (its id may have changed).</summary>
    [Parameter]
    public EventCallback<WorkflowNode> OnChange { get; set; }

    [Parameter]
    public EventCallback<string> OnDelete { get; set; }

    private IReadOnlyList<SchemaField> Fields { get; set; } = [];

    private string ArgsJson => Node.Args?.GetRawText() ?? "{}";

    protected override void OnParametersSet() =>
        Fields = Tool is null ? [] : SchemaForm.Fields(Tool.InputSchema);

    /// <summary>Required fields are marked with " *" in their visible label (the input also carries <c>required</c>).</summary>
    private static string LabelOf(SchemaField field) => field.Required ? $"{field.Label} *" : field.Label;

    private string ArgText(SchemaField field) => SchemaForm.ReadText(Node.Args, field.Name);

    private static IEnumerable<string> Options(SchemaField field) =>
        field.Kind == SchemaFieldKind.Boolean ? ["true", "false"] : field.EnumValues;

    private static string Helper(SchemaField field)
    {
        var text = field.Description ?? string.Empty;
        var type = field.Kind == SchemaFieldKind.Enum ? "one of the listed values" : field.TypeName;
        return string.IsNullOrEmpty(text) ? type : $"{text} ({type})";
    }

    private bool HasErrors(string field) => Validation.ForField(Node.Id, field).Count > 0;

    private string? ErrorsOf(string field)
    {
        var errors = Validation.ForField(Node.Id, field);
        return errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Message));
    }

    private bool IsFieldError(ValidationError error) =>
        Fields.Any(f => Validation.ForField(Node.Id, ValidationIndex.ArgsPrefix + f.Name).Contains(error))
        || new[] { "id", "retry", "timeoutSeconds", "fallback", "when" }.Any(f => Validation.ForField(Node.Id, f).Contains(error));

    private Task SetArgAsync(SchemaField field, string? text) =>
        OnChange.InvokeAsync(Node with { Args = SchemaForm.WriteText(Node.Args, field, text) });

    private Task SetArgsJsonAsync(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return OnChange.InvokeAsync(Node with { Args = null });
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return OnChange.InvokeAsync(Node with { Args = document.RootElement.Clone() });
        }
        catch (JsonException)
        {
            // Keep the node unchanged; the field shows the parse problem below.
            return Task.CompletedTask;
        }
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
