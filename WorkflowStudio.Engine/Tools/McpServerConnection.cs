using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// One configured MCP server: started lazily, shared by concurrent callers (one start at a time), restarted
/// on the next use after its connection breaks. The call side lives in <c>McpServerConnection.Calls.cs</c>.
/// </summary>
internal sealed partial class McpServerConnection : IAsyncDisposable
{
    private static readonly Implementation ClientInfo = new()
    {
        Name = "WorkflowStudio",
        Version = typeof(McpServerConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
    };

    private readonly McpServerConfig _config;
    private readonly McpToolHubOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _callSlots;
    private readonly Lock _gate = new();
    private readonly IToolSampler? _sampler;

    private McpServerSession? _session;
    private Task<McpServerSession>? _starting;
    private bool _disposed;
    private string? _lastError;
    private int _toolCount;
    private long _calls;
    private long _failures;

    public McpServerConnection(McpServerConfig config, McpToolHubOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IToolSampler? sampler = null)
    {
        _sampler = sampler;
        _config = config;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<McpToolHub>();
        _timeProvider = timeProvider;
        _callSlots = new SemaphoreSlim(options.MaxConcurrentCallsPerServer, options.MaxConcurrentCallsPerServer);
    }

    public string Name => _config.Name;

    public McpServerStatus GetStatus()
    {
        lock (_gate)
        {
            var state = _session is { IsAlive: true } ? McpServerState.Running
                : _lastError is not null || _session is not null ? McpServerState.Failed
                : McpServerState.NotStarted;
            return new McpServerStatus(_config.Name, _config.Transport, _config.Describe(), state, _lastError,
                _toolCount, Interlocked.Read(ref _calls), Interlocked.Read(ref _failures));
        }
    }

    public async ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(CancellationToken cancellationToken)
    {
        var session = await GetSessionAsync(cancellationToken);
        if (session.ToolsStale)
        {
            using var timeout = new CancellationTokenSource(_options.StartupTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _shutdown.Token);
            try
            {
                session.ReplaceTools(await ListToolsAsync(session.Client, linked.Token));
                Volatile.Write(ref _toolCount, session.Tools.Count);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
            {
                throw new ToolServerException(_config.Name, $"MCP server '{_config.Name}' did not list its tools within {_options.StartupTimeout.TotalSeconds:0.###} s.", ex);
            }
            catch (Exception ex) when (IsTransportFailure(ex))
            {
                await DiscardAsync(session, ex.Message);
                throw new ToolServerException(_config.Name, $"MCP server '{_config.Name}' ({_config.Describe()}) could not list its tools: {ex.Message}", ex);
            }
        }
        return session.Tools;
    }

    /// <summary>The live session, starting the server when there is none (one start shared by all callers).</summary>
    private async ValueTask<McpServerSession> GetSessionAsync(CancellationToken cancellationToken)
    {
        Task<McpServerSession> starting;
        McpServerSession? dead = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_session is { IsAlive: true } live)
            {
                return live;
            }
            if (_session is not null)
            {
                dead = _session;
                _session = null;
            }
            _starting ??= Task.Run(StartAsync, CancellationToken.None);
            starting = _starting;
        }
        if (dead is not null)
        {
            await DisposeSessionAsync(dead);
        }
        return await starting.WaitAsync(cancellationToken);
    }

