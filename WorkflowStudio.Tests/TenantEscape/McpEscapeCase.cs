namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>How the suite attacks one tool of the studio's MCP server.</summary>
/// <param name="Why">What the calls try, or why the tool holds no tenant data.</param>
/// <param name="Calls">The arguments of each call.</param>
/// <param name="MustFail">Every call names the victim's ids and must be an error.</param>
internal sealed record McpEscapeCase(string Why, Func<EscapeStudio, Dictionary<string, object?>[]> Calls, bool MustFail = false);
