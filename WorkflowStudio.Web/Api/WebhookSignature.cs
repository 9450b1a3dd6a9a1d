using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// The signature of a webhook delivery: header <c>X-WorkflowStudio-Signature: t=UNIX_SECONDS,v1=HEX</c>, where HEX is the
/// lower-case hex HMAC-SHA256, keyed with the hook's secret (its UTF-8 bytes, <c>whsec_</c> prefix included), of the ASCII
/// timestamp, a dot, and the raw request body: <c>HMAC(secret, "{t}." + body)</c>.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-WorkflowStudio-Signature";

    /// <summary>Reads <c>t</c> and <c>v1</c>; false (with why) when the header is missing or malformed.</summary>
    public static bool TryParse(string? header, out long timestamp, out string mac, out string problem)
    {
        timestamp = 0;
        mac = "";
        problem = "";
        string? t = null, v1 = null;
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq] == "t")
            {
                t = part[(eq + 1)..];
            }
            else if (eq > 0 && part[..eq] == "v1")
            {
                v1 = part[(eq + 1)..];
            }
        }
        if (t is null || v1 is null)
        {
            problem = $"The {Header} header is {(string.IsNullOrWhiteSpace(header) ? "missing" : "malformed")}; send 't=UNIX_SECONDS,v1=HEX' where HEX is " +
                "the hex HMAC-SHA256 of \"{t}.{raw body}\" keyed with the hook's secret (docs/api.md, Webhooks).";
            return false;
        }
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
        {
            problem = $"The {Header} timestamp 't={t}' is not whole Unix seconds; send the current time, e.g. t=$(date +%s).";
            return false;
        }
        if (v1.Length != 64 || !v1.All(char.IsAsciiHexDigit))
        {
            problem = $"The {Header} value 'v1' must be 64 hex digits (an HMAC-SHA256); got {v1.Length} characters.";
            return false;
        }
        mac = v1.ToLowerInvariant();
        return true;
    }

    /// <summary>The lower-case hex MAC of <paramref name="body"/> at <paramref name="timestamp"/> under <paramref name="secret"/>.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Constant-time comparison of the expected and the given MAC.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string mac) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(mac));
}
