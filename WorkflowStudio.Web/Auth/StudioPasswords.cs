using Microsoft.AspNetCore.Identity;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>PBKDF2 password hashes (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>) and the password rule.</summary>
internal static class StudioPasswords
{
    private static readonly PasswordHasher<StudioUser> Hasher = new();

    /// <summary>A hash of a random password, made like every user's, to check unknown user names against.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, Guid.NewGuid().ToString("N")));

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(StudioUser user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>The work of <see cref="Verify"/> for a user name that does not exist; always false.</summary>
    public static bool VerifyDummy(string password)
    {
        _ = Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
        return false;
    }

    /// <summary>An error message, or null when the password is acceptable.</summary>
    public static string? Check(string? password) =>
        password is null || password.Length < InitialAdminOptions.MinPasswordLength
            ? $"the password needs at least {InitialAdminOptions.MinPasswordLength} characters"
            : null;
}
