using System.Net;
using System.Net.Sockets;

namespace WorkflowStudio.Tools.Http;

/// <summary>
/// The SSRF guard of <c>http_get</c>, <c>http_request</c> and imported OpenAPI tools: the host must be allowed by name, and every address it resolves to must be
/// public unless the host is listed exactly (or private networks are allowed). Addresses are checked at connect time,
/// on the addresses actually dialled, so DNS rebinding cannot slip past. The client never uses a proxy (not even the system's
/// <c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c>): through one, the check would see the proxy's address and the proxy would reach the target.
/// IPv6 addresses that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the IPv4 address too.
/// </summary>
internal sealed class HostGuard
{
    private readonly HttpToolOptions _options;

    public HostGuard(HttpToolOptions options) => _options = options;

    /// <summary>An HTTP client that connects only through this guard (directly, never through a proxy), follows no redirects and keeps no cookies.</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
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
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return IsPublicIPv4(address.GetAddressBytes());
        }
        var b = address.GetAddressBytes();
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC)
        {
            return false;
        }
        return EmbeddedIPv4(b).All(IsPublicIPv4);
    }

    /// <summary>
    /// The IPv4 addresses an IPv6 address carries, which a translator or tunnel would deliver to: IPv4-mapped <c>::ffff:0:0/96</c>
    /// and compatible <c>::/96</c>, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>, Teredo <c>2001::/32</c> (server, and client
    /// stored inverted). The NAT64 local-use prefix <c>64:ff9b:1::/48</c> (RFC 8215) embeds where its operator chooses, so it
    /// counts as private as a whole (<c>0.0.0.0</c>).
    /// </summary>
    private static IEnumerable<byte[]> EmbeddedIPv4(byte[] b)
    {
        static bool Zero(byte[] bytes, int from, int to) => bytes.AsSpan(from, to - from).IndexOfAnyExcept((byte)0) < 0;
        if (Zero(b, 0, 10) && ((b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0)))
        {
            yield return b[12..16];
        }
        else if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            yield return b[4] == 0 && b[5] == 0x01 ? [0, 0, 0, 0] : Zero(b, 4, 12) ? b[12..16] : [0, 0, 0, 0];
        }
        else if (b[0] == 0x20 && b[1] == 0x02)
        {
            yield return b[2..6];
        }
        else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            yield return b[4..8];
            yield return [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
        }
    }

    private static bool IsPublicIPv4(byte[] b) =>
        !(b[0] == 10 || b[0] == 0 || b[0] == 127 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));

    private static bool Matches(string entry, string host)
    {
        entry = entry.Trim();
        return entry.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);
    }
}
