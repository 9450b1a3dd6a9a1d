using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Tests.Infrastructure;

/// <summary>Keeps every log entry of an engine under test (category, level, formatted message) for assertions.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Entries of the category named after <typeparamref name="T"/> at <paramref name="level"/>.</summary>
    public IReadOnlyList<string> Of<T>(LogLevel level) =>
        Entries.Where(e => e.Category == typeof(T).FullName && e.Level == level).Select(e => e.Message).ToArray();

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
