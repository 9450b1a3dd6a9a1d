using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Components.Canvas;

namespace WorkflowStudio.Tests.Studio;

/// <summary>Leaving the studio with unsaved changes asks first; with none (or after a save) it does not.</summary>
public sealed class UnsavedChangesGuardTests
{
    [Fact]
    public async Task Navigate_UnsavedChangesAndTheUserStays_IsPreventedAfterAsking()
    {
        await using var context = ComponentTestContext.Create();
        var confirm = context.JSInterop.Setup<bool>("confirm", UnsavedChangesGuard.Question);
        confirm.SetResult(false);
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        context.Render<UnsavedChangesGuard>(p => p.Add(x => x.HasUnsavedChanges, () => true));

        navigation.NavigateTo("/runs");

        Assert.Single(confirm.Invocations);
        Assert.Contains(navigation.History, h => h.State == NavigationState.Prevented);
        Assert.NotEqual(navigation.ToAbsoluteUri("/runs"), new Uri(navigation.Uri));
    }

    [Fact]
    public async Task Navigate_UnsavedChangesAndTheUserLeaves_Navigates()
    {
        await using var context = ComponentTestContext.Create();
        context.JSInterop.Setup<bool>("confirm", UnsavedChangesGuard.Question).SetResult(true);
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        context.Render<UnsavedChangesGuard>(p => p.Add(x => x.HasUnsavedChanges, () => true));

        navigation.NavigateTo("/runs");

        Assert.Equal(navigation.ToAbsoluteUri("/runs"), new Uri(navigation.Uri));
    }

    [Fact]
    public async Task Navigate_NothingUnsaved_NavigatesWithoutAsking()
    {
        await using var context = ComponentTestContext.Create();
        var confirm = context.JSInterop.Setup<bool>("confirm", UnsavedChangesGuard.Question);
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        context.Render<UnsavedChangesGuard>(p => p.Add(x => x.HasUnsavedChanges, () => false));

        navigation.NavigateTo("/runs");

        Assert.Empty(confirm.Invocations);
        Assert.Equal(navigation.ToAbsoluteUri("/runs"), new Uri(navigation.Uri));
    }

    [Fact]
    public async Task Render_UnsavedChanges_AsksTheBrowserToConfirmClosingTheTab()
    {
        await using var context = ComponentTestContext.Create();
        var dirty = true;

        var guard = context.Render<UnsavedChangesGuard>(p => p.Add(x => x.HasUnsavedChanges, () => dirty));
        var whileDirty = guard.FindComponent<Microsoft.AspNetCore.Components.Routing.NavigationLock>().Instance.ConfirmExternalNavigation;
        dirty = false;
        guard.Render();

        Assert.True(whileDirty);
        Assert.False(guard.FindComponent<Microsoft.AspNetCore.Components.Routing.NavigationLock>().Instance.ConfirmExternalNavigation);
    }
}
