using Microsoft.Extensions.Options;

namespace WorkflowStudio.Web.Auth;

/// <summary>Checks <c>Auth</c> at start-up, saying which value to set.</summary>
internal sealed class StudioAuthOptionsValidator : IValidateOptions<StudioAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, StudioAuthOptions options)
    {
        var failures = new List<string>();
        var signIn = options.SignIn;
        if (signIn.MaxFailuresPerUser is < 1 or > 1000)
        {
            failures.Add($"Auth:SignIn:MaxFailuresPerUser is {signIn.MaxFailuresPerUser}; set 1 to 1000 (default {SignInThrottleOptions.DefaultMaxFailuresPerUser}).");
        }
        if (signIn.MaxFailuresPerAddress is < 1 or > 100_000)
        {
            failures.Add($"Auth:SignIn:MaxFailuresPerAddress is {signIn.MaxFailuresPerAddress}; set 1 to 100000 (default {SignInThrottleOptions.DefaultMaxFailuresPerAddress}).");
        }
        if (signIn.FailureWindow <= TimeSpan.Zero)
        {
            failures.Add($"Auth:SignIn:FailureWindow is {signIn.FailureWindow}; set a positive time span such as 00:15:00 (default {SignInThrottleOptions.DefaultFailureWindow}).");
        }
        if (signIn.Lockout <= TimeSpan.Zero)
        {
            failures.Add($"Auth:SignIn:Lockout is {signIn.Lockout}; set a positive time span such as 00:05:00 (default {SignInThrottleOptions.DefaultLockout}).");
        }
        if (options.CookieLifetime <= TimeSpan.Zero)
        {
            failures.Add($"Auth:CookieLifetime is {options.CookieLifetime}; set a positive time span such as 08:00:00.");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
