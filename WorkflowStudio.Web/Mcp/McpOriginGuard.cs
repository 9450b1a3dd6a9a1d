using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// DNS-rebinding protection for <c>/mcp</c> (MCP transport security): the <c>Host</c> header, and the <c>Origin</c>
/// header when a browser sends one, must name an allowed host. Allowed: <c>Mcp:AllowedHosts</c>, else the hosts of
/// the listen addresses (a loopback address allows localhost, 127.0.0.1 and [::1]); listening on every address
/// (0.0.0.0, *, +) without a list allows any Host, and then Origin must match Host.
/// </summary>
internal sealed class McpOriginGuard(RequestDelegate next, IOptions<McpEndpointOptions> options)
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]", "::1"];

    public async Task InvokeAsync(HttpContext context)
    {
        var allowed = options.Value.AllowedHostSet;
        var host = context.Request.Host.Host;
        if (allowed is not null && !allowed.Contains(host))
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "Host not allowed",
                $"Host '{host}' is not one this MCP endpoint answers to; add it to Mcp:AllowedHosts.");
            return;
        }
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                                    && (allowed?.Contains(uri.Host) ?? string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase))))
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed",
                $"Origin '{origin}' may not call this MCP endpoint; add its host to Mcp:AllowedHosts.");
            return;
        }
        await next(context);
    }

    internal static HashSet<string>? HostsFor(IEnumerable<string> configured, string urls)
    {
        var hosts = new HashSet<string>(configured.Where(h => !string.IsNullOrWhiteSpace(h)), StringComparer.OrdinalIgnoreCase);
        if (hosts.Count > 0)
        {
            return hosts;
        }
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            var name = authority.StartsWith('[') ? authority[..(authority.IndexOf(']', StringComparison.Ordinal) + 1)] : authority.Split(':')[0];
            if (name is "0.0.0.0" or "*" or "+" or "[::]")
            {
                return null; // every address: any Host; Origin must still match it
            }
            if (name == "localhost" || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
            {
                hosts.UnionWith(Loopback);
            }
            else
            {
                hosts.Add(name);
            }
        }
        return hosts.Count == 0 ? null : hosts;
    }
}
