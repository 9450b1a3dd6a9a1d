using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowStudio.Web.Auth;

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
