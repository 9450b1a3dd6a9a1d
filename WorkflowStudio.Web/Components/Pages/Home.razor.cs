using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Web.Components.Pages;

public partial class Home
{
    private const string HealthPath = StudioWebExtensions.HealthPath;

    private IReadOnlyCollection<string>? _servers;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private StudioDataDirectory DataDirectory { get; set; } = default!;

    protected override void OnInitialized() =>
        // The catalog comes with the engine's tools; without it the page still renders.
        _servers = Services.GetService<IToolCatalog>()?.Servers;
}
