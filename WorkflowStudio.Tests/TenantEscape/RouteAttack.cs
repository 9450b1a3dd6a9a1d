namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>How the suite attacks one route (<c>METHOD /pattern</c>) with the attacker's keys.</summary>
internal enum RouteAttack
{
    /// <summary>Route parameters (and <see cref="RouteEscapeCase.Queries"/>) name the victim's ids: the answer must be the one for an id that exists nowhere (404 for a key that may call the route).</summary>
    ById,

    /// <summary>A listing or page of the attacker's own: nothing of the victim's in it.</summary>
    List,

    /// <summary>Creates or changes something in the attacker's own tenant: nothing of the victim's in the answer, the victim unchanged.</summary>
    OwnTenantWrite,

    /// <summary>A transport whose operations another test of this suite attacks one by one (hub methods, MCP tools).</summary>
    OtherSurface,

    /// <summary>Carries no tenant data (the reason says why); still called, and still must show nothing of the victim's.</summary>
    NoTenantData,
}
