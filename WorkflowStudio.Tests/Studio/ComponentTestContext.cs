using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace WorkflowStudio.Tests.Studio;

/// <summary>A bUnit context with MudBlazor's services, loose JS interop and a popover provider (selects, menus).</summary>
internal static class ComponentTestContext
{
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Render<MudPopoverProvider>();
        return context;
    }
}
