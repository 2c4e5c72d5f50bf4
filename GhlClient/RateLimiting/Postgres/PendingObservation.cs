namespace Provisioner.GhlClient.RateLimiting.Postgres;

/// <summary>Headers of a response not yet written to the shared budget, and how long ago they arrived.</summary>
internal sealed record PendingObservation(GhlRateLimitHeaders Headers, bool RateLimited, int AgoMs);
