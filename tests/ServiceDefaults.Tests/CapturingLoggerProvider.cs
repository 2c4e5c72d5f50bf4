using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Provisioner.ServiceDefaults.Tests;

/// <summary>Records every log entry with the key/values of its scopes, as a console or OTLP exporter would see them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((scope, acc) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        acc[key] = value;
                    }
                }
            }, values);
            owner.Entries.Enqueue(new CapturedLog(category, formatter(state, exception), values));
        }
    }
}

internal sealed record CapturedLog(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);
