using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio user create NAME [--tenant T] [--role admin|editor|viewer]</c>: the password is read from stdin (first line).</summary>
internal static class UserCommand
{
    public static Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken) =>
        ExecuteAsync(args, Console.In, Console.Out, Console.Error, cancellationToken);

    internal static async Task<int> ExecuteAsync(CliArguments args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Positionals is not ["create", var userName])
        {
            throw new CliUsageException("use 'studio user create NAME [--tenant T] [--role admin|editor|viewer]' with the password on stdin");
        }
        var password = (await stdin.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
        if (StudioPasswords.Check(password) is { } problem)
        {
            await stderr.WriteLineAsync($"studio user create: {problem} (give it on stdin, e.g. read -rs P; echo \"$P\" | studio user create {userName})");
            return StudioCli.InvalidInput;
        }
        var tenantId = args.Value("--tenant") ?? Tenant.DefaultId;
        var role = ApiKeyCommand.RoleOption(args) ?? TenantRoles.Admin;
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            var tenants = host.Services.GetRequiredService<ITenantDirectory>();
            StudioUser user;
            try
            {
                user = await tenants.CreateUserAsync(tenantId, userName, StudioPasswords.Hash(password!), role, cancellationToken);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                await stderr.WriteLineAsync($"studio user create: {exception.Message.Split(" (Parameter", 2)[0]}");
                return StudioCli.InvalidInput;
            }
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(
                new AuditEntry(user.TenantId, $"cli:{Environment.UserName}", "user.create", user.UserName, role), cancellationToken);
            await stdout.WriteLineAsync($"created user '{user.UserName}' ({role}) in tenant '{user.TenantId}'; the studio now needs a sign-in");
            return StudioCli.Ok;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
