namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Decides what one <c>basic.ack(multiple: true)</c> may cover: the deliveries of a channel, in the order they arrived,
/// up to the first one still unsettled. A tag is never acknowledged while an earlier one is open (its entry is not yet
/// committed), and the ack never names a delivery settled on its own (nacked), which the broker would refuse as an
/// unknown tag and close the channel for. Thread-safe; every member is O(log n) in the deliveries open.
/// </summary>
public sealed class AckWatermark
{
    private readonly Lock gate = new();

    /// <summary>Received and not yet covered by an ack: tag → how it is settled (null while open).</summary>
    private readonly SortedDictionary<ulong, Settlement?> deliveries = [];

    private enum Settlement
    {
        /// <summary>Stored or moved to the error queue: the next multiple ack covers it.</summary>
        Ack,

        /// <summary>Already nacked on its own: an ack may pass it but must not name it.</summary>
        Done,
    }

    /// <summary>Deliveries received and not yet acknowledged or forgotten.</summary>
    public int Open
    {
        get
        {
            lock (gate)
            {
                return deliveries.Count;
            }
        }
    }

    public void Received(ulong tag)
    {
        lock (gate)
        {
            deliveries[tag] = null;
        }
    }

    /// <summary>Marks the delivery stored (or dead-lettered); returns the tag to ack with <c>multiple</c>, if one is due.</summary>
    public ulong? Acknowledge(ulong tag) => Settle(tag, Settlement.Ack);

    /// <summary>Marks a delivery that was nacked on its own; returns the tag to ack with <c>multiple</c>, if one is due.</summary>
    public ulong? Settled(ulong tag) => Settle(tag, Settlement.Done);

    /// <summary>
    /// The channel is gone: its deliveries come back from the broker and their tags mean nothing on the recovered
    /// channel, so they are forgotten (their later settlements are ignored).
    /// </summary>
    public void ForgetAll()
    {
        lock (gate)
        {
            deliveries.Clear();
        }
    }

    private ulong? Settle(ulong tag, Settlement how)
    {
        lock (gate)
        {
            if (!deliveries.ContainsKey(tag))
            {
                return null; // a delivery of a channel that has since been forgotten
            }

            deliveries[tag] = how;
            ulong? ackUpTo = null;
            var covered = new List<ulong>();
            foreach (var (open, settlement) in deliveries)
            {
                if (settlement is null)
                {
                    break;
                }

                covered.Add(open);
                if (settlement == Settlement.Ack)
                {
                    ackUpTo = open;
                }
            }

            // Covered Done entries past the last Ack are dropped too: nothing more is owed to the broker for them.
            foreach (var done in covered)
            {
                deliveries.Remove(done);
            }

            return ackUpTo;
        }
    }
}
