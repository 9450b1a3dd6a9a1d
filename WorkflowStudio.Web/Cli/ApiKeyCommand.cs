using System.Globalization;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Cli;

/// <summary>
/// <c>studio apikey create --tenant T [--tier simple|orchestrated|enterprise] [--role admin|editor|viewer] [--name N]</c>,
/// <c>studio apikey list [--tenant T]</c>, <c>studio apikey revoke ID_OR_PREFIX</c>. The key is printed once, on create.
/// </summary>
internal static class ApiKeyCommand
{
    public static Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken) =>
        ExecuteAsync(args, Console.Out, Console.Error, cancellationToken);

    /// <summary>
    /// <c>--role</c> is also the global option of <c>serve --role all|web|worker</c>, so the parser files it as configuration:
    /// here it is a tenant role, taken back out so it does not reach the host.
    /// </summary>
    internal static string? RoleOption(CliArguments args) =>
        args.Configuration.Remove(Hosting.StudioRoles.ConfigurationKey, out var role) ? role : args.Value("--role");

    internal static async Task<int> ExecuteAsync(CliArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var action = args.Positionals.FirstOrDefault()
            ?? throw new CliUsageException("'studio apikey' needs create, list or revoke");
        var roleOption = RoleOption(args);
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            var tenants = host.Services.GetRequiredService<ITenantDirectory>();
            var audit = host.Services.GetRequiredService<IAuditLog>();
            var actor = $"cli:{Environment.UserName}";
            switch (action)
            {
                case "create":
                    var tenantId = args.Value("--tenant") ?? throw new CliUsageException("'studio apikey create' needs --tenant NAME");
                    var role = roleOption ?? TenantRoles.Editor;
                    Tenant tenant;
                    CreatedApiKey created;
                    try
                    {
                        tenant = await tenants.EnsureTenantAsync(tenantId, args.Value("--tier"), cancellationToken);
                        created = await tenants.CreateApiKeyAsync(tenant.Id, role, args.Value("--name") ?? "cli", cancellationToken);
                    }
                    catch (ArgumentException exception)
                    {
                        await stderr.WriteLineAsync($"studio apikey create: {exception.Message.Split(" (Parameter", 2)[0]}");
                        return StudioCli.InvalidInput;
                    }
                    await audit.RecordAsync(new AuditEntry(tenant.Id, actor, "apikey.create", created.Info.Prefix, role), cancellationToken);
                    await stdout.WriteLineAsync(created.Secret);
                    await stderr.WriteLineAsync($"key {created.Info.Id} ({created.Info.Prefix}…) for tenant '{tenant.Id}' ({tenant.Tier}), role {role}: " +
                                                "store it now, it is not shown again");
                    return StudioCli.Ok;
                case "list":
                    foreach (var key in await tenants.ListApiKeysAsync(args.Value("--tenant"), cancellationToken))
                    {
                        var used = key.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never";
                        var revoked = key.RevokedAt is { } at ? "  REVOKED " + at.ToString("u", CultureInfo.InvariantCulture) : "";
                        await stdout.WriteLineAsync(
                            $"{key.Id}  {key.Prefix}…  tenant={key.TenantId}  role={key.Role}  name={key.Name}  " +
                            $"created={key.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}  last-used={used}{revoked}");
                    }
                    return StudioCli.Ok;
                case "revoke":
                    var target = args.Positionals.Count == 2 ? args.Positionals[1] : throw new CliUsageException("'studio apikey revoke' needs the key's ID or prefix");
                    var match = (await tenants.ListApiKeysAsync(cancellationToken: cancellationToken)).FirstOrDefault(k => !k.Revoked && (k.Id == target || k.Prefix == target));
                    if (match is null || !await tenants.RevokeApiKeyAsync(match.Id, cancellationToken))
                    {
                        await stderr.WriteLineAsync($"studio apikey revoke: no active key '{target}' (see 'studio apikey list')");
                        return StudioCli.InvalidInput;
                    }
                    await audit.RecordAsync(new AuditEntry(match.TenantId, actor, "apikey.revoke", match.Prefix), cancellationToken);
                    await stdout.WriteLineAsync($"revoked key {match.Id} ({match.Prefix}…) of tenant '{match.TenantId}'");
                    return StudioCli.Ok;
                default:
                    throw new CliUsageException($"'studio apikey {action}': use create, list or revoke");
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
