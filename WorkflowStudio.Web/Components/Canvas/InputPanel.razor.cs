using System.Text.Json;
using Microsoft.AspNetCore.Components;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Canvas;

/// <summary>Answers the questions tool servers ask during a run (MCP elicitation), through the signed-in user's tenant.</summary>
public sealed partial class InputPanel
{
    private readonly Dictionary<string, JsonElement> _answers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private string? _error;

    [Inject] private StudioTenant Tenant { get; set; } = default!;

    [Parameter, EditorRequired]
    public string RunId { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public IReadOnlyList<PendingInput> Waiting { get; set; } = [];

    private string TextOf(string nodeId, string field) =>
        SchemaForm.ReadText(_answers.TryGetValue(nodeId, out var answer) ? answer : null, field);

    private bool IsOn(string nodeId, string field) => TextOf(nodeId, field) == "true";

    private void SetFlag(string nodeId, SchemaField field, bool on) => Set(nodeId, field, on ? "true" : "false");

    private static string OptionText(string optionJson) => JsonSerializer.Deserialize<string>(optionJson) ?? optionJson;

    private void Set(string nodeId, SchemaField field, string? text) =>
        _answers[nodeId] = SchemaForm.WriteText(_answers.TryGetValue(nodeId, out var answer) ? answer : null, field, text);

    private async Task AnswerAsync(PendingInput item, string action)
    {
        _error = null;
        _busy.Add(item.NodeId);
        try
        {
            var content = action == ToolInputAnswer.Accept
                ? _answers.TryGetValue(item.NodeId, out var answer) ? answer : JsonSerializer.SerializeToElement(new Dictionary<string, string>())
                : (JsonElement?)null;
            await Tenant.AnswerInputAsync(RunId, item.NodeId, new ToolInputAnswer(action, content));
            _answers.Remove(item.NodeId);
        }
        catch (InputAnswerException exception)
        {
            _error = $"The answer for {item.NodeId} does not fit the form: {string.Join("; ", exception.Problems)}.";
        }
        catch (Exception exception) when (exception is ApprovalException or StudioAccessException)
        {
            _error = $"Could not answer {item.NodeId}: {exception.Message}.";
        }
        finally
        {
            _busy.Remove(item.NodeId);
        }
    }
}
