namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>How the suite attacks one built-in tool from a run of the attacker's.</summary>
/// <param name="Why">What the calls try, or why the tool holds no tenant data.</param>
/// <param name="Attacks">The arguments of each call (valid against the tool's schema).</param>
/// <param name="MustFail">Every call must fail (it names only the victim's things); otherwise a call may succeed on the attacker's own data.</param>
internal sealed record ToolEscapeCase(string Why, Func<EscapeStudio, object[]> Attacks, bool MustFail = false);
