using Microsoft.AspNetCore.Components;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// A run's plan before and after one of its re-plans, on one canvas (the same drawing as comparing saved versions).
/// Another tenant's run, like a missing one or revision, is not found.
/// </summary>
public sealed partial class RunRevisionComparePage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private RunRevisionGraphs? _graphs;
    private bool _notFound;

    [Parameter]
    public string RunId { get; set; } = string.Empty;

    [Parameter]
    public int Revision { get; set; }

    [Inject] private StudioTenant Tenant { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string BeforeLabel => Revision == 1 ? "as started" : $"revision {Revision - 1}";

    protected override async Task OnParametersSetAsync()
    {
        _graphs = await Tenant.FindRevisionAsync(RunId, Revision, _disposed.Token);
        _notFound = _graphs is null;
        if (_notFound)
        {
            Navigation.NotFound();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
