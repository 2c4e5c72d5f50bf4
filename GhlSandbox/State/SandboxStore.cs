using System.Text.Json;
using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.State;

/// <summary>
/// The sandbox's data behind one lock. GHL-like traffic is light, so a single monitor keeps every multi-entity
/// change (a location and its snapshot load, a code and its tokens) atomic without per-entity locking.
/// </summary>
public sealed class SandboxStore
{
    private readonly Lock gate = new();
    private SandboxState state;
    private long version;

    public SandboxStore(SandboxState initial) => state = initial;

    /// <summary>Bumped on every write; the persister saves when it moves.</summary>
    public long Version => Interlocked.Read(ref version);

    public T Read<T>(Func<SandboxState, T> query)
    {
        lock (gate)
        {
            return query(state);
        }
    }

    public T Write<T>(Func<SandboxState, T> change)
    {
        lock (gate)
        {
            var result = change(state);
            Interlocked.Increment(ref version);
            return result;
        }
    }

    public void Replace(SandboxState next) => Write(_ => state = next);

    /// <summary>A serialized copy taken under the lock, for the state file and the admin API.</summary>
    public byte[] Serialize(JsonSerializerOptions options)
    {
        lock (gate)
        {
            return JsonSerializer.SerializeToUtf8Bytes(state, options);
        }
    }
}
