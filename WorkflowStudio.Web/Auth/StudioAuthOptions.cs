namespace WorkflowStudio.Web.Auth;

/// <summary>Configuration section <c>Auth</c>: the first admin, created at start-up when it does not exist yet.</summary>
public sealed class StudioAuthOptions
{
    public const string SectionName = "Auth";

    /// <summary><c>Auth:InitialAdmin:UserName</c> / <c>Password</c> / <c>Tenant</c>; nothing is created when the name is empty.</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();

    /// <summary>How long a browser sign-in lasts without activity.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary><c>Auth:SignIn</c>: lockout of accounts and throttling of client addresses after failed sign-ins.</summary>
    public SignInThrottleOptions SignIn { get; set; } = new();
}

/// <summary>The first admin user (configuration <c>Auth:InitialAdmin</c>).</summary>
public sealed class InitialAdminOptions
{
    public const int MinPasswordLength = 12;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string Tenant { get; set; } = Engine.Tenancy.Tenant.DefaultId;
}
