using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Options;

namespace Provisioner.GhlSandbox.Diagnostics;

/// <summary>A bounded, thread-safe log of the requests the sandbox served, oldest dropped first.</summary>
public sealed class RequestJournal(IOptions<GhlSandboxOptions> options)
{
    private readonly Lock gate = new();
    private readonly LinkedList<JournalEntry> entries = new();
    private long sequence;

    public void Add(JournalEntry entry)
    {
        lock (gate)
        {
            entries.AddLast(entry with { Sequence = ++sequence });
            while (entries.Count > options.Value.JournalCapacity)
            {
                entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<JournalEntry> Query(JournalQuery query)
    {
        lock (gate)
        {
            return [.. entries.Where(query.Matches).TakeLast(query.Limit ?? 500)];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}

/// <summary>One request. Never holds a body, a token or a secret: the path's query is redacted (see the middleware).</summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    int Status,
    double DurationMs,
    string? TokenType,
    string? CompanyId,
    string? LocationId,
    string? CorrelationId,
    string? Fault);

public sealed record JournalQuery(
    string? Method, string? PathPrefix, int? Status, string? Resource, long? AfterSequence, int? Limit)
{
    public bool Matches(JournalEntry e) =>
        (Method is null || string.Equals(Method, e.Method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || e.Path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        && (Status is null || Status == e.Status)
        && (Resource is null || Resource == e.CompanyId || Resource == e.LocationId)
        && (AfterSequence is null || e.Sequence > AfterSequence);
}
