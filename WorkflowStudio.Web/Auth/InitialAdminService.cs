using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>Creates <c>Auth:InitialAdmin</c> at start-up when configured and not there yet.</summary>
internal sealed partial class InitialAdminService(
    IOptions<StudioAuthOptions> options, ITenantDirectory tenants, IAuditLog audit, UserPresence presence, ILogger<InitialAdminService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.InitialAdmin;
        if (string.IsNullOrWhiteSpace(admin.UserName) || await tenants.FindUserAsync(admin.UserName, cancellationToken) is not null)
        {
            return;
        }
        if (StudioPasswords.Check(admin.Password) is { } problem)
        {
            throw new OptionsValidationException(nameof(StudioAuthOptions), typeof(StudioAuthOptions),
                [$"Auth:InitialAdmin:Password: {problem}; set it (e.g. Auth__InitialAdmin__Password) or remove Auth:InitialAdmin:UserName."]);
        }
        await tenants.CreateUserAsync(admin.Tenant, admin.UserName, StudioPasswords.Hash(admin.Password!), TenantRoles.Admin, cancellationToken);
        await audit.RecordAsync(new AuditEntry(admin.Tenant, "config", "user.create", admin.UserName, "initial admin"), cancellationToken);
        presence.UserCreated();
        LogCreated(logger, admin.UserName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the initial admin user {UserName} from configuration")]
    private static partial void LogCreated(ILogger logger, string userName);
}
