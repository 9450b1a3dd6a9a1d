using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>A person's answer to a <see cref="ToolInputRequest"/>: accept with <see cref="Content"/>, decline, or cancel.</summary>
public sealed record ToolInputAnswer(string Action, JsonElement? Content = null)
{
    public const string Accept = "accept";
    public const string Decline = "decline";
    public const string Cancel = "cancel";

    public static IReadOnlyList<string> Actions { get; } = [Accept, Decline, Cancel];
}
