using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Web.Auth;

/// <summary>API keys, the browser cookie, role policies; every endpoint needs one of them unless it says AllowAnonymous.</summary>
internal static class StudioAuthExtensions
{
    public static IServiceCollection AddStudioAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudioAuthOptions>().Bind(configuration.GetSection(StudioAuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StudioAuthOptions>, StudioAuthOptionsValidator>());
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<UserPresence>();
        services.AddSingleton<StudioSignIn>();
        services.AddSingleton<IAuthorizationHandler, OpenStudioHandler>();
        services.AddHostedService<InitialAdminService>();

        services.AddAuthentication(StudioAuthSchemes.Selector)
            .AddPolicyScheme(StudioAuthSchemes.Selector, "API key or cookie", o => o.ForwardDefaultSelector = context =>
                StudioAuthSchemes.IsApiPath(context.Request.Path) || ApiKeyAuthenticationHandler.ReadKey(context.Request) is not null
                    ? StudioAuthSchemes.ApiKey
                    : StudioAuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(StudioAuthSchemes.ApiKey, null)
            .AddCookie(StudioAuthSchemes.Cookie, o =>
            {
                var lifetime = configuration.GetSection(StudioAuthOptions.SectionName).Get<StudioAuthOptions>()?.CookieLifetime ?? TimeSpan.FromHours(8);
                o.Cookie.Name = StudioAuthSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = lifetime;
                o.SlidingExpiration = true;
                o.LoginPath = LoginEndpoints.LoginPath;
                o.AccessDeniedPath = LoginEndpoints.LoginPath;
            });

        services.AddAuthorizationBuilder()
            // The selector scheme picks the API key on /api and /mcp and the cookie elsewhere, so policies name no scheme.
            .AddPolicy(StudioPolicies.Viewer, p => p.RequireRole(StudioPolicies.ViewerRoles))
            .AddPolicy(StudioPolicies.Editor, p => p.RequireRole(StudioPolicies.EditorRoles))
            .AddPolicy(StudioPolicies.Admin, p => p.RequireRole(StudioPolicies.AdminRoles))
            .AddPolicy(StudioPolicies.Studio, p => p.AddRequirements(new OpenStudioRequirement(StudioPolicies.ViewerRoles)))
            .AddPolicy(StudioPolicies.StudioAdmin, p => p.AddRequirements(new OpenStudioRequirement(StudioPolicies.AdminRoles, operatorOnly: true)))
            // Anything mapped without its own rule (pages, hubs, downloads) is the studio UI.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new OpenStudioRequirement(StudioPolicies.ViewerRoles)).Build());
        return services;
    }
}
