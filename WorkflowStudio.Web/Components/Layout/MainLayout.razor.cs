using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Components.Layout;

public partial class MainLayout
{
    // Colours chosen for WCAG AA contrast (4.5:1 for text) in both modes, checked by axe-core in AccessibilityBrowserTests:
    // MudBlazor's default status colours are too light on white (light mode), and its dark mode puts white on light primary.
    private readonly MudTheme _theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab", Secondary = "#ffb300", SecondaryContrastText = "#1f1a00", AppbarBackground = "#3949ab",
            Success = "#2e7d32", Error = "#c62828", Warning = "#8a5300", Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#aab3e6", PrimaryContrastText = "#121330", Secondary = "#ffca28", SecondaryContrastText = "#1f1a00",
            Success = "#81c784", SuccessContrastText = "#0b2a0d", Error = "#ef9a9a", ErrorContrastText = "#3b0a0a",
            Warning = "#ffcc80", WarningContrastText = "#3a2500", Info = "#90caf9", InfoContrastText = "#0a2540",
            TextPrimary = "rgba(255,255,255,0.87)", TextSecondary = "rgba(255,255,255,0.74)",
            TableStriped = "rgba(255,255,255,0.05)", TableHover = "rgba(255,255,255,0.07)",
        },
    };

    private const string DarkTheme = "dark";
    private const string LightTheme = "light";
    private bool _drawerOpen = true;
    private bool _interactive;
    private bool _isDarkMode;
    private bool _signedIn;

    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>Shows Sign out only to a user signed in with the login cookie (API keys have nothing to sign out of).</summary>
    protected override async Task OnInitializedAsync()
    {
        if (Services.GetService<AuthenticationStateProvider>() is { } provider)
        {
            var state = await provider.GetAuthenticationStateAsync();
            _signedIn = state.User.Identity is { IsAuthenticated: true, AuthenticationType: StudioAuthSchemes.Cookie };
        }
    }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // The stored choice, else the system's preference (wwwroot/theme.js); ready only once the theme is applied.
            _isDarkMode = await JS.InvokeAsync<string>("studioTheme.get") == DarkTheme;
            _interactive = true;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkMode()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("studioTheme.set", _isDarkMode ? DarkTheme : LightTheme);
    }
}
