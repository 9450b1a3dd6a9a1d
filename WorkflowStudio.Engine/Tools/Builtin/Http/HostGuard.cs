using System.Net;
using System.Net.Sockets;

namespace WorkflowStudio.Engine.Tools.Builtin.Http;

/// <summary>
/// The SSRF guard of <c>http_get</c>, <c>http_request</c> and imported OpenAPI tools: the host must be allowed by name, and every address it resolves to must be
/// public unless the host is listed exactly (or private networks are allowed). Addresses are checked at connect time,
/// on the addresses actually dialled, so DNS rebinding cannot slip past.
/// </summary>
internal sealed class HostGuard
{
    private readonly HttpToolOptions _options;

    public HostGuard(HttpToolOptions options) => _options = options;

    /// <summary>An HTTP client that connects only through this guard, follows no redirects and keeps no cookies.</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = (context, token) => ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, token),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Null when the host may be called by name, else why not.</summary>
    public string? CheckName(string host)
    {
        if (_options.AllowedHosts.Count == 0)
        {
            return $"host '{host}' is not allowed: Tools:Http:AllowedHosts is empty, so http_request may call no host. Add '{host}' to it.";
        }
        return _options.AllowedHosts.Any(entry => Matches(entry, host))
            ? null
            : $"host '{host}' is not in Tools:Http:AllowedHosts ({string.Join(", ", _options.AllowedHosts)}); add it there to allow it.";
    }

    /// <summary>Opens a connection to an address of <paramref name="host"/> that passes the address rule.</summary>
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var exact = _options.AllowPrivateNetworks || _options.AllowedHosts.Any(e => string.Equals(e.Trim(), host, StringComparison.OrdinalIgnoreCase));
        var usable = addresses.Where(a => exact || IsPublic(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new HttpRequestException(
                $"host '{host}' resolves only to private, loopback or link-local addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); " +
                "list the host by its exact name in Tools:Http:AllowedHosts (or set Tools:Http:AllowPrivateNetworks) to allow it.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    private static bool Matches(string entry, string host)
    {
        entry = entry.Trim();
        return entry.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);
    }
}
