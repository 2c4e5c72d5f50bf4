namespace Provisioner.GhlClient.Http;

public enum GhlRetryMode
{
    /// <summary>GET/PUT/DELETE and read-only POSTs: repeating them is harmless, so 5xx and timeouts are retried.</summary>
    Idempotent,

    /// <summary>Creates: only answers that prove GHL did nothing (401, 429) are followed by a re-send.</summary>
    CreateOnce,
}
