using Provisioner.Web.Backend;
using Provisioner.Web.Errors;

namespace Provisioner.Web.Session;

/// <summary>
/// The JWT the other services accept, for this circuit's user: exchanged for the session cookie at AuthService
/// (<c>POST /api/auth/token</c>) and reused until shortly before it expires, then exchanged again. One exchange at a
/// time per circuit, so a page's parallel calls share one token.
/// </summary>
public sealed class ServiceTokenProvider(AuthApiClient auth, TimeProvider time) : IDisposable
{
    /// <summary>Exchange again this long before expiry, so a token never expires on its way to a service.</summary>
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task<ApiResult<string>> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && time.GetUtcNow() < _renewAt)
            {
                return ApiResult<string>.Ok(_token);
            }

            _token = null;
            var issued = await auth.ExchangeForTokenAsync(cancellationToken);
            if (issued is not { Succeeded: true, Value: { } token })
            {
                return ApiResult<string>.Failed(issued.Problem ?? new ProblemInfo("No token was issued."));
            }

            // A very short lifetime (tests, odd configuration) still counts: renew at half of it at the latest.
            var lifetime = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 1));
            var margin = lifetime > RenewalMargin * 2 ? RenewalMargin : lifetime / 2;
            _token = token.AccessToken;
            _renewAt = time.GetUtcNow() + lifetime - margin;
            return ApiResult<string>.Ok(_token);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A service rejected the token (key rotation, clock skew): the next call exchanges a fresh one.</summary>
    public void Invalidate() => _token = null;

    public void Dispose() => _gate.Dispose();
}
