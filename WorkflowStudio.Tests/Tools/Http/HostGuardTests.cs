using System.Net;
using System.Net.Sockets;
using WorkflowStudio.Tools.Http;

namespace WorkflowStudio.Tests.Tools.Http;

/// <summary>IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the address they carry.</summary>
public sealed class HostGuardTests
{
    [Theory]
    [InlineData("::ffff:127.0.0.1")]      // IPv4-mapped
    [InlineData("::127.0.0.1")]           // IPv4-compatible (deprecated)
    [InlineData("64:ff9b::7f00:1")]       // NAT64 well-known prefix, 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")]    // NAT64, 169.254.169.254 (cloud metadata)
    [InlineData("64:ff9b::c0a8:101")]     // NAT64, 192.168.1.1
    [InlineData("64:ff9b:1::a00:1")]      // NAT64 local-use prefix (RFC 8215)
    [InlineData("2002:7f00:1::1")]        // 6to4, 127.0.0.1
    [InlineData("2002:a00:1::1")]         // 6to4, 10.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo, client 127.0.0.1 (stored inverted)
    [InlineData("2001:0:7f00:1::1")]      // Teredo, server 127.0.0.1
    public void IsPublic_IPv6CarryingAPrivateIPv4_IsFalse(string address)
    {
        Assert.False(HostGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("64:ff9b::808:808")]      // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")]       // 6to4 of 8.8.8.8
    [InlineData("2606:4700::1111")]
    [InlineData("8.8.8.8")]
    public void IsPublic_PublicAddress_IsTrue(string address)
    {
        Assert.True(HostGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("::127.0.0.1")]
    public async Task ConnectAsync_LocalListenerThroughAnEmbeddingAddress_IsRefusedBeforeConnecting(string address)
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, 0);
        listener.Server.DualMode = true;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var guard = new HostGuard(new HttpToolOptions { AllowedHosts = ["*.example.com"] });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () => await guard.ConnectAsync(address, port, timeout.Token));

        Assert.Contains("private, loopback or link-local", error.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "a connection reached the local listener");
    }
}
