namespace Provisioner.Gateway.TokenExchange;

public enum ExchangeStatus
{
    /// <summary>AuthService issued a JWT.</summary>
    Issued,

    /// <summary>AuthService refused the credential (401/403): unknown, revoked or expired.</summary>
    Rejected,

    /// <summary>AuthService did not answer, or answered something other than a token or a refusal.</summary>
    Unavailable,
}

/// <summary>The result of one exchange at AuthService. Its <c>ToString</c> never shows the JWT.</summary>
public sealed class ExchangeOutcome
{
    public static readonly ExchangeOutcome Rejected = new(ExchangeStatus.Rejected, null, TimeSpan.Zero);
    public static readonly ExchangeOutcome Unavailable = new(ExchangeStatus.Unavailable, null, TimeSpan.Zero);

    private ExchangeOutcome(ExchangeStatus status, string? jwt, TimeSpan lifetime)
    {
        Status = status;
        Jwt = jwt;
        Lifetime = lifetime;
    }

    public ExchangeStatus Status { get; }

    /// <summary>The JWT when <see cref="Status"/> is <see cref="ExchangeStatus.Issued"/>.</summary>
    public string? Jwt { get; }

    /// <summary>How long the JWT is valid from when it was issued (AuthService's <c>expires_in</c>).</summary>
    public TimeSpan Lifetime { get; }

    public static ExchangeOutcome Issued(string jwt, TimeSpan lifetime) => new(ExchangeStatus.Issued, jwt, lifetime);

    public override string ToString() => Status.ToString();
}
