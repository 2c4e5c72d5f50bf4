using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Provisioner.AuthService.Internal;

/// <summary>
/// Authenticates another Provisioner service by the shared key in <c>X-Internal-Key</c>. Only the internal policy
/// names this scheme, so a session cookie, API key or JWT never reaches <c>/internal/**</c>, and this key never
/// reaches <c>/api/**</c>.
/// </summary>
public sealed class InternalKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<InternalApiOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "InternalKey";
    public const string HeaderName = "X-Internal-Key";

    /// <summary>The claim every internal principal carries; the policy requires it.</summary>
    public const string ServiceClaim = "provisioner:internal-service";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Matches(values[0]!, keys.CurrentValue.Keys))
        {
            // The failure reason goes to logs: it names the header, never the value presented.
            return Task.FromResult(AuthenticateResult.Fail($"The {HeaderName} header does not match a configured key."));
        }

        var identity = new ClaimsIdentity([new Claim(ServiceClaim, "true")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>
    /// Fixed-time comparison of SHA-256 digests: equal lengths whatever was presented, and every configured key is
    /// compared (no early exit), so timing reveals neither which key matched nor how much of one.
    /// </summary>
    public static bool Matches(string presented, IEnumerable<string> configured)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in configured)
        {
            match |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }
}
