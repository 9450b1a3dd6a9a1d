using System.Net;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary><c>GET /api/runs/{id}/events</c>: SSE from the journal, resumable with Last-Event-ID.</summary>
public sealed class RunEventsApiTests : IAsyncLifetime
{
    private ApiHost _host = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _client = await _host.ClientAsync("acme");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Events_ResumedWithLastEventId_AreExactlyTheRest()
    {
        using var run = await _client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("events", 3) }));
        var runId = (await ReadAsync(run)).GetProperty("run_id").GetString();

        var all = await ReadEventsAsync(runId!, lastEventId: null);
        var resumed = await ReadEventsAsync(runId!, lastEventId: all[2].Id);

        Assert.Equal("run_started", all[0].Kind);
        Assert.Equal("run_finished", all[^1].Kind);
        Assert.Equal(1 + 3 * 2 + 1, all.Count); // started, 3 × (node started, node finished), finished
        Assert.Equal(all.Skip(3).Select(e => e.Id), resumed.Select(e => e.Id));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(long.Parse(pair.First.Id) < long.Parse(pair.Second.Id)));
    }

    [Fact]
    public async Task Events_OfARunStillGoing_StreamLiveUntilItFinishes()
    {
        var workflow = new { name = "slow", nodes = new object[] { new { id = "wait", tool = "builtin/delay", args = new { milliseconds = 300 } } } };
        using var run = await _client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow, mode = "async" }));
        var runId = (await ReadAsync(run)).GetProperty("runId").GetString();

        var events = await ReadEventsAsync(runId!, null);

        Assert.Equal(["run_started", "node_started", "node_finished", "run_finished"], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Events_BadLastEventId_Answers400()
    {
        using var run = await _client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("x") }));
        var runId = (await ReadAsync(run)).GetProperty("run_id").GetString();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        request.Headers.Add("Last-Event-ID", "yesterday");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<List<(string Id, string Kind)>> ReadEventsAsync(string runId, string? lastEventId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string, string)>();
        string? kind = null;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                events.Add((line["id: ".Length..], kind!));
            }
        }
        return events;
    }
}
