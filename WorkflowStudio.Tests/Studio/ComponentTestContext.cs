using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace WorkflowStudio.Tests.Studio;

/// <summary>A bUnit context with MudBlazor's services, loose JS interop and a popover provider (selects, menus).</summary>
internal static class ComponentTestContext
{
    /// <param name="services">Adds the component's own services (before anything is rendered).</param>
    public static BunitContext Create(Action<IServiceCollection>? services = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        services?.Invoke(context.Services);
        context.Render<MudPopoverProvider>();
        return context;
    }
}
