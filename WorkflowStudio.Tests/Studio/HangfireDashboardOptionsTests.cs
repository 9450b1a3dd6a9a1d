using System.Net;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The Hangfire dashboard mapped at /hangfire: read-only, and only for requests from this machine.</summary>
public sealed class HangfireDashboardOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("10.1.2.3", "10.0.0.5", false)]
    public void Authorization_AllowsOnlyLocalRequests(string remote, string local, bool allowed)
    {
        var options = StudioUiExtensions.HangfireDashboardOptions();
        using var storage = new InMemoryStorage();
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Connection.LocalIpAddress = IPAddress.Parse(local);
        var context = new AspNetCoreDashboardContext(storage, options, http);

        Assert.Equal(allowed, options.Authorization.All(filter => filter.Authorize(context)));
        Assert.True(options.IsReadOnlyFunc(context));
    }
}