    private async Task<McpServerSession> StartAsync()
    {
        McpToolHubLog.ServerStarting(_logger, _config.Name, _config.Transport);
        var started = _timeProvider.GetTimestamp();
        var stderr = new StderrTail(_options.StderrTailLines);
        using var timeout = new CancellationTokenSource(_options.StartupTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _shutdown.Token);
        IAsyncDisposable? disposableTransport = null;
        McpClient? client = null;
        var calls = new McpCalls();
        try
        {
            (client, disposableTransport) = await ConnectNegotiatingAsync(stderr, calls, linked.Token);
            calls.Client = client;
            var tools = await ListToolsAsync(client, linked.Token);
            var session = new McpServerSession(client, disposableTransport, stderr, tools, calls);
            client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
            {
                session.ToolsStale = true;
                McpToolHubLog.ToolListChanged(_logger, _config.Name);
                return ValueTask.CompletedTask;
            });
            _ = client.Completion.ContinueWith(completion => OnDisconnected(session, completion), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            bool disposed;
            lock (_gate)
            {
                disposed = _disposed;
                if (!disposed)
                {
                    _session = session;
                    _starting = null;
                    _lastError = null;
                    _toolCount = tools.Count;
                }
            }
            if (disposed)
            {
                // The hub was disposed while this start finished: close the new connection instead of leaking it.
                await DisposeSessionAsync(session);
                throw new ObjectDisposedException(nameof(McpToolHub), $"The tool hub is shutting down; MCP server '{_config.Name}' was stopped.");
            }
            McpToolHubLog.ServerStarted(_logger, _config.Name, tools.Count, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return session;
        }
        catch (Exception ex)
        {
            var failure = _shutdown.IsCancellationRequested
                ? (Exception)new ObjectDisposedException(nameof(McpToolHub), $"The tool hub is shutting down; MCP server '{_config.Name}' was not started.")
                : StartFailure(ex, stderr, timeout.IsCancellationRequested);
            if (client is not null)
            {
                await DisposeQuietlyAsync(client);
            }
            if (disposableTransport is not null)
            {
                await DisposeQuietlyAsync(disposableTransport);
            }
            lock (_gate)
            {
                _starting = null;
                _lastError = failure.Message;
            }
            McpToolHubLog.ServerStartFailed(_logger, ex, _config.Name);
            throw failure;
        }
    }

    /// <summary>
    /// Connects, asking for the configured revision or else the newest. When the server refuses the revision it was asked
    /// for (-32022 naming the ones it supports), or answers the 2026-07-28 <c>server/discover</c> probe as an older server
    /// does, connects again on a fresh transport with the revision it can speak; at most twice.
    /// </summary>
    private async Task<(McpClient Client, IAsyncDisposable? Transport)> ConnectNegotiatingAsync(StderrTail stderr, McpCalls calls, CancellationToken cancellationToken)
    {
        var version = _config.ProtocolVersion;
        for (var attempt = 1; ; attempt++)
        {
            var (transport, disposable) = CreateTransport(stderr);
            try
            {
                return (await ConnectAsync(transport, version, calls, cancellationToken), disposable);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (disposable is not null)
                {
                    await DisposeQuietlyAsync(disposable);
                }
                var next = attempt < 3 && _config.ProtocolVersion is null ? NextVersion(ex, version) : null;
                if (next is null)
                {
                    throw;
                }
                McpToolHubLog.DiscoverFallback(_logger, _config.Name, next);
                version = next;
            }
        }
    }

    /// <summary>The revision to ask for after <paramref name="failure"/>, or null when asking again cannot help.</summary>
    private static string? NextVersion(Exception failure, string? asked)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is UnsupportedProtocolVersionException refused)
            {
                var best = McpServerConfig.ProtocolVersions.LastOrDefault(v => refused.Supported?.Contains(v) == true);
                return best == asked ? null : best;
            }
            if (cause is McpProtocolException { ErrorCode: McpErrorCode.UnsupportedProtocolVersion })
            {
                return asked == McpServerConfig.InitializeFallbackVersion ? null : McpServerConfig.InitializeFallbackVersion;
            }
        }
        return asked is null && IsDiscoverMishandled(failure) ? McpServerConfig.InitializeFallbackVersion : null;
    }

    /// <summary>
    /// Connects with the elicitation capability (form mode; setting the handler advertises it): a server may ask a person for
    /// input during a call, and the call's <see cref="ToolCallRequest.OnInputRequested"/> answers.
    /// </summary>
    private Task<McpClient> ConnectAsync(IClientTransport transport, string? protocolVersion, McpCalls calls, CancellationToken cancellationToken) =>
        McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = ClientInfo,
            InitializationTimeout = _options.StartupTimeout,
            // The SDK's 5 s probe is short on a busy machine: a 2026-07-28 server that answers late would be taken for an
            // old one and spoken to with initialize, which it refuses. A third of the start-up budget leaves room for both.
            DiscoverProbeTimeout = _options.StartupTimeout / 3,
            ProtocolVersion = protocolVersion,
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (parameters, token) => ElicitAsync(calls, parameters, token),
                // Only with a model: a handler advertises sampling, and without one servers must not count on it.
#pragma warning disable MCP9005 // sampling is deprecated by 2026-07-28 (SEP-2577), but 2025-era servers still ask for it
                SamplingHandler = _sampler is null ? null : (parameters, _, token) => SampleAsync(calls, parameters, token),
