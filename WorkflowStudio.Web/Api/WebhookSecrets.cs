using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Webhook secrets: <c>whsec_</c> + 43 base64url characters (256 random bits), shown once at creation or rotation. An HMAC
/// is checked with the secret itself, so it is stored protected with ASP.NET Core Data Protection (the key ring the host
/// already keeps in the data directory, shared by every process on it), not hashed like an API key.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";
    private readonly IDataProtector _protector = protection.CreateProtector("WorkflowStudio.Webhooks.Secret.v1");

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret back; null when the key ring cannot open it (keys lost or from another installation): no delivery verifies.</summary>
    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
