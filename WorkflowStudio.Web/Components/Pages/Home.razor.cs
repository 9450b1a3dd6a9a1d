using Microsoft.AspNetCore.Components;
using WorkflowStudio.Web.Hosting;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Pages;

public partial class Home
{
    private const string HealthPath = StudioWebExtensions.HealthPath;

    private IReadOnlyList<ToolGroup>? _servers;

    [Inject]
    private StudioTenant Tenant { get; set; } = default!;

    [Inject]
    private StudioDataDirectory DataDirectory { get; set; } = default!;

    // The same sources, with the same tool counts, as the Tools page and the canvas palette show this tenant.
    protected override async Task OnInitializedAsync() =>
        _servers = (await ToolPaletteModel.LoadAsync(await Tenant.ToolsAsync())).Groups;
}
