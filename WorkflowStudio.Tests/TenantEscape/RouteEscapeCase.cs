using System.Net.Http.Json;

namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>How the suite attacks one route (<c>METHOD /pattern</c>) with the attacker's keys.</summary>
/// <param name="Attack">What is tried.</param>
/// <param name="Why">What the route is, and why this attack covers it.</param>
/// <param name="Queries">Query strings (or catch-all path tails, starting with '/') to try; none means the bare route.</param>
/// <param name="Body">The body of a write; <c>{}</c> when not given.</param>
internal sealed record RouteEscapeCase(RouteAttack Attack, string Why, string[]? Queries = null, Func<EscapeStudio, object>? Body = null)
{
    public HttpContent Content(EscapeStudio studio) => Body is null ? Api.ApiJson.Raw("{}") : JsonContent.Create(Body(studio));
}
