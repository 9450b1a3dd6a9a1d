using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// Whether any browser user exists. Until one does, the studio UI is open (a local single-person studio); from then on it
/// needs a sign-in. "Exists" is remembered for good; "none yet" is re-checked every few seconds (users may be created by the CLI).
/// </summary>
internal sealed class UserPresence(ITenantDirectory tenants, TimeProvider time)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);
    private volatile bool _exists;
    private long _checkedAt = long.MinValue;

    public async ValueTask<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        if (_exists)
        {
            return true;
        }
        var now = time.GetTimestamp();
        if (Interlocked.Read(ref _checkedAt) != long.MinValue && time.GetElapsedTime(Interlocked.Read(ref _checkedAt), now) < Recheck)
        {
            return false;
        }
        _exists = await tenants.CountUsersAsync(cancellationToken) > 0;
        Interlocked.Exchange(ref _checkedAt, now);
        return _exists;
    }

    public void UserCreated() => _exists = true;
}