#pragma warning restore MCP9005
            },
        }, _loggerFactory, cancellationToken);

    /// <summary>A failed start whose cause is a reply the client could not take as a <c>server/discover</c> result.</summary>
    private static bool IsDiscoverMishandled(Exception ex)
    {
        for (var cause = ex; cause is not null; cause = cause.InnerException)
        {
            if (cause is JsonException || cause.Message.Contains("supportedVersions", StringComparison.Ordinal)
                || cause.Message.Contains("server/discover", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private (IClientTransport Transport, IAsyncDisposable? Disposable) CreateTransport(StderrTail stderr)
    {
        if (_config.Transport == McpServerTransport.Http)
        {
            // Our own client: no 100 s HttpClient timeout cutting long tool calls short (CallTimeout governs).
            var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = _options.StartupTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = _config.Name,
                Endpoint = _config.Url!,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = _config.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase),
                ConnectionTimeout = _options.StartupTimeout,
            }, http, _loggerFactory, ownsHttpClient: true);
            return (transport, transport);
        }
        return (new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = _config.Name,
            Command = _config.Command!,
            Arguments = [.. _config.Args],
            EnvironmentVariables = _config.Env.ToDictionary(StringComparer.Ordinal)!,
            WorkingDirectory = _config.WorkingDirectory,
            ShutdownTimeout = _options.ShutdownTimeout,
            StandardErrorLines = stderr.Add,
        }, _loggerFactory), null);
    }

    private async Task<IReadOnlyList<ToolDescriptor>> ListToolsAsync(McpClient client, CancellationToken cancellationToken)
    {
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        return [.. tools.Select(tool => ToDescriptor(tool.ProtocolTool))];
    }

    private ToolDescriptor ToDescriptor(Tool tool) => new()
    {
        Server = _config.Name,
        Name = tool.Name,
        Title = tool.Title ?? tool.Annotations?.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema.ValueKind == JsonValueKind.Undefined
            ? JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["type"] = "object" })
            : tool.InputSchema.Clone(),
        OutputSchema = tool.OutputSchema?.Clone(),
        Annotations = tool.Annotations is { } a
            ? new ToolAnnotations { ReadOnly = a.ReadOnlyHint, Destructive = a.DestructiveHint, Idempotent = a.IdempotentHint, OpenWorld = a.OpenWorldHint }
            : ToolAnnotations.Unknown,
    };

    private void OnDisconnected(McpServerSession session, Task<ClientCompletionDetails> completion)
    {
        bool current;
        lock (_gate)
        {
            current = ReferenceEquals(_session, session) && !_disposed;
            if (current)
            {
                _lastError = $"MCP server '{_config.Name}' disconnected: {Describe(completion, session.Stderr)}";
            }
        }
        if (current)
        {
            McpToolHubLog.ServerDisconnected(_logger, _config.Name, (completion.IsCompletedSuccessfully ? completion.Result : null) is StdioClientCompletionDetails stdio ? stdio.ExitCode : null);
        }
    }

    /// <summary>Forgets a broken session (the next call starts a new one) and closes it.</summary>
    private async ValueTask DiscardAsync(McpServerSession session, string reason)
    {
        session.MarkBroken();
        bool current;
        lock (_gate)
        {
            current = ReferenceEquals(_session, session);
            if (current)
            {
                _session = null;
                _lastError = reason;
            }
        }
        if (current)
        {
            await DisposeSessionAsync(session);
        }
    }

    private async ValueTask DisposeSessionAsync(McpServerSession session)
    {
        try
        {
            await session.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or McpException or HttpRequestException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            McpToolHubLog.DisposeFailed(_logger, ex, _config.Name);
        }
    }

    private async ValueTask DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or McpException or HttpRequestException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            McpToolHubLog.DisposeFailed(_logger, ex, _config.Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        McpServerSession? session;
        Task<McpServerSession>? starting;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            session = _session;
            _session = null;
            starting = _starting;
        }
        await _shutdown.CancelAsync();
        if (starting is not null)
        {
            // The start sees the shutdown token and cleans up after itself; its failure is expected here.
            await starting.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        if (session is not null)
        {
            await DisposeSessionAsync(session);
        }
        _shutdown.Dispose();
        _callSlots.Dispose();
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is IOException or McpException or HttpRequestException or ObjectDisposedException or InvalidOperationException or JsonException;
}
