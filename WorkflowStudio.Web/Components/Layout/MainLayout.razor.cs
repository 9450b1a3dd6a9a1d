using MudBlazor;

namespace WorkflowStudio.Web.Components.Layout;

public partial class MainLayout
{
    private readonly MudTheme _theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", Secondary = "#ffb300", AppbarBackground = "#3949ab" },
        PaletteDark = new PaletteDark { Primary = "#9fa8da", Secondary = "#ffca28" },
    };

    private bool _drawerOpen = true;
    private bool _interactive;
    private bool _isDarkMode;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void ToggleDarkMode() => _isDarkMode = !_isDarkMode;
}
