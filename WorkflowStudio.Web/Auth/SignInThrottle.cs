using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// Counts sign-in attempts per user name and per client address (<see cref="SignInThrottleOptions"/>). An attempt is counted
/// before its password is checked, so a burst of parallel guesses is held to the limit too; a successful sign-in takes its own
/// attempt back (and clears the account's count), so signing in to one's own account never resets an address's count.
/// </summary>
internal sealed class SignInThrottle
{
    private const int MaxTracked = 50_000;
    private readonly SignInThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public SignInThrottle(IOptions<StudioAuthOptions> options, TimeProvider time)
    {
        _options = options.Value.SignIn;
        _time = time;
    }

    /// <summary>Counts the attempt; null when it may go on, else how long the caller has to wait (nothing counted then).</summary>
    public TimeSpan? TryBegin(string userName, IPAddress? address)
    {
        var now = _time.GetUtcNow();
        Prune(now);
        var user = CounterOf(UserKey(userName));
        var client = CounterOf(AddressKey(address));
        lock (_gate)
        {
            var wait = Max(user.Wait(now), client.Wait(now));
            if (wait is not null)
            {
                return wait;
            }
            user.Add(now, _options.MaxFailuresPerUser, _options);
            client.Add(now, _options.MaxFailuresPerAddress, _options);
            return null;
        }
    }

    /// <summary>The attempt succeeded: the account starts afresh and the address's count loses this attempt.</summary>
    public void Succeeded(string userName, IPAddress? address)
    {
        lock (_gate)
        {
            _counters.TryRemove(UserKey(userName), out _);
            if (_counters.TryGetValue(AddressKey(address), out var client))
            {
                client.TakeBack();
            }
        }
    }

    private Counter CounterOf(string key) => _counters.GetOrAdd(key, _ => new Counter());

    /// <summary>The user name as counted: case-insensitive, and cut at 256 characters so a huge posted name costs no memory.</summary>
    private static string UserKey(string userName)
    {
        var name = userName.Trim();
        return "user:" + (name.Length > 256 ? name[..256] : name).ToLowerInvariant();
    }

    /// <summary>IPv4 addresses as they are; IPv6 by their /64, which one client usually holds whole.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return "address:" + address;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Keeps memory bounded under a spray of user names: forgets counters that no longer hold anything back.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_counters.Count < MaxTracked)
        {
            return;
        }
        lock (_gate)
        {
            foreach (var (key, counter) in _counters)
            {
                if (counter.IsIdle(now, _options.FailureWindow))
                {
                    _counters.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>Attempts in the current window; guarded by the throttle's lock.</summary>
    private sealed class Counter
    {
        private int _count;
        private DateTimeOffset _windowStart;
        private DateTimeOffset _lockedUntil;
        private bool _lockedByLast;

        public TimeSpan? Wait(DateTimeOffset now) => _lockedUntil > now ? _lockedUntil - now : null;

        public void Add(DateTimeOffset now, int max, SignInThrottleOptions options)
        {
            if (_count == 0 || now - _windowStart > options.FailureWindow || (_lockedUntil != default && _lockedUntil <= now))
            {
                _count = 0;
                _windowStart = now;
                _lockedUntil = default;
            }
            _count++;
            _lockedByLast = _count >= max;
            if (_lockedByLast)
            {
                _lockedUntil = now + options.Lockout;
            }
        }

        public void TakeBack()
        {
            _count = Math.Max(0, _count - 1);
            if (_lockedByLast)
            {
                _lockedUntil = default;
                _lockedByLast = false;
            }
        }

        public bool IsIdle(DateTimeOffset now, TimeSpan window) => _lockedUntil <= now && now - _windowStart > window;
    }
}
