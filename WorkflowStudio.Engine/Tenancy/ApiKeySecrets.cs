using System.Security.Cryptography;
using System.Text;

namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Key format <c>wfs_</c> + 43 base64url characters (256 random bits); stored as the hex SHA-256 of the whole key.</summary>
public static class ApiKeySecrets
{
    public const string Prefix = "wfs_";

    /// <summary>How many leading characters are kept to recognise a key in lists.</summary>
    public const int VisiblePrefixLength = 12;

    public static string Generate()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return Prefix + Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Cheap shape check before any database look-up.</summary>
    public static bool LooksValid(string? key) =>
        key is { Length: > 20 and < 200 } && key.StartsWith(Prefix, StringComparison.Ordinal);
}
