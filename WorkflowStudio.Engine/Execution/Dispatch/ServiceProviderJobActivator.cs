using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>Creates Hangfire job instances from this host's container, one DI scope per job.</summary>
internal sealed class ServiceProviderJobActivator : JobActivator
{
    private readonly IServiceScopeFactory _scopes;

    public ServiceProviderJobActivator(IServiceScopeFactory scopes) => _scopes = scopes;

    public override object ActivateJob(Type jobType) => throw new InvalidOperationException("Jobs are activated within a scope.");

    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(_scopes.CreateScope());

    private sealed class Scope : JobActivatorScope
    {
        private readonly IServiceScope _scope;

        public Scope(IServiceScope scope) => _scope = scope;

        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(_scope.ServiceProvider, type);

        public override void DisposeScope() => _scope.Dispose();
    }
}
