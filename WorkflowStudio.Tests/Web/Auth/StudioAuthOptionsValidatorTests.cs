using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Tests.Web.Auth;

public sealed class StudioAuthOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new StudioAuthOptionsValidator().Validate(null, new StudioAuthOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 20, 15, 5, "Auth:SignIn:MaxFailuresPerUser is 0; set 1 to 1000")]
    [InlineData(5, 0, 15, 5, "Auth:SignIn:MaxFailuresPerAddress is 0; set 1 to 100000")]
    [InlineData(5, 20, 0, 5, "Auth:SignIn:FailureWindow is 00:00:00; set a positive time span")]
    [InlineData(5, 20, 15, -1, "Auth:SignIn:Lockout is -00:01:00; set a positive time span")]
    public void Validate_BadSignInLimits_SaysWhichValueToSet(int perUser, int perAddress, int windowMinutes, int lockoutMinutes, string expected)
    {
        var options = new StudioAuthOptions
        {
            SignIn = new SignInThrottleOptions
            {
                MaxFailuresPerUser = perUser,
                MaxFailuresPerAddress = perAddress,
                FailureWindow = TimeSpan.FromMinutes(windowMinutes),
                Lockout = TimeSpan.FromMinutes(lockoutMinutes),
            },
        };

        var result = new StudioAuthOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }
}
