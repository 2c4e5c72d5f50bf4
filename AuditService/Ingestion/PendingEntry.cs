using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// An entry waiting for its batch. <see cref="Stored"/> completes once the batch holding it (or an earlier copy of the
/// same message) is committed; the consumer awaits it so the broker acknowledges only stored messages.
/// </summary>
public sealed class PendingEntry(AuditEntry entry)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Everything but the chain fields (sequence, hashes, received-at), which the writer sets.</summary>
    public AuditEntry Entry { get; } = entry;

    public Task Stored => completion.Task;

    public void MarkStored() => completion.TrySetResult();

    public void MarkFailed(Exception error) => completion.TrySetException(error);
}
