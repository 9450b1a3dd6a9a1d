using System.Net;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// Checks a user name and password for <c>/login</c>: the throttle answers first (no hash for a locked account or a throttled
/// address), and an unknown user name is checked against a dummy hash, so it costs the same PBKDF2 work as a known one and
/// its answer cannot tell the two apart. Counts the hashes it computes.
/// </summary>
internal sealed class StudioSignIn
{
    private readonly ITenantDirectory _tenants;
    private readonly SignInThrottle _throttle;
    private long _hashes;

    public StudioSignIn(ITenantDirectory tenants, SignInThrottle throttle)
    {
        _tenants = tenants;
        _throttle = throttle;
    }

    /// <summary>How many PBKDF2 password hashes sign-in has computed (the cost an attacker can make the server pay).</summary>
    public long PasswordHashesComputed => Interlocked.Read(ref _hashes);

    public async Task<SignInAttempt> CheckAsync(string userName, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        var name = userName.Trim();
        if (_throttle.TryBegin(name, address) is { } wait)
        {
            return new SignInAttempt(null, wait);
        }
        var user = await _tenants.FindUserAsync(name, cancellationToken);
        Interlocked.Increment(ref _hashes);
        var verified = user is null ? StudioPasswords.VerifyDummy(password) : StudioPasswords.Verify(user, password);
        if (user is null || !verified)
        {
            return new SignInAttempt(null, null);
        }
        _throttle.Succeeded(name, address);
        return new SignInAttempt(user, null);
    }
}

/// <summary>The outcome of a sign-in: the user when it succeeded, or how long to wait when the attempt was throttled.</summary>
internal readonly record struct SignInAttempt(StudioUser? User, TimeSpan? RetryAfter);
