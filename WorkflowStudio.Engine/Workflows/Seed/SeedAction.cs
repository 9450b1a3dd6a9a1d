using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Seed;

/// <summary>One entry of the seed's <c>orchestration.actions</c>, as read (tools not yet resolved).</summary>
internal sealed record SeedAction(int Index, int Step, string Action, IReadOnlyList<string> Tools, JsonElement? Params, string Path);
