using System.Globalization;
using Microsoft.AspNetCore.Components;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// Two saved versions of one of the tenant's workflows side by side on one canvas (<c>?a=1&amp;b=3</c>; by default the
/// one before the latest and the latest). Another tenant's workflow is not found, like everywhere else.
/// </summary>
public sealed partial class WorkflowComparePage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<SavedWorkflowInfo> _versions = [];
    private SavedWorkflow? _before;
    private SavedWorkflow? _after;
    private bool _notFound;
    private string? _missing;

    [Parameter]
    public string WorkflowId { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "a")]
    public int? A { get; set; }

    [SupplyParameterFromQuery(Name = "b")]
    public int? B { get; set; }

    [Inject] private StudioTenant Tenant { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _versions = await Tenant.ListVersionsAsync(WorkflowId, _disposed.Token);
        if (_versions.Count == 0)
        {
            _notFound = true;
            Navigation.NotFound();
            return;
        }
        var latest = _versions.Max(v => v.Version);
        B ??= latest;
        A ??= _versions.Select(v => v.Version).Where(v => v < B).DefaultIfEmpty(B.Value).Max();
        _before = await Tenant.FindWorkflowAsync(WorkflowId, A, _disposed.Token);
        _after = await Tenant.FindWorkflowAsync(WorkflowId, B, _disposed.Token);
        _missing = _before is null || _after is null
            ? $"Workflow '{WorkflowId}' has no version {(_before is null ? A : B)}; pick one of versions 1 to {latest} above."
            : null;
    }

    private void Choose(int a, int b) => Navigation.NavigateTo($"workflows/{Uri.EscapeDataString(WorkflowId)}/compare?a={a}&b={b}");

    private static string VersionText(SavedWorkflowInfo version) =>
        $"version {version.Version} · {version.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}{(version.Note is null ? "" : " · " + version.Note)}";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
