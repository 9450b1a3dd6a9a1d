namespace WorkflowStudio.Web.Auth;

/// <summary>
/// Throttling of <c>/login</c> (configuration <c>Auth:SignIn</c>): an account, and separately a client address, that reaches
/// its number of failed sign-ins within <see cref="FailureWindow"/> is refused for <see cref="Lockout"/>, before any password
/// hash is computed. Counts are kept in the memory of each web process.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const int DefaultMaxFailuresPerUser = 5;
    public const int DefaultMaxFailuresPerAddress = 20;
    public static readonly TimeSpan DefaultFailureWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultLockout = TimeSpan.FromMinutes(5);

    /// <summary>Failed sign-ins of one user name (known or not) before it is locked.</summary>
    public int MaxFailuresPerUser { get; set; } = DefaultMaxFailuresPerUser;

    /// <summary>Failed sign-ins from one client address (IPv6: its /64), whatever the user names, before it is throttled.</summary>
    public int MaxFailuresPerAddress { get; set; } = DefaultMaxFailuresPerAddress;

    /// <summary>Failures older than this (counted from the first one) are forgotten.</summary>
    public TimeSpan FailureWindow { get; set; } = DefaultFailureWindow;

    /// <summary>How long a locked account or throttled address is refused.</summary>
    public TimeSpan Lockout { get; set; } = DefaultLockout;
}
